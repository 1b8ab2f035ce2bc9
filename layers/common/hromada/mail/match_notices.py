"""Possible-match mail: jobs onto the priority queue, one per side, keyed by the pair (the mailer sends each
(key, recipient) once, so a retried notice is not mailed twice)."""

from __future__ import annotations

from typing import Any, Protocol

from hromada.domain.possible_matches import Contact, PossibleMatch, Side
from hromada.mail import letters
from hromada.mail.jobs import MailJob, Recipient, split


class OwnerSource(Protocol):
    def get(self, association_id: str) -> Any: ...
    def editors(self, association_id: str) -> list[Any]: ...


class Outbox(Protocol):
    def enqueue(self, jobs: list[MailJob], delay: int = 0) -> None: ...


class MatchMailer:
    def __init__(self, source: OwnerSource, outbox: Outbox, web_url: str):
        self.source, self.outbox, self.web_url = source, outbox, web_url.rstrip("/")

    def possible_match(self, pair: PossibleMatch) -> None:
        jobs = []
        for mine, theirs in ((pair.need, pair.offer), (pair.offer, pair.need)):
            jobs += self._jobs(mine, "possible_match", pair, lambda lang, m=mine, o=theirs: letters.possible_match(
                lang, m.title, o.title, o.association_name, self.web_url, m.initiative_id))
        self._send(jobs)

    def contacts_shared(self, pair: PossibleMatch, contacts: list[Contact]) -> None:
        listed = [(c.name, list(c.emails)) for c in contacts]
        jobs = []
        for mine in (pair.need, pair.offer):
            jobs += self._jobs(mine, "match_contacts", pair, lambda lang, m=mine: letters.match_contacts(
                lang, pair.need.title, pair.offer.title, listed, self.web_url, m.initiative_id))
        self._send(jobs)

    def _jobs(self, side: Side, kind: str, pair: PossibleMatch, letter: Any) -> list[MailJob]:
        association = self.source.get(side.association_id)
        if association is None:
            return []
        owners = [e for e in self.source.editors(side.association_id) if str(e.role) == "owner"]
        spoken = [str(lang) for lang in association.languages]
        lang = next((candidate for candidate in ("fr", "uk", "en") if candidate in spoken), "fr")
        key = f"{kind}:{pair.need.initiative_id}:{pair.offer.initiative_id}:{side.initiative_id}"
        return split(kind, key, letter(lang), [Recipient(e.email, e.email) for e in owners])

    def _send(self, jobs: list[MailJob]) -> None:
        if jobs:
            self.outbox.enqueue(jobs)
