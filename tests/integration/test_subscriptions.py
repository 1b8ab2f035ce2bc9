"""Subscribing with double opt-in, signed links, one-click unsubscribe, and a member's own subscription."""

from __future__ import annotations

import re
import threading

import pytest

from tests.integration.mail import (
    MAIL_QUEUES,
    address,
    confirmed_subscriber,
    drained,
    link,
    mails_to,
    manage_link,
    subscribe,
    wait_mails,
)


def test_nothing_but_the_confirmation_is_sent_until_the_link_is_followed(api, stack):
    email = address()
    accepted = subscribe(api, email, language="uk", regions=["76", "11"])
    assert accepted.status_code == 202 and accepted.json() == {"status": "confirmation_sent"}
    [mail] = wait_mails(stack, email)
    assert mail["subject"] == "Підтвердьте підписку на новини Hromada"
    assert "List-Unsubscribe" not in mail["headers"]  # a confirmation is not bulk mail
    confirm = link(mail, "confirm")
    page = api.session.get(confirm, timeout=30)  # a link scanner's GET changes nothing
    assert page.status_code == 200 and 'method="post"' in page.text
    mine = api.session.get(confirm.replace("/confirm?", "/preferences?"), timeout=30)
    assert mine.status_code == 400 and mine.json()["error"]["code"] == "invalid_token"  # wrong purpose
    done = api.session.post(confirm, timeout=30)
    assert done.status_code == 200 and "Підписку підтверджено" in done.text
    assert api.session.post(confirm, timeout=30).status_code == 200  # idempotent


def test_subscribing_a_known_address_reveals_nothing(api, stack, person):
    known = confirmed_subscriber(api, person)
    unknown = address()
    first, second = subscribe(api, known, regions=["11"]), subscribe(api, unknown)
    assert (first.status_code, first.json()) == (second.status_code, second.json())
    # The owner of the known address is told, with a link to manage it; nothing changed meanwhile.
    [notice] = wait_mails(stack, known)
    assert notice["subject"] == "Votre abonnement à Hromada"
    manage = link(notice, "manage")
    prefs = api.session.get(manage.replace("/manage?", "/preferences?"), timeout=30).json()
    assert prefs["status"] == "confirmed" and prefs["regions"] == ["76"]


def test_a_tampered_or_foreign_token_is_refused(api, stack):
    email = address()
    subscribe(api, email)
    confirm = link(wait_mails(stack, email)[0], "confirm")
    head, _, token = confirm.partition("token=")
    header, payload, signature = token.split(".")
    forged = f"{head}token={header}.{payload}.{signature[:-2]}{'AA' if signature[-2:] != 'AA' else 'BB'}"
    refused = api.session.post(forged, timeout=30)
    assert refused.status_code == 400 and "text/html" in refused.headers["content-type"]
    import jwt

    self_signed = jwt.encode({"sub": "sb_x", "pur": "confirm", "iat": 1, "exp": 4102444800, "iss": "hromada-mail"},
                             "guessed-key", algorithm="HS256")
    assert api.session.post(f"{head}token={self_signed}", timeout=30).status_code == 400
    json_refusal = api("GET", f"/subscriptions/preferences?token={self_signed}")
    assert json_refusal.status_code == 400 and json_refusal.json()["error"]["code"] == "invalid_token"


def test_one_click_unsubscribe_needs_no_login_and_no_page(api, stack, person):
    manage = manage_link(api, stack, confirmed_subscriber(api, person))
    unsubscribe = manage.replace("/manage?", "/unsubscribe?")
    page = api.session.get(unsubscribe, timeout=30)
    assert page.status_code == 200 and 'method="post"' in page.text
    assert api.session.get(manage.replace("/manage?", "/preferences?"), timeout=30).status_code == 200
    done = api.session.post(unsubscribe, data="List-Unsubscribe=One-Click",
                            headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=30)
    assert done.status_code == 200
    gone = api.session.get(manage.replace("/manage?", "/preferences?"), timeout=30)
    assert gone.status_code == 404
    assert api.session.post(unsubscribe, data="List-Unsubscribe=One-Click", timeout=30).status_code == 200


def test_preferences_change_through_the_manage_form(api, stack, person):
    manage = manage_link(api, stack, confirmed_subscriber(api, person))
    saved = api.session.post(manage, data="frequency=daily&language=en&regions=84&regions=11&categories=concert",
                             headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=30)
    assert saved.status_code == 200 and "Preferences saved." in saved.text
    prefs = api.session.get(manage.replace("/manage?", "/preferences?"), timeout=30).json()
    assert (prefs["frequency"], prefs["language"], prefs["regions"], prefs["categories"]) == (
        "daily", "en", ["11", "84"], ["concert"])
    bad = api.session.post(manage, data="frequency=hourly", headers={
        "Content-Type": "application/x-www-form-urlencoded"}, timeout=30)
    assert bad.status_code == 422


def test_the_manage_page_speaks_the_subscriptions_language(api, stack, person):
    """Topics by their names in the page's language, regions in the language's alphabetical order, and a way
    back to the site from every page a mail leads to (the confirmed page was a dead end)."""
    manage = manage_link(api, stack, confirmed_subscriber(api, person))
    french = api.session.get(manage, timeout=30).text
    assert "Cours de langue" in french and "Commémoration" in french
    assert "language class" not in french and "language_class" not in french.replace('value="language_class"', "")
    assert "Aller sur le site Hromada" in french and 'href="http' in french
    api.session.post(manage, data="frequency=weekly&language=uk", timeout=30,
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    ukrainian = api.session.get(manage, timeout=30).text
    assert "Мовний курс" in ukrainian and "Перейти на сайт Hromada" in ukrainian
    regions = re.findall(r'name="regions" value="\d+"\s*> ([^<]+)</label>', ukrainian)
    assert len(regions) == 18
    # Ukrainian order: І after И, Є after Е (code points would put Іль-де-Франс first)
    assert regions.index("Іль-де-Франс") > regions.index("Гранд-Ест") and regions[0] == "Бретань", regions


def test_the_confirmed_page_links_back_to_the_site(api, stack):
    email = address("back")
    subscribe(api, email)
    done = api.session.post(link(wait_mails(stack, email)[0], "confirm"), timeout=30)
    assert done.status_code == 200 and "Abonnement confirmé" in done.text
    home = re.search(r'<a href="([^"]+)">Aller sur le site Hromada</a>', done.text)
    assert home and home.group(1).endswith("/#/")


def test_invalid_subscriptions_get_one_error_shape(api):
    for body in ({"email": "not-an-address"}, {"email": address(), "regions": ["99"]},
                 {"email": address(), "frequency": "hourly"}, {"email": address(), "language": "de"},
                 {"email": address(), "extra": 1}):
        response = api("POST", "/subscriptions", json=body)
        assert response.status_code == 422, body
        assert set(response.json()["error"]) == {"code", "message", "details"}


def test_twenty_requests_at_once_for_one_address_store_one_subscription_and_send_one_mail(api, stack):
    email = address("race")
    barrier = threading.Barrier(20)
    statuses: list[int] = []

    def one() -> None:
        barrier.wait()
        statuses.append(subscribe(api, email).status_code)

    threads = [threading.Thread(target=one) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(set(statuses)) == [202]
    wait_mails(stack, email)
    assert drained(stack, *MAIL_QUEUES)  # any duplicate would have been sent by now
    assert len(mails_to(stack, email)) == 1


def test_a_member_manages_their_own_subscription_only(api, person):
    alice, bob = person(label="alice"), person(label="bob")
    none = {"regions": [], "categories": [], "associations": [], "language": "fr", "frequency": "weekly",
            "status": "none"}  # not subscribed is a state, not an error (no 404 in the console of every page)
    assert api("GET", "/me/subscription", alice).json() == none
    saved = api("PUT", "/me/subscription", alice, json={"regions": ["76"], "frequency": "daily", "language": "uk"})
    assert saved.status_code == 200 and saved.json()["status"] == "confirmed"  # verified by sign-up
    assert api("GET", "/me/subscription", bob).json() == none  # never someone else's
    assert api("GET", "/me/subscription", alice).json() | {"status": "confirmed"} == saved.json()
    assert api("DELETE", "/me/subscription", alice).status_code == 204
    assert api("GET", "/me/subscription", alice).json() == none


def test_an_unverified_address_cannot_subscribe_through_the_account(api, person):
    unverified = person(verified=False)
    response = api("PUT", "/me/subscription", unverified, json={"frequency": "weekly"})
    assert response.status_code == 403


@pytest.mark.parametrize("path", ["/subscriptions/confirm", "/subscriptions/unsubscribe", "/subscriptions/manage"])
def test_link_pages_without_a_token_are_refused(api, path):
    assert api("GET", path).status_code == 422
