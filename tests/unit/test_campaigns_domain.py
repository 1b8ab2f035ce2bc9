"""Campaign use cases on in-memory fakes and a fake clock: who may write, windows, attaching, the gap map,
once-only invitations, and the digests' campaign block while a campaign runs (and only then)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from hromada.auth import Principal
from hromada.domain.campaigns import Campaigns
from hromada.domain.ports import ConditionFailed
from hromada.errors import Conflict, Forbidden, Invalid
from hromada.mail.digests import DigestPlanner
from hromada.mail.jobs import Outbox
from hromada.models.association import Association
from hromada.models.campaign import Campaign, CampaignCreate, CampaignPatch, InvitationSend
from tests.unit.test_mail import EVENT, Source, sub

ADMIN = Principal("admin", "admin@example.org", True, frozenset({"admins"}), second_factor=True)
MEMBER = Principal("member", "member@example.org", True, frozenset())
MODERATOR = Principal("moderator", "moderator@example.org", True, frozenset({"moderators"}), second_factor=True)
HOLODOMOR = {"slug": "holodomor", "name": {"fr": "Holodomor"}, "description": {"fr": "Souvenir."},
             "recurrence": {"month": 11, "weekday": 5, "nth": 4, "days_before": 6, "days_after": 1}}


class Store:
    def __init__(self):
        self.campaigns: dict[str, Campaign] = {}
        self.events: dict[str, list[dict]] = {}
        self.invitations: set[tuple[str, str]] = set()

    def create(self, campaign):
        if any(c.slug == campaign.slug for c in self.campaigns.values()):
            raise ConditionFailed("slug")
        self.campaigns[campaign.id] = campaign

    def save(self, campaign, expected_version):
        if self.campaigns[campaign.id].version != expected_version:
            raise ConditionFailed("version")
        self.campaigns[campaign.id] = campaign

    def get(self, campaign_id):
        return self.campaigns.get(campaign_id)

    def get_by_slug(self, slug):
        return next((c for c in self.campaigns.values() if c.slug == slug), None)

    def list_all(self):
        return list(self.campaigns.values())

    def events_page(self, campaign_id, region, low, high, limit, cursor):
        found = [e for e in self.all_events(campaign_id, low, high) if region is None or e["region"] == region]
        return found[:limit], None

    def all_events(self, campaign_id, low, high):
        return [e for e in self.events.get(campaign_id, []) if low <= e["start"] <= high]

    def announcements(self, campaign_id, limit):
        return []

    def invited(self, campaign_id):
        return {a for c, a in self.invitations if c == campaign_id}

    def claim_invitation(self, campaign_id, association_id, at):
        if (campaign_id, association_id) in self.invitations:
            return False
        self.invitations.add((campaign_id, association_id))
        return True

    def release_invitation(self, campaign_id, association_id):
        self.invitations.discard((campaign_id, association_id))


def association(i: int, department: str, region: str, status: str = "verified") -> Association:
    return Association.model_validate({
        "id": f"as_{i:020d}", "slug": f"a{i}", "name": f"Association {i}", "description": {"fr": "x"},
        "categories": ["culture"], "languages": ["uk"], "region": region, "department": department,
        "city": "Ville", "postal_code": f"{department}000", "status": status, "created_at": "x", "updated_at": "x",
        "owner_id": "x"})


class Directory:
    def __init__(self, associations):
        self.associations = associations

    def verified(self):
        return [a for a in self.associations if a.status == "verified"]

    def among(self, association_ids):
        return [a for a in self.associations if a.id in association_ids]

    def owners(self, association_id):
        return [f"owner-{association_id}@example.org"]


def service(today: datetime, store: Store | None = None, directory: Directory | None = None):
    return Campaigns(store or Store(), directory or Directory([]), Outbox(), web_url="https://web",
                     now=lambda: today, make_id=lambda prefix: f"{prefix}_{'1' * 20}")


def test_only_admins_with_their_second_factor_write_campaigns():
    campaigns = service(datetime(2026, 11, 1, tzinfo=UTC))
    for who in (MEMBER, MODERATOR, Principal("a", "a@example.org", True, frozenset({"admins"}))):
        with pytest.raises(Forbidden):
            campaigns.create(who, CampaignCreate.model_validate(HOLODOMOR))
    assert campaigns.store.campaigns == {}
    created = campaigns.create(ADMIN, CampaignCreate.model_validate(HOLODOMOR))
    with pytest.raises(Forbidden):
        campaigns.update(MEMBER, created.id, CampaignPatch(name={"fr": "x"}))
    with pytest.raises(Conflict):
        campaigns.create(ADMIN, CampaignCreate.model_validate(HOLODOMOR))  # slug taken


def test_the_window_follows_the_clock():
    store = Store()
    before = service(datetime(2026, 11, 1, tzinfo=UTC), store)
    campaign = before.create(ADMIN, CampaignCreate.model_validate(HOLODOMOR))
    assert before.running() == []
    assert [c.slug for c, _ in before.listing()] == ["holodomor"]
    during = service(datetime(2026, 11, 25, 12, tzinfo=UTC), store)
    (_, window), = during.running()
    assert (window.start, window.day, window.end) == (date(2026, 11, 22), date(2026, 11, 28), date(2026, 11, 29))
    after = service(datetime(2026, 12, 1, tzinfo=UTC), store)
    assert after.listing()[0][1].day == date(2027, 11, 27)
    assert after.next_days(campaign) == [date(2027, 11, 27), date(2028, 11, 25), date(2029, 11, 24)]


def test_attaching_needs_an_open_campaign_and_a_day_in_its_window():
    campaigns = service(datetime(2026, 11, 1, tzinfo=UTC))
    campaign = campaigns.create(ADMIN, CampaignCreate.model_validate(HOLODOMOR))
    assert campaigns.attachable(campaign.id, date(2026, 11, 28)) == campaign
    assert campaigns.attachable(campaign.id, date(2027, 11, 22))  # next year's window counts too
    with pytest.raises(Invalid) as outside:
        campaigns.attachable(campaign.id, date(2026, 11, 30))
    assert outside.value.code == "outside_campaign" and outside.value.status == 422
    campaigns.archive(ADMIN, campaign.id)
    with pytest.raises(Invalid) as archived:
        campaigns.attachable(campaign.id, date(2026, 11, 28))
    assert archived.value.code == "campaign_archived"


def test_the_gap_map_counts_events_by_region_and_department_and_lists_associations():
    store = Store()
    directory = Directory([association(1, "31", "76"), association(2, "29", "53"),
                           association(3, "35", "53", status="pending")])
    campaigns = service(datetime(2026, 11, 1, tzinfo=UTC), store, directory)
    campaign = campaigns.create(ADMIN, CampaignCreate.model_validate(HOLODOMOR))
    store.events[campaign.id] = [
        {"id": "ev_1", "start": "2026-11-28T18:00:00.000Z", "region": "76", "department": "31", "status": "scheduled"},
        {"id": "ev_2", "start": "2026-11-27T18:00:00.000Z", "region": "53", "department": "29",
         "status": "cancelled"},
        {"id": "ev_3", "start": "2025-11-22T18:00:00.000Z", "region": "53", "department": "29", "status": "scheduled"},
    ]
    with pytest.raises(Forbidden):
        campaigns.gaps(MODERATOR, campaign.id)
    regions = {r.code: r for r in campaigns.gaps(ADMIN, campaign.id).regions}
    assert len(regions) == 18 and regions["76"].events == 1
    assert regions["53"].events == 0  # a cancelled event and last year's do not cover it
    finistere = next(d for d in regions["53"].departments if d.code == "29")
    assert [a.id for a in finistere.associations] == [association(2, "29", "53").id]
    ille = next(d for d in regions["53"].departments if d.code == "35")
    assert ille.associations == []  # not verified: not listed


def test_an_invitation_goes_once_per_association_and_campaign():
    store = Store()
    invited = association(2, "29", "53")
    campaigns = service(datetime(2026, 11, 1, tzinfo=UTC), store, Directory([invited]))
    campaign = campaigns.create(ADMIN, CampaignCreate.model_validate(HOLODOMOR))
    subject, body = campaigns.invitation_draft(ADMIN, campaign.id, "fr").subject, "Venez, s'il vous plaît.\n\nMerci."
    send = InvitationSend(association_ids=[invited.id, invited.id, "as_" + "9" * 20], subject=subject, body=body)
    with pytest.raises(Forbidden):
        campaigns.invite(MEMBER, campaign.id, send)
    result = campaigns.invite(ADMIN, campaign.id, send)
    assert (result.invited, result.skipped) == ([invited.id], ["as_" + "9" * 20])
    (job,) = campaigns.outbox.jobs
    assert job.bulk and job.key == f"campaign-invitation:{campaign.id}:{invited.id}"
    assert job.letter.intro == ["Venez, s'il vous plaît.", "Merci."]
    assert [r.email for r in job.recipients] == [f"owner-{invited.id}@example.org"]
    with pytest.raises(Conflict):
        campaigns.invite(ADMIN, campaign.id, InvitationSend(association_ids=[invited.id], subject=subject, body=body))
    assert len(campaigns.outbox.jobs) == 1


def test_a_failed_queueing_gives_the_claim_back():
    store = Store()
    invited = association(2, "29", "53")
    campaigns = service(datetime(2026, 11, 1, tzinfo=UTC), store, Directory([invited]))
    campaign = campaigns.create(ADMIN, CampaignCreate.model_validate(HOLODOMOR))

    class Broken:
        def enqueue(self, jobs):
            raise RuntimeError("queue down")

    campaigns.outbox = Broken()
    with pytest.raises(RuntimeError):
        campaigns.invite(ADMIN, campaign.id, InvitationSend(association_ids=[invited.id], subject="Bonjour",
                                                            body="Une invitation."))
    assert store.invited(campaign.id) == set()  # the next attempt may send it


@pytest.mark.parametrize(("today", "featured"), [(datetime(2026, 11, 20, 7, tzinfo=UTC), False),
                                                 (datetime(2026, 11, 23, 7, tzinfo=UTC), True),
                                                 (datetime(2026, 11, 30, 7, tzinfo=UTC), False)])
def test_the_digest_features_a_campaign_during_its_window_only(today, featured):
    store = Store()
    campaigns = service(today, store)
    campaign = campaigns.create(ADMIN, CampaignCreate.model_validate(HOLODOMOR))
    store.events[campaign.id] = [{"id": "ev_1", "start": "2026-11-28T18:00:00.000Z", "region": "76",
                                  "status": "scheduled"}]
    planner = DigestPlanner(Source([sub(1, regions=["76"])], [EVENT], []), "https://web",
                            campaigns=lambda now: service(now, store).featured())
    (job,) = planner.plan("weekly", today).jobs
    first = job.letter.sections[0]
    if featured:
        assert first.title == "Campagne en cours" and first.cards[0].title == "Holodomor"
        assert first.cards[0].url == "https://web/#/campaigns/holodomor"
        assert "1 événement" in first.cards[0].summary and "22 novembre 2026" in first.cards[0].when
    else:
        assert all(s.title != "Campagne en cours" for s in job.letter.sections)


def test_the_four_demo_campaigns_are_valid_and_fall_on_their_days():
    from infra.demo_campaigns import CAMPAIGNS

    store = Store()
    ids = iter(f"cp_{i:020d}" for i in range(10))
    campaigns = Campaigns(store, now=lambda: datetime(2026, 12, 6, tzinfo=UTC), make_id=lambda prefix: next(ids))
    made = {body["slug"]: campaigns.create(ADMIN, CampaignCreate.model_validate(body)) for body in CAMPAIGNS}
    days = {slug: campaigns.next_days(c)[0] for slug, c in made.items()}
    assert days == {"holodomor": date(2027, 11, 27), "independance": date(2027, 8, 24),
                    "vychyvanka": date(2027, 5, 20), "dignite-liberte": date(2027, 11, 21)}
    assert all(set(c.name) == {"fr", "uk", "en"} and set(c.description) == {"fr", "uk", "en"} for c in made.values())


def test_an_edit_made_on_a_stale_version_is_refused_and_changes_nothing():
    campaigns = service(datetime(2026, 11, 1, tzinfo=UTC))
    created = campaigns.create(ADMIN, CampaignCreate.model_validate(HOLODOMOR))
    first = campaigns.update(ADMIN, created.id, CampaignPatch(name={"fr": "Holodomor 1932-1933"}, version=0))
    assert first.version == 1
    with pytest.raises(Conflict) as stale:
        campaigns.update(ADMIN, created.id, CampaignPatch(name={"fr": "Autre nom"}, version=0))
    assert stale.value.code == "concurrent_campaign_update" and stale.value.status == 409
    assert campaigns.get(created.id).name == {"fr": "Holodomor 1932-1933"}


def test_new_dates_that_leave_planned_events_outside_are_refused_with_their_count():
    store = Store()
    campaigns = service(datetime(2026, 11, 1, tzinfo=UTC), store)
    created = campaigns.create(ADMIN, CampaignCreate.model_validate(HOLODOMOR))  # window 22-29 November 2026
    planned = {"start": "2026-11-28T14:00:00Z", "timezone": "Europe/Paris", "status": "scheduled", "region": "76"}
    store.events[created.id] = [
        planned | {"id": "ev_1"}, planned | {"id": "ev_2", "start": "2026-11-22T09:00:00Z"},
        planned | {"id": "ev_3", "status": "cancelled"}, planned | {"id": "ev_4", "hidden": True},
        planned | {"id": "ev_5", "start": "2025-11-22T09:00:00Z"}]  # over: last year's window
    fixed_25 = {"month": 11, "day": 25, "days_before": 0, "days_after": 3}  # 25-28 November: ev_2 is outside
    with pytest.raises(Conflict) as refused:
        campaigns.update(ADMIN, created.id, CampaignPatch.model_validate({"recurrence": fixed_25}))
    assert refused.value.code == "campaign_events_outside" and refused.value.params == {"count": 1}
    assert store.campaigns[created.id].recurrence.nth == 4  # unchanged
    widened = campaigns.update(ADMIN, created.id, CampaignPatch.model_validate(
        {"recurrence": fixed_25 | {"days_before": 3}}))  # 22-28 November holds both
    assert (widened.recurrence.day, widened.version) == (25, 1)
    with pytest.raises(Conflict):  # one-off dates likewise
        campaigns.update(ADMIN, created.id, CampaignPatch(start=date(2026, 11, 1), end=date(2026, 11, 27)))
    renamed = campaigns.update(ADMIN, created.id, CampaignPatch(name={"uk": "Голодомор"}))  # dates untouched
    assert renamed.name == {"uk": "Голодомор"} and renamed.version == 2
