"""The letters Hromada writes, built from plain data in the reader's language (pure: no I/O)."""

from __future__ import annotations

from typing import Any

from hromada.mail.render import Card, Letter, Section, when
from hromada.mail.strings import counted, strings
from hromada.models.localized import pick

SUMMARY_CHARS = 240


def _summary(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS - 1].rstrip() + "…"


def _plain(item: dict[str, Any], field: str, lang: str) -> str:
    """The text of a Markdown field for a summary: from its sanitised HTML, so no `**` shows in a mail."""
    rendered = item.get(f"{field}_html") or {}
    if rendered:
        from hromada.ical import html_to_text

        return html_to_text(pick(rendered, lang))
    return pick(item.get(field) or {}, lang)


def confirm(lang: str, confirm_url: str) -> Letter:
    t = strings(lang)
    return Letter(lang=lang, subject=t["confirm_subject"], heading=t["confirm_subject"],
                  intro=[t["confirm_intro"]], button={"label": t["confirm_button"], "url": confirm_url},
                  notes=[t["confirm_ignore"]])


def already_subscribed(lang: str, manage_url: str) -> Letter:
    t = strings(lang)
    return Letter(lang=lang, subject=t["already_subject"], heading=t["already_subject"],
                  intro=[t["already_intro"]], button={"label": t["manage"], "url": manage_url})


def event_card(event: dict[str, Any], lang: str, web_url: str) -> Card:
    t = strings(lang)
    venue = event.get("venue") or {}
    where = ", ".join(v for v in (venue.get("name"), venue.get("city")) if v) or (
        t["online"] if event.get("online_url") else None)
    return Card(title=pick(event["title"], lang), url=f"{web_url}/#/events/{event['id']}",
                when=when(event["start"], lang, event.get("timezone") or "Europe/Paris"), where=where,
                by=event.get("association_name"), summary=_summary(_plain(event, "description", lang)))


def announcement_card(announcement: dict[str, Any], lang: str, web_url: str) -> Card:
    sources = [{"title": s.get("title") or s["url"], "url": s["url"]} for s in announcement.get("sources") or []]
    return Card(title=pick(announcement["title"], lang), url=f"{web_url}/#/announcements/{announcement['id']}",
                by=announcement.get("association_name"), summary=_summary(_plain(announcement, "body", lang)),
                sources=sources)


def digest(lang: str, frequency: str, events: list[Card], announcements: list[Card]) -> Letter:
    """Cards are built once per item and language by the planner, then shared by every group."""
    t = strings(lang)
    sections = []
    if events:
        sections.append(Section(t["digest_events"], events))
    if announcements:
        sections.append(Section(t["digest_announcements"], announcements))
    subject = t[f"digest_subject_{frequency}"].format(count=counted(lang, len(events) + len(announcements)))
    return Letter(lang=lang, subject=subject, heading=subject, intro=[t["digest_intro"]], sections=sections)


def about_event(kind: str, lang: str, event: dict[str, Any], web_url: str, reason: str | None = None) -> Letter:
    """reminder, changed, cancelled, promoted: one event, told to the people registered for it."""
    t = strings(lang)
    subject = t[f"{kind}_subject"].format(title=pick(event["title"], lang))
    notes = [f"{t['reason']}{t['colon']} {reason}"] if reason else []
    if kind == "reminder":
        notes.append(t["reminder_calendar"])
    card = event_card(event, lang, web_url)
    return Letter(lang=lang, subject=subject, heading=subject, intro=[t[f"{kind}_intro"]],
                  sections=[Section(t["digest_events"], [card])], notes=notes,
                  button={"label": t["see"], "url": card.url})


def association_reviewed(lang: str, name: str, verified: bool, web_url: str, association_id: str,
                         reason: str | None = None) -> Letter:
    t = strings(lang)
    kind = "verified" if verified else "rejected"
    subject = t[f"{kind}_subject"].format(name=name)
    # A moderator's words on a verification are a note; only a refusal has a reason.
    said = t["reason" if not verified else "note"]
    return Letter(lang=lang, subject=subject, heading=subject, intro=[t[f"{kind}_intro"]],
                  notes=[f"{said}{t['colon']} {reason}"] if reason else [],
                  button={"label": t["see"], "url": f"{web_url}/#/associations/{association_id}"})


def election_phase(lang: str, title: dict[str, str], status: str, election_id: str, web_url: str) -> Letter:
    """Nominations open, voting open, results published."""
    t = strings(lang)
    subject = t[f"election_{status}_subject"].format(title=pick(title, lang))
    return Letter(lang=lang, subject=subject, heading=subject, intro=[t[f"election_{status}_intro"]],
                  button={"label": t["see"], "url": f"{web_url}/#/elections/{election_id}"})


def announcement(lang: str, data: dict[str, Any], web_url: str) -> Letter:
    """A followed association's new announcement (with its sources, for fact-checks)."""
    t = strings(lang)
    card = announcement_card(data, lang, web_url)
    subject = t["announcement_subject"].format(name=data.get("association_name", ""), title=card.title)
    return Letter(lang=lang, subject=subject, heading=card.title, intro=[t["announcement_intro"]],
                  sections=[Section(t["digest_announcements"], [card])], button={"label": t["see"], "url": card.url})


def webhook_disabled(lang: str, name: str, url: str, web_url: str, association_id: str) -> Letter:
    """A webhook switched off after its deliveries kept failing: its association's owners are told."""
    t = strings(lang)
    subject = t["webhook_disabled_subject"].format(name=name)
    return Letter(lang=lang, subject=subject, heading=subject, intro=[t["webhook_disabled_intro"].format(url=url)],
                  button={"label": t["see"], "url": f"{web_url}/#/dashboard/a/{association_id}"})


def possible_match(lang: str, title: str, other: str, association: str, web_url: str, initiative_id: str) -> Letter:
    """A need and an offer that fit: each side hears of the other's initiative, not of its contacts."""
    t = strings(lang)
    subject = t["possible_match_subject"].format(title=title)
    return Letter(lang=lang, subject=subject, heading=subject,
                  intro=[t["possible_match_intro"].format(title=title, other=other, association=association)],
                  button={"label": t["answer"], "url": f"{web_url}/#/initiatives/{initiative_id}"})


def match_contacts(lang: str, need: str, offer: str, contacts: list[tuple[str, list[str]]], web_url: str,
                   initiative_id: str) -> Letter:
    """Both sides confirmed: each association's name and contact addresses."""
    t = strings(lang)
    subject = t["match_contacts_subject"].format(title=need)
    return Letter(lang=lang, subject=subject, heading=subject,
                  intro=[t["match_contacts_intro"].format(need=need, offer=offer)],
                  notes=[f"{name}{t['colon']} {', '.join(emails)}" for name, emails in contacts],
                  button={"label": t["see"], "url": f"{web_url}/#/initiatives/{initiative_id}"})


def twinning_week(lang: str, summary: Any, web_url: str) -> Letter:
    """The admins' weekly twinning figures (hromada.domain.twinning_weekly.WeeklySummary)."""
    t, health, changes = strings(lang), summary.health, summary.changes

    def change(key: str) -> str:
        return t["since_last_week"].format(change=changes[key]) if changes and changes.get(key) else ""

    median = health.median_days_to_first_answer
    subject = t["twinning_week_subject"].format(week=summary.week)
    lines = [t["twinning_week_needs"].format(count=sum(health.open_needs_by_oblast.values()),
                                             change=change("open_needs")),
             t["twinning_week_answers"].format(
                 count=health.answered_needs, change=change("answered_needs"),
                 median=t["twinning_week_no_median"] if median is None else t["twinning_week_days"].format(
                     days=median)),
             t["twinning_week_unanswered"].format(days=health.unanswered_after_days,
                                                  count=len(health.unanswered_offers))]
    url = f"{web_url}/#/twinning/health"
    sections = [Section(t["twinning_week_partnerships"], [
        Card(title=f"{status}: {n}{change('status.' + status)}", url=url)
        for status, n in sorted(health.partnerships_by_status.items())])] if health.partnerships_by_status else []
    if health.open_needs_by_oblast:
        sections.append(Section(t["twinning_week_oblasts"], [
            Card(title=f"{oblast}: {n}{change('oblast.' + oblast)}", url=url)
            for oblast, n in sorted(health.open_needs_by_oblast.items(), key=lambda kv: (-kv[1], kv[0]))[:15]]))
    return Letter(lang=lang, subject=subject, heading=subject, intro=lines, sections=sections,
                  notes=[] if changes is not None else [t["twinning_week_first"]],
                  button={"label": t["twinning_week_see"], "url": url})
