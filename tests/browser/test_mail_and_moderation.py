"""Journeys through the newer pages of the web client: subscribing to the mail digest (confirmed from the mail),
managing it and unsubscribing; members reporting an announcement until it is hidden and a moderator restoring
it; a member downloading their data and deleting their account. Then axe-core and a phone's width on those pages."""

from __future__ import annotations

import json
import re
import time
from typing import TYPE_CHECKING

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from infra.browser import settled
from tests.browser.people import person, sign_in_as, sign_up
from tests.browser.test_accessibility import check

if TYPE_CHECKING:
    from tests.browser.conftest import Site

pytestmark = pytest.mark.browser

FLAGGED_TITLE = "Nous cherchons des lieux d'exposition"  # Vyshyvanka Lyon's call for partners (infra/demo.py)


def mail_to(site: Site, address: str, timeout: float = 20) -> dict:
    """The newest mail the local stack sent to `address` (read from the dev mailbox)."""
    deadline = time.monotonic() + timeout
    while True:
        mails = [m for m in requests.get(f"{site.url}/dev/mailbox.json", timeout=30).json() if m["to"] == address]
        if mails:
            return mails[0]
        assert time.monotonic() < deadline, f"no mail to {address}"
        time.sleep(0.5)


def announcement(site: Site, title: str) -> dict:
    items = requests.get(f"{site.url}/announcements", params={"limit": 100}, timeout=30).json()["items"]
    return next(a for a in items if a["title"].get("fr") == title)


def no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_member_subscribes_confirms_from_the_mail_then_manages_and_unsubscribes(browser: Browser, site: Site) -> None:
    with person(browser, site.url, "journey_subscription") as page:
        email, _ = sign_up(page, name="Mariia Test")

        # Given the subscribe page (the footer links to it), a region and a topic ticked
        page.goto("/#/")
        page.get_by_role("link", name="Recevoir les nouvelles").click()
        expect(page.locator("main h1")).to_have_text("Recevoir les nouvelles par e-mail")
        page.get_by_label("Adresse e-mail").fill("not-an-address")
        page.get_by_role("button", name="S’abonner").click()
        expect(page.get_by_role("alert")).to_contain_text("Saisissez une adresse e-mail valide.")
        page.get_by_label("Adresse e-mail").fill(email)
        page.locator("summary", has_text="Régions").click()
        page.get_by_label("Occitanie").check()
        page.locator("summary", has_text="Thèmes des événements").click()
        page.get_by_label("Cours de langue").check()
        page.get_by_label("Fréquence").select_option("daily")
        page.get_by_role("button", name="S’abonner").click()

        # Then: check your mailbox
        expect(page.locator(".success")).to_contain_text("Vérifiez votre boîte aux lettres")
        expect(page.locator(".success")).to_contain_text(email)
        expect(page.locator("#live")).to_contain_text(email)

        # The confirmation mail's link opens the server's page; its button confirms
        mail = mail_to(site, email)
        link = re.search(r"(https?://\S+/subscriptions/confirm\?token=\S+)", mail["text"]).group(1)
        page.goto(link)
        page.get_by_role("button", name="Confirmer mon abonnement").click()
        expect(page.locator("h1")).to_have_text("Abonnement confirmé")

        # The member follows an association from its profile
        page.goto("/#/associations/maison-ukrainienne-de-toulouse")
        page.get_by_role("button", name="Suivre").click()
        expect(page.locator(".success").filter(has_text="Vous suivez Maison ukrainienne de Toulouse")).to_be_visible()

        # My account shows the subscription as chosen, the followed association included
        page.get_by_role("link", name="Mon compte").click()
        expect(page.locator("main h1")).to_have_text("Mon compte")
        expect(page.get_by_text("Abonnement actif.")).to_be_visible()
        expect(page.get_by_label("Occitanie")).to_be_checked()
        expect(page.get_by_label("Cours de langue")).to_be_checked()
        expect(page.get_by_label("Maison ukrainienne de Toulouse")).to_be_checked()
        expect(page.get_by_label("Fréquence")).to_have_value("daily")

        # Changing the preferences
        page.get_by_label("Concert").check()
        page.get_by_label("Fréquence").select_option("weekly")
        page.get_by_role("button", name="Enregistrer").click()
        expect(page.locator(".success").filter(has_text="Modifications enregistrées.")).to_be_visible()
        page.reload()
        expect(page.get_by_label("Concert")).to_be_checked()
        expect(page.get_by_label("Fréquence")).to_have_value("weekly")

        # And unsubscribing
        page.get_by_role("button", name="Se désabonner").click()
        expect(page.locator(".success").filter(has_text="Vous êtes désabonné·e.")).to_be_visible()
        expect(page.get_by_text("Vous n’êtes pas abonné·e aux nouvelles.")).to_be_visible()
        expect(page.get_by_role("button", name="Se désabonner")).to_have_count(0)


def report(page: Page, slug: str, title: str, reason: str, comment: str = "") -> None:
    page.goto(f"/#/associations/{slug}")
    card = page.locator("li.card", has=page.get_by_role("heading", name=title))
    card.get_by_role("button", name="Signaler").click()
    dialog = page.get_by_role("dialog", name="Signaler un contenu")
    expect(dialog).to_be_visible()
    # a reason is required
    dialog.get_by_role("button", name="Envoyer le signalement").click()
    expect(dialog.get_by_role("alert")).to_have_text("Choisissez un motif.")
    dialog.get_by_label(reason).check()
    if comment:
        dialog.get_by_label("Commentaire (facultatif)").fill(comment)
    dialog.get_by_role("button", name="Envoyer le signalement").click()
    expect(dialog).to_have_count(0)
    thanks = page.locator(".success").filter(has_text="Merci : les modérateurs examineront ce contenu.")
    expect(thanks).to_be_focused()


def test_members_report_an_announcement_until_hidden_and_a_moderator_restores_it(browser: Browser, site: Site) -> None:
    target = announcement(site, FLAGGED_TITLE)
    slug = target["association"]["slug"]

    # Given three members who report the same announcement (the third report hides it)
    with person(browser, site.url, "journey_report_1") as page:
        sign_in_as(page, "member")
        report(page, slug, FLAGGED_TITLE, "Spam", "Le même message tous les jours.")
    for n in (2, 3):
        with person(browser, site.url, f"journey_report_{n}") as page:
            sign_up(page, name=f"Reporter {n}")
            report(page, slug, FLAGGED_TITLE, "Désinformation" if n == 2 else "Spam")

    # Then it is hidden from the public, and the association's public record says so
    listed = requests.get(f"{site.url}/announcements", params={"association": target["association"]["id"]},
                          timeout=30).json()["items"]
    assert target["id"] not in [a["id"] for a in listed]
    with person(browser, site.url, "journey_report_public") as page:
        page.goto(f"/#/associations/{slug}")
        expect(page.get_by_text("1 contenu masqué par la modération.")).to_be_visible()
        expect(page.get_by_text(re.compile("Motifs signalés : .*Spam \\(2\\)"))).to_be_visible()
        expect(page.get_by_role("heading", name=FLAGGED_TITLE)).to_have_count(0)

    # The owner's dashboard tells its editors
    with person(browser, site.url, "journey_report_owner") as page:
        sign_in_as(page, "owner", then="#/dashboard")
        page.get_by_role("link", name="Vyshyvanka Lyon").click()
        expect(page.get_by_role("heading", name="Messages de la modération")).to_be_visible()
        expect(page.locator(".notice-block")).to_contain_text(target["id"])

    # When a moderator opens it from the queue and restores it
    with person(browser, site.url, "journey_report_moderator") as page:
        sign_in_as(page, "moderator", then="#/moderation")
        queue = page.locator("section", has=page.get_by_role("heading", name="Contenus signalés"))
        card = queue.locator("li.card", has_text=FLAGGED_TITLE)
        expect(card).to_contain_text("Masqué")
        expect(card).to_contain_text("3 signalements")
        card.get_by_role("link", name=FLAGGED_TITLE).click()
        expect(page.locator("main h1")).to_have_text(f"Annonce — {FLAGGED_TITLE}")
        expect(page.locator(".facts")).to_contain_text("Masqué")
        expect(page.get_by_text("Le même message tous les jours.")).to_be_visible()
        expect(page.get_by_role("button", name="Masquer")).to_have_count(0)
        page.get_by_role("button", name="Rétablir").click()
        expect(page.locator(".success").filter(has_text="Contenu rétabli.")).to_be_visible()
        expect(page.locator(".facts")).to_contain_text("Décidé")
        expect(page.locator(".facts")).to_contain_text("Visible")

    # Then the announcement is back
    listed = requests.get(f"{site.url}/announcements", params={"association": target["association"]["id"]},
                          timeout=30).json()["items"]
    assert target["id"] in [a["id"] for a in listed]


def test_a_moderator_warns_an_association_its_owner_reads_it_and_dismisses_another_report(
        browser: Browser, site: Site) -> None:
    # Given a member reporting an event from its page
    with person(browser, site.url, "journey_report_event") as page:
        sign_in_as(page, "member")
        page.goto("/#/events?region=93")
        page.get_by_role("link", name="Concert de bandoura").click()
        page.get_by_role("button", name="Signaler").click()
        page.get_by_role("dialog").get_by_label("Fraude ou arnaque").check()
        page.get_by_role("dialog").get_by_role("button", name="Envoyer le signalement").click()
        expect(page.locator(".success").filter(has_text="Merci")).to_be_focused()

    with person(browser, site.url, "journey_warn_moderator") as page:
        sign_in_as(page, "moderator", then="#/moderation")
        # When the moderator warns the association behind the school-supplies announcement (a note is required)
        page.get_by_role("link", name="Collecte de fournitures scolaires").click()
        expect(page.get_by_text("Publié trois fois cette semaine.")).to_be_visible()
        page.get_by_role("button", name="Avertir l’association").click()
        expect(page.get_by_role("alert")).to_have_text("Indiquez un motif.")
        expect(page.get_by_label("Note ou motif")).to_be_focused()
        page.get_by_label("Note ou motif").fill("Une seule publication par semaine, merci.")
        page.get_by_role("button", name="Avertir l’association").click()
        expect(page.locator(".success").filter(has_text="Avertissement envoyé.")).to_be_visible()
        # And dismisses the report on the event, which leaves the queue
        page.get_by_role("link", name="Retour à la modération").click()
        page.get_by_role("link", name="Concert de bandoura").click()
        page.get_by_role("button", name="Classer sans suite").click()
        expect(page.locator(".success").filter(has_text="Signalements classés sans suite.")).to_be_visible()
        page.get_by_role("link", name="Retour à la modération").click()
        queue = page.locator("section", has=page.get_by_role("heading", name="Contenus signalés"))
        expect(queue.get_by_role("link", name="Collecte de fournitures scolaires")).to_be_visible()
        expect(queue.get_by_role("link", name="Concert de bandoura")).to_have_count(0)

    # Then the association's dashboard shows the warning to its owner
    with person(browser, site.url, "journey_warn_owner") as page:
        sign_in_as(page, "owner", then="#/dashboard")
        page.get_by_role("link", name="Jeunesse ukrainienne de Grenoble").click()
        notices = page.locator(".notice-block")
        expect(notices.get_by_role("heading", name="Avertissements")).to_be_visible()
        expect(notices).to_contain_text("Une seule publication par semaine, merci.")


def test_a_member_downloads_their_data_and_deletes_their_account(browser: Browser, site: Site) -> None:
    with person(browser, site.url, "journey_my_data") as page:
        email, password = sign_up(page, name="Bohdan Test")
        page.goto("/#/events?region=44")
        page.get_by_role("link", name="Projection : « 20 jours à Marioupol »").click()
        page.get_by_role("button", name="Je participe").click()
        expect(page.locator(".rsvp-state").filter(has_text="Vous êtes inscrit·e à cet événement.")).to_be_visible()

        # My account lists the registration
        page.goto("/#/account")
        events = page.locator("section", has=page.get_by_role("heading", name="Mes inscriptions"))
        expect(events.get_by_role("link", name="Projection : « 20 jours à Marioupol »")).to_be_visible()
        expect(events).to_contain_text("Inscrit·e")

        # The export downloads as a JSON file
        with page.expect_download() as download:
            page.get_by_role("button", name="Télécharger mes données").click()
        assert download.value.suggested_filename.endswith(".json")
        data = json.loads(download.value.path().read_text())
        assert data["profile"]["email"] == email and len(data["rsvps"]) == 1

        # Deleting asks for one's own address
        field = page.get_by_label("Pour confirmer, saisissez votre adresse e-mail")
        field.fill("someone-else@example.org")
        page.get_by_role("button", name="Supprimer définitivement mon compte").click()
        expect(page.get_by_role("alert")).to_have_text("Ce n’est pas l’adresse de votre compte.")
        expect(field).to_be_focused()
        field.fill(email)
        page.get_by_role("button", name="Supprimer définitivement mon compte").click()
        expect(page.locator("main h1")).to_have_text("Compte supprimé")
        expect(page.get_by_role("link", name="Se connecter")).to_be_visible()

        # The account is gone
        page.goto("/#/signin")
        page.get_by_label("Adresse e-mail").fill(email)
        page.get_by_label("Mot de passe").fill(password)
        page.locator("main form").get_by_role("button", name="Se connecter").click()
        expect(page.get_by_role("alert")).to_be_visible()


def test_the_new_pages_pass_axe_and_fit_a_phone(browser: Browser, site: Site) -> None:
    problems = []
    flagged = next(r for r in requests.get(f"{site.url}/announcements", params={"limit": 100}, timeout=30)
                   .json()["items"] if r["title"].get("fr") == "Collecte de fournitures scolaires")
    with person(browser, site.url, "axe_new_anonymous") as page:
        for lang in ("fr", "uk", "en"):
            page.goto("/")
            page.evaluate(f"localStorage.setItem('hromada.lang', '{lang}')")
            problems += check(page, "/#/subscribe", f"{lang}-subscribe")
        page.evaluate("localStorage.setItem('hromada.lang', 'fr')")
        problems += check(page, "/#/associations/vyshyvanka-lyon", "association-moderation-record")
    with person(browser, site.url, "axe_new_member") as page:
        sign_in_as(page, "member")
        for lang in ("fr", "uk"):
            page.evaluate(f"localStorage.setItem('hromada.lang', '{lang}')")
            problems += check(page, "/#/account", f"{lang}-member-account")
        page.evaluate("localStorage.setItem('hromada.lang', 'fr')")
        page.goto("/#/associations/maison-ukrainienne-de-toulouse")
        page.reload()
        settled(page)
        page.get_by_role("button", name="Signaler").first.click()
        expect(page.get_by_role("dialog")).to_be_visible()
        from axe_playwright_python.sync_playwright import Axe

        from tests.browser.test_accessibility import OPTIONS
        result = Axe().run(page, options=OPTIONS).response
        problems += [{"page": "report-dialog", "rule": v["id"], "impact": v["impact"]}
                     for v in result["violations"] if v["impact"] in ("serious", "critical")]
        # Escape closes the dialog and gives focus back to its button
        page.keyboard.press("Escape")
        expect(page.get_by_role("dialog")).to_have_count(0)
        expect(page.get_by_role("button", name="Signaler").first).to_be_focused()
        # a phone
        page.set_viewport_size({"width": 360, "height": 740})
        for path in ("/#/account", "/#/subscribe"):
            page.goto(path)
            page.reload()
            settled(page)
            no_sideways_scroll(page)
    with person(browser, site.url, "axe_new_moderator") as page:
        sign_in_as(page, "moderator", then="#/moderation")
        problems += check(page, "/#/moderation", "moderator-queue")
        problems += check(page, f"/#/moderation/flags/announcement:{flagged['id']}", "moderator-flag")
        page.set_viewport_size({"width": 360, "height": 740})
        no_sideways_scroll(page)
    with person(browser, site.url, "axe_new_owner") as page:
        sign_in_as(page, "owner", then="#/dashboard")
        manage = page.locator("a[href^='#/dashboard/a/']").first.get_attribute("href")
        problems += check(page, f"/{manage}", "owner-association-notices")
    assert problems == [], json.dumps(problems, indent=2, ensure_ascii=False)
