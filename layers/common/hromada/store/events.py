"""DynamoDB implementation of the EventStore port: events, their seats, RSVPs and waitlists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hromada.domain.event_ports import EventQuery, EventRoster, WaitSlot
from hromada.models.common import Page
from hromada.models.event import Event, EventStatus, Rsvp, RsvpStatus, Seats
from hromada.reference.text import fold
from hromada.store import keys
from hromada.store.client import dynamodb, table_name
from hromada.store.codec import from_item, to_item
from hromada.store.errors import call
from hromada.store.guards import association_is_verified, confirm_editor, editor_still_edits, is_editor, transact
from hromada.store.listing import Filters, KeyRange, query_page
from hromada.store.paging import query_count, query_items, query_pages

ONE, MINUS_ONE, ZERO = {"N": "1"}, {"N": "-1"}, {"N": "0"}
# Attribute names of the seats item (several are DynamoDB reserved words).
SEAT_NAMES = {"#cap": "capacity", "#conf": "confirmed", "#wait": "waiting", "#open": "open"}
STATUS_NAME = {"#status": "status"}
UNTIL_END_OF_ID = "#~"  # sorts after "#ev_..." so an upper bound includes events starting at that instant


def _search_text(e: Event) -> str:
    parts = [*e.title.values(), *e.description.values(), e.association_name]
    if e.venue:
        parts += [e.venue.name, e.venue.city]
    return fold(" ".join(parts))


def _event_item(e: Event) -> dict[str, Any]:
    data = e.model_dump(mode="json", exclude_none=True) | keys.event(e.id) | {"search": _search_text(e)}
    if e.recurrence is not None:  # a series is listed through its occurrences; the materialiser finds it here
        return to_item(data | {"gsi2pk": keys.EVENT_SERIES, "gsi2sk": keys.series_order(e.last_end or e.end, e.id)})
    order = keys.event_order(e.start, e.id)
    data |= {"gsi1pk": keys.event_association(e.association_id), "gsi1sk": order,
             "gsi2pk": keys.EVENTS_COLLECTION, "gsi2sk": order}
    if e.venue:  # sparse: online-only events have no region
        data |= {"gsi3pk": keys.event_region(e.venue.region), "gsi3sk": order}
    return to_item(data)


def _campaign_writes(event: Event, *, attaching: bool, detaching: bool = False,
                     campaign_version: int | None = None) -> list[dict[str, Any]]:
    """The event's campaign listing item, kept in step in its own transaction (nothing for an event never
    attached); attaching to a campaign also checks that it is still open (not archived). `campaign_version`:
    the campaign version whose dates the event's day was checked against, which must still be current."""
    if not event.campaign_id and not detaching:
        return []
    from hromada.store.campaign_listing import campaign_is_open, campaign_unchanged, event_listing

    if event.campaign_id and campaign_version is not None:
        check = [campaign_unchanged(event.campaign_id, campaign_version)]
    else:
        check = [campaign_is_open(event.campaign_id)] if attaching and event.campaign_id else []
    return check + event_listing(event)


def _seats_item(event_id: str, s: Seats) -> dict[str, Any]:
    return to_item(keys.seats(event_id) | s.model_dump(exclude_none=True))


def _rsvp_item(r: Rsvp) -> dict[str, Any]:
    return to_item(r.model_dump(mode="json", exclude_none=True) | keys.rsvp(r.event_id, r.member_id)
                   | keys.person_entry(r.member_id, "RSVP", r.event_id))


def _slot_key(event_id: str, joined_at: str, member_id: str) -> dict[str, Any]:
    return to_item(keys.waitlist_slot(event_id, joined_at, member_id))


def _event(item: dict[str, Any]) -> Event:
    return Event.model_validate(from_item(item))


def _seats(item: dict[str, Any]) -> Seats:
    data = from_item(item)
    return Seats(capacity=int(data["capacity"]) if "capacity" in data else None, confirmed=int(data["confirmed"]),
                 waiting=int(data["waiting"]), open=bool(data["open"]))


def _rsvp(item: dict[str, Any]) -> Rsvp:
    return Rsvp.model_validate(from_item(item))


def _slot(item: dict[str, Any]) -> WaitSlot:
    data = from_item(item)
    return WaitSlot(event_id=data["event_id"], member_id=data["member_id"], joined_at=data["joined_at"])


@dataclass(frozen=True)
class _Rest:
    """The keys of an event's RSVPs and waitlist slots, and whether they are all of them (one page)."""

    keys: list[dict[str, Any]]
    complete: bool


# An event's deletion carries its RSVPs and waitlist slots in its transaction up to this many (DynamoDB
# allows 100 items; the editor check and the request's write guard take a few).
MAX_DELETED_WITH_EVENT = 90


class DynamoEventStore:
    def __init__(self, client: Any | None = None):
        self._client = client

    @property
    def client(self) -> Any:
        return self._client or dynamodb()

    def _transact(self, items: list[dict[str, Any]], reasons: list[str]) -> None:
        transact(self.client, items, reasons)

    # ------------------------------------------------------------ events
    def create(self, event: Event, seats: Seats, *, editor_email: str | None,
               dates: Sequence[tuple[Event, Seats]] = (), campaign_version: int | None = None) -> None:
        """One transaction: a series and the `dates` given are written together or not at all."""
        table = table_name()
        guard = editor_still_edits(event.association_id, editor_email)
        attached = _campaign_writes(event, attaching=True, campaign_version=campaign_version)
        self._transact([
            *guard,
            association_is_verified(event.association_id),
            {"Put": {"TableName": table, "Item": _event_item(event),
                     "ConditionExpression": "attribute_not_exists(pk)"}},
            {"Put": {"TableName": table, "Item": _seats_item(event.id, seats),
                     "ConditionExpression": "attribute_not_exists(pk)"}},
            *attached,
            *(put for occurrence, its_seats in dates for put in (
                {"Put": {"TableName": table, "Item": _event_item(occurrence),
                         "ConditionExpression": "attribute_not_exists(pk)"}},
                {"Put": {"TableName": table, "Item": _seats_item(occurrence.id, its_seats),
                         "ConditionExpression": "attribute_not_exists(pk)"}})),
        ], ["editor"] * len(guard) + ["association", "exists", "exists"] + ["campaign"] * len(attached)
            + ["dates"] * (2 * len(dates)))

    def get(self, event_id: str, *, consistent: bool = False) -> tuple[Event, Seats] | None:
        response = call(self.client.query, TableName=table_name(), ConsistentRead=consistent,
                        KeyConditionExpression="pk = :pk AND begins_with(sk, :event)",
                        ExpressionAttributeValues={":pk": {"S": keys.event_partition(event_id)},
                                                   ":event": {"S": keys.EVENT}})
        by_sk = {item["sk"]["S"]: item for item in response.get("Items", [])}
        if keys.EVENT not in by_sk or keys.SEATS not in by_sk:
            return None
        return _event(by_sk[keys.EVENT]), _seats(by_sk[keys.SEATS])

    def get_consistent(self, event_id: str) -> tuple[Event, Seats] | None:
        return self.get(event_id, consistent=True)

    def save(self, event: Event, expected_sequence: int, *, editor_email: str | None,
             attaching: bool = False, detaching: bool = False, counts: tuple[int, int] | None = None,
             campaign_version: int | None = None) -> None:
        """`counts` (confirmed, waiting): the seats must still hold them (the figures' bus event carries them),
        else ConditionFailed("capacity"), as for a capacity below the confirmed seats."""
        table = table_name()
        guard = editor_still_edits(event.association_id, editor_email)
        attached = _campaign_writes(event, attaching=attaching, detaching=detaching,
                                    campaign_version=campaign_version)
        values: dict[str, Any] = {":open": {"BOOL": event.status == "scheduled"}}
        condition = "attribute_exists(pk)"
        if event.capacity is None:
            update = "SET #open = :open REMOVE #cap"
        else:
            update = "SET #open = :open, #cap = :cap"
            condition += " AND #conf <= :cap"
            values[":cap"] = {"N": str(event.capacity)}
        if counts is not None:
            condition += " AND #conf = :confirmed AND #wait = :waiting"
            values |= {":confirmed": {"N": str(counts[0])}, ":waiting": {"N": str(counts[1])}}
        self._transact([
            *guard,
            {"Put": {"TableName": table, "Item": _event_item(event), "ConditionExpression": "#seq = :expected",
                     "ExpressionAttributeNames": {"#seq": "sequence"},
                     "ExpressionAttributeValues": {":expected": {"N": str(expected_sequence)}}}},
            {"Update": {"TableName": table, "Key": to_item(keys.seats(event.id)), "UpdateExpression": update,
                        "ConditionExpression": condition, "ExpressionAttributeValues": values,
                        "ExpressionAttributeNames": {k: v for k, v in SEAT_NAMES.items() if k in update + condition}}},
            *attached,
        ], ["editor"] * len(guard) + ["version", "capacity"] + ["campaign"] * len(attached))

    def get_for_deletion(self, event_id: str) -> tuple[Event, Seats, _Rest] | None:
        """The whole partition in one Query (its first page): the event, its seats, and the keys of its RSVPs
        and waitlist slots, which the deletion removes in its own transaction when they fit."""
        response = call(self.client.query, TableName=table_name(), ConsistentRead=True,
                        KeyConditionExpression="pk = :pk",
                        ExpressionAttributeValues={":pk": {"S": keys.event_partition(event_id)}})
        by_sk = {item["sk"]["S"]: item for item in response.get("Items", [])}
        if keys.EVENT not in by_sk or keys.SEATS not in by_sk:
            return None
        rest = [{"pk": item["pk"], "sk": item["sk"]} for sk, item in by_sk.items()
                if sk not in (keys.EVENT, keys.SEATS)]
        return _event(by_sk[keys.EVENT]), _seats(by_sk[keys.SEATS]), _Rest(rest, "LastEvaluatedKey" not in response)

    def delete(self, event_id: str, association_id: str, *, editor_email: str | None, rest: object = None,
               sequence: int | None = None) -> None:
        """`sequence`: the version read (its status and start are what the figures' bus event says), else
        ConditionFailed("missing")."""
        table = table_name()
        versioned = {} if sequence is None else {
            "ConditionExpression": "attribute_exists(pk) AND #seq = :seq",
            "ExpressionAttributeNames": {"#seq": "sequence"},
            "ExpressionAttributeValues": {":seq": {"N": str(sequence)}}}
        guard = editor_still_edits(association_id, editor_email)
        # What else the partition held when read. Once the event may be deleted (nobody registered, or it is
        # cancelled) no RSVP or slot can be added, so that list is final; deleting one already gone is harmless.
        known = rest if isinstance(rest, _Rest) and rest.complete and len(rest.keys) <= MAX_DELETED_WITH_EVENT else None
        self._transact([
            *guard,
            {"Delete": {"TableName": table, "Key": to_item(keys.event(event_id)),
                        "ConditionExpression": "attribute_exists(pk)"} | versioned},
            {"Delete": {"TableName": table, "Key": to_item(keys.seats(event_id)),
                        "ConditionExpression": "(#conf = :zero AND #wait = :zero) OR #open = :closed",
                        "ExpressionAttributeNames": {k: SEAT_NAMES[k] for k in ("#conf", "#wait", "#open")},
                        "ExpressionAttributeValues": {":zero": ZERO, ":closed": {"BOOL": False}}}},
            *({"Delete": {"TableName": table, "Key": key}} for key in (known.keys if known else [])),
        ], ["editor"] * len(guard) + ["missing", "attendees"] + ["rest"] * (len(known.keys) if known else 0))
        if known is None:  # too many to ride along: removed page by page after the event
            self._purge(event_id)

    def _purge(self, event_id: str) -> None:
        """RSVPs and waitlist slots of a deleted event (nothing reads them once the event is gone)."""
        table = table_name()
        for response in query_pages(self.client, TableName=table, KeyConditionExpression="pk = :pk",
                                    ExpressionAttributeValues={":pk": {"S": keys.event_partition(event_id)}},
                                    ProjectionExpression="pk, sk"):
            found = response.get("Items", [])
            for chunk in range(0, len(found), 25):
                request = {table: [{"DeleteRequest": {"Key": key}} for key in found[chunk:chunk + 25]]}
                while request:
                    request = call(self.client.batch_write_item, RequestItems=request).get("UnprocessedItems") or None

    def confirm_editor(self, association_id: str, email: str | None) -> None:
        confirm_editor(self.client, association_id, email)

    def is_editor(self, association_id: str, email: str) -> bool:
        return is_editor(self.client, association_id, email)

    def list(self, query: EventQuery) -> Page[Event]:
        low = query.start_from
        high = query.start_to + UNTIL_END_OF_ID if query.start_to else None
        filters = Filters()
        if query.association_id:
            key_range = KeyRange("gsi1", keys.event_association(query.association_id), low, high)
            if query.region:
                filters.add("#venue.#region = :region", {":region": {"S": query.region}},
                            {"#venue": "venue", "#region": "region"})
        elif query.region:
            key_range = KeyRange("gsi3", keys.event_region(query.region), low, high)
        else:
            key_range = KeyRange("gsi2", keys.EVENTS_COLLECTION, low, high)
        if query.department:
            filters.add("#venue.#department = :department", {":department": {"S": query.department}},
                        {"#venue": "venue", "#department": "department"})
        if query.category:
            filters.add("contains(categories, :category)", {":category": {"S": query.category}})
        if query.language:
            filters.add("contains(languages, :language)", {":language": {"S": query.language}})
        if query.text:
            filters.add("contains(#search, :text)", {":text": {"S": query.text}}, {"#search": "search"})
        if query.online is True:
            filters.add("attribute_exists(online_url)")
        elif query.online is False:
            filters.add("attribute_exists(#venue)", names={"#venue": "venue"})
        items, cursor = query_page(self.client, table_name(), key_range, filters, limit=query.limit,
                                   cursor=query.cursor, descending=query.descending)
        return Page(items=[_event(item) for item in items], next_cursor=cursor)

    def count_upcoming_by_region(self, since: str) -> dict[str, int]:
        # One Query of the "upcoming" collection (gsi2, by start) from `since` on, returning only each event's
        # region: one call per MB of upcoming events read, instead of one Query per region. Online-only
        # events (no venue) are left out by the filter.
        params: dict[str, Any] = {
            "TableName": table_name(), "IndexName": "gsi2",
            "KeyConditionExpression": "gsi2pk = :partition AND gsi2sk >= :since",
            "FilterExpression": "attribute_exists(#venue) AND #status = :scheduled "
                                "AND (attribute_not_exists(#hidden) OR #hidden = :visible)",
            "ProjectionExpression": "#venue.#region",
            "ExpressionAttributeNames": STATUS_NAME | {"#hidden": "hidden", "#venue": "venue", "#region": "region"},
            "ExpressionAttributeValues": {":partition": {"S": keys.EVENTS_COLLECTION}, ":since": {"S": since},
                                          ":scheduled": {"S": EventStatus.SCHEDULED.value},
                                          ":visible": {"BOOL": False}}}
        counts: dict[str, int] = {}
        for item in query_items(self.client, **params):
            region = item.get("venue", {}).get("M", {}).get("region", {}).get("S")
            if region:
                counts[region] = counts.get(region, 0) + 1
        return counts

    # ------------------------------------------------------------ RSVPs
    def get_rsvp(self, event_id: str, member_id: str) -> Rsvp | None:
        response = call(self.client.get_item, TableName=table_name(), Key=to_item(keys.rsvp(event_id, member_id)),
                        ConsistentRead=True)
        return _rsvp(response["Item"]) if "Item" in response else None

    def get_with_rsvp(self, event_id: str, member_id: str) -> tuple[Event, Seats, Rsvp | None] | None:
        table = table_name()
        wanted = [keys.event(event_id), keys.seats(event_id), keys.rsvp(event_id, member_id)]
        request: dict[str, Any] | None = {table: {"Keys": [to_item(k) for k in wanted], "ConsistentRead": True}}
        by_sk: dict[str, dict[str, Any]] = {}
        while request:
            response = call(self.client.batch_get_item, RequestItems=request)
            by_sk |= {item["sk"]["S"]: item for item in response.get("Responses", {}).get(table, [])}
            request = response.get("UnprocessedKeys") or None
        if keys.EVENT not in by_sk or keys.SEATS not in by_sk:
            return None
        rsvp = by_sk.get(wanted[2]["sk"])
        return _event(by_sk[keys.EVENT]), _seats(by_sk[keys.SEATS]), _rsvp(rsvp) if rsvp else None

    # `sequence`: the event's version the RSVP read, so the start and status its figures' bus event carries are
    # still the event's when it is written (else ConditionFailed, and the use case reads again).
    def confirm(self, rsvp: Rsvp, *, sequence: int | None = None) -> None:
        self._transact([
            _take_seat(rsvp.event_id, "#conf", "#wait = :zero AND (attribute_not_exists(#cap) OR #conf < #cap)"),
            _put_new(_rsvp_item(rsvp)),
            _not_hidden(rsvp.event_id, sequence),
        ], ["seats", "exists", "hidden"])

    def wait(self, rsvp: Rsvp, *, sequence: int | None = None) -> None:
        slot = keys.waitlist_slot(rsvp.event_id, rsvp.joined_at, rsvp.member_id) | {
            "event_id": rsvp.event_id, "member_id": rsvp.member_id, "joined_at": rsvp.joined_at}
        self._transact([
            _take_seat(rsvp.event_id, "#wait", "attribute_exists(#cap) AND (#conf >= #cap OR #wait > :zero)"),
            _put_new(_rsvp_item(rsvp)),
            _put_new(to_item(slot)),
            _not_hidden(rsvp.event_id, sequence),
        ], ["seats", "exists", "exists", "hidden"])

    def position(self, rsvp: Rsvp) -> int:
        mine = keys.waitlist_slot(rsvp.event_id, rsvp.joined_at, rsvp.member_id)
        return query_count(self.client, TableName=table_name(), ConsistentRead=True,
                           KeyConditionExpression="pk = :pk AND sk BETWEEN :first AND :mine",
                           ExpressionAttributeValues={":pk": {"S": mine["pk"]}, ":first": {"S": keys.WAIT_PREFIX},
                                                      ":mine": {"S": mine["sk"]}})

    def first_waiting(self, event_id: str) -> WaitSlot | None:
        response = call(self.client.query, TableName=table_name(), ConsistentRead=True, Limit=1,
                        KeyConditionExpression="pk = :pk AND begins_with(sk, :wait)",
                        ExpressionAttributeValues={":pk": {"S": keys.event_partition(event_id)},
                                                   ":wait": {"S": keys.WAIT_PREFIX}})
        items = response.get("Items", [])
        return _slot(items[0]) if items else None

    def leave(self, rsvp: Rsvp, *, promote: WaitSlot | None, at: str, only_if_nobody_waits: bool,
              sequence: int | None = None) -> None:
        table = table_name()
        seats_key = to_item(keys.seats(rsvp.event_id))
        remove = {"Delete": {"TableName": table, "Key": to_item(keys.rsvp(rsvp.event_id, rsvp.member_id)),
                             "ConditionExpression": "#status = :was", "ExpressionAttributeNames": STATUS_NAME,
                             "ExpressionAttributeValues": {":was": {"S": rsvp.status.value}}}}
        if rsvp.status == RsvpStatus.WAITLISTED:
            items = [remove, self._delete_slot(rsvp.event_id, rsvp.joined_at, rsvp.member_id),
                     self._seats_change(seats_key, "ADD #wait :minus", "#wait > :zero")]
        elif promote is not None:
            items = [remove, self._delete_slot(promote.event_id, promote.joined_at, promote.member_id),
                     self._promote_rsvp(promote, at),
                     self._seats_change(seats_key, "ADD #wait :minus", "#wait > :zero")]
        else:
            condition = "#conf > :zero" + (" AND #wait = :zero" if only_if_nobody_waits else "")
            items = [remove, self._seats_change(seats_key, "ADD #conf :minus", condition)]
        items += _same_version(rsvp.event_id, sequence)
        self._transact(items, ["changed"] * len(items))

    def promote(self, slot: WaitSlot, *, at: str, sequence: int | None = None) -> None:
        seats_key = to_item(keys.seats(slot.event_id))
        items = [self._delete_slot(slot.event_id, slot.joined_at, slot.member_id), self._promote_rsvp(slot, at),
                 self._seats_change(seats_key, "ADD #conf :one, #wait :minus",
                                    "#open = :true AND (attribute_not_exists(#cap) OR #conf < #cap)")]
        items += _same_version(slot.event_id, sequence)
        self._transact(items, ["changed"] * len(items))

    def roster(self, event_id: str) -> EventRoster | None:
        items = query_items(self.client, TableName=table_name(), ConsistentRead=True, KeyConditionExpression="pk = :pk",
                            ExpressionAttributeValues={":pk": {"S": keys.event_partition(event_id)}})
        by_kind: dict[str, list[dict[str, Any]]] = {"event": [], "seats": [], "rsvp": [], "wait": []}
        for item in items:
            sk = item["sk"]["S"]
            kind = ("event" if sk == keys.EVENT else "seats" if sk == keys.SEATS
                    else "rsvp" if sk.startswith(keys.RSVP_PREFIX) else "wait" if sk.startswith(keys.WAIT_PREFIX)
                    else None)  # other items of the partition (e.g. the reminder marker) are not the roster
            if kind:
                by_kind[kind].append(item)
        if not by_kind["event"] or not by_kind["seats"]:
            return None
        return EventRoster(event=_event(by_kind["event"][0]), seats=_seats(by_kind["seats"][0]),
                           rsvps=[_rsvp(i) for i in by_kind["rsvp"]], waitlist=[_slot(i) for i in by_kind["wait"]])

    # ------------------------------------------------------------ transaction parts
    @staticmethod
    def _delete_slot(event_id: str, joined_at: str, member_id: str) -> dict[str, Any]:
        return {"Delete": {"TableName": table_name(), "Key": _slot_key(event_id, joined_at, member_id),
                           "ConditionExpression": "attribute_exists(pk)"}}

    @staticmethod
    def _promote_rsvp(slot: WaitSlot, at: str) -> dict[str, Any]:
        return {"Update": {"TableName": table_name(), "Key": to_item(keys.rsvp(slot.event_id, slot.member_id)),
                           "UpdateExpression": "SET #status = :confirmed, promoted_at = :at",
                           "ConditionExpression": "#status = :waitlisted", "ExpressionAttributeNames": STATUS_NAME,
                           "ExpressionAttributeValues": {":confirmed": {"S": "confirmed"}, ":at": {"S": at},
                                                         ":waitlisted": {"S": "waitlisted"}}}}

    @staticmethod
    def _seats_change(key: dict[str, Any], update: str, condition: str) -> dict[str, Any]:
        expression = update + " " + condition
        values = {":one": ONE, ":minus": MINUS_ONE, ":zero": ZERO, ":true": {"BOOL": True}}
        return {"Update": {"TableName": table_name(), "Key": key, "UpdateExpression": update,
                           "ConditionExpression": f"attribute_exists(pk) AND {condition}",
                           "ExpressionAttributeNames": {k: v for k, v in SEAT_NAMES.items() if k in expression},
                           "ExpressionAttributeValues": {k: v for k, v in values.items() if k in expression}}}


def _take_seat(event_id: str, counter: str, room: str) -> dict[str, Any]:
    """One more confirmed (`#conf`) or waiting (`#wait`) place, if registration is open and `room` holds."""
    return {"Update": {"TableName": table_name(), "Key": to_item(keys.seats(event_id)),
                       "UpdateExpression": f"ADD {counter} :one",
                       "ConditionExpression": f"attribute_exists(pk) AND #open = :true AND {room}",
                       "ExpressionAttributeNames": SEAT_NAMES,
                       "ExpressionAttributeValues": {":one": ONE, ":zero": ZERO, ":true": {"BOOL": True}}}}


def _not_hidden(event_id: str, sequence: int | None = None) -> dict[str, Any]:
    """Moderation has not hidden the event (or its series) since the RSVP read it (nor was it edited)."""
    check = {"ConditionCheck": {"TableName": table_name(), "Key": to_item(keys.event(event_id)),
                                "ConditionExpression": "(attribute_not_exists(#h) OR #h = :false)",
                                "ExpressionAttributeNames": {"#h": "hidden"},
                                "ExpressionAttributeValues": {":false": {"BOOL": False}}}}
    if sequence is not None:
        check["ConditionCheck"]["ConditionExpression"] += " AND #seq = :seq"
        check["ConditionCheck"]["ExpressionAttributeNames"]["#seq"] = "sequence"
        check["ConditionCheck"]["ExpressionAttributeValues"][":seq"] = {"N": str(sequence)}
    return check


def _same_version(event_id: str, sequence: int | None) -> list[dict[str, Any]]:
    """The event is still the version read (the start and status its figures' bus event carries)."""
    if sequence is None:
        return []
    return [{"ConditionCheck": {"TableName": table_name(), "Key": to_item(keys.event(event_id)),
                                "ConditionExpression": "#seq = :seq", "ExpressionAttributeNames": {"#seq": "sequence"},
                                "ExpressionAttributeValues": {":seq": {"N": str(sequence)}}}}]


def _put_new(item: dict[str, Any]) -> dict[str, Any]:
    return {"Put": {"TableName": table_name(), "Item": item, "ConditionExpression": "attribute_not_exists(pk)"}}
