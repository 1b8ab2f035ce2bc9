"""The "fact-checked" notices of content that links an address of a known claim.

Computed when read, so a claim recorded after the content still marks it: one BatchGetItem of the
normalised address items for a whole page (up to 100 addresses per call), nothing when no address is linked."""

from __future__ import annotations

from hromada.domain.claims import marks_for
from hromada.models.claim import FactCheckNotice
from hromada.settings import get_settings


def claim_page(claim_id: str) -> str:
    """Where a reader sees the claim, its verdict and the fact-checks that answer it (only the visible ones)."""
    return f"{get_settings().public_web_url}/#/claims/{claim_id}"


def notices(linked: dict[str, list[str]]) -> dict[str, list[FactCheckNotice]]:
    """For each item id, the notices of the claims its addresses spread."""
    from hromada.store.claims import DynamoClaimStore

    found = marks_for(DynamoClaimStore().marks, linked)
    return {item_id: [FactCheckNotice(claim_id=m.claim_id, verdict=m.verdict, claim_text=m.text,
                                      fact_check_url=claim_page(m.claim_id))
                      for m in marks] for item_id, marks in found.items()}


def notices_of_items(refs: list[tuple[str, str]]) -> dict[str, list[FactCheckNotice]]:
    """For flagged announcements and events (kind, id), kind:id → the notices: two BatchGetItem calls for a
    page of the moderation queue (the items, then the addresses they link)."""
    from hromada.store.claims import DynamoClaimStore

    wanted = [(kind, item_id) for kind, item_id in refs if kind in ("announcement", "event")]
    if not wanted:
        return {}
    return notices(DynamoClaimStore().linked_urls(wanted))
