"""What a mail link's token says, without the signing: its purposes, their lifetimes and its claims.

Pure: the domain reads claims (a verifier is injected into it); hromada.mail.tokens signs and verifies
them with the key from Secrets Manager.
"""

from __future__ import annotations

from dataclasses import dataclass

CONFIRM = "confirm"
MANAGE = "manage"  # preferences and unsubscribe: the link every bulk mail carries
LIFETIMES = {CONFIRM: 48 * 3600, MANAGE: 400 * 86400}
# A MANAGE token whose subject starts so names no subscription but a mailbox (by pseudonym) that may opt out of
# campaign invitations: mail to associations' owners, who need not be subscribers (hromada.mail.campaign_letters).
OPT_OUT_PREFIX = "optout:"


@dataclass(frozen=True)
class TokenClaims:
    subscription_id: str
    purpose: str
    expires_at: int
    issued_at: int = 0
    generation: str | None = None

    def belongs_to(self, created_at: str) -> bool:
        """Whether the token was made for the subscription created at `created_at` (not an earlier one of the
        same mailbox). A token without `gen` (made before the claim existed) counts if it was issued after."""
        if self.generation is not None:
            return self.generation == created_at
        from datetime import datetime

        created = datetime.fromisoformat(created_at.replace("Z", "+00:00")).timestamp()
        return self.issued_at >= int(created)
