"""Attack: keep a manage link from an old digest and use it after its owner unsubscribed and subscribed
again (the same mailbox, so the same subscription id): the old link must not touch the new subscription."""

from __future__ import annotations

from tests.integration.mail import link, subscribe, wait_mails

BODY = {"regions": ["76"], "language": "fr", "frequency": "weekly"}


def test_a_link_from_an_earlier_subscription_is_refused_and_the_new_one_works(api, stack, person):
    member = person(label="resubscriber")
    email = member.email.lower()
    assert api("PUT", "/me/subscription", member, json=BODY).status_code == 200
    assert subscribe(api, email).status_code == 202  # a known address: its owner gets the manage link
    old = link(wait_mails(stack, email)[0], "manage")

    assert api("DELETE", "/me/subscription", member).status_code == 204
    assert api("PUT", "/me/subscription", member, json={**BODY, "regions": ["11"]}).status_code == 200

    preferences = old.replace("/manage?", "/preferences?")
    refused = api.session.get(preferences, timeout=30)
    assert refused.status_code == 410 and refused.json()["error"]["code"] == "subscription_link_outdated"
    changed = api.session.post(old, data="frequency=daily", timeout=30,
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert changed.status_code == 410
    gone = api.session.post(old.replace("/manage?", "/unsubscribe?"), data="List-Unsubscribe=One-Click", timeout=30)
    assert gone.status_code == 410
    mine = api("GET", "/me/subscription", member)
    assert mine.status_code == 200 and (mine.json()["regions"], mine.json()["frequency"]) == (["11"], "weekly")

    assert subscribe(api, email).status_code == 202
    fresh = link(wait_mails(stack, email, count=2)[0], "manage")  # newest first
    assert fresh != old
    assert api.session.get(fresh.replace("/manage?", "/preferences?"), timeout=30).status_code == 200
