"""Claim registry use cases: moderators record claims, their addresses and verdict, and link fact-checks.

Moderators (and admins) are the fact-checkers: recording a verdict is a moderation act, under the same
second factor. An address belongs to one claim; the store enforces it with one item per normalised address
written in the claim's transaction, so two claims racing for an address cannot both have it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html.parser import HTMLParser

from hromada.auth import Principal
from hromada.domain.claim_ports import ClaimQuery, ClaimStore, UrlMark
from hromada.domain.claim_urls import BadUrl, normalise
from hromada.domain.clock import new_id
from hromada.domain.events import utc_clock
from hromada.domain.ports import ConditionFailed
from hromada.errors import Conflict, Invalid, NotFound
from hromada.models.announcement import Announcement, AnnouncementType
from hromada.models.claim import MAX_FACT_CHECKS, Claim, ClaimChange, ClaimCreate, ClaimPatch
from hromada.models.common import Page
from hromada.reference import times

ID_PREFIX = "cl"
EDITABLE = ("text", "verdict", "first_seen_on", "first_seen_where", "urls")


def normalised_urls(urls: list[str]) -> list[str]:
    """Each address normalised, duplicates dropped (first kept); Invalid names the first bad one."""
    found: list[str] = []
    for index, url in enumerate(urls):
        try:
            found.append(normalise(url))
        except BadUrl as error:
            raise Invalid(f"urls[{index}]", f"not a usable web address: {error}") from error
    return list(dict.fromkeys(found))


def taken(error: ConditionFailed) -> Conflict | None:
    if error.which.startswith("url:"):
        return Conflict("claim_url_taken", details=[{"field": "urls", "message": error.which[4:]}])
    return None


def publicly_visible(a: Announcement, now: str) -> bool:
    """A fact-check the public may see: of that type, not hidden by moderation, not expired."""
    return a.type == AnnouncementType.FACT_CHECK and not a.hidden and (a.expires_at is None or a.expires_at > now)


class Claims:
    def __init__(self, store: ClaimStore, now: Callable[[], datetime] = utc_clock,
                 make_id: Callable[[str], str] = new_id):
        self.store = store
        self.now = now
        self.make_id = make_id

    def _now(self) -> str:
        return times.iso(self.now())

    def _change(self, who: Principal, action: str, fields: list[str], at: str) -> ClaimChange:
        return ClaimChange(at=at, by=who.user_id, action=action, fields=fields)

    def get(self, claim_id: str) -> Claim:
        found = self.store.get(claim_id)
        if found is None:
            raise NotFound("claim_not_found")
        return found

    def create(self, who: Principal, body: ClaimCreate) -> Claim:
        who.require_moderator()
        at = self._now()
        claim = Claim(id=self.make_id(ID_PREFIX), text=body.text.model_dump(), verdict=body.verdict,
                      first_seen_on=body.first_seen_on.isoformat() if body.first_seen_on else None,
                      first_seen_where=body.first_seen_where, urls=normalised_urls(body.urls),
                      created_at=at, updated_at=at)
        try:
            self.store.create(claim, self._change(who, "created", list(EDITABLE), at))
        except ConditionFailed as error:
            raise taken(error) or Conflict("changed_meanwhile") from error
        return claim

    def update(self, who: Principal, claim_id: str, patch: ClaimPatch) -> Claim:
        who.require_moderator()
        current = self.get(claim_id)
        if current.version != patch.version:
            raise Conflict("changed_meanwhile")
        given = patch.model_dump(exclude_unset=True, exclude={"version"})
        changes: dict[str, object] = {}
        if "text" in given and patch.text is not None:
            changes["text"] = patch.text.model_dump()
        if "verdict" in given and patch.verdict is not None:
            changes["verdict"] = patch.verdict
        if "first_seen_on" in given:
            changes["first_seen_on"] = patch.first_seen_on.isoformat() if patch.first_seen_on else None
        if "first_seen_where" in given:
            changes["first_seen_where"] = patch.first_seen_where
        if "urls" in given and patch.urls is not None:
            changes["urls"] = normalised_urls(patch.urls)
        changed = [f for f, v in changes.items() if getattr(current, f) != v]
        if not changed:
            return current
        at = self._now()
        updated = current.model_copy(update={**changes, "updated_at": at, "version": current.version + 1})
        return self._save(current, updated, self._change(who, "edited", changed, at))

    def _save(self, current: Claim, updated: Claim, change: ClaimChange) -> Claim:
        try:
            self.store.save(updated, current, change)
        except ConditionFailed as error:
            raise taken(error) or Conflict("changed_meanwhile") from error
        return updated

    def link(self, who: Principal, claim_id: str, announcement_id: str) -> Claim:
        who.require_moderator()
        current = self.get(claim_id)
        found = self.store.announcements([announcement_id])
        if not found or not publicly_visible(found[0], self._now()):
            raise Invalid("announcement_id", "not a visible fact-check announcement", code="not_a_fact_check")
        if announcement_id in current.fact_checks:
            return current
        if len(current.fact_checks) >= MAX_FACT_CHECKS:
            raise Invalid("announcement_id", f"at most {MAX_FACT_CHECKS} fact-checks per claim")
        at = self._now()
        updated = current.model_copy(update={"fact_checks": [*current.fact_checks, announcement_id],
                                             "updated_at": at, "version": current.version + 1})
        return self._save(current, updated, self._change(who, "fact_check_linked", [announcement_id], at))

    def unlink(self, who: Principal, claim_id: str, announcement_id: str) -> Claim:
        who.require_moderator()
        current = self.get(claim_id)
        if announcement_id not in current.fact_checks:
            raise NotFound("fact_check_not_linked")
        at = self._now()
        updated = current.model_copy(update={"fact_checks": [f for f in current.fact_checks if f != announcement_id],
                                             "updated_at": at, "version": current.version + 1})
        return self._save(current, updated, self._change(who, "fact_check_unlinked", [announcement_id], at))

    def history(self, who: Principal, claim_id: str) -> list[ClaimChange]:
        who.require_moderator()
        self.get(claim_id)
        return self.store.history(claim_id)

    def listing(self, query: ClaimQuery) -> Page[Claim]:
        return self.store.list(query)

    def fact_checks_of(self, claims: list[Claim]) -> dict[str, Announcement]:
        """The publicly visible fact-checks linked to these claims, by id (one read for the lot)."""
        wanted = list(dict.fromkeys(f for c in claims for f in c.fact_checks))
        if not wanted:
            return {}
        now = self._now()
        return {a.id: a for a in self.store.announcements(wanted) if publicly_visible(a, now)}


def marks_for(lookup: Callable[[list[str]], list[UrlMark]], linked: dict[str, list[str]]) -> dict[str, list[UrlMark]]:
    """For each item (id → the addresses it links), the claims those addresses spread: one lookup in all.
    Addresses that cannot be normalised are not claims' addresses and are skipped."""
    normal: dict[str, list[str]] = {}
    for item_id, urls in linked.items():
        kept = []
        for url in urls:
            try:
                kept.append(normalise(url))
            except BadUrl:
                continue
        normal[item_id] = list(dict.fromkeys(kept))
    every = list(dict.fromkeys(u for urls in normal.values() for u in urls))
    if not every:
        return {item_id: [] for item_id in linked}
    by_url = {m.url: m for m in lookup(every)}
    found: dict[str, list[UrlMark]] = {}
    for item_id, urls in normal.items():
        seen: dict[str, UrlMark] = {}
        for url in urls:
            mark = by_url.get(url)
            if mark and mark.claim_id not in seen:
                seen[mark.claim_id] = mark
        found[item_id] = list(seen.values())
    return found


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.found += [value for name, value in attrs if name == "href" and value]


def links_in(html_by_language: dict[str, str], *urls: str | None) -> list[str]:
    """The addresses an item links: those of its sanitised HTML (every language) and its own URL fields."""
    parser = _Links()
    for html in html_by_language.values():
        parser.feed(html)
    parser.close()
    return list(dict.fromkeys([*parser.found, *(u for u in urls if u)]))
