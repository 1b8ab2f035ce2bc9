"""GET /twinning/health: the figures follow every initiative and partnership write (counters kept in the
writes' own transactions), the 30-day list of unanswered offers and the days to a first answer under a
fake clock, the counters under concurrent writes, and the route's two reads."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from hromada.auth import Principal
from hromada.domain.initiatives import Initiatives
from hromada.domain.twinning_health import TwinningHealth
from hromada.models.initiative import InitiativeCreate, InitiativeStatus
from hromada.store.initiatives import DynamoInitiativeStore
from hromada.store.matches import DynamoMatchIndex
from hromada.store.twinning_health import DynamoTwinningHealth
from tests.integration.test_races import race
from tests.integration.test_read_calls import calls_of
from tests.integration.twinning import initiative_body, proposal_body

RACERS = 8


def figures(api, moderator) -> dict:
    response = api("GET", "/twinning/health", moderator)
    assert response.status_code == 200, response.text
    return response.json()


def counts(body: dict, name: str) -> Counter:
    return Counter({c["key"]: c["count"] for c in body[name]})


def moved(before: dict, after: dict, name: str) -> dict[str, int]:
    delta = counts(after, name)
    delta.subtract(counts(before, name))
    return {k: n for k, n in delta.items() if n}


def test_the_figures_follow_publishing_matching_hiding_and_partnerships(api, new_association, person):
    mine, me = new_association(verified=True)
    moderator = person("moderators", label="moderator")
    start = figures(api, moderator)
    path = f"/associations/{mine['id']}/initiatives"
    needs = [api("POST", path, me, json=initiative_body(oblast="UA-21", domain="youth")).json() for _ in range(3)]
    api("POST", path, me, json=initiative_body(kind="offer", oblast="UA-21", domain="youth"))
    published = figures(api, moderator)
    assert moved(start, published, "open_needs_by_oblast") == {"UA-21": 3}
    assert moved(start, published, "open_needs_by_domain") == {"youth": 3}
    assert api("POST", f"/initiatives/{needs[0]['id']}/status", me, json={"status": "matched"}).status_code == 200
    assert api("POST", f"/initiatives/{needs[1]['id']}/hide", moderator, json={"reason": "spam"}).status_code == 200
    assert api("PATCH", f"/initiatives/{needs[2]['id']}", me, json={"oblast": "UA-46"}).status_code == 200
    after = figures(api, moderator)
    assert moved(start, after, "open_needs_by_oblast") == {"UA-46": 1}
    assert moved(start, after, "open_needs_by_domain") == {"youth": 1}
    assert after["answered_needs"] == start["answered_needs"] + 1

    p = api("POST", f"/associations/{mine['id']}/partnerships", me, json=proposal_body()).json()
    proposed = figures(api, moderator)
    assert moved(after, proposed, "partnerships_by_status") == {"proposed": 1}
    assert api("POST", f"/partnerships/{p['id']}/confirm", moderator, json={}).status_code == 200
    assert moved(after, figures(api, moderator), "partnerships_by_status") == {"in_discussion": 1}


def principal(who, *groups: str) -> Principal:
    return Principal(who.sub, who.email, True, frozenset(groups), second_factor=bool(groups))


def at(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def test_unanswered_offers_after_thirty_days_and_the_days_to_a_first_answer(new_association, person):
    """A fake clock drives the domain against the stack's table: published in 2024, read 29, 30, 31 days on."""
    mine, me = new_association(verified=True)
    owner, staff = principal(me), principal(person("moderators", label="moderator"), "moderators")
    t0 = datetime(2024, 2, 1, 9, tzinfo=UTC) + timedelta(minutes=datetime.now(UTC).microsecond % 100_000)

    def initiatives(moment: datetime) -> Initiatives:
        return Initiatives(DynamoInitiativeStore(), DynamoMatchIndex(), now=lambda: at(moment))

    def unanswered(days: float) -> list[str]:
        health = TwinningHealth(DynamoTwinningHealth(), now=lambda: at(t0 + timedelta(days=days)))
        return [o["id"] for o in health.read(staff).unanswered_offers]

    offer = initiatives(t0).publish(owner, mine["id"], InitiativeCreate.model_validate(
        initiative_body(kind="offer")))
    need = initiatives(t0).publish(owner, mine["id"], InitiativeCreate.model_validate(initiative_body()))
    assert offer.id not in unanswered(29.9)
    assert offer.id in unanswered(30.01)
    assert need.id not in unanswered(40)  # only offers wait for an answer here
    before = DynamoTwinningHealth().counters().get("answer_days.12", 0)

    initiatives(t0 + timedelta(days=12, hours=3)).change_status(owner, need.id, InitiativeStatus.MATCHED, None)
    initiatives(t0 + timedelta(days=31)).change_status(owner, offer.id, InitiativeStatus.MATCHED, None)
    assert offer.id not in unanswered(32)  # answered: out of the index, in the same write
    assert DynamoTwinningHealth().counters()["answer_days.12"] == before + 1
    # Back to open and matched again: the first answer stays the one counted, and the offer stays answered.
    initiatives(t0 + timedelta(days=40)).change_status(owner, need.id, InitiativeStatus.OPEN, None)
    initiatives(t0 + timedelta(days=50)).change_status(owner, need.id, InitiativeStatus.MATCHED, None)
    initiatives(t0 + timedelta(days=40)).change_status(owner, offer.id, InitiativeStatus.OPEN, None)
    assert DynamoTwinningHealth().counters()["answer_days.12"] == before + 1
    assert offer.id not in unanswered(60)


def test_counters_stay_right_under_concurrent_writes(api, new_association, person):
    mine, me = new_association(verified=True)
    moderator = person("moderators", label="moderator")
    start = figures(api, moderator)
    path = f"/associations/{mine['id']}/initiatives"
    created = race([lambda: api("POST", path, me, json=initiative_body(oblast="UA-74", domain="sport"))] * RACERS)
    assert Counter(r.status_code for r in created) == {201: RACERS}
    assert moved(start, figures(api, moderator), "open_needs_by_oblast") == {"UA-74": RACERS}
    # The same change sent many times at once (a retried request, a double click): one wins, counted once.
    need = created[0].json()["id"]
    changed = race([lambda: api("POST", f"/initiatives/{need}/status", me, json={"status": "matched"})] * RACERS)
    assert Counter(r.status_code for r in changed) == {200: 1, 409: RACERS - 1}
    assert moved(start, figures(api, moderator), "open_needs_by_oblast") == {"UA-74": RACERS - 1}


def test_the_health_route_is_two_reads_and_staff_only(api, person):
    assert calls_of(api, "/twinning/health", person("moderators", label="moderator")) == ["Query", "GetItem"]
    assert calls_of(api, "/twinning/health", person("admins", label="admin")) == ["Query", "GetItem"]
    assert api("GET", "/twinning/health", person(label="member")).status_code == 403
    assert api("GET", "/twinning/health", person("moderators", label="nomfa", mfa=False)).status_code == 403
    assert api("GET", "/twinning/health").status_code == 401


def test_the_rebuild_from_the_items_finds_what_the_writes_kept(api, new_association, stack):
    """Admin maintenance (a Scan): rebuilt from every initiative and partnership, the figures are the ones
    the writes kept; and a counters item lost or wrong is put right."""
    from hromada.store.twinning_health_rebuild import rebuild
    from tests.integration.test_races import table

    mine, me = new_association(verified=True)
    api("POST", f"/associations/{mine['id']}/initiatives", me, json=initiative_body(kind="offer"))
    kept = DynamoTwinningHealth()
    before, (waiting, _) = kept.counters(), kept.unanswered("9999")
    client, name = table(stack)
    client.put_item(TableName=name, Item={"pk": {"S": "TWINNING_HEALTH"}, "sk": {"S": "COUNTERS"},
                                          "open_need.oblast.UA-48": {"N": "-40"}})
    summary = rebuild(client, name)
    assert summary["items"] > 0
    assert {k: v for k, v in kept.counters().items() if v} == {k: v for k, v in before.items() if v}
    assert kept.unanswered("9999")[0] == waiting
