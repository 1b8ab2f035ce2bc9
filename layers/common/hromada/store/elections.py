"""DynamoDB implementation of the ElectionStore port."""

from __future__ import annotations

import json
import secrets
from dataclasses import replace
from typing import Any

from hromada.domain.ballots import SHARDS
from hromada.domain.ports import AuditEntry
from hromada.domain.voting_ports import Guard, VoterView
from hromada.errors import BadRequest
from hromada.models.association import Association
from hromada.models.common import Page
from hromada.models.election import Candidate, CandidateStatus, Election, ElectionStatus
from hromada.pseudonyms import normalise_address
from hromada.store import keys
from hromada.store.ballots import batch_get, batch_get_tables, counter_sums, guard_check, transact
from hromada.store.client import ballot_table_name, dynamodb, table_name
from hromada.store.codec import decode_cursor, encode_cursor, from_item, to_item
from hromada.store.errors import call
from hromada.store.paging import query_from, query_items, query_pages

MAX_DUE_PAGES = 10


def audit_put(partition: dict[str, str], entry: AuditEntry) -> dict[str, Any]:
    """An append-only audit item in the partition of what it is about (same shape as the associations')."""
    item = {"actor_id": entry.actor_id, "action": entry.action, "target": entry.target, "at": entry.at,
            "reason": entry.reason, "gsi2pk": keys.audit_collection(entry.at), "gsi2sk": entry.at}
    item |= keys.person_entry(entry.actor_id, "AUDIT", entry.at)
    item |= keys.audit(partition["pk"], entry.at, secrets.token_hex(4))
    return {"Put": {"TableName": table_name(), "Item": to_item(item),
                     "ConditionExpression": "attribute_not_exists(pk)"}}


def audit_entry(item: dict[str, Any]) -> AuditEntry:
    data = from_item(item)
    return AuditEntry(data["actor_id"], data["action"], data["target"], data["at"], data.get("reason"))


def _election_item(e: Election) -> dict[str, Any]:
    data = e.model_dump(mode="json", exclude_none=True) | keys.election(e.id)
    data |= {"gsi1pk": keys.ELECTIONS_ALL, "gsi1sk": keys.due_order(e.created_at, e.id),
             "gsi2pk": keys.election_status(e.status.value),
             "gsi2sk": keys.due_order(e.due_at() or e.published_at or e.updated_at, e.id)}
    if e.status != ElectionStatus.DRAFT:  # sparse: drafts are not public
        data |= {"gsi3pk": keys.ELECTIONS_PUBLIC, "gsi3sk": keys.due_order(e.voting_opens_at, e.id)}
    return to_item(data)


def _election(item: dict[str, Any]) -> Election:
    return Election.model_validate(from_item(item))


def _candidate(item: dict[str, Any]) -> Candidate:
    return Candidate.model_validate(from_item(item))


def _candidate_item(c: Candidate) -> dict[str, Any]:
    return to_item(c.model_dump(mode="json", exclude_none=True) | keys.candidate(c.election_id, c.id)
                   | keys.person_entry(c.email, "CANDIDATE", c.election_id, c.id))


def _version_guard(version: int) -> dict[str, Any]:
    return {"ConditionExpression": "#v = :expected", "ExpressionAttributeNames": {"#v": "version"},
            "ExpressionAttributeValues": {":expected": {"N": str(version)}}}


def _in_nominations(election_id: str) -> dict[str, Any]:
    """The election is taking nominations; its version moves on (the clock builds the ballot from the
    candidates it read at one version, and writes it only if still at that version)."""
    return {"Update": {"TableName": table_name(), "Key": to_item(keys.election(election_id)),
                       "UpdateExpression": "ADD #v :one", "ConditionExpression": "#status = :nominations",
                       "ExpressionAttributeNames": {"#v": "version", "#status": "status"},
                       "ExpressionAttributeValues": {":one": {"N": "1"}, ":nominations": {"S": "nominations"}}}}


ROLL_BATCH = 98  # roll entries per transaction, with its audit entry and the check that the vote has not opened


class DynamoElectionStore:
    def __init__(self, client: Any | None = None):
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or dynamodb()

    # ------------------------------------------------------------ elections
    def create(self, election: Election, audit: AuditEntry) -> None:
        transact(self.client, [
            {"Put": {"TableName": table_name(), "Item": _election_item(election),
                     "ConditionExpression": "attribute_not_exists(pk)"}},
            audit_put(keys.election(election.id), audit)], ["exists", "audit"])

    def get(self, election_id: str) -> Election | None:
        item = call(self.client.get_item, TableName=table_name(), Key=to_item(keys.election(election_id)),
                    ConsistentRead=True).get("Item")
        return _election(item) if item else None

    def get_with_association(self, election_id: str, association_id: str) -> tuple[Election | None,
                                                                                   Association | None]:
        """One BatchGetItem: the election (its phase) and the nominating association (its name and status)."""
        wanted = [keys.election(election_id), keys.association(association_id)]
        found = {(i["pk"]["S"], i["sk"]["S"]): i for i in batch_get(self.client, wanted)}
        election, association = (found.get((k["pk"], k["sk"])) for k in wanted)
        return (_election(election) if election else None,
                Association.model_validate(from_item(association)) if association else None)

    def get_with_turnout(self, election_id: str) -> tuple[Election | None, int]:
        """One BatchGetItem: the election and its ballot box's counters (the shard count is fixed per
        election; read with the current default and read again if it differs)."""
        found = batch_get_tables(self.client, {
            table_name(): [keys.election(election_id)],
            ballot_table_name(): [keys.counters(election_id, s) for s in range(SHARDS)]})
        election = next((_election(i) for i in found[table_name()]), None)
        counters = found[ballot_table_name()]
        if election and election.shards != SHARDS:
            counters = batch_get(self.client, [keys.counters(election_id, s) for s in range(election.shards)],
                                 ballot_table_name())
        return election, counter_sums(counters).get("n", 0)

    def save(self, election: Election, expected_version: int, audit: AuditEntry | None = None) -> None:
        items = [{"Put": {"TableName": table_name(), "Item": _election_item(election),
                          **_version_guard(expected_version)}}]
        if audit:
            items.append(audit_put(keys.election(election.id), audit))
        transact(self.client, items, ["version", "audit"])

    def list_public(self, limit: int, cursor: str | None) -> Page[Election]:
        return self._list("gsi3", keys.ELECTIONS_PUBLIC, limit, cursor)

    def list_all(self, limit: int, cursor: str | None) -> Page[Election]:
        return self._list("gsi1", keys.ELECTIONS_ALL, limit, cursor)

    def _list(self, index: str, partition: str, limit: int, cursor: str | None) -> Page[Election]:
        pk, sk = f"{index}pk", f"{index}sk"
        start = decode_cursor(cursor, expect={pk: partition}, key_names={"pk", "sk", pk, sk})
        params: dict[str, Any] = {"TableName": table_name(), "IndexName": index,
                                  "KeyConditionExpression": f"{pk} = :p", "ScanIndexForward": False,
                                  "ExpressionAttributeValues": {":p": {"S": partition}}, "Limit": limit}
        response = query_from(self.client, start, **params)
        return Page(items=[_election(i) for i in response.get("Items", [])],
                    next_cursor=encode_cursor(response.get("LastEvaluatedKey")))

    def due(self, status: ElectionStatus, now: str) -> list[str]:
        return due_ids(self.client, keys.election_status(status.value), now)

    # ------------------------------------------------------------ candidates
    def with_candidates(self, election_id: str) -> tuple[Election | None, list[Candidate]]:
        """One Query: the candidates' keys sort just before the election's (CANDIDATE#… < ELECTION)."""
        items = list(query_items(
            self.client, TableName=table_name(), ConsistentRead=True,
            KeyConditionExpression="pk = :pk AND sk BETWEEN :first AND :election",
            ExpressionAttributeValues={":pk": {"S": keys.election(election_id)["pk"]},
                                       ":first": {"S": keys.CANDIDATE_PREFIX}, ":election": {"S": keys.ELECTION}}))
        election = next((_election(i) for i in items if i["sk"]["S"] == keys.ELECTION), None)
        return election, [_candidate(i) for i in items if i["sk"]["S"] != keys.ELECTION]

    def get_candidate(self, election_id: str, candidate_id: str) -> Candidate | None:
        item = call(self.client.get_item, TableName=table_name(),
                    Key=to_item(keys.candidate(election_id, candidate_id))).get("Item")
        return _candidate(item) if item else None

    def nominate(self, candidate: Candidate, *, owner_email: str, quota: int, audit: AuditEntry) -> None:
        table = table_name()
        transact(self.client, [
            {"ConditionCheck": {"TableName": table, "Key": to_item(keys.election(candidate.election_id)),
                                "ConditionExpression": "#status = :nominations",
                                "ExpressionAttributeNames": {"#status": "status"},
                                "ExpressionAttributeValues": {":nominations": {"S": "nominations"}}}},
            guard_check(Guard("owner", candidate.association_id, owner_email)),
            guard_check(Guard("verified", candidate.association_id)),
            {"Update": {"TableName": table,
                        "Key": to_item(keys.nomination_quota(candidate.election_id, candidate.association_id)),
                        "UpdateExpression": "ADD used :one",
                        "ConditionExpression": "attribute_not_exists(used) OR used < :quota",
                        "ExpressionAttributeValues": {":one": {"N": "1"}, ":quota": {"N": str(quota)}}}},
            {"Put": {"TableName": table, "Item": _candidate_item(candidate),
                     "ConditionExpression": "attribute_not_exists(pk)"}},
            audit_put(keys.election(candidate.election_id), audit),
        ], ["phase", "owner", "verified", "quota", "exists", "audit"])

    def update_candidate(self, candidate: Candidate, *, allowed_from: set[CandidateStatus], audit: AuditEntry,
                         candidate_email: str | None = None, owner_email: str | None = None,
                         release_quota: bool = False) -> None:
        table = table_name()
        statuses = {f":s{i}": {"S": s.value} for i, s in enumerate(sorted(allowed_from))}
        condition = f"#status IN ({', '.join(statuses)})"
        values: dict[str, Any] = dict(statuses)
        if candidate_email is not None:
            condition += " AND email = :email"
            values[":email"] = {"S": candidate_email}
        # Hidden or shown by moderation since it was read: this write would undo that (it loses instead).
        condition += " AND (attribute_not_exists(#hidden) OR #hidden = :hidden)"
        values[":hidden"] = {"BOOL": candidate.hidden}
        items: list[dict[str, Any]] = [
            _in_nominations(candidate.election_id),
            {"Put": {"TableName": table, "Item": _candidate_item(candidate), "ConditionExpression": condition,
                     "ExpressionAttributeNames": {"#status": "status", "#hidden": "hidden"},
                     "ExpressionAttributeValues": values}},
        ]
        which = ["phase", "status"]
        if owner_email is not None:
            items.append(guard_check(Guard("owner", candidate.association_id, owner_email)))
            which.append("owner")
        if release_quota:
            items.append({"Update": {"TableName": table, "UpdateExpression": "ADD used :minus",
                                     "Key": to_item(keys.nomination_quota(candidate.election_id,
                                                                          candidate.association_id)),
                                     "ExpressionAttributeValues": {":minus": {"N": "-1"}}}})
            which.append("quota")
        items.append(audit_put(keys.election(candidate.election_id), audit))
        which.append("audit")
        transact(self.client, items, which)

    # ------------------------------------------------------------ voters
    def add_to_roll(self, election_id: str, emails: list[str], audit: AuditEntry) -> None:
        """Each batch is one transaction: its entries, its audit entry (how many it added) and the check that
        the vote has not opened (the roll is frozen from then on: raises ConditionFailed("phase"), and that
        batch writes nothing). Entries are keyed by the mailbox (normalise_address, as the vote's guard looks
        them up) and listed under the address as given (export, erasure)."""
        table = table_name()
        frozen_check = {"ConditionCheck": {
            "TableName": table, "Key": to_item(keys.election(election_id)),
            "ConditionExpression": "#status IN (:draft, :nominations)",
            "ExpressionAttributeNames": {"#status": "status"},
            "ExpressionAttributeValues": {":draft": {"S": "draft"}, ":nominations": {"S": "nominations"}}}}
        pairs = sorted({normalise_address(email): email for email in emails}.items())
        for start in range(0, len(pairs), ROLL_BATCH):
            batch = pairs[start:start + ROLL_BATCH]
            puts = [{"Put": {"TableName": table, "Item": to_item(keys.roll_entry(election_id, mailbox)
                                                                 | keys.person_entry(email, "ROLL", election_id))}}
                    for mailbox, email in batch]
            entry = audit if len(pairs) <= ROLL_BATCH else replace(audit, reason=f"{len(batch)} addresses")
            transact(self.client, [frozen_check, audit_put(keys.election(election_id), entry), *puts],
                     ["phase", "audit", *("roll" for _ in puts)])

    def voter_view(self, election_id: str, voters: list[str], roll_email: str | None) -> VoterView:
        wanted = [keys.election(election_id), *(keys.marker(election_id, v) for v in voters)]
        if roll_email:
            wanted.append(keys.roll_entry(election_id, roll_email))
        found = {(i["pk"]["S"], i["sk"]["S"]): i for i in batch_get(self.client, wanted[:100])}
        election_key = keys.election(election_id)
        election = found.get((election_key["pk"], election_key["sk"]))
        voted = {v for v in voters if tuple(keys.marker(election_id, v).values()) in found}
        on_roll = bool(roll_email) and tuple(keys.roll_entry(election_id, roll_email or "").values()) in found
        return VoterView(_election(election) if election else None, voted, on_roll)

    # ------------------------------------------------------------ audit and results
    def audit_log(self, election_id: str) -> list[AuditEntry]:
        return audit_log(self.client, keys.election(election_id)["pk"])

    def put_page(self, election_id: str, number: int, ballots: list[dict[str, Any]]) -> None:
        page = keys.published_page(election_id, number) | {"ballots": json.dumps(ballots, ensure_ascii=False)}
        call(self.client.put_item, TableName=table_name(), Item=to_item(page))

    def published_page(self, election_id: str,
                       cursor: str | None) -> tuple[Election | None, list[dict[str, Any]], str | None]:
        number = 1
        if cursor:
            key = decode_cursor(cursor, expect={"pk": keys.published_page(election_id, 1)["pk"]},
                                key_names={"pk", "sk"})
            sk = key["sk"]["S"] if key else ""
            digits = sk.removeprefix(keys.PAGE_PREFIX)
            if not (sk.startswith(keys.PAGE_PREFIX) and digits.isdigit() and int(digits) >= 1):
                raise BadRequest("invalid_cursor")
            number = int(digits)
        page_key = keys.published_page(election_id, number)
        found = batch_get(self.client, [keys.election(election_id), page_key])
        election = next((_election(i) for i in found if i["sk"]["S"] == keys.ELECTION), None)
        page = next((json.loads(i["ballots"]["S"]) for i in found if i["sk"]["S"] == page_key["sk"]), [])
        more = election is not None and number < election.ballot_pages
        following = keys.published_page(election_id, number + 1)
        return election, page, encode_cursor({k: {"S": v} for k, v in following.items()}) if more else None

    def publish(self, election: Election, expected_version: int, result: dict[str, Any], digest: str,
                audit: AuditEntry) -> None:
        stored = keys.result(election.id) | {"result": json.dumps(result, ensure_ascii=False), "ballots_sha256": digest}
        transact(self.client, [
            {"Put": {"TableName": table_name(), "Item": _election_item(election),
                     **_version_guard(expected_version)}},
            {"Put": {"TableName": table_name(), "Item": to_item(stored)}},
            audit_put(keys.election(election.id), audit)], ["version", "result", "audit"])

    def result(self, election_id: str) -> tuple[Election | None, dict[str, Any] | None]:
        found = batch_get(self.client, [keys.election(election_id), keys.result(election_id)])
        election = next((_election(i) for i in found if i["sk"]["S"] == keys.ELECTION), None)
        stored = next((from_item(i) for i in found if i["sk"]["S"] == "RESULT"), None)
        if stored is None:
            return election, None
        return election, {"result": json.loads(stored["result"]), "ballots_sha256": stored["ballots_sha256"]}

    def published_ballot(self, election_id: str, shard: int,
                         tracker: str) -> tuple[Election | None, dict[str, Any] | None]:
        found = batch_get_tables(self.client, {table_name(): [keys.election(election_id)],
                                               ballot_table_name(): [keys.ballot(election_id, shard, tracker)]})
        election = next((_election(i) for i in found[table_name()]), None)
        ballot = next((from_item(i)["ballot"] for i in found[ballot_table_name()]), None)
        return election, ballot


def due_ids(client: Any, partition: str, now: str) -> list[str]:
    """Ids in a due queue (gsi2) whose time has come, oldest first."""
    pages = query_pages(client, max_pages=MAX_DUE_PAGES, TableName=table_name(), IndexName="gsi2",
                        KeyConditionExpression="gsi2pk = :p AND gsi2sk <= :now",
                        ExpressionAttributeValues={":p": {"S": partition}, ":now": {"S": keys.due_until(now)}},
                        ProjectionExpression="#id", ExpressionAttributeNames={"#id": "id"})
    return [item["id"]["S"] for response in pages for item in response.get("Items", [])]


def audit_log(client: Any, partition: str) -> list[AuditEntry]:
    return [audit_entry(i) for i in query_items(client, TableName=table_name(),
                                                KeyConditionExpression="pk = :pk AND begins_with(sk, :audit)",
                                                ExpressionAttributeValues={":pk": {"S": partition},
                                                                           ":audit": {"S": keys.AUDIT_PREFIX}})]
