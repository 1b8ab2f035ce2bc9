"""Every key of the single table, in one place.

association   pk ASSOC#<id>    sk PROFILE
              gsi1 ASSOC_SLUG#<slug> / PROFILE           (lookup by slug)
              gsi2 ASSOCS#<status> / <slug or created#slug>   (directory, moderation queue)
              gsi3 ASSOC_REGION#<region> / <dept>#<slug>  (verified only: directory by region)
slug lock     pk SLUG#<slug>   sk SLUG                    (uniqueness, written in the same transaction)
editor        pk ASSOC#<id>    sk EDITOR#<email>
figures       pk ASSOC#<id>    sk FIGURES#<yyyy-mm>   (the association's counters of a month, Paris time)
              gsi1 EDITOR#<email> / ASSOC#<id>            (a person's memberships)
audit entry   pk ASSOC#<id> | ELECTION#<id> | POLL#<id>    sk AUDIT#<at>#<nonce>
              gsi2 AUDIT#<yyyy-mm> / <at>                 (admins browse by month)
write quota   pk QUOTA#<user:hash | ip:hash>   sk <window start, epoch s>   (expires_at: TTL)
event         pk EVENT#<id>    sk EVENT
              gsi1 EVENT_ASSOC#<association id> / <start>#<id>   (an association's events, by start)
              gsi2 EVENTS / <start>#<id>                         (every event, by start: "upcoming")
              gsi3 EVENT_REGION#<region> / <start>#<id>          (events with a venue, by region)
seats         pk EVENT#<id>    sk EVENT#SEATS             (capacity, confirmed, waiting, open: every RSVP
                                                           write is conditioned on this small item)
rsvp          pk EVENT#<id>    sk RSVP#<member id>        (one per member and event)
waitlist slot pk EVENT#<id>    sk WAIT#<joined at>#<member id>   (the first slot is promoted first)
announcement  pk ANN#<id>      sk ANN
              gsi1 ANN_ASSOC#<association id> / <P|N>#<created>#<id>  (an association's, pinned first)
              gsi2 ANNS / <created>#<id>                              (newest first)
              gsi3 ANN_REGION#<region> / <created>#<id>               (regional ones, newest first)

election      pk ELECTION#<id>  sk ELECTION
              gsi1 ELECTIONS / <created_at>#<id>          (organizers: every election, drafts included)
              gsi2 ELECTIONS#<status> / <due_at>#<id>     (the clock: what is due to move on)
              gsi3 ELECTIONS_PUBLIC / <voting_opens_at>#<id>  (not drafts: the public list)
candidate     pk ELECTION#<id>  sk CANDIDATE#<candidate id>   (sorts just before ELECTION: one Query
                                                               reads the election with its candidates)
nominations   pk ELECTION#<id>  sk QUOTA#<association id>     (how many an association nominated)
result        pk ELECTION#<id>  sk RESULT
published box pk PUBLISHED#<election id>  sk PAGE#<nnnnnn>   (immutable pages, written by the count)
voter roll    pk ROLL#<election id>  sk <email>
poll          pk POLL#<id>      sk POLL
              gsi2 POLLS#<status> / <due_at>#<id>         (the clock)
              gsi3 POLLS#members | POLLS#ASSOC#<id> / <opens_at>#<id>  (lists by audience)
marker        pk VOTED#<box>#<voter>  sk VOTED            (box: an election or poll id; one per voter)
ballot        pk BOX#<box>#<shard>    sk B#<tracker>      (no voter, no time; shards spread the writes)
counters      pk BOX#<box>#<shard>    sk COUNT            (ballots, answers per option; sealed at close)
partnership   pk PARTNERSHIP#<id>   sk PROFILE            (the gsi keys only while not hidden: sparse)
              gsi1 PARTNERSHIP_OBLAST#<oblast> / <rank>#<created>#<id>   (directory by Ukrainian oblast)
              gsi2 PARTNERSHIPS / <rank>#<created>#<id>                  (the whole directory)
              gsi3 PARTNERSHIP_REGION#<region> / <rank>#<created>#<id>   (directory by French region)
              rank: 1 active, 2 signed, 3 in_discussion, 4 proposed, 5 ended (a status filter is a prefix)
initiative    pk INITIATIVE#<id>    sk PROFILE            (the gsi keys only while not hidden)
              gsi1 INITIATIVE_OBLAST#<oblast> / <rank>#<created>#<id>    (by Ukrainian oblast)
              gsi2 INITIATIVES / <rank>#<created>#<id>                   (all of them)
              gsi3 INITIATIVE_REGION#<region> / <rank>#<created>#<id>    (by French region)
              rank: 1 open, 2 matched, 3 closed
match entry   pk MATCH#<domain>     sk <partnership|need|offer>#<id>
              one per domain of a visible partnership not ended, and per visible open initiative:
              the matching search reads one partition (written in the same transaction as the item)
audit entry   pk PARTNERSHIP#<id> or INITIATIVE#<id>   sk AUDIT#<at>#<nonce>   (as for associations)

claim         pk CLAIM#<id>   sk CLAIM
              gsi2 CLAIMS / <updated>#<id>               (the public registry, last edited first)
claim change  pk CLAIM#<id>   sk CHANGE#<at>#<nonce>      (the edit history: who, when, which fields)
claim address pk CLAIM_URL#<sha256 of the normalised URL>  sk CLAIM_URL   (one per address: the conditional
              put is the uniqueness; carries claim_id and verdict, read by BatchGetItem for the notices)
fact-check    pk FACT_CHECK#<announcement id>  sk CLAIM#<claim id>   (the claims a fact-check answers: its
              page's ClaimReview; written with the link)
subscription  pk SUB#<pseudonym(address, subscription)>   sk SUB   (one per mailbox, +tags included: the
                                                             conditional put is the uniqueness; pending ones
                                                             carry expires_at; created_at is its generation,
                                                             which the links in mails are bound to)
              gsi1 SUBS#<daily|weekly> / <id>               (confirmed only: what the digest planner reads)
follower      pk FOLLOWERS#<association id>   sk <subscription id>   (confirmed, not paused: written in the
                                                             subscription's transaction, deleted with it)
suppressed    pk SUPPRESSED#<pseudonym(address, suppression)>   sk SUPPRESSED   (bounced or complained: never
                                                             mailed again; the address itself is not kept)
form mails    pk FORMMAIL#<pseudonym(domain, mail-domain)>   sk <hour>   (confirmation and notice mails per
                                                             mail domain and hour: the cap; expires_at)
reminder      pk EVENT#<id>   sk REMINDED#<start>        (the event's reminder was planned: once per start)
delivery      pk MAIL#<job key>#<pseudonym(recipient id, delivery)> sk MAIL   (one per mail sent: the mailer's
                                                             idempotency; no address nor subscription id;
                                                             expires_at after the period it covers)
outbox        pk OUTBOX#<outbox id>   sk OUTBOX          (a domain event, written in the transaction of the
                                                             change it reports; the stream relay puts it on
                                                             the bus, then deletes it; expires_at as a backstop)
notice        pk NOTICE#<outbox id>   sk NOTICE          (the notifier handled that event: relayed twice, told
                                                             once; expires_at)

flag          pk FLAG#<item>        sk BY#<reporter id>   (one per person and item: attribute_not_exists;
                                                           erased reporters become BY#erased-<random>)
              gsi1 PERSON#<reporter id> / FLAG#<at>#<item>       (a person's flags: export, erasure)
review        pk FLAG#<item>        sk REVIEW             (count, reasons, hidden, status, version: every flag
                                                           and decision is conditioned on this item)
              gsi1 FLAGGED_ASSOC#<association id> / <item>       (an association's moderation history)
              gsi2 FLAGS_OPEN / <first flagged at>#<item>         (the queue, oldest first; only while open)
              (nothing sorts between BY# and REVIEW: one Query reads a review with its flags)
warning       pk ASSOC#<id>         sk WARNING#<at>#<nonce>       (shown to the association's editors: one Query
                                                           from their EDITOR#<email> item reads both)
suspension    pk SUSPENDED#<user id>  sk SUSPENDED        (the account: dropped with it at erasure)
              pk SUSPENDED#P:<pseudonym> sk SUSPENDED     (the person: the HMAC of their normalised verified
                                                           address; outlives erasure, so a new account with
                                                           that mailbox is still suspended; names nobody)
                                                          (both checked inside the write-quota transaction)
erased        pk ERASED#<account pseudonym> sk ERASED     (an erased account's tokens write nothing more;
                                                           expires_at after the tokens' lifetime; the keyed
                                                           HMAC of the sub, so no id of it stays in the table)
webhook       pk HOOKS#<association id>   sk HOOK#<webhook id>   (its signing secret too: the worker signs)
webhook count pk HOOKS#<association id>   sk COUNT        (how many it has: the limit's condition, in the
                                                           transaction that writes or deletes a webhook)
delivery log  pk HOOKLOG#<webhook id>   sk <at>#<nonce>   (one per attempt; expires_at: the log is the newest 50)
coalesced     pk HOOKONCE#<kind>#<subject>   sk <window>  (one delivery of a kind per subject and window;
                                                           expires_at)
item: <kind>:<id>, a candidate <kind>:<election id>:<candidate id>
person index  gsi1 PERSON#<user id or e-mail> / <KIND>#...  on rsvps, voted markers, candidates, roll entries,
              flags, polls (their author) and audit entries: what a person's export and erasure read
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hromada.pseudonyms import pseudonym

PROFILE = "PROFILE"


def association(association_id: str) -> dict[str, str]:
    return {"pk": f"ASSOC#{association_id}", "sk": PROFILE}


def slug_lock(slug: str) -> dict[str, str]:
    return {"pk": f"SLUG#{slug}", "sk": "SLUG"}


def slug_lookup(slug: str) -> str:
    return f"ASSOC_SLUG#{slug}"


def association_collection(status: str) -> str:
    return f"ASSOCS#{status}"


def association_order(status: str, slug: str, created_at: str) -> str:
    # The directory reads alphabetically; the moderation queue first come, first served.
    return slug if status == "verified" else f"{created_at}#{slug}"


def association_region(region: str) -> str:
    return f"ASSOC_REGION#{region}"


def association_region_order(department: str, slug: str) -> str:
    return f"{department}#{slug}"


def editor(association_id: str, email: str) -> dict[str, str]:
    return {"pk": f"ASSOC#{association_id}", "sk": f"EDITOR#{email}"}


EDITOR_PREFIX = "EDITOR#"


def editor_lookup(email: str) -> str:
    return f"EDITOR#{email}"


def audit(target_pk: str, at: str, nonce: str) -> dict[str, str]:
    return {"pk": target_pk, "sk": f"AUDIT#{at}#{nonce}"}


def audit_collection(at: str) -> str:
    return f"AUDIT#{at[:7]}"


def quota(subject: str, window: int) -> dict[str, str]:
    return {"pk": f"QUOTA#{subject}", "sk": str(window)}


# ------------------------------------------------------------ events
EVENT = "EVENT"
SEATS = "EVENT#SEATS"
RSVP_PREFIX = "RSVP#"
WAIT_PREFIX = "WAIT#"
EVENTS_COLLECTION = "EVENTS"


def event(event_id: str) -> dict[str, str]:
    return {"pk": f"EVENT#{event_id}", "sk": EVENT}


def event_partition(event_id: str) -> str:
    return f"EVENT#{event_id}"


def seats(event_id: str) -> dict[str, str]:
    return {"pk": f"EVENT#{event_id}", "sk": SEATS}


def event_order(start: str, event_id: str) -> str:
    # ISO-8601 UTC strings sort as time; the id keeps two events at the same minute apart.
    return f"{start}#{event_id}"


def event_association(association_id: str) -> str:
    return f"EVENT_ASSOC#{association_id}"


def event_region(region: str) -> str:
    return f"EVENT_REGION#{region}"


def rsvp(event_id: str, member_id: str) -> dict[str, str]:
    return {"pk": f"EVENT#{event_id}", "sk": f"{RSVP_PREFIX}{member_id}"}


def waitlist_slot(event_id: str, joined_at: str, member_id: str) -> dict[str, str]:
    return {"pk": f"EVENT#{event_id}", "sk": f"{WAIT_PREFIX}{joined_at}#{member_id}"}


# ------------------------------------------------------------ announcements
ANNOUNCEMENT = "ANN"
ANNOUNCEMENTS_COLLECTION = "ANNS"


def announcement(announcement_id: str) -> dict[str, str]:
    return {"pk": f"ANN#{announcement_id}", "sk": ANNOUNCEMENT}


def announcement_order(created_at: str, announcement_id: str) -> str:
    return f"{created_at}#{announcement_id}"


def announcement_association(association_id: str) -> str:
    return f"ANN_ASSOC#{association_id}"


def announcement_association_order(pinned: bool, created_at: str, announcement_id: str) -> str:
    # Read newest first (descending): "P" sorts after "N", so pinned ones come first.
    return f"{'P' if pinned else 'N'}#{created_at}#{announcement_id}"


def announcement_region(region: str) -> str:
    return f"ANN_REGION#{region}"
# ---------------------------------------------------------------- elections and polls
ELECTION = "ELECTION"
CANDIDATE_PREFIX = "CANDIDATE#"
AUDIT_PREFIX = "AUDIT#"
ELECTIONS_ALL = "ELECTIONS"
ELECTIONS_PUBLIC = "ELECTIONS_PUBLIC"


def election(election_id: str) -> dict[str, str]:
    return {"pk": f"ELECTION#{election_id}", "sk": ELECTION}


def election_status(status: str) -> str:
    return f"ELECTIONS#{status}"


def due_order(due_at: str, item_id: str) -> str:
    return f"{due_at}#{item_id}"


def due_until(now: str) -> str:
    """The largest due_order at `now` ("~" sorts after every id)."""
    return f"{now}#~"


def candidate(election_id: str, candidate_id: str) -> dict[str, str]:
    return {"pk": f"ELECTION#{election_id}", "sk": f"{CANDIDATE_PREFIX}{candidate_id}"}


def nomination_quota(election_id: str, association_id: str) -> dict[str, str]:
    return {"pk": f"ELECTION#{election_id}", "sk": f"QUOTA#{association_id}"}


def result(election_id: str) -> dict[str, str]:
    return {"pk": f"ELECTION#{election_id}", "sk": "RESULT"}


def roll_entry(election_id: str, email: str) -> dict[str, str]:
    return {"pk": f"ROLL#{election_id}", "sk": email}


def poll(poll_id: str) -> dict[str, str]:
    return {"pk": f"POLL#{poll_id}", "sk": "POLL"}


def poll_status(status: str) -> str:
    return f"POLLS#{status}"


def poll_audience(association_id: str | None) -> str:
    return f"POLLS#ASSOC#{association_id}" if association_id else "POLLS#members"


def marker(box: str, voter: str) -> dict[str, str]:
    return {"pk": f"VOTED#{box}#{voter}", "sk": "VOTED"}


def ballot_shard(box: str, shard: int) -> str:
    return f"BOX#{box}#{shard:02d}"


BALLOT_PREFIX = "B#"


def ballot(box: str, shard: int, tracker: str) -> dict[str, str]:
    return {"pk": ballot_shard(box, shard), "sk": f"{BALLOT_PREFIX}{tracker}"}


def counters(box: str, shard: int) -> dict[str, str]:
    return {"pk": ballot_shard(box, shard), "sk": "COUNT"}


# ------------------------------------------------------------ partnerships and initiatives
@dataclass(frozen=True)
class TwinningKeys:
    """One twinning kind's keys: its items, and its listings (gsi1 by oblast, gsi2 all, gsi3 by region)."""

    entity: str  # PARTNERSHIP or INITIATIVE
    collection: str  # the gsi2 partition of the whole listing
    ranks: dict[str, int]  # status -> its place in the listings' order

    def item(self, item_id: str) -> dict[str, str]:
        return {"pk": f"{self.entity}#{item_id}", "sk": PROFILE}

    def oblast(self, oblast: str) -> str:
        return f"{self.entity}_OBLAST#{oblast}"

    def region(self, region: str) -> str:
        return f"{self.entity}_REGION#{region}"

    def status_prefix(self, status: str) -> str:
        return f"{self.ranks[status]}#"

    def order(self, status: str, created_at: str, item_id: str) -> str:
        # By status rank, oldest first within each.
        return f"{self.status_prefix(status)}{created_at}#{item_id}"


# Established partnerships first, then the ones on their way, then the ended.
PARTNERSHIPS = TwinningKeys("PARTNERSHIP", "PARTNERSHIPS",
                            {"active": 1, "signed": 2, "in_discussion": 3, "proposed": 4, "ended": 5})
# Open ones first, waiting longest first: first come, first served.
INITIATIVES = TwinningKeys("INITIATIVE", "INITIATIVES", {"open": 1, "matched": 2, "closed": 3})


def match_partition(domain: str) -> str:
    return f"MATCH#{domain}"


def match_entry(domain: str, kind: str, item_id: str) -> dict[str, str]:
    return {"pk": match_partition(domain), "sk": f"{kind}#{item_id}"}


# ------------------------------------------------------------ abuse limits


PAGE_PREFIX = "PAGE#"


def published_page(election_id: str, number: int) -> dict[str, str]:
    return {"pk": f"PUBLISHED#{election_id}", "sk": f"{PAGE_PREFIX}{number:06d}"}


# ------------------------------------------------------------ mail
# Every key naming a person here is a keyed pseudonym (hromada.pseudonyms), one purpose each, never a plain
# hash: whoever holds the table cannot find an address in it by hashing candidates.
def subscription(subscription_id: str) -> dict[str, str]:
    return {"pk": f"SUB#{subscription_id.removeprefix('sb_')}", "sk": "SUB"}


def subscribers(frequency: str) -> str:
    return f"SUBS#{frequency}"


def suppressed(email: str) -> dict[str, str]:
    return {"pk": f"SUPPRESSED#{pseudonym(email, 'suppression')}", "sk": "SUPPRESSED"}


def delivery(job_key: str, recipient_id: str) -> dict[str, str]:
    # The recipient id (a member's id, a subscription's, an address) is pseudonymised: the record names nobody.
    return {"pk": f"MAIL#{job_key}#{pseudonym(recipient_id, 'delivery')}", "sk": "MAIL"}


def form_mail_allowance(domain: str, hour: int) -> dict[str, str]:
    """Confirmation and notice mails sent to one mail domain in one hour (the domain is pseudonymised too: a
    small association's domain names it)."""
    return {"pk": f"FORMMAIL#{pseudonym(domain, 'mail-domain')}", "sk": str(hour)}


def reminder(event_id: str, start: str) -> dict[str, str]:
    return {"pk": f"EVENT#{event_id}", "sk": f"REMINDED#{start}"}
# ------------------------------------------------------------ moderation and personal data
FLAG_PREFIX = "BY#"
REVIEW = "REVIEW"
FLAGS_OPEN = "FLAGS_OPEN"
WARNING_PREFIX = "WARNING#"


def flag_partition(item: str) -> str:
    return f"FLAG#{item}"


def flag(item: str, reporter_id: str) -> dict[str, str]:
    return {"pk": flag_partition(item), "sk": f"{FLAG_PREFIX}{reporter_id}"}


def review(item: str) -> dict[str, str]:
    return {"pk": flag_partition(item), "sk": REVIEW}


def queue_order(first_flagged_at: str, item: str) -> str:
    return f"{first_flagged_at}#{item}"


def flagged_association(association_id: str) -> str:
    return f"FLAGGED_ASSOC#{association_id}"


def warning(association_id: str, at: str, nonce: str) -> dict[str, str]:
    return {"pk": f"ASSOC#{association_id}", "sk": f"{WARNING_PREFIX}{at}#{nonce}"}


WARNINGS_END = "WARNING$"  # sorts right after every WARNING#... ("$" follows "#"): an inclusive upper bound


def suspension(user_id: str) -> dict[str, str]:
    return {"pk": f"SUSPENDED#{user_id}", "sk": "SUSPENDED"}


def person_suspension(pseudonym: str) -> dict[str, str]:
    return {"pk": f"SUSPENDED#P:{pseudonym}", "sk": "SUSPENDED"}


def erased_account(account_pseudonym: str) -> dict[str, str]:
    return {"pk": f"ERASED#{account_pseudonym}", "sk": "ERASED"}


def account_pseudonym(user_id: str) -> str:
    """The keyed HMAC naming an erased account (its sub) in its tombstone."""
    from hromada.pseudonyms import pseudonym

    return pseudonym(user_id, "erased-account")


def person(subject: str) -> str:
    """The person index partition: a user id (sub) or an e-mail address."""
    return f"PERSON#{subject}"


def person_kind(kind: str) -> str:
    """The gsi1sk prefix of one kind of a person's entries (RSVP, FLAG...)."""
    return f"{kind}#"


def person_entry(subject: str, kind: str, *parts: str) -> dict[str, str]:
    """gsi1 attributes listing an item under a person (export and erasure read them with one Query)."""
    return {"gsi1pk": person(subject), "gsi1sk": "#".join([kind, *parts])}


def person_entry_of(item: dict[str, Any]) -> tuple[str, str]:
    """The kind (RSVP, VOTED, FLAG...) and the rest (the event, the box, <at>#<item>...) an item is listed under
    in the person index: person_entry read back."""
    kind, _, rest = str(item.get("gsi1sk", "")).partition("#")
    return kind, rest


KEY_ATTRIBUTES = ("pk", "sk")


def item_key(item: dict[str, Any]) -> dict[str, Any]:
    """The item's primary key."""
    return {name: item[name] for name in KEY_ATTRIBUTES}


def without_keys(item: dict[str, Any]) -> dict[str, Any]:
    """The item's own attributes: no primary key, no index attributes (what a person sees of it)."""
    return {k: v for k, v in item.items() if k not in KEY_ATTRIBUTES and not k.startswith("gsi")}


def subscriber_partition(email: str) -> str:
    """Where the mail capability keeps a mailbox's subscription: SUB#<pseudonym(address, "subscription")>,
    the same for every alias of the mailbox (+tags). Read by the export, deleted by the erasure."""
    return f"SUB#{pseudonym(email, 'subscription')}"


def follower(association_id: str, subscription_id: str) -> dict[str, str]:
    return {"pk": f"FOLLOWERS#{association_id}", "sk": subscription_id}


def announcement_mail_quota(association_id: str, week: str) -> dict[str, str]:
    return {"pk": f"ASSOC#{association_id}", "sk": f"ANNOUNCED#{week}"}


OUTBOX = "OUTBOX"
OUTBOX_PREFIX = "OUTBOX#"  # the relay's event source filter matches this prefix: keep them in step


def outbox(outbox_id: str) -> dict[str, str]:
    return {"pk": f"{OUTBOX_PREFIX}{outbox_id}", "sk": OUTBOX}


def notice(outbox_id: str) -> dict[str, str]:
    return {"pk": f"NOTICE#{outbox_id}", "sk": "NOTICE"}


# ------------------------------------------------------------ webhooks
WEBHOOK_PREFIX = "HOOK#"
WEBHOOK_COUNT = "COUNT"


def webhooks(association_id: str) -> str:
    return f"HOOKS#{association_id}"


def webhook(association_id: str, webhook_id: str) -> dict[str, str]:
    return {"pk": webhooks(association_id), "sk": f"{WEBHOOK_PREFIX}{webhook_id}"}


def webhook_count(association_id: str) -> dict[str, str]:
    return {"pk": webhooks(association_id), "sk": WEBHOOK_COUNT}


def webhook_log_partition(webhook_id: str) -> str:
    return f"HOOKLOG#{webhook_id}"


def webhook_log(webhook_id: str, at: str, nonce: str) -> dict[str, str]:
    return {"pk": webhook_log_partition(webhook_id), "sk": f"{at}#{nonce}"}


def webhook_once(key: str, window: str) -> dict[str, str]:
    return {"pk": f"HOOKONCE#{key}", "sk": window}
# Association figures: one item per association and month in the association's partition, so the owner's
# request reads its editor item, the profile and the months with one Query (sk EDITOR#<email> .. PROFILE).
FIGURES_PREFIX = "FIGURES#"


def figures_month(association_id: str, month: str) -> dict[str, str]:
    """month: yyyy-mm (Paris time)."""
    return {"pk": f"ASSOC#{association_id}", "sk": f"{FIGURES_PREFIX}{month}"}


def figures_seen(outbox_id: str) -> dict[str, str]:
    """A bus event counted into the figures (once-only marker, written with the counters)."""
    return {"pk": f"FIGSEEN#{outbox_id}", "sk": "FIGSEEN"}

# ------------------------------------------------------------ recurring events
# series        pk EVENT#<id>    sk EVENT   (an event with a rule; not in the listings: its occurrences are)
#               gsi2 EVENT_SERIES / <last end>#<id>      (series with dates still to come: the daily materialiser)
# occurrence    an event of its own (id derived from the series id and the date), listed like any event
# series reg.   pk EVENT#<series id>  sk SERIESREG#<member id>   (registered for every date)
EVENT_SERIES = "EVENT_SERIES"
SERIES_REGISTRATION_PREFIX = "SERIESREG#"


def series_order(last_end: str, series_id: str) -> str:
    return f"{last_end}#{series_id}"


def series_registration(series_id: str, member_id: str) -> dict[str, str]:
    return {"pk": f"EVENT#{series_id}", "sk": f"{SERIES_REGISTRATION_PREFIX}{member_id}"}


CLAIM = "CLAIM"
CLAIMS_COLLECTION = "CLAIMS"
CLAIM_CHANGE_PREFIX = "CHANGE#"
CLAIM_URL = "CLAIM_URL"


def claim(claim_id: str) -> dict[str, str]:
    return {"pk": f"CLAIM#{claim_id}", "sk": CLAIM}


def claim_order(updated_at: str, claim_id: str) -> str:
    return f"{updated_at}#{claim_id}"


def claim_change(claim_id: str, at: str, nonce: str) -> dict[str, str]:
    return {"pk": f"CLAIM#{claim_id}", "sk": f"{CLAIM_CHANGE_PREFIX}{at}#{nonce}"}


def claim_url(normalised_url: str) -> dict[str, str]:
    """Hashed: an address may be long (2,000 characters); the key stays short and fixed."""
    import hashlib

    return {"pk": f"CLAIM_URL#{hashlib.sha256(normalised_url.encode()).hexdigest()}", "sk": CLAIM_URL}


def fact_check_partition(announcement_id: str) -> str:
    return f"FACT_CHECK#{announcement_id}"


def fact_check(announcement_id: str, claim_id: str) -> dict[str, str]:
    return {"pk": fact_check_partition(announcement_id), "sk": f"CLAIM#{claim_id}"}


# ------------------------------------------------------------ twinning health
TWINNING_HEALTH = "TWINNING_HEALTH"


def twinning_health() -> dict[str, str]:
    """The counters item (hromada.store.twinning_health)."""
    return {"pk": TWINNING_HEALTH, "sk": "COUNTERS"}


def unanswered_offer(created_at: str, initiative_id: str) -> dict[str, str]:
    """An open offer never answered, ordered by its publication date."""
    return {"pk": f"{TWINNING_HEALTH}#UNANSWERED", "sk": f"{created_at}#{initiative_id}"}


def possible_match(need_id: str, offer_id: str) -> dict[str, str]:
    """A need and an offer told of each other: under the need, and (gsi1) under the offer."""
    return {"pk": f"POSSIBLE_MATCH#{need_id}", "sk": f"OFFER#{offer_id}",
            "gsi1pk": f"POSSIBLE_MATCH#{offer_id}", "gsi1sk": f"NEED#{need_id}"}


def twinning_health_week(week: str) -> dict[str, str]:
    """The counters as they were when an ISO week's summary was mailed (2026-W49)."""
    return {"pk": TWINNING_HEALTH, "sk": f"WEEK#{week}"}


# ------------------------------------------------------------ volunteer shifts
# shift         pk ANN#<announcement id>  sk SHIFT#<shift id>   (its places counters on the item: one Query of
#                                                               the announcement's partition lists them all)
# signup        pk SHIFT#<shift id>  sk VOL#<member id>         (one per member and shift; person index
#               gsi1 PERSON#<member id> / SHIFT#<announcement id>#<shift id>: export and erasure)
# shift slot    pk SHIFT#<shift id>  sk WAIT#<joined at>#<member id>   (the first slot is promoted first)
# reminded      pk SHIFT#<shift id>  sk REMINDED#<starts at>    (the day-before reminder was planned)
# message       pk SHIFTMSG#<shift id>#<message id>  sk MSG     (a message to volunteers is sent once)
SHIFT_PREFIX = "SHIFT#"
VOLUNTEER_PREFIX = "VOL#"


def shift(announcement_id: str, shift_id: str) -> dict[str, str]:
    return {"pk": f"ANN#{announcement_id}", "sk": f"{SHIFT_PREFIX}{shift_id}"}


def announcement_partition(announcement_id: str) -> str:
    return f"ANN#{announcement_id}"


def shift_partition(shift_id: str) -> str:
    return f"SHIFT#{shift_id}"


def signup(shift_id: str, member_id: str) -> dict[str, str]:
    return {"pk": shift_partition(shift_id), "sk": f"{VOLUNTEER_PREFIX}{member_id}"}


def shift_slot(shift_id: str, joined_at: str, member_id: str) -> dict[str, str]:
    return {"pk": shift_partition(shift_id), "sk": f"{WAIT_PREFIX}{joined_at}#{member_id}"}


def shift_reminder(shift_id: str, starts_at: str) -> dict[str, str]:
    return {"pk": shift_partition(shift_id), "sk": f"REMINDED#{starts_at}"}


def shift_message(shift_id: str, message_id: str) -> dict[str, str]:
    return {"pk": f"SHIFTMSG#{shift_id}#{message_id}", "sk": "MSG"}


SHIFTS_COLLECTION = "SHIFTS"  # gsi2 of shift items / <starts at>#<id>: what the reminder planner reads


# ------------------------------------------------------------ campaigns
# campaign       pk CAMPAIGN#<id>  sk CAMPAIGN          gsi2 CAMPAIGNS / <slug>   (every campaign: a few dozen)
# its slug       pk CAMPAIGN_SLUG#<slug>  sk SLUG       (written with the campaign: slugs are unique)
# invitation     pk CAMPAIGN#<id>  sk INVITED#<association id>   (once per association and campaign)
# attached event pk EVENT#<id>  sk CAMPAIGN   gsi3 CAMPAIGN_EVENTS#<campaign id> / <region|~>#<start>#<id>
#                (written with the event, deleted with it: the campaign page reads one Query per page)
# attached ann.  pk ANN#<id>    sk CAMPAIGN   gsi3 CAMPAIGN_ANNS#<campaign id> / <created>#<id>
CAMPAIGN = "CAMPAIGN"
CAMPAIGNS_COLLECTION = "CAMPAIGNS"
CAMPAIGN_INVITED_PREFIX = "INVITED#"
ONLINE_REGION = "~"  # sorts after every region code: online-only events come last


def campaign(campaign_id: str) -> dict[str, str]:
    return {"pk": f"CAMPAIGN#{campaign_id}", "sk": CAMPAIGN}


def campaign_partition(campaign_id: str) -> str:
    return f"CAMPAIGN#{campaign_id}"


def campaign_slug(slug: str) -> dict[str, str]:
    return {"pk": f"CAMPAIGN_SLUG#{slug}", "sk": "SLUG"}


def campaign_invitation(campaign_id: str, association_id: str) -> dict[str, str]:
    return {"pk": campaign_partition(campaign_id), "sk": f"{CAMPAIGN_INVITED_PREFIX}{association_id}"}


def event_campaign(event_id: str) -> dict[str, str]:
    return {"pk": event_partition(event_id), "sk": CAMPAIGN}


def campaign_events(campaign_id: str) -> str:
    return f"CAMPAIGN_EVENTS#{campaign_id}"


def campaign_event_order(region: str | None, start: str, event_id: str) -> str:
    return f"{region or ONLINE_REGION}#{start}#{event_id}"


def campaign_opt_out(reference: str) -> dict[str, str]:
    """A mailbox that opted out of campaign invitations: reference = optout:<pseudonym of the address>."""
    return {"pk": f"NOINVITE#{reference}", "sk": "NOINVITE"}


def announcement_campaign(announcement_id: str) -> dict[str, str]:
    return {"pk": f"ANN#{announcement_id}", "sk": CAMPAIGN}


def campaign_announcements(campaign_id: str) -> str:
    return f"CAMPAIGN_ANNS#{campaign_id}"
