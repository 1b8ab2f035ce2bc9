"""DynamoDB side of recurring events: occurrences written as events of their own, series registrations,
and the series with dates still to come (for the daily materialiser)."""

from __future__ import annotations

from typing import Any

from hromada.domain.event_ports import SeriesRegistration
from hromada.domain.ports import ConditionFailed
from hromada.models.event import Event, Rsvp, Seats
from hromada.store import keys
from hromada.store.client import table_name
from hromada.store.codec import from_item, to_item
from hromada.store.errors import call
from hromada.store.events import SEAT_NAMES, DynamoEventStore, _event, _event_item, _rsvp, _seats, _seats_item
from hromada.store.guards import editor_still_edits
from hromada.store.paging import query_items

BATCH_GET = 100  # keys per BatchGetItem


def series_hidden_is(series_id: str, hidden: bool) -> dict[str, Any]:
    """The series exists and is hidden (or not) by moderation."""
    return {"ConditionCheck": {"TableName": table_name(), "Key": to_item(keys.event(series_id)),
                               "ConditionExpression": "#h = :true" if hidden else
                               "attribute_exists(pk) AND (attribute_not_exists(#h) OR #h = :false)",
                               "ExpressionAttributeNames": {"#h": "hidden"},
                               "ExpressionAttributeValues": {":true" if hidden else ":false": {"BOOL": hidden}}}}


class DynamoSeriesStore(DynamoEventStore):
    def materialise(self, occurrence: Event, seats: Seats) -> bool:
        """Write an occurrence and its seats unless they exist; False when they did (another run wrote them).
        The series must still be hidden, or shown, as the occurrence says (it inherits that state): else
        ConditionFailed("series"), so a date is never written visible after moderation hid its series."""
        table = table_name()
        hidden = bool(occurrence.hidden_with_series)
        try:
            self._transact([
                {"Put": {"TableName": table, "Item": _event_item(occurrence),
                         "ConditionExpression": "attribute_not_exists(pk)"}},
                {"Put": {"TableName": table, "Item": _seats_item(occurrence.id, seats),
                         "ConditionExpression": "attribute_not_exists(pk)"}},
                series_hidden_is(occurrence.series_id or "", hidden),
            ], ["exists", "exists", "series"])
        except ConditionFailed as failed:
            if failed.which == "series":
                raise
            return False
        return True

    def materialise_many(self, dated: list[tuple[Event, Seats]]) -> None:
        """Dates of one series in one transaction (all inherit the series' state, checked once)."""
        table = table_name()
        first = dated[0][0]
        self._transact([
            *(put for occurrence, seats in dated for put in (
                {"Put": {"TableName": table, "Item": _event_item(occurrence),
                         "ConditionExpression": "attribute_not_exists(pk)"}},
                {"Put": {"TableName": table, "Item": _seats_item(occurrence.id, seats),
                         "ConditionExpression": "attribute_not_exists(pk)"}})),
            series_hidden_is(first.series_id or "", bool(first.hidden_with_series)),
        ], ["exists"] * (2 * len(dated)) + ["series"])

    def follow_moderation(self, series_id: str, hidden: bool) -> None:
        from hromada.store.moderation import DynamoModerationStore  # it imports this module

        DynamoModerationStore(self._client).follow_series(series_id, hidden)

    def get_many(self, event_ids: list[str]) -> dict[str, tuple[Event, Seats]]:
        """Events with their seats, by id (missing ones absent): BatchGetItem, 50 events per call."""
        table = table_name()
        wanted = [k for event_id in event_ids for k in (keys.event(event_id), keys.seats(event_id))]
        items: dict[tuple[str, str], dict[str, Any]] = {}
        for chunk in range(0, len(wanted), BATCH_GET):
            request: dict[str, Any] | None = {
                table: {"Keys": [to_item(k) for k in wanted[chunk:chunk + BATCH_GET]], "ConsistentRead": True}}
            while request:
                response = call(self.client.batch_get_item, RequestItems=request)
                for item in response.get("Responses", {}).get(table, []):
                    items[(item["pk"]["S"], item["sk"]["S"])] = item
                request = response.get("UnprocessedKeys") or None
        found = {}
        for event_id in event_ids:
            partition = keys.event_partition(event_id)
            event, seats = items.get((partition, keys.EVENT)), items.get((partition, keys.SEATS))
            if event and seats:
                found[event_id] = (_event(event), _seats(seats))
        return found

    def rsvps_of(self, event_ids: list[str], member_id: str) -> dict[str, Rsvp]:
        """This member's RSVPs among these events, by event id (BatchGetItem, 100 a call)."""
        table = table_name()
        found: dict[str, Rsvp] = {}
        wanted = [to_item(keys.rsvp(event_id, member_id)) for event_id in event_ids]
        for chunk in range(0, len(wanted), BATCH_GET):
            request: dict[str, Any] | None = {table: {"Keys": wanted[chunk:chunk + BATCH_GET], "ConsistentRead": True}}
            while request:
                response = call(self.client.batch_get_item, RequestItems=request)
                for item in response.get("Responses", {}).get(table, []):
                    rsvp = _rsvp(item)
                    found[rsvp.event_id] = rsvp
                request = response.get("UnprocessedKeys") or None
        return found

    def save_with_series(self, series: Event, series_sequence: int, occurrence: Event, occurrence_sequence: int,
                         *, editor_email: str | None, counts: tuple[int, int] | None = None) -> None:
        """One date changed and the series' record of it, in one transaction. ConditionFailed("editor") or
        ("version") when either changed meanwhile, ("seats") when the date's seats no longer hold `counts`
        (confirmed, waiting), which its figures' bus event carries."""
        table = table_name()
        condition, values = "attribute_exists(pk)", {":open": {"BOOL": occurrence.status == "scheduled"}}
        names = {"#open": SEAT_NAMES["#open"]}
        if counts is not None:
            condition += " AND #conf = :confirmed AND #wait = :waiting"
            values |= {":confirmed": {"N": str(counts[0])}, ":waiting": {"N": str(counts[1])}}
            names |= {"#conf": SEAT_NAMES["#conf"], "#wait": SEAT_NAMES["#wait"]}
        guard = editor_still_edits(series.association_id, editor_email)

        def versioned(event: Event, expected: int) -> dict[str, Any]:
            return {"Put": {"TableName": table, "Item": _event_item(event), "ConditionExpression": "#seq = :expected",
                            "ExpressionAttributeNames": {"#seq": "sequence"},
                            "ExpressionAttributeValues": {":expected": {"N": str(expected)}}}}

        self._transact([
            *guard, versioned(series, series_sequence), versioned(occurrence, occurrence_sequence),
            {"Update": {"TableName": table, "Key": to_item(keys.seats(occurrence.id)),
                        "UpdateExpression": "SET #open = :open", "ConditionExpression": condition,
                        "ExpressionAttributeNames": names, "ExpressionAttributeValues": values}},
        ], ["editor"] * len(guard) + ["version", "version", "seats" if counts is not None else "version"])

    def series_due(self, since: str) -> list[Event]:
        """Series whose last date ends at `since` or later (one Query of their sparse collection, paged)."""
        return [_event(item) for item in query_items(
            self.client, TableName=table_name(), IndexName="gsi2",
            KeyConditionExpression="gsi2pk = :series AND gsi2sk >= :since",
            ExpressionAttributeValues={":series": {"S": keys.EVENT_SERIES}, ":since": {"S": since}})]

    # ------------------------------------------------------------ series registrations
    def register(self, registration: SeriesRegistration) -> bool:
        """False when the member was registered already."""
        item = keys.series_registration(registration.series_id, registration.member_id) | {
            "series_id": registration.series_id, "member_id": registration.member_id, "email": registration.email,
            "joined_at": registration.joined_at} | ({"name": registration.name} if registration.name else {}) | (
            keys.person_entry(registration.member_id, "SERIESREG", registration.series_id))  # export and erasure
        try:
            self._transact([{"Put": {"TableName": table_name(), "Item": to_item(item),
                                     "ConditionExpression": "attribute_not_exists(pk)"}}], ["exists"])
        except ConditionFailed:
            return False
        return True

    def unregister(self, series_id: str, member_id: str) -> bool:
        """False when there was no registration."""
        response = call(self.client.delete_item, TableName=table_name(),
                        Key=to_item(keys.series_registration(series_id, member_id)), ReturnValues="ALL_OLD")
        return "Attributes" in response

    def registration(self, series_id: str, member_id: str) -> SeriesRegistration | None:
        response = call(self.client.get_item, TableName=table_name(), ConsistentRead=True,
                        Key=to_item(keys.series_registration(series_id, member_id)))
        return _registration(response["Item"]) if "Item" in response else None

    def registrations(self, series_id: str) -> list[SeriesRegistration]:
        return [_registration(item) for item in query_items(
            self.client, TableName=table_name(), ConsistentRead=True,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :reg)",
            ExpressionAttributeValues={":pk": {"S": keys.event_partition(series_id)},
                                       ":reg": {"S": keys.SERIES_REGISTRATION_PREFIX}})]


def _registration(item: dict[str, Any]) -> SeriesRegistration:
    data = from_item(item)
    return SeriesRegistration(series_id=data["series_id"], member_id=data["member_id"], email=data["email"],
                              name=data.get("name"), joined_at=data["joined_at"])
