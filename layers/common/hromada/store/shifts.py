"""DynamoDB implementation of the ShiftStore port: shifts (with their places counters), signups, waitlists."""

from __future__ import annotations

from typing import Any

from hromada.domain.ports import ConditionFailed
from hromada.domain.rate_limits import QuotaExceeded, WriteGuard
from hromada.domain.shift_ports import ShiftSlot
from hromada.models.announcement import Announcement
from hromada.models.shift import Shift, Signup, SignupStatus
from hromada.store import keys
from hromada.store.announcements import _announcement
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import from_item, to_item
from hromada.store.errors import call, guarded_write
from hromada.store.guards import editor_still_edits, is_editor, transact
from hromada.store.paging import query_count, query_items
from hromada.store.write_guards import quota_items

ONE, MINUS_ONE, ZERO = {"N": "1"}, {"N": "-1"}, {"N": "0"}
# Attribute names of the counters (several are DynamoDB reserved words).
NAMES = {"#people": "people", "#conf": "confirmed", "#wait": "waiting", "#status": "status", "#v": "version"}
EDITABLE = ("date", "start_time", "end_time", "time_zone", "starts_at", "ends_at", "place", "online_url", "people",
            "task", "status")


def _shift_item(s: Shift) -> dict[str, Any]:
    data = s.model_dump(mode="json", exclude_none=True) | keys.shift(s.announcement_id, s.id)
    data |= {"gsi2pk": keys.SHIFTS_COLLECTION, "gsi2sk": f"{s.starts_at}#{s.id}"}
    return to_item(data)


def _shift(item: dict[str, Any]) -> Shift:
    return Shift.model_validate(from_item(item))


def _signup_item(s: Signup) -> dict[str, Any]:
    return to_item(s.model_dump(mode="json", exclude_none=True) | keys.signup(s.shift_id, s.member_id)
                   | keys.person_entry(s.member_id, "SHIFT", s.announcement_id, s.shift_id))


def _signup(item: dict[str, Any]) -> Signup:
    return Signup.model_validate(from_item(item))


def _slot(item: dict[str, Any]) -> ShiftSlot:
    data = from_item(item)
    return ShiftSlot(shift_id=data["shift_id"], member_id=data["member_id"], joined_at=data["joined_at"])


def _names(expression: str) -> dict[str, str]:
    return {k: v for k, v in NAMES.items() if k in expression}


class DynamoShiftStore:
    def __init__(self, client: Any | None = None):
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or dynamodb()

    # ------------------------------------------------------------ shifts
    def announcement_with_shifts(self, announcement_id: str) -> tuple[Announcement | None, list[Shift]]:
        items = query_items(self.client, TableName=table_name(), KeyConditionExpression="pk = :pk",
                            ExpressionAttributeValues={":pk": {"S": keys.announcement_partition(announcement_id)}})
        announcement, shifts = None, []
        for item in items:
            sk = item["sk"]["S"]
            if sk == keys.ANNOUNCEMENT:
                announcement = _announcement(item)
            elif sk.startswith(keys.SHIFT_PREFIX):
                shifts.append(_shift(item))
        return announcement, sorted(shifts, key=lambda s: (s.starts_at, s.id))

    def get(self, announcement_id: str, shift_id: str) -> Shift | None:
        response = call(self.client.get_item, TableName=table_name(), ConsistentRead=True,
                        Key=to_item(keys.shift(announcement_id, shift_id)))
        return _shift(response["Item"]) if "Item" in response else None

    def create(self, shift: Shift, *, editor_email: str | None) -> None:
        guard = editor_still_edits(shift.association_id, editor_email)
        transact(self.client, [
            *guard,
            {"ConditionCheck": {"TableName": table_name(), "Key": to_item(keys.announcement(shift.announcement_id)),
                                "ConditionExpression": "attribute_exists(pk)"}},
            {"Put": {"TableName": table_name(), "Item": _shift_item(shift),
                     "ConditionExpression": "attribute_not_exists(pk)"}},
        ], ["editor"] * len(guard) + ["announcement", "exists"])

    def save(self, shift: Shift, expected_version: int, *, editor_email: str | None) -> None:
        # An update of the editable fields only: the counters are changed by signups meanwhile.
        data = from_item(_shift_item(shift))
        sets = [f"#f{i} = :f{i}" for i, name in enumerate(EDITABLE) if name in data]
        removes = [f"#f{i}" for i, name in enumerate(EDITABLE) if name not in data]
        names = {f"#f{i}": name for i, name in enumerate(EDITABLE)} | {"#v": "version", "#conf": "confirmed",
                                                                       "#g": "gsi2sk"}
        values = {f":f{i}": to_item({"v": data[name]})["v"] for i, name in enumerate(EDITABLE) if name in data}
        values |= {":expected": {"N": str(expected_version)}, ":next": {"N": str(shift.version)},
                   ":g": {"S": f"{shift.starts_at}#{shift.id}"}}
        update = "SET " + ", ".join([*sets, "#v = :next", "#g = :g"])
        if removes:
            update += " REMOVE " + ", ".join(removes)
        guard = editor_still_edits(shift.association_id, editor_email)
        transact(self.client, [
            *guard,
            {"Update": {"TableName": table_name(), "Key": to_item(keys.shift(shift.announcement_id, shift.id)),
                        "UpdateExpression": update,
                        "ConditionExpression": f"#v = :expected AND #conf <= :f{EDITABLE.index('people')}",
                        "ExpressionAttributeNames": names, "ExpressionAttributeValues": values}},
        ], ["editor"] * len(guard) + ["changed"])

    def starting_between(self, low: str, high: str) -> list[Shift]:
        items = query_items(self.client, TableName=table_name(), IndexName="gsi2",
                            KeyConditionExpression="gsi2pk = :c AND gsi2sk BETWEEN :low AND :high",
                            FilterExpression="#status = :scheduled", ExpressionAttributeNames={"#status": "status"},
                            ExpressionAttributeValues={":c": {"S": keys.SHIFTS_COLLECTION}, ":low": {"S": low},
                                                       ":high": {"S": high}, ":scheduled": {"S": "scheduled"}})
        return [_shift(item) for item in items if from_item(item)["starts_at"] < high]

    def is_editor(self, association_id: str, email: str) -> bool:
        return is_editor(self.client, association_id, email)

    # ------------------------------------------------------------ signups
    def get_signup(self, shift_id: str, member_id: str) -> Signup | None:
        response = call(self.client.get_item, TableName=table_name(), ConsistentRead=True,
                        Key=to_item(keys.signup(shift_id, member_id)))
        return _signup(response["Item"]) if "Item" in response else None

    def get_with_signup(self, announcement_id: str, shift_id: str,
                        member_id: str) -> tuple[Announcement | None, Shift, Signup | None] | None:
        table = table_name()
        wanted = [keys.shift(announcement_id, shift_id), keys.signup(shift_id, member_id),
                  keys.announcement(announcement_id)]
        request: dict[str, Any] | None = {table: {"Keys": [to_item(k) for k in wanted], "ConsistentRead": True}}
        by_key: dict[tuple[str, str], dict[str, Any]] = {}
        while request:
            response = call(self.client.batch_get_item, RequestItems=request)
            by_key |= {(i["pk"]["S"], i["sk"]["S"]): i for i in response.get("Responses", {}).get(table, [])}
            request = response.get("UnprocessedKeys") or None
        shift = by_key.get((wanted[0]["pk"], wanted[0]["sk"]))
        if shift is None:
            return None
        signup = by_key.get((wanted[1]["pk"], wanted[1]["sk"]))
        announcement = by_key.get((wanted[2]["pk"], wanted[2]["sk"]))
        return (_announcement(announcement) if announcement else None, _shift(shift),
                _signup(signup) if signup else None)

    def take_place(self, signup: Signup) -> None:
        transact(self.client, [
            self._counter(signup.announcement_id, signup.shift_id, "ADD #conf :one",
                          "#status = :scheduled AND #wait = :zero AND #conf < #people"),
            _put_new(_signup_item(signup)),
            _announcement_shown(signup.announcement_id),
        ], ["places", "exists", "announcement"])

    def join_waitlist(self, signup: Signup) -> None:
        slot = keys.shift_slot(signup.shift_id, signup.joined_at, signup.member_id) | {
            "shift_id": signup.shift_id, "member_id": signup.member_id, "joined_at": signup.joined_at}
        transact(self.client, [
            self._counter(signup.announcement_id, signup.shift_id, "ADD #wait :one",
                          "#status = :scheduled AND (#conf >= #people OR #wait > :zero)"),
            _put_new(_signup_item(signup)),
            _put_new(to_item(slot)),
            _announcement_shown(signup.announcement_id),
        ], ["places", "exists", "exists", "announcement"])

    def position(self, signup: Signup) -> int:
        mine = keys.shift_slot(signup.shift_id, signup.joined_at, signup.member_id)
        return query_count(self.client, TableName=table_name(), ConsistentRead=True,
                           KeyConditionExpression="pk = :pk AND sk BETWEEN :first AND :mine",
                           ExpressionAttributeValues={":pk": {"S": mine["pk"]}, ":first": {"S": keys.WAIT_PREFIX},
                                                      ":mine": {"S": mine["sk"]}})

    def first_waiting(self, shift_id: str) -> ShiftSlot | None:
        response = call(self.client.query, TableName=table_name(), ConsistentRead=True, Limit=1,
                        KeyConditionExpression="pk = :pk AND begins_with(sk, :wait)",
                        ExpressionAttributeValues={":pk": {"S": keys.shift_partition(shift_id)},
                                                   ":wait": {"S": keys.WAIT_PREFIX}})
        items = response.get("Items", [])
        return _slot(items[0]) if items else None

    def leave(self, signup: Signup, *, promote: ShiftSlot | None, at: str, only_if_nobody_waits: bool) -> None:
        remove = {"Delete": {"TableName": table_name(), "Key": to_item(keys.signup(signup.shift_id, signup.member_id)),
                             "ConditionExpression": "#status = :was", "ExpressionAttributeNames": {"#status": "status"},
                             "ExpressionAttributeValues": {":was": {"S": signup.status.value}}}}
        ann, shift_id = signup.announcement_id, signup.shift_id
        if signup.status == SignupStatus.WAITLISTED:
            items = [remove, _delete_slot(shift_id, signup.joined_at, signup.member_id),
                     self._counter(ann, shift_id, "ADD #wait :minus", "#wait > :zero")]
        elif promote is not None:
            items = [remove, _delete_slot(shift_id, promote.joined_at, promote.member_id),
                     _promote_signup(promote, at), self._counter(ann, shift_id, "ADD #wait :minus", "#wait > :zero")]
        else:
            condition = "#conf > :zero" + (" AND #wait = :zero" if only_if_nobody_waits else "")
            items = [remove, self._counter(ann, shift_id, "ADD #conf :minus", condition)]
        transact(self.client, items, ["changed"] * len(items))

    def promote(self, shift: Shift, slot: ShiftSlot, *, at: str) -> None:
        items = [_delete_slot(slot.shift_id, slot.joined_at, slot.member_id), _promote_signup(slot, at),
                 self._counter(shift.announcement_id, shift.id, "ADD #conf :one, #wait :minus",
                               "#status = :scheduled AND #conf < #people")]
        transact(self.client, items, ["changed"] * len(items))

    def signups(self, shift_id: str) -> tuple[list[Signup], list[ShiftSlot]]:
        signups, slots = [], []
        for item in query_items(self.client, TableName=table_name(), ConsistentRead=True,
                                KeyConditionExpression="pk = :pk",
                                ExpressionAttributeValues={":pk": {"S": keys.shift_partition(shift_id)}}):
            sk = item["sk"]["S"]
            if sk.startswith(keys.VOLUNTEER_PREFIX):
                signups.append(_signup(item))
            elif sk.startswith(keys.WAIT_PREFIX):
                slots.append(_slot(item))
        return signups, slots

    # ------------------------------------------------------------ an announcement deleted
    def close(self, announcement_id: str, shift_id: str) -> str | None:
        """Cancel the shift for good, whatever its version (its announcement is gone). Returns the status it had
        before the first close (kept on the item, so a retry learns the same), None when the shift is gone."""
        answer = guarded_write(
            self.client.update_item, TableName=table_name(), Key=to_item(keys.shift(announcement_id, shift_id)),
            UpdateExpression="SET #before = if_not_exists(#before, #status), #status = :cancelled ADD #v :one",
            ConditionExpression="attribute_exists(pk)", ReturnValues="ALL_NEW",
            ExpressionAttributeNames={"#before": "status_before_withdrawal", "#status": "status", "#v": "version"},
            ExpressionAttributeValues={":cancelled": {"S": "cancelled"}, ":one": ONE})
        return None if answer is None else from_item(answer["Attributes"])["status_before_withdrawal"]

    def remove(self, announcement_id: str, shift_id: str) -> None:
        """The shift's signups, waitlist and claims, then the shift: each delete is idempotent, and the shift
        goes last, so a run stopped half-way is found and finished by the next."""
        partition = keys.shift_partition(shift_id)
        found = query_items(self.client, TableName=table_name(), ConsistentRead=True, ProjectionExpression="pk, sk",
                            KeyConditionExpression="pk = :pk", ExpressionAttributeValues={":pk": {"S": partition}})
        requests = [{"DeleteRequest": {"Key": {"pk": item["pk"], "sk": item["sk"]}}} for item in found]
        for start in range(0, len(requests), 25):  # BatchWriteItem's limit
            pending: dict[str, Any] | None = {table_name(): requests[start:start + 25]}
            while pending:
                pending = call(self.client.batch_write_item, RequestItems=pending).get("UnprocessedItems") or None
        call(self.client.delete_item, TableName=table_name(), Key=to_item(keys.shift(announcement_id, shift_id)))

    # ------------------------------------------------------------ once only
    def claim_message(self, shift_id: str, message_id: str, expires_at: int, quota: WriteGuard) -> bool:
        """The message id and one hit on the sender's quota, in one transaction: a repeat spends nothing."""
        counted = quota_items(quota)
        item = to_item(keys.shift_message(shift_id, message_id) | {"expires_at": expires_at})
        try:
            transact(self.client, [_put_new(item), *(i for _, i in counted)], ["claimed"] + ["quota"] * len(counted))
        except ConditionFailed as failed:
            if failed.which == "claimed":
                return False
            raise QuotaExceeded(0) from failed
        return True

    def claim_reminder(self, shift_id: str, starts_at: str, expires_at: int) -> bool:
        return self._claim(keys.shift_reminder(shift_id, starts_at), expires_at)

    def release_reminder(self, shift_id: str, starts_at: str) -> None:
        call(self.client.delete_item, TableName=table_name(), Key=to_item(keys.shift_reminder(shift_id, starts_at)))

    def _claim(self, key: dict[str, str], expires_at: int) -> bool:
        try:
            transact(self.client, [_put_new(to_item(key | {"expires_at": expires_at}))], ["claimed"])
        except ConditionFailed:
            return False
        return True

    # ------------------------------------------------------------ transaction parts
    @staticmethod
    def _counter(announcement_id: str, shift_id: str, update: str, condition: str) -> dict[str, Any]:
        expression = update + " " + condition
        values = {":one": ONE, ":minus": MINUS_ONE, ":zero": ZERO, ":scheduled": {"S": "scheduled"}}
        return {"Update": {"TableName": table_name(), "Key": to_item(keys.shift(announcement_id, shift_id)),
                           "UpdateExpression": update,
                           "ConditionExpression": f"attribute_exists(pk) AND {condition}",
                           "ExpressionAttributeNames": _names(expression),
                           "ExpressionAttributeValues": {k: v for k, v in values.items() if k in expression}}}


def _delete_slot(shift_id: str, joined_at: str, member_id: str) -> dict[str, Any]:
    return {"Delete": {"TableName": table_name(), "Key": to_item(keys.shift_slot(shift_id, joined_at, member_id)),
                       "ConditionExpression": "attribute_exists(pk)"}}


def _promote_signup(slot: ShiftSlot, at: str) -> dict[str, Any]:
    return {"Update": {"TableName": table_name(), "Key": to_item(keys.signup(slot.shift_id, slot.member_id)),
                       "UpdateExpression": "SET #status = :confirmed, promoted_at = :at",
                       "ConditionExpression": "#status = :waitlisted",
                       "ExpressionAttributeNames": {"#status": "status"},
                       "ExpressionAttributeValues": {":confirmed": {"S": "confirmed"}, ":at": {"S": at},
                                                     ":waitlisted": {"S": "waitlisted"}}}}


def _announcement_shown(announcement_id: str) -> dict[str, Any]:
    """A signup rides on its announcement being there and not hidden: a delete or a moderator's hide that
    lands first refuses it, one that lands after finds it (and cancels or keeps it)."""
    return {"ConditionCheck": {"TableName": table_name(), "Key": to_item(keys.announcement(announcement_id)),
                               "ConditionExpression": "attribute_exists(pk) AND (attribute_not_exists(#h) OR #h = :no)",
                               "ExpressionAttributeNames": {"#h": "hidden"},
                               "ExpressionAttributeValues": {":no": {"BOOL": False}}}}


def _put_new(item: dict[str, Any]) -> dict[str, Any]:
    return {"Put": {"TableName": table_name(), "Item": item, "ConditionExpression": "attribute_not_exists(pk)"}}
