"""DynamoDB implementation of the ModerationStore port: flags, reviews, hidden markers, warnings, suspensions."""

from __future__ import annotations

import secrets
import time
from typing import Any

from hromada.domain.moderation_ports import OPEN, Flag, Review, Suspension, Target, TargetInfo, Warning
from hromada.domain.ports import AuditEntry, ConditionFailed
from hromada.models.common import Page
from hromada.store import keys
from hromada.store.audit import audit_put
from hromada.store.ballots import batch_get
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import from_item, to_item
from hromada.store.errors import call
from hromada.store.guards import transact
from hromada.store.paging import Collection, query_items, read_page
from hromada.store.series import series_hidden_is

# Closed flags are kept this long (then DynamoDB's TTL removes them; the review keeps the counts).
FLAG_RETENTION_SECONDS = 180 * 24 * 3600
# A decision's transaction carries its round's flags up to this many items (DynamoDB's limit is 100; the
# request's write guard needs a few more).
MAX_RETIRED_WITH_DECISION = 90

# A series' dates hidden or shown with it ride in the moderation write's transaction up to this many; the
# rest (a series may have up to 200 dates written), and any date written meanwhile, follow right after it.
MAX_DATES_WITH_DECISION = 80
# Dates per follow-up transaction (with the check that the series is still in the state they follow).
DATES_PER_FOLLOW_UP = 90

# The attribute each kind's own writes are conditioned on: hiding bumps it, so an edit that read the item
# before it was hidden loses (409) instead of writing it back visible.
VERSIONED = {"association": "version", "event": "sequence", "announcement": "version", "partnership": "version"}


BEFORE_VOTING = ("draft", "nominations")  # an election's phases in which flags alone may hide a candidate


def _before_voting(election_id: str) -> dict[str, Any]:
    return {"ConditionCheck": {"TableName": table_name(), "Key": to_item(keys.election(election_id)),
                               "ConditionExpression": "#status IN (:draft, :nominations)",
                               "ExpressionAttributeNames": {"#status": "status"},
                               "ExpressionAttributeValues": {":draft": {"S": "draft"},
                                                             ":nominations": {"S": "nominations"}}}}


def target_key(target: Target) -> dict[str, str]:
    if target.kind == "association":
        return keys.association(target.item_id)
    if target.kind == "event":
        return keys.event(target.item_id)
    if target.kind == "announcement":
        return keys.announcement(target.item_id)
    if target.kind == "partnership":
        return keys.PARTNERSHIPS.item(target.item_id)
    return keys.candidate(target.election_id or "", target.item_id)


def _review_item(r: Review) -> dict[str, Any]:
    t = r.target
    data: dict[str, Any] = keys.review(t.ref) | {
        "item": t.ref, "kind": t.kind, "item_id": t.item_id, "election_id": t.election_id,
        "association_id": r.association_id, "status": r.status, "hidden": r.hidden, "count": r.count,
        "total": r.total, "reasons": dict(r.reasons), "first_flagged_at": r.first_flagged_at,
        "last_flagged_at": r.last_flagged_at, "decision": r.decision, "decided_at": r.decided_at,
        "version": r.version}
    if r.association_id:
        data |= {"gsi1pk": keys.flagged_association(r.association_id), "gsi1sk": t.ref}
    if r.status == OPEN:  # sparse: the queue lists open reviews only, oldest first
        data |= {"gsi2pk": keys.FLAGS_OPEN, "gsi2sk": keys.queue_order(r.first_flagged_at, t.ref)}
    return to_item(data)


def _review(item: dict[str, Any]) -> Review:
    d = from_item(item)
    return Review(Target(d["kind"], d["item_id"], d.get("election_id")), d.get("association_id"),
                  status=d["status"], hidden=bool(d.get("hidden")), count=int(d.get("count", 0)),
                  total=int(d.get("total", 0)), reasons={k: int(v) for k, v in (d.get("reasons") or {}).items()},
                  first_flagged_at=d.get("first_flagged_at", ""), last_flagged_at=d.get("last_flagged_at", ""),
                  decision=d.get("decision"), decided_at=d.get("decided_at"), version=int(d["version"]))


def _flag_item(f: Flag) -> dict[str, Any]:
    data = keys.flag(f.target.ref, f.reporter_id) | {
        "item": f.target.ref, "reporter_id": f.reporter_id, "reason": f.reason, "comment": f.comment, "at": f.at}
    return to_item(data | keys.person_entry(f.reporter_id, "FLAG", f.at, f.target.ref))


def _flag(item: dict[str, Any]) -> Flag:
    d = from_item(item)
    return Flag(Target.parse(d["item"]) or Target("", ""), d.get("reporter_id", ""), d["reason"], d.get("comment"),
                d["at"])


def _set_hidden(target: Target, hidden: bool) -> dict[str, Any]:
    names = {"#h": "hidden"}
    update = "SET #h = :hidden"
    values: dict[str, Any] = {":hidden": {"BOOL": hidden}}
    remove = ""
    if target.kind == "event":  # an event records that it is hidden on its own: restoring its series keeps it so
        names |= {"#own": "hidden_on_its_own", "#series": "hidden_with_series"}
        if hidden:
            update += ", #own = :hidden"
        else:  # shown again, unless its series is hidden
            update, remove = "SET #h = if_not_exists(#series, :hidden)", " REMOVE #own"
    versioned = VERSIONED.get(target.kind)
    if versioned:
        names["#v"] = versioned
        update += ", #v = #v + :one"
        values[":one"] = {"N": "1"}
    if target.kind == "event" and hidden:
        del names["#series"]  # DynamoDB refuses names an expression does not use
    return {"Update": {"TableName": table_name(), "Key": to_item(target_key(target)),
                       "UpdateExpression": update + remove, "ConditionExpression": "attribute_exists(pk)",
                       "ExpressionAttributeNames": names, "ExpressionAttributeValues": values}}


def _date_hidden(date_id: str, hidden: bool) -> dict[str, Any]:
    """A date follows its series: hidden with it, shown with it unless it is hidden on its own."""
    if hidden:
        update, names = "SET #h = :true, #series = :true, #v = #v + :one", {"#series": "hidden_with_series"}
        values = {":true": {"BOOL": True}, ":one": {"N": "1"}}
    else:
        update, names = "SET #h = if_not_exists(#own, :false), #v = #v + :one REMOVE #series", {
            "#own": "hidden_on_its_own", "#series": "hidden_with_series"}
        values = {":false": {"BOOL": False}, ":one": {"N": "1"}}
    return {"Update": {"TableName": table_name(), "Key": to_item(keys.event(date_id)), "UpdateExpression": update,
                       "ConditionExpression": "attribute_exists(pk)",
                       "ExpressionAttributeNames": names | {"#h": "hidden", "#v": "sequence"},
                       "ExpressionAttributeValues": values}}


def _retire(flag: Flag) -> dict[str, Any]:
    """A closed round's flag expires (DynamoDB's TTL removes it); a flag retired before keeps its date."""
    return {"Update": {"TableName": table_name(), "Key": to_item(keys.flag(flag.target.ref, flag.reporter_id)),
                       "UpdateExpression": "SET expires_at = if_not_exists(expires_at, :e)",
                       "ExpressionAttributeValues": {":e": {"N": str(int(time.time()) + FLAG_RETENTION_SECONDS)}}}}


def _review_put(previous: Review | None, updated: Review) -> dict[str, Any]:
    put: dict[str, Any] = {"TableName": table_name(), "Item": _review_item(updated)}
    if previous is None:
        put["ConditionExpression"] = "attribute_not_exists(pk)"
    else:
        put |= {"ConditionExpression": "#v = :expected", "ExpressionAttributeNames": {"#v": "version"},
                "ExpressionAttributeValues": {":expected": {"N": str(previous.version)}}}
    return {"Put": put}


class DynamoModerationStore:
    def __init__(self, client: Any | None = None):
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or dynamodb()

    def _get(self, key: dict[str, str]) -> dict[str, Any] | None:
        item = call(self.client.get_item, TableName=table_name(), Key=to_item(key), ConsistentRead=True).get("Item")
        return from_item(item) if item else None

    def _query(self, **params: Any) -> list[dict[str, Any]]:
        return list(query_items(self.client, TableName=table_name(), **params))

    # ------------------------------------------------------------ reading
    def target(self, target: Target) -> TargetInfo | None:
        return self.target_and_review(target, with_review=False)[0]

    def target_and_review(self, target: Target, *, with_review: bool = True) -> tuple[TargetInfo | None,
                                                                                      Review | None]:
        """The flagged item's facts and its review in one BatchGetItem (a candidate's election rides along;
        only a partnership needs a second read, for its proposer's owner)."""
        wanted = [target_key(target)]
        if with_review:
            wanted.append(keys.review(target.ref))
        if target.kind == "candidate":
            wanted.append(keys.election(target.election_id or ""))
        found = {(i["pk"]["S"], i["sk"]["S"]): i for i in batch_get(self.client, wanted)}
        raw, *rest = (found.get((k["pk"], k["sk"])) for k in wanted)
        review_item = rest.pop(0) if with_review else None
        review = _review(review_item) if review_item else None
        if raw is None:
            return None, review
        item = from_item(raw)
        hidden = bool(item.get("hidden"))
        if target.kind == "association":
            return TargetInfo(target.item_id, item.get("owner_id"), item.get("status") == "verified", hidden), review
        if target.kind == "candidate":
            election = from_item(rest[0]) if rest[0] else {}
            return TargetInfo(item.get("association_id"), item.get("nominated_by"),
                              item.get("status") == "approved", hidden,
                              auto_hide=election.get("status") in BEFORE_VOTING), review
        if target.kind == "partnership":
            proposer = item.get("proposed_by")
            owner = self._get(keys.association(proposer)) if proposer else None
            return TargetInfo(proposer, owner.get("owner_id") if owner else None, True, hidden), review
        return TargetInfo(item.get("association_id"), item.get("created_by"), True, hidden), review

    def content(self, target: Target) -> object | None:
        from hromada.models.announcement import Announcement
        from hromada.models.association import Association
        from hromada.models.election import Candidate
        from hromada.models.event import Event
        from hromada.models.partnership import Partnership

        item = self._get(target_key(target))
        models = {"association": Association, "event": Event, "announcement": Announcement,
                  "partnership": Partnership, "candidate": Candidate}
        return models[target.kind].model_validate(item) if item else None

    def review(self, target: Target) -> Review | None:
        response = call(self.client.get_item, TableName=table_name(), Key=to_item(keys.review(target.ref)),
                        ConsistentRead=True)
        return _review(response["Item"]) if "Item" in response else None

    def queue(self, limit: int, cursor: str | None) -> Page[Review]:
        items, next_cursor, _ = read_page(self.client, Collection("gsi2", keys.FLAGS_OPEN), limit, cursor)
        return Page(items=[_review(i) for i in items], next_cursor=next_cursor)

    def review_with_flags(self, target: Target) -> tuple[Review | None, list[Flag]]:
        # The review (sk REVIEW) and the flags (BY#...) share the item's partition and are adjacent in it
        # (its audit entries, AUDIT#..., sort before): one strongly consistent Query reads both.
        items = self._query(ConsistentRead=True, KeyConditionExpression="pk = :pk AND sk BETWEEN :by AND :review",
                            ExpressionAttributeValues={":pk": {"S": keys.flag_partition(target.ref)},
                                                       ":by": {"S": keys.FLAG_PREFIX},
                                                       ":review": {"S": keys.REVIEW}})
        review = next((_review(i) for i in items if i["sk"]["S"] == keys.REVIEW), None)
        flags = [_flag(i) for i in items if i["sk"]["S"].startswith(keys.FLAG_PREFIX)]
        return review, sorted(flags, key=lambda f: f.at)

    def reviews_of(self, association_id: str) -> list[Review]:
        items = self._query(IndexName="gsi1", KeyConditionExpression="gsi1pk = :pk",
                            ExpressionAttributeValues={":pk": {"S": keys.flagged_association(association_id)}})
        return [_review(i) for i in items]

    def warnings(self, association_id: str) -> list[Warning]:
        items = self._query(KeyConditionExpression="pk = :pk AND begins_with(sk, :w)", ScanIndexForward=False,
                            ExpressionAttributeValues={":pk": {"S": keys.association(association_id)["pk"]},
                                                       ":w": {"S": keys.WARNING_PREFIX}})
        return [Warning(association_id, d["item"], d["note"], d["at"], "") for d in map(from_item, items)]

    def editor_warnings(self, association_id: str, email: str) -> list[Warning] | None:
        # The editor item (EDITOR#<email>) and the warnings (WARNING#...) share the association's partition:
        # one strongly consistent Query from the one to the others reads both (the other editors and the
        # profile in between are read, not returned).
        me = keys.editor(association_id, email)
        items = self._query(ConsistentRead=True, KeyConditionExpression="pk = :pk AND sk BETWEEN :me AND :end",
                            FilterExpression="sk = :me OR begins_with(sk, :w)",
                            ExpressionAttributeValues={":pk": {"S": me["pk"]}, ":me": {"S": me["sk"]},
                                                       ":end": {"S": keys.WARNINGS_END},
                                                       ":w": {"S": keys.WARNING_PREFIX}})
        if not items or items[0]["sk"]["S"] != me["sk"]:
            return None
        return [Warning(association_id, d["item"], d["note"], d["at"], "") for d in map(from_item, reversed(items[1:]))]

    # ------------------------------------------------------------ writing
    def _match_writes(self, target: Target, hidden: bool) -> list[dict[str, Any]]:
        """A partnership is also in the matching search's entries: out while hidden, back when shown."""
        if target.kind != "partnership":
            return []
        from hromada.domain.partnerships import match_candidate
        from hromada.models.partnership import Partnership
        from hromada.store.matches import entry_writes

        item = self._get(keys.PARTNERSHIPS.item(target.item_id))
        if item is None:
            return []
        shown = match_candidate(Partnership.model_validate(item).model_copy(update={"hidden": False}))
        return entry_writes(shown, None) if hidden else entry_writes(None, shown)

    # ------------------------------------------------------------ a series' dates
    def _series_dates(self, target: Target) -> list[str]:
        """When the event is a series: the ids of its dates (written or not); else none."""
        if target.kind != "event":
            return []
        from hromada.domain.series import date_ids
        from hromada.models.event import Event

        item = self._get(keys.event(target.item_id))
        if item is None or not item.get("rrule"):
            return []
        return date_ids(Event.model_validate(item))

    def _dates_to_follow(self, ids: list[str], hidden: bool) -> list[str]:
        """Of these dates, those written and not yet hidden (or shown) with their series."""
        table, stale = table_name(), []
        id_of = {keys.event_partition(i): i for i in ids}
        for chunk in range(0, len(ids), 100):
            request: dict[str, Any] | None = {table: {
                "Keys": [to_item(keys.event(i)) for i in ids[chunk:chunk + 100]], "ConsistentRead": True,
                "ProjectionExpression": "pk, #series", "ExpressionAttributeNames": {"#series": "hidden_with_series"}}}
            while request:
                response = call(self.client.batch_get_item, RequestItems=request)
                stale += [id_of[item["pk"]["S"]] for item in response.get("Responses", {}).get(table, [])
                          if ("hidden_with_series" in item) != hidden]
                request = response.get("UnprocessedKeys") or None
        return stale

    def _date_writes(self, target: Target, hidden: bool) -> tuple[list[str], list[dict[str, Any]]]:
        ids = self._series_dates(target)
        stale = self._dates_to_follow(ids, hidden) if ids else []
        return ids, [_date_hidden(i, hidden) for i in stale[:MAX_DATES_WITH_DECISION]]  # the first dates first

    def _follow_series(self, series_id: str, ids: list[str], hidden: bool) -> None:
        """After the decision: the dates it could not carry, or written meanwhile, follow the series. Each
        transaction checks the series is still in that state (a later decision carries its own dates), and
        running it again changes nothing, so a failed pass is simply run again (the daily run does)."""
        for _ in range(3):
            stale = self._dates_to_follow(ids, hidden)
            if not stale:
                return
            try:
                for chunk in range(0, len(stale), DATES_PER_FOLLOW_UP):
                    part = stale[chunk:chunk + DATES_PER_FOLLOW_UP]
                    transact(self.client, [series_hidden_is(series_id, hidden),
                                           *(_date_hidden(i, hidden) for i in part)], ["series"] + ["date"] * len(part))
            except ConditionFailed as failed:
                if failed.which == "series":
                    return
                continue  # a date was deleted meanwhile (its series was edited): read again

    def follow_series(self, series_id: str, hidden: bool) -> None:
        """Bring the written dates of a series in line with its moderation state (idempotent)."""
        if ids := self._series_dates(Target("event", series_id)):
            self._follow_series(series_id, ids, hidden)

    def add_flag(self, flag: Flag, previous: Review | None, updated: Review, *, hide: AuditEntry | None) -> None:
        series: list[str] = []
        items = [{"Put": {"TableName": table_name(), "Item": _flag_item(flag),
                          "ConditionExpression": "attribute_not_exists(pk)"}},
                 _review_put(previous, updated)]
        reasons = ["flag", "review"]
        if hide is not None:
            items += [_set_hidden(updated.target, True), audit_put(keys.flag_partition(updated.target.ref), hide)]
            reasons += ["target", "audit"]
            if updated.target.kind == "candidate":  # the vote has not opened meanwhile (else: "phase", read again)
                items.append(_before_voting(updated.target.election_id or ""))
                reasons.append("phase")
            matches = self._match_writes(updated.target, True)
            items += matches
            reasons += ["match"] * len(matches)
            series, dates = self._date_writes(updated.target, True)
            items += dates
            reasons += ["date"] * len(dates)
        transact(self.client, items, reasons)
        if hide is not None and series:
            self._follow_series(updated.target.item_id, series, True)

    def decide(self, previous: Review, updated: Review, *, set_hidden: bool | None, audit: AuditEntry,
               warning: Warning | None = None, suspension: Suspension | None = None,
               flags: list[Flag] | None = None) -> None:
        items = [_review_put(previous, updated)]
        reasons = ["review"]
        series: list[str] = []
        if set_hidden is not None:
            items.append(_set_hidden(updated.target, set_hidden))
            reasons.append("target")
            matches = self._match_writes(updated.target, set_hidden)
            items += matches
            reasons += ["match"] * len(matches)
            series, dates = self._date_writes(updated.target, set_hidden)
            items += dates
            reasons += ["date"] * len(dates)
        items.append(audit_put(keys.flag_partition(updated.target.ref), audit))
        reasons.append("audit")
        if warning is not None:
            item = keys.warning(warning.association_id, warning.at, secrets.token_hex(4)) | {
                "item": warning.item, "note": warning.note, "at": warning.at}
            items.append({"Put": {"TableName": table_name(), "Item": to_item(item)}})
            reasons.append("warning")
        if suspension is not None:
            marker = {"at": suspension.at, "reason": suspension.reason, "item": updated.target.ref}
            items.append({"Put": {"TableName": table_name(), "Item": to_item(keys.suspension(suspension.user_id)
                                                                             | marker)}})
            reasons.append("suspension")
            if suspension.person:  # names nobody: no user id in it, and it outlives the account
                items.append({"Put": {"TableName": table_name(),
                                      "Item": to_item(keys.person_suspension(suspension.person) | marker)}})
                reasons.append("suspension")
        retiring = previous.status == OPEN and updated.status != OPEN
        if retiring and flags is not None and len(items) + len(flags) <= MAX_RETIRED_WITH_DECISION:
            items += [_retire(flag) for flag in flags]  # in the decision's own transaction
            reasons += ["flag"] * len(flags)
            retiring = False
        transact(self.client, items, reasons)
        if set_hidden is not None and series:
            self._follow_series(updated.target.item_id, series, set_hidden)
        if retiring:  # too many flags to ride along: retired one by one after the decision
            self._retire_flags(updated.target)

    def _retire_flags(self, target: Target) -> None:
        """The round's flags are closed: DynamoDB's TTL removes them after the retention period."""
        expires = int(time.time()) + FLAG_RETENTION_SECONDS
        for flag in self._query(KeyConditionExpression="pk = :pk AND begins_with(sk, :by)",
                                FilterExpression="attribute_not_exists(expires_at)",
                                ExpressionAttributeValues={":pk": {"S": keys.flag_partition(target.ref)},
                                                           ":by": {"S": keys.FLAG_PREFIX}}):
            call(self.client.update_item, TableName=table_name(), Key={"pk": flag["pk"], "sk": flag["sk"]},
                 UpdateExpression="SET expires_at = :e", ExpressionAttributeValues={":e": {"N": str(expires)}})

    def lift_suspension(self, user_id: str, audit: AuditEntry, person: str | None = None) -> None:
        markers = [keys.suspension(user_id)] + ([keys.person_suspension(person)] if person else [])
        found = call(self.client.transact_get_items, TransactItems=[
            {"Get": {"TableName": table_name(), "Key": to_item(key), "ProjectionExpression": "pk"}}
            for key in markers])["Responses"]
        present = [key for key, response in zip(markers, found, strict=True) if response.get("Item")]
        if not present:
            raise ConditionFailed("suspension")
        transact(self.client, [
            *({"Delete": {"TableName": table_name(), "Key": to_item(key)}} for key in present),
            audit_put(keys.suspension(user_id)["pk"], audit),
        ], ["suspension"] * len(present) + ["audit"])
