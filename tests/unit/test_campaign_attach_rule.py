"""The attach rule on in-memory fakes: an event is written into a campaign only if the campaign is still the
version its day was checked against (else it is checked again), and a change of dates is written only if no
event was attached since its count (else it counts again). Another request is slipped in between each read and
its write."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest

from hromada.domain import events as events_domain
from hromada.domain.campaigns import Campaigns
from hromada.domain.events import Events
from hromada.domain.ports import ConditionFailed
from hromada.errors import Conflict, Invalid
from hromada.models.campaign import CampaignCreate, CampaignPatch
from tests.unit.event_fakes import MemoryEventStore, RecordingPublisher
from tests.unit.event_world import ADMIN, NOW, OWNER, body, world  # noqa: F401 (the fixture)
from tests.unit.test_campaigns_domain import Directory, Store

APRIL = {"slug": "printemps", "name": {"fr": "Printemps ukrainien"}, "description": {"fr": "Avril."},
         "start": "2026-04-01", "end": "2026-04-30"}


class CampaignTable(Store):
    """The campaign item's two conditions: an attach needs the version read (not archived) and bumps
    `attached`; a save needs both the version and `attached` as read."""

    def save(self, campaign, expected_version):
        stored = self.campaigns[campaign.id]
        if stored.version != expected_version or stored.attached != campaign.attached:
            raise ConditionFailed("version")
        self.campaigns[campaign.id] = campaign

    def attach(self, campaign_id, version, event):
        stored = self.campaigns.get(campaign_id)
        if stored is None or stored.archived or stored.version != version:
            raise ConditionFailed("campaign")
        self.campaigns[campaign_id] = stored.model_copy(update={"attached": stored.attached + 1})
        self.events.setdefault(campaign_id, []).append(
            {"id": event.id, "start": event.start, "timezone": event.timezone, "status": event.status.value})


class AttachingEventStore(MemoryEventStore):
    """Writes an attached event with its campaign condition; `between` runs before each such write (another
    request landing after this one's read)."""

    def __init__(self, associations, table: CampaignTable):
        super().__init__(associations)
        self.table = table
        self.between: Callable[[], None] = lambda: None

    def create(self, event, seats, *, editor_email, dates=(), campaign_version=None):
        if campaign_version is not None:
            self.between()
            self.table.attach(event.campaign_id, campaign_version, event)
        super().create(event, seats, editor_email=editor_email, dates=dates)


@pytest.fixture
def setup(world):  # noqa: F811 (the fixture imported above)
    _, mine, _, clock, _ = world
    table = CampaignTable()
    campaigns = Campaigns(table, Directory([]), now=lambda: NOW, make_id=lambda prefix: f"{prefix}_{'1' * 20}")
    campaign = campaigns.create(ADMIN, CampaignCreate.model_validate(APRIL))
    checks: list[str] = []

    def check(campaign_id, day):
        checks.append(campaign_id)
        return campaigns.attachable(campaign_id, day)

    store = AttachingEventStore(world[0].associations, table)
    ids = itertools.count()
    events = Events(store, world[0].associations, RecordingPublisher(), now=clock, campaign_check=check,
                    make_id=lambda prefix: f"{prefix}_attach{next(ids)}")
    return campaigns, campaign, events, store, table, mine, checks


def once(action: Callable[[], object]) -> Callable[[], None]:
    done: list[bool] = []

    def run() -> None:
        if not done:
            done.append(True)
            action()
    return run


def test_dates_changed_between_the_check_and_the_write_send_the_event_back_to_the_check(setup):
    campaigns, campaign, events, store, table, mine, checks = setup
    store.between = once(lambda: campaigns.update(ADMIN, campaign.id, CampaignPatch(start="2026-04-15")))
    with pytest.raises(Invalid) as refused:
        events.create(OWNER, mine, body(campaign_id=campaign.id))  # 10 April: inside the dates it was checked on
    assert refused.value.code == "outside_campaign" and refused.value.status == 422
    assert len(checks) == 2 and table.events.get(campaign.id) is None and not store.events


def test_a_rename_between_the_check_and_the_write_still_takes_the_event(setup):
    campaigns, campaign, events, store, table, mine, checks = setup
    store.between = once(lambda: campaigns.update(ADMIN, campaign.id, CampaignPatch(name={"fr": "Autre"})))
    event, _ = events.create(OWNER, mine, body(campaign_id=campaign.id))
    assert len(checks) == 2 and [e["id"] for e in table.events[campaign.id]] == [event.id]
    assert table.campaigns[campaign.id].attached == 1


def test_a_campaign_that_keeps_changing_gives_up_with_409(setup):
    campaigns, campaign, events, store, _, mine, checks = setup
    names = iter(range(100))
    store.between = lambda: campaigns.update(ADMIN, campaign.id, CampaignPatch(name={"fr": f"Nom {next(names)}"}))
    with pytest.raises(Conflict) as refused:
        events.create(OWNER, mine, body(campaign_id=campaign.id))
    assert refused.value.code == "concurrent_campaign_update"
    assert len(checks) == events_domain.MAX_ATTEMPTS and not store.events


def attach_during_save(table: CampaignTable, attach: Callable[[], object]) -> None:
    """The first save of the campaign finds an event attached after its count."""
    save = table.save

    def save_after_an_attach(campaign, expected_version):
        table.save = save
        attach()
        save(campaign, expected_version)
    table.save = save_after_an_attach


def test_an_event_attached_after_the_count_makes_the_edit_count_again(setup):
    campaigns, campaign, events, _, table, mine, _ = setup
    attach_during_save(table, lambda: events.create(OWNER, mine, body(campaign_id=campaign.id)))
    with pytest.raises(Conflict) as refused:
        campaigns.update(ADMIN, campaign.id, CampaignPatch(start="2026-04-15", version=campaign.version))
    assert refused.value.code == "campaign_events_outside" and refused.value.status == 409
    stored = table.campaigns[campaign.id]
    assert (str(stored.start), stored.version, stored.attached) == ("2026-04-01", campaign.version, 1)


def test_an_event_attached_inside_the_new_dates_lets_the_edit_through_after_a_recount(setup):
    campaigns, campaign, events, _, table, mine, _ = setup
    attach_during_save(table, lambda: events.create(OWNER, mine, body(campaign_id=campaign.id)))
    updated = campaigns.update(ADMIN, campaign.id, CampaignPatch(start="2026-04-05", version=campaign.version))
    stored = table.campaigns[campaign.id]
    assert updated.version == stored.version == campaign.version + 1 and str(stored.start) == "2026-04-05"
    assert stored.attached == 1  # carried, not reset


def test_another_admins_edit_meanwhile_is_still_a_409_not_overwritten(setup):
    campaigns, campaign, _, _, table, _, _ = setup
    attach_during_save(table, lambda: campaigns.update(ADMIN, campaign.id, CampaignPatch(name={"fr": "Autre"})))
    with pytest.raises(Conflict) as refused:
        campaigns.update(ADMIN, campaign.id, CampaignPatch(start="2026-04-05"))
    assert refused.value.code == "concurrent_campaign_update"
    assert table.campaigns[campaign.id].name == {"fr": "Autre"}


def test_archiving_after_an_attach_reads_again_and_archives(setup):
    campaigns, campaign, events, _, table, mine, _ = setup
    attach_during_save(table, lambda: events.create(OWNER, mine, body(campaign_id=campaign.id)))
    assert campaigns.archive(ADMIN, campaign.id).archived is True
    assert table.campaigns[campaign.id].archived and table.campaigns[campaign.id].attached == 1


def test_an_attach_after_the_archive_is_refused(setup):
    campaigns, campaign, events, store, _, mine, _ = setup
    store.between = once(lambda: campaigns.archive(ADMIN, campaign.id))
    with pytest.raises(Invalid) as refused:
        events.create(OWNER, mine, body(campaign_id=campaign.id))
    assert refused.value.code == "campaign_archived" and not store.events
