"""Mail to a shift's volunteers (signed up, waitlisted, promoted, reminded, cancelled, messaged): letters with
the shift's .ics, put on the transactional queue like every notice; the mailer sends each once per job key
and recipient."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from hromada.domain.shift_ports import WithdrawnAnnouncement
from hromada.mail.jobs import MailJob, Recipient, split
from hromada.mail.render import Card, Letter, Section, when
from hromada.mail.strings import strings
from hromada.models.announcement import Announcement
from hromada.models.localized import pick
from hromada.models.shift import Shift, Signup


class Outbox(Protocol):
    def enqueue(self, jobs: list[MailJob]) -> None: ...


def language_of(announcement: Announcement) -> str:
    """Signups record no language: the announcement's own, French first."""
    return next((lang for lang in ("fr", "uk", "en") if announcement.title.get(lang)), "fr")


def _where(shift: Shift, lang: str) -> str:
    return shift.place.address if shift.place else strings(lang)["shift_online"]


def card(announcement: Announcement, shift: Shift, lang: str, web_url: str) -> Card:
    t = strings(lang)
    return Card(title=pick(announcement.title, lang), url=f"{web_url}/#/announcements/{announcement.id}",
                when=when(shift.starts_at, lang, shift.time_zone), where=_where(shift, lang),
                by=announcement.association_name, summary=f"{t['shift_task']}{t['colon']} {pick(shift.task, lang)}")


def calendar(announcement: Announcement, shift: Shift, lang: str, web_url: str, *, stamp: str) -> str:
    from hromada.ical import shift_calendar

    return shift_calendar(shift_id=shift.id, starts_at=shift.starts_at, ends_at=shift.ends_at,
                          zone_name=shift.time_zone, title=pick(announcement.title, lang), task=pick(shift.task, lang),
                          location=shift.place.address if shift.place else shift.online_url,
                          url=f"{web_url}/#/announcements/{announcement.id}", stamp=stamp,
                          cancelled=shift.status == "cancelled").decode()


class ShiftNotices:
    def __init__(self, outbox: Outbox, web_url: str, now: Callable[[], str]):
        self.outbox, self.web_url, self.now = outbox, web_url.rstrip("/"), now

    def _letter(self, kind: str, announcement: Announcement, shift: Shift, lang: str, *, extra: list[str] | None = None,
                **params: Any) -> Letter:
        t = strings(lang)
        title = pick(announcement.title, lang)
        subject = t[f"shift_{kind}_subject"].format(title=title, **params)
        shown = card(announcement, shift, lang, self.web_url)
        notes = [t["reminder_calendar"]] if kind in ("signed_up", "promoted", "reminder") else []
        return Letter(lang=lang, subject=subject, heading=subject,
                      intro=[t[f"shift_{kind}_intro"].format(**params), *(extra or [])],
                      sections=[Section(t["digest_announcements"], [shown])], notes=notes,
                      button={"label": t["see"], "url": shown.url})

    def _send(self, kind: str, key: str, letter: Letter, recipients: list[Recipient], **options: Any) -> None:
        if recipients:
            self.outbox.enqueue(split(kind, key, letter, recipients, **options))

    def _ics(self, announcement: Announcement, shift: Shift, lang: str) -> str:
        return calendar(announcement, shift, lang, self.web_url, stamp=self.now())

    def signed_up(self, announcement: Announcement, shift: Shift, signup: Signup, position: int | None) -> None:
        if not signup.email:
            return
        lang = language_of(announcement)
        if position is None:
            letter = self._letter("signed_up", announcement, shift, lang)
            options = {"calendar": self._ics(announcement, shift, lang)}
        else:
            letter = self._letter("waitlisted", announcement, shift, lang, position=position)
            options = {}
        # Keyed per signup: signed up, cancelled and signed up again is told again.
        self._send("shift_signup", f"shift-signup:{shift.id}:{signup.joined_at}", letter,
                   [Recipient(signup.member_id, signup.email)], **options)

    def promoted(self, announcement: Announcement, shift: Shift, signup: Signup) -> None:
        if not signup.email:
            return
        lang = language_of(announcement)
        self._send("shift_promoted", f"shift-promoted:{shift.id}",
                   self._letter("promoted", announcement, shift, lang),
                   [Recipient(f"{signup.member_id}:{signup.promoted_at}", signup.email)],
                   calendar=self._ics(announcement, shift, lang))

    def cancelled(self, announcement: Announcement, shift: Shift, signups: list[Signup]) -> None:
        lang = language_of(announcement)
        self._send("shift_cancelled", f"shift-cancelled:{shift.id}",
                   self._letter("cancelled", announcement, shift, lang),
                   [Recipient(s.member_id, s.email) for s in signups if s.email],
                   calendar=self._ics(announcement, shift, lang))

    def withdrawn(self, gone: WithdrawnAnnouncement, shift: Shift, signups: list[Signup]) -> None:
        """The cancellation mail (its kind and once-only key: a volunteer of a shift cancelled earlier is not
        told again), its announcement deleted: neither the card, the button nor the .ics link to it."""
        lang = next((lang for lang in ("fr", "uk", "en") if gone.title.get(lang)), "fr")
        t = strings(lang)
        title = pick(gone.title, lang)
        subject = t["shift_cancelled_subject"].format(title=title)
        shown = Card(title=title, url="", when=when(shift.starts_at, lang, shift.time_zone),
                     where=_where(shift, lang), by=gone.association_name,
                     summary=f"{t['shift_task']}{t['colon']} {pick(shift.task, lang)}")
        letter = Letter(lang=lang, subject=subject, heading=subject, intro=[t["shift_withdrawn_intro"]],
                        sections=[Section(t["digest_announcements"], [shown])])
        from hromada.ical import shift_calendar

        invitation = shift_calendar(shift_id=shift.id, starts_at=shift.starts_at, ends_at=shift.ends_at,
                                    zone_name=shift.time_zone, title=title, task=pick(shift.task, lang),
                                    location=shift.place.address if shift.place else None, url=None,
                                    stamp=self.now(), cancelled=True).decode()
        self._send("shift_cancelled", f"shift-cancelled:{shift.id}", letter,
                   [Recipient(s.member_id, s.email) for s in signups if s.email], calendar=invitation)

    def reminder(self, announcement: Announcement, shift: Shift, signups: list[Signup]) -> None:
        lang = language_of(announcement)
        self._send("shift_reminder", f"shift-reminder:{shift.id}:{shift.starts_at}",
                   self._letter("reminder", announcement, shift, lang),
                   [Recipient(s.member_id, s.email) for s in signups if s.email],
                   calendar=self._ics(announcement, shift, lang))

    def message(self, announcement: Announcement, shift: Shift, signups: list[Signup], message_id: str, text: str,
                *, reply_to: str) -> None:
        lang = language_of(announcement)
        letter = self._letter("message", announcement, shift, lang, extra=text.split("\n\n"),
                              name=announcement.association_name)
        self._send("shift_message", f"shift-message:{shift.id}:{message_id}", letter,
                   [Recipient(s.member_id, s.email) for s in signups if s.email], reply_to=reply_to)

