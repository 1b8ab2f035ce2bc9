"""Which bus event leads to which mail: the notifier's routing table, checked against the bus rule."""

from __future__ import annotations

import pytest

from hromada.mail import routing
from infra.template import Template


@pytest.mark.parametrize(("kind", "route"), [
    ("EventChanged", "event"), ("EventCancelled", "event"), ("WaitlistPromoted", "event"),
    ("AssociationReviewed", "association"), ("AnnouncementPublished", "announcement"),
    ("ElectionPhaseChanged", "election"),
])
def test_each_bus_event_goes_to_its_planner(kind, route):
    assert routing.route(kind) == route


@pytest.mark.parametrize("kind", ["RsvpCreated", "eventchanged", "", "PollClosed"])
def test_an_event_without_a_route_leads_to_no_mail(kind):
    assert routing.route(kind) is None


def test_the_routes_are_exactly_what_the_bus_rule_sends_to_the_notifications_queue():
    rules = [r["Properties"] for r in Template().of_type("AWS::Events::Rule").values()
             if any("Notifications" in str(t.get("Arn")) for t in r["Properties"].get("Targets", []))]
    assert len(rules) == 1
    assert set(rules[0]["EventPattern"]["detail-type"]) == set(routing.ROUTES)


def test_the_outbox_id_is_taken_out_of_the_detail_without_changing_it():
    detail = {"event_id": "ev_1", "outbox_id": "ob_1"}
    assert routing.outbox_id(detail) == ("ob_1", {"event_id": "ev_1"})
    assert detail == {"event_id": "ev_1", "outbox_id": "ob_1"}
    assert routing.outbox_id({"event_id": "ev_1"}) == (None, {"event_id": "ev_1"})


def test_bulk_mail_waits_on_the_bulk_queue_and_the_rest_on_the_priority_queue():
    from hromada.mail import letters
    from hromada.mail.jobs import MailJob, Recipient

    def job(bulk: bool) -> MailJob:
        return MailJob("k", "k:1", letters.confirm("fr", "u"), [Recipient("r", "r@example.org")], bulk=bulk)

    assert routing.queue_of(job(True)) == "bulk"
    assert routing.queue_of(job(False)) == "priority"
