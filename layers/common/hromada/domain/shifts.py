"""Volunteer shifts of project announcements: editors offer them, members sign up like for an event.

Signing up follows the RSVP rules (hromada.domain.rsvps): a place while one is free and nobody waits, else
the waitlist in order of arrival; every decision made from a read is re-checked by the write's conditions on
the shift's counters, and a failed condition means: read again, decide again. Leaving hands the place to the
first waiting volunteer in the same transaction. The two are kept apart rather than shared because an RSVP
is bound to the event's own rules (registration closing, the events bus, changes that re-open seats).

Changing `people` below the volunteers already confirmed is refused (409): nobody who was told "you are in"
is moved back to the waitlist by an edit.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from hromada.auth import Principal
from hromada.domain.clock import new_id
from hromada.domain.ports import AssociationStore, ConditionFailed
from hromada.domain.publishing import editor_email, validate_whole
from hromada.domain.rate_limits import Quota, QuotaExceeded, WriteGuard
from hromada.domain.shift_ports import ShiftMail, ShiftStore, WithdrawnAnnouncement
from hromada.domain.time_budget import TimeBudget
from hromada.errors import Conflict, Forbidden, Invalid, NotFound, TooManyRequests, Unavailable
from hromada.models.announcement import Announcement, AnnouncementType, ProjectNeed
from hromada.models.shift import (
    Shift,
    ShiftCreate,
    ShiftDraft,
    ShiftPatch,
    ShiftStatus,
    Signup,
    SignupStatus,
    VolunteerOut,
    VolunteersOut,
)
from hromada.reference import times

MAX_ATTEMPTS = 12  # as for RSVPs: each failed attempt means another request changed the counters first
MESSAGES_PER_HOUR = 5  # messages to volunteers per association and hour (a repeated message id counts once)
MESSAGE_WINDOW_SECONDS = 3600
MESSAGE_ID_DAYS = 30  # a message id is remembered this long (a retry after that is a new message)
REMINDER_AHEAD = timedelta(hours=24)


def _clock() -> datetime:
    return datetime.now(UTC)


class _NoMail:
    def __getattr__(self, _name: str) -> Callable[..., None]:
        return lambda *args, **kwargs: None


def instants(draft: ShiftDraft) -> tuple[str, str]:
    """The shift's start and end as stored UTC instants (wall-clock times in its zone)."""
    try:
        start = times.to_utc(datetime.combine(draft.date, draft.start_time), draft.time_zone)
        end = times.to_utc(datetime.combine(draft.date, draft.end_time), draft.time_zone)
    except times.LocalTimeError as error:
        raise Invalid("start_time", "this time does not exist in the time zone (clocks go forward)") from error
    return times.iso(start), times.iso(end)


class Shifts:
    def __init__(self, store: ShiftStore, associations: AssociationStore | None = None, mail: ShiftMail | None = None,
                 now: Callable[[], datetime] = _clock, make_id: Callable[[str], str] = new_id):
        self.store = store
        self.associations = associations
        self.mail: Any = mail or _NoMail()
        self.now = now
        self.make_id = make_id

    # ------------------------------------------------------------ reading
    def listing(self, announcement_id: str) -> tuple[Announcement, list[Shift]]:
        announcement, shifts = self.store.announcement_with_shifts(announcement_id)
        if announcement is None or announcement.hidden:
            raise NotFound("announcement_not_found")
        return announcement, shifts

    def _shift(self, announcement_id: str, shift_id: str) -> tuple[Announcement, Shift]:
        announcement, shifts = self.listing(announcement_id)
        for shift in shifts:
            if shift.id == shift_id:
                return announcement, shift
        raise NotFound("shift_not_found")

    # ------------------------------------------------------------ editors
    def create(self, principal: Principal, announcement_id: str, data: ShiftCreate) -> Shift:
        editor = editor_email(principal)
        announcement, _ = self.listing(announcement_id)
        if announcement.type != AnnouncementType.PROJECT or ProjectNeed.VOLUNTEERS not in announcement.needs:
            raise Conflict("shifts_need_volunteers")
        draft = validate_whole(ShiftDraft, data.model_dump())
        starts_at, ends_at = self._future(draft)
        now = times.iso(self.now())
        shift = Shift(id=self.make_id("sh"), announcement_id=announcement.id,
                      association_id=announcement.association_id, starts_at=starts_at, ends_at=ends_at,
                      created_at=now, **self._fields(draft))
        try:
            self.store.create(shift, editor_email=editor)
        except ConditionFailed as failed:
            if failed.which == "editor":
                raise Forbidden() from failed
            raise NotFound("announcement_not_found") from failed
        return shift

    def update(self, principal: Principal, announcement_id: str, shift_id: str, patch: ShiftPatch) -> Shift:
        editor = editor_email(principal)
        announcement, current = self._shift(announcement_id, shift_id)
        if current.status == ShiftStatus.CANCELLED:
            self._require_editor(principal, current)
            raise Conflict("shift_cancelled")
        merged = self._fields_of(current) | patch.model_dump(exclude_unset=True, mode="json")
        if "place" in patch.model_fields_set and patch.place is not None:
            merged["online_url"] = None
        if "online_url" in patch.model_fields_set and patch.online_url is not None:
            merged["place"] = None
        draft = validate_whole(ShiftDraft, merged)
        if draft.people < current.confirmed:
            raise Conflict("people_below_confirmed", confirmed=current.confirmed)
        starts_at, ends_at = self._future(draft) if (draft.date, draft.start_time, draft.end_time, draft.time_zone) != (
            current.date, current.start_time, current.end_time, current.time_zone) else (current.starts_at,
                                                                                         current.ends_at)
        updated = Shift.model_validate({**current.model_dump(mode="json"), **self._fields(draft),
                                        "starts_at": starts_at, "ends_at": ends_at, "version": current.version + 1})
        try:
            self.store.save(updated, current.version, editor_email=editor)
        except ConditionFailed as failed:
            if failed.which == "editor":
                raise Forbidden() from failed
            raise Conflict("shift_changed") from failed  # a volunteer or another editor came first: read again
        if updated.people > current.people:
            self.fill(announcement, updated)
        return self.store.get(announcement_id, shift_id) or updated

    def cancel(self, principal: Principal, announcement_id: str, shift_id: str) -> Shift:
        editor = editor_email(principal)
        announcement, current = self._shift(announcement_id, shift_id)
        if current.status == ShiftStatus.CANCELLED:  # idempotent: the volunteers were told the first time
            self._require_editor(principal, current)  # (nothing written: the editor check on its own)
            return current
        cancelled = current.model_copy(update={"status": ShiftStatus.CANCELLED, "version": current.version + 1})
        try:
            self.store.save(cancelled, current.version, editor_email=editor)
        except ConditionFailed as failed:
            if failed.which == "editor":
                raise Forbidden() from failed
            raise Conflict("shift_changed") from failed
        signups, _ = self.store.signups(shift_id)
        self.mail.cancelled(announcement, cancelled, signups)
        return cancelled

    def volunteers(self, principal: Principal, announcement_id: str, shift_id: str) -> VolunteersOut:
        """Who comes, for the association's editors (and admins): names only, never addresses."""
        _, shift = self._shift(announcement_id, shift_id)
        self._require_editor(principal, shift)
        signups, slots = self.store.signups(shift_id)
        order = {slot.member_id: index for index, slot in enumerate(sorted(slots, key=lambda s: s.joined_at), 1)}
        confirmed = sorted((s for s in signups if s.status == SignupStatus.CONFIRMED), key=lambda s: s.joined_at)
        waiting = sorted((s for s in signups if s.status == SignupStatus.WAITLISTED),
                         key=lambda s: order.get(s.member_id, len(order) + 1))
        items = [VolunteerOut(name=s.name or "—", status=s.status,
                              position=order.get(s.member_id) if s.status == SignupStatus.WAITLISTED else None)
                 for s in [*confirmed, *waiting]]
        return VolunteersOut(shift_id=shift.id, people=shift.people, confirmed=len(confirmed),
                             waitlisted=len(waiting), items=items)

    def message(self, principal: Principal, announcement_id: str, shift_id: str, message_id: str,
                text: str) -> tuple[int, bool]:
        """Mail the shift's confirmed volunteers; (recipients, whether this id was already sent)."""
        announcement, shift = self._shift(announcement_id, shift_id)
        self._require_editor(principal, shift)
        association = self.associations.get(shift.association_id) if self.associations else None
        # Volunteers' replies go to the association's published contact: never an address it keeps private.
        if association is None or not association.contact_email or not association.show_contact_email:
            raise Conflict("association_without_contact")
        now = self.now()
        expires = int((now + timedelta(days=MESSAGE_ID_DAYS)).timestamp())
        signups = [s for s in self.store.signups(shift_id)[0] if s.status == SignupStatus.CONFIRMED]
        seconds = int(now.timestamp())
        window = seconds // MESSAGE_WINDOW_SECONDS * MESSAGE_WINDOW_SECONDS
        quota = WriteGuard((Quota(f"shiftmsg:{shift.association_id}", MESSAGES_PER_HOUR),), None, seconds, window,
                           window + 2 * MESSAGE_WINDOW_SECONDS)
        try:
            if not self.store.claim_message(shift_id, message_id, expires, quota):
                return len(signups), True
        except QuotaExceeded as spent:
            raise TooManyRequests("too_many_messages", retry_after=window + MESSAGE_WINDOW_SECONDS - seconds) from spent
        self.mail.message(announcement, shift, signups, message_id, text, reply_to=association.contact_email)
        return len(signups), False

    # ------------------------------------------------------------ volunteers
    def join(self, principal: Principal, announcement_id: str, shift_id: str) -> tuple[Signup, int | None, bool]:
        """The member's signup, their waitlist position (None when confirmed), and whether it is new."""
        principal.require_verified_email()
        for _ in range(MAX_ATTEMPTS):
            announcement, shift, existing = self._read(announcement_id, shift_id, principal.user_id)
            if existing is not None:
                return existing, self._position(existing), False
            now = times.iso(self.now())
            if shift.status == ShiftStatus.CANCELLED:
                raise Conflict("shift_cancelled")
            if now >= shift.starts_at:
                raise Conflict("shift_started")
            place = shift.confirmed < shift.people and shift.waiting == 0
            signup = Signup(shift_id=shift.id, announcement_id=shift.announcement_id, member_id=principal.user_id,
                            email=principal.email, name=principal.name,
                            status=SignupStatus.CONFIRMED if place else SignupStatus.WAITLISTED, joined_at=now,
                            attempt=secrets.token_hex(8))
            try:
                if place:
                    self.store.take_place(signup)
                    position = None
                else:
                    self.store.join_waitlist(signup)
                    position = self.store.position(signup)
            except ConditionFailed:
                if self._ours(signup):  # our own write, retried by the client after a timeout
                    return signup, self._position(signup), True
                continue
            self.mail.signed_up(announcement, shift, signup, position)
            return signup, position, True
        raise Unavailable()

    def mine(self, principal: Principal, announcement_id: str, shift_id: str) -> tuple[Signup | None, int | None]:
        _, _, signup = self._read(announcement_id, shift_id, principal.user_id)
        if signup is None:
            return None, None
        return signup, self._position(signup)

    def leave(self, principal: Principal, announcement_id: str, shift_id: str) -> None:
        for _ in range(MAX_ATTEMPTS):
            announcement, shift, signup = self._read(announcement_id, shift_id, principal.user_id,
                                                     visible_only=False)  # erasure leaves any shift
            if signup is None:
                raise NotFound("signup_not_found")
            now = times.iso(self.now())
            handing_over = shift.status == ShiftStatus.SCHEDULED and now < shift.starts_at
            slot = None
            if signup.status == SignupStatus.CONFIRMED and handing_over and shift.waiting:
                slot = self.store.first_waiting(shift_id)
            try:
                self.store.leave(signup, promote=slot, at=now, only_if_nobody_waits=handing_over)
            except ConditionFailed:
                continue
            if slot is not None and announcement is not None:
                self._told_promoted(announcement, shift, slot.member_id)
            return
        raise Unavailable()

    def leave_by_ref(self, principal: Principal, ref: str) -> None:
        """Erasure: `ref` is what the person index lists a signup under (<announcement id>#<shift id>)."""
        announcement_id, _, shift_id = ref.partition("#")
        self.leave(principal, announcement_id, shift_id)

    def fill(self, announcement: Announcement, shift: Shift) -> int:
        """Give free places to the waitlist, first come first served (after `people` grew)."""
        promoted = 0
        for _ in range(shift.waiting + MAX_ATTEMPTS):
            current = self.store.get(shift.announcement_id, shift.id)
            now = times.iso(self.now())
            if current is None or not (current.status == ShiftStatus.SCHEDULED and current.confirmed < current.people
                                       and current.waiting and now < current.starts_at):
                break
            slot = self.store.first_waiting(shift.id)
            if slot is None:
                break
            try:
                self.store.promote(current, slot, at=now)
            except ConditionFailed:
                continue
            promoted += 1
            self._told_promoted(announcement, current, slot.member_id)
        return promoted

    # ------------------------------------------------------------ an announcement deleted
    def withdraw(self, gone: WithdrawnAnnouncement, budget: TimeBudget | None = None) -> int:
        """After its announcement's delete: cancel each shift, mail its volunteers (confirmed and waitlisted),
        remove its items. Run again (a duplicate delivery, a retry after a failure), it mails nobody twice:
        the mail has the cancellation's once-only key, and a shift already removed is not found. Returns the
        shifts handled. With a budget, raises OutOfTime between two shifts when another might not fit: the
        shifts left are all the next run finds."""
        _, shifts = self.store.announcement_with_shifts(gone.id)
        now = times.iso(self.now())
        for done, shift in enumerate(shifts):
            if budget is not None:
                budget.start_step(done)
            # Cancelled first: no promotion or reminder starts from it any more (signups already fail, their
            # transaction checking the announcement), so the signups read next are all there will be.
            before = self.store.close(gone.id, shift.id)
            if before is None:
                continue
            # Told: the volunteers of a shift still to come. A shift cancelled earlier was told then; one that has
            # taken place is not cancelled after the fact. Either is only removed.
            if before == ShiftStatus.SCHEDULED and now < shift.ends_at:
                signups, _ = self.store.signups(shift.id)
                self.mail.withdrawn(gone, shift.model_copy(update={"status": ShiftStatus.CANCELLED}), signups)
            self.store.remove(gone.id, shift.id)
        return len(shifts)

    # ------------------------------------------------------------ reminders
    def remind(self) -> int:
        """Plan the day-before reminder of each shift starting in the next 24 hours, once per start time."""
        now = self.now()
        planned = 0
        for shift in self.store.starting_between(times.iso(now), times.iso(now + REMINDER_AHEAD)):
            announcement, _ = self.store.announcement_with_shifts(shift.announcement_id)
            # Deleted: nothing to remind of. Hidden by moderation: held, not claimed, so an announcement shown
            # again before the shift starts still has its reminder at the next run.
            if announcement is None or announcement.hidden:
                continue
            expires = int((times.parse_iso(shift.ends_at) + timedelta(days=7)).timestamp())
            if not self.store.claim_reminder(shift.id, shift.starts_at, expires):
                continue
            signups = [s for s in self.store.signups(shift.id)[0] if s.status == SignupStatus.CONFIRMED]
            try:
                self.mail.reminder(announcement, shift, signups)
            except Exception:
                self.store.release_reminder(shift.id, shift.starts_at)  # the next run tries again
                raise
            planned += 1
        return planned

    # ------------------------------------------------------------ helpers
    def _require_editor(self, principal: Principal, shift: Shift) -> None:
        if principal.is_admin:
            return
        principal.require_verified_email()
        if not self.store.is_editor(shift.association_id, principal.email):
            raise Forbidden()

    def _future(self, draft: ShiftDraft) -> tuple[str, str]:
        starts_at, ends_at = instants(draft)
        if starts_at <= times.iso(self.now()):
            raise Invalid("date", "the shift must start in the future", code="shift_in_the_past")
        return starts_at, ends_at

    @staticmethod
    def _fields(draft: ShiftDraft) -> dict[str, Any]:
        data = draft.model_dump(mode="json")
        data["start_time"] = draft.start_time.strftime("%H:%M")
        data["end_time"] = draft.end_time.strftime("%H:%M")
        return data

    @staticmethod
    def _fields_of(shift: Shift) -> dict[str, Any]:
        return {"date": shift.date, "start_time": shift.start_time, "end_time": shift.end_time,
                "time_zone": shift.time_zone, "place": shift.place.model_dump() if shift.place else None,
                "online_url": shift.online_url, "people": shift.people, "task": shift.task}

    def _read(self, announcement_id: str, shift_id: str, member_id: str,
              visible_only: bool = True) -> tuple[Announcement | None, Shift, Signup | None]:
        found = self.store.get_with_signup(announcement_id, shift_id, member_id)
        if found is None:
            raise NotFound("shift_not_found")
        if visible_only and (found[0] is None or found[0].hidden):
            raise NotFound("announcement_not_found")
        return found

    def _ours(self, signup: Signup) -> bool:
        stored = self.store.get_signup(signup.shift_id, signup.member_id)
        return stored is not None and stored.attempt == signup.attempt and stored.status == signup.status

    def _position(self, signup: Signup) -> int | None:
        return self.store.position(signup) if signup.status == SignupStatus.WAITLISTED else None

    def _told_promoted(self, announcement: Announcement, shift: Shift, member_id: str) -> None:
        signup = self.store.get_signup(shift.id, member_id)
        if signup is not None and signup.status == SignupStatus.CONFIRMED:
            self.mail.promoted(announcement, shift, signup)
