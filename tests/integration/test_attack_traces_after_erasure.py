"""Attack: after someone erased their account (or unsubscribed), read the whole table and look for them by
hashing their address, as anyone holding a candidate list of addresses could.

Subscription ids were `sb_<sha256(address)>`, kept in follower entries (`FOLLOWERS#…/sb_…`, never erased)
and in delivery records' job keys; delivery records keyed addresses by a plain SHA-256 too.
"""

from __future__ import annotations

import hashlib
import json

from hromada.pseudonyms import normalise_address
from tests.integration.mail import confirmed_subscriber, link, manage_link, subscribe, wait_mails
from tests.integration.test_personal_data import scan_all, table


def traces(stack, email: str, follower_keys: set[tuple[str, str]]) -> list[dict]:
    """Items holding the address, a SHA-256 of it (whole or cut, of the address as given or normalised), or
    one of the person's follower entries."""
    needles = {email, email.lower()}
    for form in {email.strip().lower(), normalise_address(email)}:
        digest = hashlib.sha256(form.encode()).hexdigest()
        needles |= {digest, digest[:32], digest[:24]}
    found = []
    for item in scan_all(stack):
        text = json.dumps(item)
        if any(n in text for n in needles) or (item["pk"]["S"], item["sk"]["S"]) in follower_keys:
            found.append(item)
    return found


def followers_of(stack, association_id: str) -> set[tuple[str, str]]:
    client, name = table(stack)
    found = client.query(TableName=name, KeyConditionExpression="pk = :pk",
                         ExpressionAttributeValues={":pk": {"S": f"FOLLOWERS#{association_id}"}})
    assert "LastEvaluatedKey" not in found  # a new association: a handful of followers
    return {(i["pk"]["S"], i["sk"]["S"]) for i in found["Items"]}


def erase(api, someone):
    """DELETE /me, confirmed with one's own address (in the body; the query string where that is still how)."""
    done = api("DELETE", "/me", someone, json={"confirm": someone.email})
    if done.status_code == 422:
        done = api("DELETE", "/me", someone, params={"confirm": someone.email})
    return done


def test_after_erasure_no_item_names_the_subscriber(api, stack, person, new_association):
    association, _ = new_association(verified=True)
    leaver = person(label="leaver")
    body = {"regions": ["76"], "associations": [association["id"]], "language": "fr", "frequency": "weekly"}
    assert api("PUT", "/me/subscription", leaver, json=body).status_code == 200
    assert subscribe(api, leaver.email.lower()).status_code == 202  # a notice: a delivery record is kept
    wait_mails(stack, leaver.email.lower())
    entries = followers_of(stack, association["id"])
    assert len(entries) == 1
    assert traces(stack, leaver.email, entries)  # the scan sees the subscription (it holds the address)

    assert erase(api, leaver).status_code == 204
    assert traces(stack, leaver.email, entries) == []


def test_after_unsubscribing_no_item_names_the_subscriber(api, stack, person, new_association):
    association, _ = new_association(verified=True)
    email = confirmed_subscriber(api, person, associations=[association["id"]])
    entries = followers_of(stack, association["id"])
    assert len(entries) == 1
    manage = manage_link(api, stack, email)
    done = api.session.post(manage.replace("/manage?", "/unsubscribe?"), data="List-Unsubscribe=One-Click",
                            headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=30)
    assert done.status_code == 200
    assert traces(stack, email, entries) == []


def test_a_pending_subscription_leaves_no_plain_hash_in_the_mail_records(api, stack):
    from tests.integration.mail import address

    email = address("pending")
    assert subscribe(api, email).status_code == 202
    link(wait_mails(stack, email)[0], "confirm")
    hashed = [i for i in traces(stack, email, set()) if i["pk"]["S"].startswith("MAIL#")]
    assert hashed == []


def test_an_unsubscribe_racing_a_change_of_followed_associations_leaves_no_follower_entry(stack):
    """The unsubscribe read version 1 (following A); a change saved version 2 (following A and B) before the
    delete: the delete must notice and remove B's entry too."""
    from hromada.domain.subscriptions import subscription_id
    from hromada.models.subscription import Subscription
    from hromada.store.subscriptions import DynamoSubscriptionStore
    from tests.integration.mail import address

    store = DynamoSubscriptionStore()
    email, a, b = address("racer"), "as_" + "a" * 20, "as_" + "b" * 20
    first = Subscription(id=subscription_id(email), email=email, status="confirmed", associations=[a],
                         created_at="2026-12-01T00:00:00.000Z", updated_at="2026-12-01T00:00:00.000Z")
    store.create(first, expires_at=None)
    second = first.model_copy(update={"associations": [a, b], "version": 2})
    store.save(second, previous=first, expires_at=None)
    store.delete(first)  # what the unsubscribe had read
    left = [i for i in scan_all(stack) if i["pk"]["S"] in (f"FOLLOWERS#{a}", f"FOLLOWERS#{b}")
            and i["sk"]["S"] == first.id]
    assert left == [] and store.get(first.id) is None
