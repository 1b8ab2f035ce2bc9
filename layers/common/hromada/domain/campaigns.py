"""Campaign use cases: admins write campaigns; everyone reads them with their events by region; admins see
the gap map (regions and departments with no planned event, and the associations there) and invite those
associations' owners, once per association and campaign.

Attaching events races changing the campaign's dates; both sides are conditional writes, no lock is held:
- placing a planned event (attaching it, or moving an attached event's start) checks its day against the
  campaign as read, and its transaction updates the campaign item on condition that its `version` is still
  the one read and it is not archived, bumping the campaign's `attached` counter. A campaign edit landing
  first makes that write fail: the event is checked again against the new dates (a few times), then
  refused with 422 `outside_campaign` / `campaign_archived` if it no longer fits.
- a campaign edit (or archive) writes on condition of both the `version` and the `attached` counter it read.
  An attach landing between its count of planned events and its write makes it fail: the planned events
  are counted again (the admin's `version` still holds, since attaching does not change it), and the edit is
  refused with 409 `campaign_events_outside` if the new arrival falls outside the new dates.
Attaches do not condition on each other (the counter is an increment), so many may land together; detaching
needs no check (an event leaving can only make an edit safer). Announcements have no dates: their attach's
transaction checks the campaign is not archived, which the archive's conditional write orders before or after.
The count reads the campaign's events index, which DynamoDB updates a moment after the attach's transaction
(eventually consistent): an attach committed within that moment before the edit's read is the window left."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hromada.auth import Principal
from hromada.domain import markdown
from hromada.domain.campaign_dates import Window, YearlyRule, current_window, window_covering
from hromada.domain.campaign_ports import CampaignStore, Directory, MailOutbox
from hromada.domain.clock import new_id
from hromada.domain.ports import ConditionFailed
from hromada.domain.publishing import validate_whole
from hromada.errors import Conflict, Invalid, NotFound
from hromada.models.association import Status
from hromada.models.campaign import (
    Campaign,
    CampaignCreate,
    CampaignDraft,
    CampaignPatch,
    GapAssociation,
    GapDepartment,
    GapMap,
    GapRegion,
    InvitationDraft,
    InvitationResult,
    InvitationSend,
    WindowOut,
)
from hromada.reference import geography, times

ID_PREFIX = "cp"
PARIS = ZoneInfo("Europe/Paris")
MAX_ONE_OFF = timedelta(days=62)
NEXT_DAYS = 3
EDITABLE = tuple(CampaignDraft.model_fields)
FAR_FUTURE = "9999-12-31T23:59:59Z"


MAX_ATTEMPTS = 5  # a change of dates counted again while events keep being attached


class EventsAttached(Exception):
    """Events were attached (or moved) since the campaign was read: its planned events are counted again."""

    def __init__(self, version: int):
        super().__init__(version)
        self.version = version


def utc_clock() -> datetime:
    return datetime.now(UTC)


def rule_of(campaign: Campaign | CampaignDraft) -> YearlyRule | None:
    r = campaign.recurrence
    return YearlyRule(r.month, r.day, r.weekday, r.nth) if r else None


def window_of(campaign: Campaign, today: date) -> Window | None:
    """A yearly campaign's window running today or next; a one-off campaign's own dates."""
    rule = rule_of(campaign)
    if rule and campaign.recurrence:
        return current_window(rule, campaign.recurrence.days_before, campaign.recurrence.days_after, today)
    if campaign.start and campaign.end:
        return Window(campaign.start, campaign.end)
    return None


def window_out(window: Window | None, today: date) -> WindowOut | None:
    return WindowOut(start=window.start, end=window.end, day=window.day, running=window.running(today)) \
        if window else None


def covering(campaign: Campaign, day: date) -> Window | None:
    """The campaign's window holding `day` (any year of a yearly campaign)."""
    rule = rule_of(campaign)
    if rule and campaign.recurrence:
        return window_covering(rule, campaign.recurrence.days_before, campaign.recurrence.days_after, day)
    if campaign.start and campaign.end and campaign.start <= day <= campaign.end:
        return Window(campaign.start, campaign.end)
    return None


def check_dates(draft: CampaignDraft) -> None:
    """Either a yearly rule or one-off dates, never both; a one-off window in order and at most 62 days."""
    if draft.recurrence is not None:
        if draft.start or draft.end:
            raise Invalid("recurrence", "a yearly campaign has no `start`/`end`: its window follows the rule")
        try:
            rule = rule_of(draft)
        except ValueError as error:
            raise Invalid("recurrence", str(error)) from error
        if rule is None or rule.on_or_after(date(2000, 1, 1)) is None:
            raise Invalid("recurrence", "this rule gives no date (e.g. 31 February)")
        return
    if draft.start is None or draft.end is None:
        raise Invalid("start", "give `start` and `end`, or a yearly `recurrence`")
    if draft.end < draft.start:
        raise Invalid("end", "`end` must not be before `start`")
    if draft.end - draft.start > MAX_ONE_OFF:
        raise Invalid("end", "a campaign lasts at most 62 days")


def paris_day(instant: str) -> date:
    return datetime.fromisoformat(instant.replace("Z", "+00:00")).astimezone(PARIS).date()


def _bounds(window: Window) -> tuple[str, str]:
    """The UTC instants of a window's first and last Paris days (inclusive)."""
    first = datetime(window.start.year, window.start.month, window.start.day, tzinfo=PARIS)
    last = datetime(window.end.year, window.end.month, window.end.day, tzinfo=PARIS) + timedelta(days=1)
    return times.iso(first.astimezone(UTC)), times.iso((last - timedelta(milliseconds=1)).astimezone(UTC))


class Campaigns:
    def __init__(self, store: CampaignStore, directory: Directory | None = None, outbox: MailOutbox | None = None,
                 web_url: str = "", now: Callable[[], datetime] = utc_clock,
                 make_id: Callable[[str], str] = new_id, opt_out_ref: Callable[[str], str] | None = None):
        self.store, self.directory, self.outbox = store, directory, outbox
        # opt_out_ref(address): the mailbox's opt-out reference (optout:<pseudonym>), its unsubscribe link's subject
        self.opt_out_ref = opt_out_ref
        self.web_url = web_url.rstrip("/")
        self.now, self.make_id = now, make_id

    def today(self) -> date:
        return self.now().astimezone(PARIS).date()

    # ------------------------------------------------------------ reading
    def get(self, ref: str, *, include_archived: bool = True) -> Campaign:
        found = self.store.get(ref) if ref.startswith(f"{ID_PREFIX}_") else self.store.get_by_slug(ref)
        if found is None or (found.archived and not include_archived):
            raise NotFound("campaign_not_found")
        return found

    def listing(self, *, archived: bool = False) -> list[tuple[Campaign, Window | None]]:
        """Running and upcoming campaigns (or, with `archived`, the archived ones), soonest first."""
        today = self.today()
        found = []
        for campaign in self.store.list_all():
            if campaign.archived != archived:
                continue
            window = window_of(campaign, today)
            if not archived and (window is None or window.end < today):
                continue  # a one-off campaign that is over
            found.append((campaign, window))
        return sorted(found, key=lambda cw: (cw[1].start if cw[1] else date.max, cw[0].slug))

    def running(self) -> list[tuple[Campaign, Window]]:
        today = self.today()
        return [(c, w) for c, w in self.listing() if w is not None and w.running(today)]

    def featured(self) -> list[dict[str, Any]]:
        """The running campaigns with their count of planned events: the digests' block, the home page's banner."""
        from hromada.mail.campaign_letters import campaign_url

        found = []
        for campaign, window in self.running():
            low, high = _bounds(window)
            count = sum(1 for e in self.store.all_events(campaign.id, low, high)
                        if not e.get("hidden") and e.get("status") != "cancelled")
            found.append({"id": campaign.id, "slug": campaign.slug, "name": campaign.name, "start": window.start,
                          "end": window.end, "events": count, "url": campaign_url(self.web_url, campaign)})
        return found

    def next_days(self, campaign: Campaign) -> list[date]:
        rule = rule_of(campaign)
        return rule.next_days(self.today(), NEXT_DAYS) if rule else []

    def events(self, ref: str, region: str | None, limit: int, cursor: str | None
               ) -> tuple[Campaign, Window | None, list[dict[str, Any]], str | None]:
        campaign = self.get(ref)
        if region is not None and not geography.is_region(region):
            raise Invalid("region", f"unknown region code {region!r}")
        window = window_of(campaign, self.today())
        if window is None:
            return campaign, None, [], None
        low, high = _bounds(window)
        items, next_cursor = self.store.events_page(campaign.id, region, low, high, limit, cursor)
        return campaign, window, [i for i in items if not i.get("hidden")], next_cursor

    def announcements(self, ref: str, limit: int = 50) -> list[dict[str, Any]]:
        campaign = self.get(ref)
        return [a for a in self.store.announcements(campaign.id, limit) if not a.get("hidden")]

    # ------------------------------------------------------------ attaching (events, announcements)
    def attachable(self, campaign_id: str, day: date | None) -> Campaign:
        """The campaign an event (its Paris day) or announcement (no day) may be attached to: not archived;
        an event's day within one of its windows (422 otherwise)."""
        campaign = self.store.get(campaign_id)
        if campaign is None:
            raise Invalid("campaign_id", "no such campaign", code="campaign_not_found")
        if campaign.archived:
            raise Invalid("campaign_id", "this campaign is archived", code="campaign_archived")
        if day is not None and covering(campaign, day) is None:
            raise Invalid("start", "the event does not fall within the campaign's window", code="outside_campaign")
        return campaign

    # ------------------------------------------------------------ writing (admins)
    def create(self, principal: Principal, data: CampaignCreate) -> Campaign:
        principal.require_admin()
        draft = validate_whole(CampaignDraft, data.model_dump(exclude={"slug"}))
        check_dates(draft)
        now = times.iso(self.now())
        campaign = Campaign(**draft.model_dump(), slug=data.slug, id=self.make_id(ID_PREFIX),
                            description_html=markdown.to_html_by_language(
                                draft.description.model_dump(exclude_none=True)),
                            created_at=now, updated_at=now)
        try:
            self.store.create(campaign)
        except ConditionFailed as failed:
            raise Conflict("campaign_slug_taken") from failed
        return campaign

    def update(self, principal: Principal, campaign_id: str, patch: CampaignPatch) -> Campaign:
        principal.require_admin()
        version = patch.version
        for _ in range(MAX_ATTEMPTS):
            try:
                return self._update(campaign_id, patch, version)
            except EventsAttached as attached:
                version = attached.version  # only events arrived since the count: count again, same edit
        raise Conflict("concurrent_campaign_update")

    def _update(self, campaign_id: str, patch: CampaignPatch, version: int | None) -> Campaign:
        current = self.get(campaign_id)
        if current.archived:
            raise Conflict("campaign_archived")
        if version is not None and version != current.version:
            raise Conflict("concurrent_campaign_update")  # edited on a stale copy: never overwrite silently
        changes = patch.model_dump(exclude_unset=True, exclude={"version"})
        stored = current.model_dump(include=set(EDITABLE), exclude_none=True)
        if "recurrence" in changes and changes["recurrence"] is not None:
            stored.pop("start", None), stored.pop("end", None)  # switching to a yearly rule drops the dates
        if changes.get("start") or changes.get("end"):
            stored.pop("recurrence", None)
        draft = validate_whole(CampaignDraft, stored | changes)
        check_dates(draft)
        fields = draft.model_dump() | {"description_html": markdown.to_html_by_language(
            draft.description.model_dump(exclude_none=True))}
        updated = Campaign.model_validate(current.model_dump() | fields | {
            "version": current.version + 1, "updated_at": times.iso(self.now())})
        if (updated.recurrence, updated.start, updated.end) != (current.recurrence, current.start, current.end):
            self._keep_planned_events(updated)
        self._save(updated, current.version)
        return updated

    def _keep_planned_events(self, updated: Campaign) -> None:
        """New dates must still hold every event planned for the campaign (not over, not cancelled or hidden):
        the admin is told how many would fall outside, rather than the events silently leaving its page."""
        outside = 0
        for item in self.store.all_events(updated.id, times.iso(self.now()), FAR_FUTURE):
            if item.get("hidden") or item.get("status") == "cancelled":
                continue
            start = datetime.fromisoformat(item["start"].replace("Z", "+00:00"))
            if covering(updated, start.astimezone(times.zone(item.get("timezone") or "Europe/Paris")).date()) is None:
                outside += 1
        if outside:
            raise Conflict("campaign_events_outside", count=outside, details=[{
                "field": "recurrence" if updated.recurrence else "start",
                "message": f"{outside} planned event(s) would fall outside the new dates"}])

    def archive(self, principal: Principal, campaign_id: str) -> Campaign:
        principal.require_admin()
        for _ in range(MAX_ATTEMPTS):
            current = self.get(campaign_id)
            if current.archived:
                return current  # archiving twice changes nothing
            updated = current.model_copy(update={"archived": True, "version": current.version + 1,
                                                 "updated_at": times.iso(self.now())})
            try:
                self._save(updated, current.version)
            except EventsAttached:
                continue
            return updated
        raise Conflict("concurrent_campaign_update")

    def _save(self, updated: Campaign, expected: int) -> None:
        try:
            self.store.save(updated, expected)
        except ConditionFailed as failed:
            now = self.store.get(updated.id)
            if now is not None and now.version == expected and not now.archived:
                raise EventsAttached(expected) from failed  # not edited meanwhile: events were attached
            raise Conflict("concurrent_campaign_update") from failed

    # ------------------------------------------------------------ the gap map and invitations (admins)
    def gaps(self, principal: Principal, campaign_id: str) -> GapMap:
        principal.require_admin()
        campaign = self.get(campaign_id)
        window = window_of(campaign, self.today())
        by_region: dict[str, int] = {}
        by_department: dict[str, int] = {}
        if window is not None:
            low, high = _bounds(window)
            for item in self.store.all_events(campaign.id, low, high):
                if item.get("hidden") or item.get("status") == "cancelled" or not item.get("region"):
                    continue
                by_region[item["region"]] = by_region.get(item["region"], 0) + 1
                if item.get("department"):
                    by_department[item["department"]] = by_department.get(item["department"], 0) + 1
        invited = self.store.invited(campaign.id)
        associations: dict[str, list[GapAssociation]] = {}
        for a in self._directory().verified():
            if a.hidden:
                continue
            associations.setdefault(a.department, []).append(GapAssociation(
                id=a.id, name=a.name, slug=a.slug, department=a.department, invited=a.id in invited))
        regions = []
        for code in sorted(geography.REGIONS):
            departments = [GapDepartment(code=d, events=by_department.get(d, 0),
                                         associations=sorted(associations.get(d, []), key=lambda g: g.name))
                           for d in sorted(geography.DEPARTMENTS) if geography.region_of_department(d) == code]
            regions.append(GapRegion(code=code, events=by_region.get(code, 0), departments=departments))
        return GapMap(window=window_out(window, self.today()), regions=regions)

    def invitation_draft(self, principal: Principal, campaign_id: str, lang: str) -> InvitationDraft:
        from hromada.mail import campaign_letters

        principal.require_admin()
        campaign = self.get(campaign_id)
        window = window_of(campaign, self.today())
        subject, body = campaign_letters.invitation_text(lang, campaign, window, self.web_url)
        return InvitationDraft(lang=lang, subject=subject, body=body)

    def invite(self, principal: Principal, campaign_id: str, data: InvitationSend) -> InvitationResult:
        """Each association is invited once per campaign: its claim is a conditional write, made before its
        mail is queued (and given back if queueing fails), so two admins clicking together mail it once."""
        from hromada.mail import campaign_letters

        principal.require_admin()
        campaign = self.get(campaign_id, include_archived=False)
        directory = self._directory()
        # only the associations asked for (one batch read), not the whole directory
        verified = {a.id: a for a in directory.among(list(dict.fromkeys(data.association_ids)))
                    if a.status == Status.VERIFIED and not a.hidden}
        result = InvitationResult(invited=[], already=[], skipped=[])
        at = times.iso(self.now())
        for association_id in dict.fromkeys(data.association_ids):
            association = verified.get(association_id)
            owners = directory.owners(association_id) if association else []
            references = {email: self.opt_out_ref(email) for email in owners} if self.opt_out_ref else {}
            if references:
                gone = self.store.opted_out(list(references.values()))
                owners = [email for email in owners if references[email] not in gone]
            if not owners:
                result.skipped.append(association_id)
                continue
            if not self.store.claim_invitation(campaign.id, association_id, at):
                result.already.append(association_id)
                continue
            jobs = campaign_letters.invitation_jobs(campaign, association_id, owners, data.lang, data.subject,
                                                    data.body, self.web_url, references)
            try:
                self._outbox().enqueue(jobs)
            except Exception:
                self.store.release_invitation(campaign.id, association_id)
                raise
            result.invited.append(association_id)
        if data.association_ids and not result.invited and result.already and not result.skipped:
            raise Conflict("campaign_already_invited")
        return result

    def _directory(self) -> Directory:
        if self.directory is None:
            raise RuntimeError("no association directory wired")
        return self.directory

    def _outbox(self) -> MailOutbox:
        if self.outbox is None:
            raise RuntimeError("no mail outbox wired")
        return self.outbox
