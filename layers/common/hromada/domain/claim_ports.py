"""What the claims use cases need from storage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from hromada.models.announcement import Announcement
from hromada.models.claim import Claim, ClaimChange
from hromada.models.common import Page


@dataclass(frozen=True)
class ClaimQuery:
    text: str | None = None  # folded (hromada.reference.text.fold)
    verdict: str | None = None
    fact_check: str | None = None  # an announcement id: the claims it answers (text and verdict ignored)
    limit: int = 20
    cursor: str | None = None


@dataclass(frozen=True)
class UrlMark:
    """What the item of one normalised address says: the claim it spreads and that claim's verdict."""

    url: str
    claim_id: str
    verdict: str
    text: dict[str, str]


class ClaimStore(Protocol):
    def create(self, claim: Claim, change: ClaimChange) -> None:
        """The claim, its history entry and one item per address, together; ConditionFailed("url:<url>") when
        an address already belongs to a claim."""

    def get(self, claim_id: str) -> Claim | None: ...

    def save(self, claim: Claim, previous: Claim, change: ClaimChange) -> None:
        """The claim as it becomes, over `previous` (the version read): addresses it no longer lists are
        released. ConditionFailed("version") when the claim changed meanwhile, ("url:<url>") as for create."""

    def list(self, query: ClaimQuery) -> Page[Claim]: ...

    def history(self, claim_id: str) -> list[ClaimChange]: ...

    def marks(self, urls: list[str]) -> list[UrlMark]:
        """The claims these normalised addresses spread (one BatchGetItem per 100 addresses)."""

    def linked_urls(self, items: list[tuple[str, str]]) -> dict[str, list[str]]:
        """For (kind, id) of announcements and events, kind:id → the addresses each links (one BatchGetItem)."""

    def announcements(self, announcement_ids: list[str]) -> list[Announcement]:
        """Those that exist (one BatchGetItem per 100 ids)."""
