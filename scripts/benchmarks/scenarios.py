"""The requests the calls measure makes, route by route, as the platform's users make them."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from .events import load_module
from .stack import Accounts, Stack

NEW_ASSOCIATION = {
    "name": "Bench Ukraine Lyon", "region": "84", "department": "69", "city": "Lyon", "postal_code": "69001",
    "categories": ["culture"], "languages": ["uk", "fr"],
    "description": {"fr": "Association créée par le banc d'essai.", "en": "Created by the benchmark."},
}


def new_event() -> dict[str, Any]:
    from datetime import date, timedelta

    day = (date.today() + timedelta(days=30)).isoformat()
    return {"title": {"fr": "Concert du banc d'essai"}, "description": {"fr": "Un **concert**."},
            "start": f"{day}T19:00:00", "end": f"{day}T21:00:00", "categories": ["concert"], "capacity": 10,
            "venue": {"name": "Salle", "address": "1 rue A", "city": "Toulouse", "postal_code": "31000",
                      "department": "31", "region": "76"}}




def exercise_events(run: Callable[..., dict[str, Any]], association: str) -> None:
    """Events, RSVPs (a seat, the waitlist, a promotion), calendars and announcements, as their users do."""
    from datetime import date, timedelta

    event = run("POST /associations/{id}/events", "owner", "owner", {"id": association}, body=new_event(), expect=201)
    event_id = event.get("id") or "ev_00000000000000000000"
    one = {"id": event_id}
    month = f"from={date.today().isoformat()}&to={(date.today() + timedelta(days=31)).isoformat()}"
    run("GET /events", "upcoming")
    run("GET /events", "?region=76", query="region=76")
    run("GET /events", "?department=31&category=concert", query="department=31&category=concert")
    run("GET /events", "?association= (one association's)", query=f"association={association}")
    run("GET /events", "?from=&to= (a month)", query=month)
    run("GET /events", "?q=concert (text filter)", query="q=concert")
    run("GET /events.ics", "feed")
    run("GET /events.ics", "?region=76&online=false", query="region=76&online=false")
    run("GET /events/{id}", "by id (with seats)", params=one)
    run("GET /events/{id}", "{id}.ics", params={"id": f"{event_id}.ics"})
    run("GET /associations/{id}/events.ics", "one association's feed", params={"id": association})
    run("PATCH /events/{id}", "owner: capacity 2", "owner", one, body={"capacity": 2})
    run("POST /events/{id}/rsvp", "member: a seat", "member", one, expect=201)
    run("POST /events/{id}/rsvp", "moderator: the last seat", "moderator", one, expect=201)
    run("POST /events/{id}/rsvp", "admin: the waitlist", "admin", one, expect=201)
    run("POST /events/{id}/rsvp", "member again (already registered)", "member", one, expect=200)
    run("GET /events/{id}/rsvp", "member (confirmed)", "member", one)
    run("GET /events/{id}/rsvp", "admin (waitlisted: + position)", "admin", one)
    run("GET /events/{id}/attendees", "owner (editor check + the event)", "owner", one)
    run("GET /events/{id}/attendees", "admin", "admin", one)
    run("GET /events/{id}/attendees.csv", "owner", "owner", one)
    run("DELETE /events/{id}/rsvp", "member: the seat passes to the waitlist", "member", one, expect=204)
    run("DELETE /events/{id}/rsvp", "admin (promoted): a seat is freed", "admin", one, expect=204)
    run("POST /events/{id}/cancel", "owner", "owner", one, body={"reason": "Banc d'essai"})
    run("DELETE /events/{id}", "owner (a cancelled event)", "owner", one, expect=204)

    post = run("POST /associations/{id}/announcements", "owner", "owner", {"id": association}, expect=201, body={
        "type": "news", "title": {"fr": "Annonce du banc d'essai"}, "body": {"fr": "Texte."},
        "categories": ["culture"], "region": "76"})
    post_id = {"id": post.get("id") or "an_00000000000000000000"}
    run("GET /announcements", "newest")
    run("GET /announcements", "?region=76&type=news", query="region=76&type=news")
    run("GET /announcements", "?association= (pinned first)", query=f"association={association}")
    run("GET /announcements/{id}", "by id", params=post_id)
    run("PATCH /announcements/{id}", "owner", "owner", post_id, body={"pinned": True})
    run("DELETE /announcements/{id}", "owner", "owner", post_id, expect=204)


def exercise_shifts(run: Callable[..., dict[str, Any]], association: str) -> None:
    """Volunteer shifts of a project: offer one, list them (one Query), sign up, the waitlist, who comes."""
    from datetime import date, timedelta

    post = run("POST /associations/{id}/announcements", "owner: a project seeking volunteers", "owner",
               {"id": association}, expect=201, body={
                   "type": "project", "title": {"fr": "Projet du banc d'essai"}, "body": {"fr": "Texte."},
                   "categories": ["culture"], "needs": ["volunteers"]})
    post_id = post.get("id") or "an_00000000000000000000"
    shift = run("POST /announcements/{id}/shifts", "owner", "owner", {"id": post_id}, expect=201, body={
        "date": (date.today() + timedelta(days=8)).isoformat(), "start_time": "09:00", "end_time": "12:00",
        "people": 1, "online_url": "https://meet.example.org/banc", "task": {"fr": "Trier"}})
    one = {"id": post_id, "shift": shift.get("id") or "sh_00000000000000000000"}
    run("GET /announcements/{id}/shifts", "the shifts with places left", params={"id": post_id})
    run("POST /announcements/{id}/shifts/{shift}/signup", "member: the place", "member", one, expect=201)
    run("POST /announcements/{id}/shifts/{shift}/signup", "admin: the waitlist", "admin", one, expect=201)
    run("GET /announcements/{id}/shifts/{shift}/signup", "admin (waitlisted: + position)", "admin", one)
    run("GET /announcements/{id}/shifts/{shift}/volunteers", "owner", "owner", one)
    run("PATCH /announcements/{id}/shifts/{shift}", "owner: 2 places (the waitlist moves up)", "owner", one,
        body={"people": 2})
    run("POST /announcements/{id}/shifts/{shift}/messages", "owner (no published contact: refused)", "owner", one,
        body={"id": "bench-message-1", "text": "Bonjour"}, expect=409)
    run("DELETE /announcements/{id}/shifts/{shift}/signup", "member", "member", one, expect=204)
    run("POST /announcements/{id}/shifts/{shift}/cancel", "owner", "owner", one)




def exercise_moderation(run: Callable[..., dict[str, Any]], association: str) -> None:
    """Flags (the third hides), the queue, a review, decisions, the public record, notices, the export;
    an erasure without its confirmation is refused before anything is read."""
    post = run("POST /associations/{id}/announcements", "owner (a target to flag)", "owner", {"id": association},
               expect=201, body={"type": "news", "title": {"fr": "Annonce à signaler"}, "body": {"fr": "Texte."},
                                 "categories": ["culture"]})
    flag = {"kind": "announcement", "id": post.get("id") or "an_00000000000000000000", "reason": "spam"}
    flagged = run("POST /flags", "member: a first flag", "member", body=flag, expect=201)
    run("POST /flags", "owner: a second flag", "owner", body=flag, expect=201)
    run("POST /flags", "moderator: the third flag hides it", "moderator", body=flag, expect=201)
    item = {"item": flagged.get("item") or f"announcement:{flag['id']}"}
    run("GET /moderation/flags", "moderator: the queue", "moderator")
    review = run("GET /moderation/flags/{item}", "moderator: the item, its reasons", "moderator", item)
    version = int(review.get("version") or 1)
    run("POST /moderation/flags/{item}/decisions", "moderator: warn", "moderator", item,
        body={"action": "warn", "version": version, "note": "Banc d'essai"})
    run("POST /moderation/flags/{item}/decisions", "moderator: restore", "moderator", item,
        body={"action": "restore", "version": version + 1})
    run("DELETE /moderation/suspensions/{user_id}", "admin: nobody suspended", "admin", {"user_id": "nobody"},
        expect=404)
    run("GET /associations/{id}/moderation", "the public record", params={"id": association})
    run("GET /associations/{id}/notices", "owner", "owner", {"id": association})
    run("GET /me/export", "member", "member")
    run("DELETE /me", "member, unconfirmed: refused", "member", expect=422)


NEW_PARTNERSHIP = {
    "title": "Banc d'essai – Poltava", "description": {"fr": "Partenariat créé par le banc d'essai."},
    "french": {"region": "76", "department": "31"}, "ukrainian": {"oblast": "UA-53"},
    "partner": {"name": "Poltava Oblast Council"}, "domains": ["culture"],
    "contacts": [{"name": "Banc d'essai", "email": "bench@example.org"}],
}
NEW_INITIATIVE = {
    "kind": "offer", "title": "Groupes électrogènes", "description": {"fr": "Offre créée par le banc d'essai."},
    "domain": "energy", "region": "76",
}


def exercise_twinning(run: Callable[..., dict[str, Any]], association_id: str) -> None:
    """Partnerships and initiatives, on the demo data (infra.demo.seed_twinning) and on new ones."""
    listed = run("GET /partnerships", "directory").get("items") or [{}]
    run("GET /partnerships", "?region=76", query="region=76")
    run("GET /partnerships", "?oblast=UA-48&status=in_discussion", query="oblast=UA-48&status=in_discussion")
    run("GET /partnerships", "?domain=agriculture (filter)", query="domain=agriculture")
    run("GET /partnerships/match", "?region=75&domain=agriculture", query="region=75&domain=agriculture")
    demo = {"id": listed[0].get("id", "pt_missing")}
    run("GET /partnerships/{id}", "by id", params=demo)
    run("GET /partnerships/{id}/contacts", "party", "owner", demo)
    run("GET /partnerships/{id}/contacts", "moderator", "moderator", demo)
    proposed = run("POST /associations/{id}/partnerships", "owner", "owner", {"id": association_id},
                   body=NEW_PARTNERSHIP, expect=201)
    new = {"id": proposed.get("id", "pt_missing")}
    run("PATCH /partnerships/{id}", "party", "owner", new, body={"domains": ["culture", "youth"]})
    run("POST /partnerships/{id}/confirm", "moderator", "moderator", new, body={})
    run("POST /partnerships/{id}/status", "party", "owner", new, body={"status": "signed"})
    run("POST /partnerships/{id}/hide", "moderator", "moderator", new, body={"reason": "Banc d'essai"})
    run("POST /partnerships/{id}/restore", "moderator", "moderator", new, body={})

    needs = run("GET /initiatives", "all").get("items") or [{}]
    run("GET /initiatives", "?kind=need&region=75", query="kind=need&region=75")
    run("GET /initiatives", "?oblast=UA-48", query="oblast=UA-48")
    need = {"id": needs[0].get("id", "in_missing")}
    run("GET /initiatives/{id}", "by id", params=need)
    run("GET /initiatives/{id}/matches", "a need's offers", params=need)
    published = run("POST /associations/{id}/initiatives", "owner", "owner", {"id": association_id},
                    body=NEW_INITIATIVE, expect=201)
    offer = {"id": published.get("id", "in_missing")}
    run("PATCH /initiatives/{id}", "owner", "owner", offer, body={"title": "Groupes électrogènes et batteries"})
    run("POST /initiatives/{id}/status", "owner", "owner", offer, body={"status": "matched"})
    run("POST /initiatives/{id}/hide", "moderator", "moderator", offer, body={"reason": "Banc d'essai"})
    run("POST /initiatives/{id}/restore", "moderator", "moderator", offer, body={})
    run("GET /twinning/health", "staff: counters item and unanswered offers", "moderator")
    run("GET /initiatives/{id}/possible-matches", "owner", "owner", need)
def exercise_voting(stack: Stack, run: Callable[..., dict[str, Any]]) -> None:
    """Polls and elections: the demo election (voting) and poll, then a new election taken through its
    phases: nominations, consent, decisions, the roll, a ballot, the early close, the count."""
    election, poll, verified = stack.seeded["election"], stack.seeded["poll"], stack.verified_id
    run("GET /elections", "public list")
    shown = run("GET /elections/{election_id}", "voting, with turnout", params={"election_id": election})
    run("GET /elections/{election_id}/candidates", "approved", params={"election_id": election})
    created = run("POST /elections", "admin, voter roll", "admin", expect=201, body={
        "title": {"fr": "Élection du banc d'essai"}, "method": "irv", "electorate": "roll",
        "nominations_open_at": "2030-01-01T09:00:00Z", "voting_opens_at": "2030-02-01T09:00:00Z",
        "voting_closes_at": "2030-02-15T18:00:00Z"})
    new = {"election_id": created.get("id", election)}
    run("PATCH /elections/{election_id}", "admin, draft", "admin", new, body={"nominations_per_association": 3})
    run("GET /admin/elections", "admin", "admin")
    run("POST /elections/{election_id}/open", "admin: nominations", "admin", new)
    run("POST /elections/{election_id}/roll", "admin, 3 e-mails", "admin", new,
        body={"emails": [Accounts.email("member"), Accounts.email("owner"), "voter@example.org"]})
    nominated = [run("POST /elections/{election_id}/candidates", "owner", "owner", new, expect=201, body={
        "association_id": verified, "name": name, "email": Accounts.email("member"),
        "statement": {"fr": "Déclaration de candidature."}}).get("id", "") for name in ("Ola", "Ivan", "Zoe")]
    run("GET /elections/{election_id}/nominations", "owner", "owner", new)
    for candidate in nominated:
        run("POST /elections/{election_id}/candidates/{candidate_id}/consent", "the candidate", "member",
            new | {"candidate_id": candidate})
    run("POST /elections/{election_id}/candidates/{candidate_id}/approve", "admin", "admin",
        new | {"candidate_id": nominated[0]})
    run("POST /elections/{election_id}/candidates/{candidate_id}/reject", "admin", "admin",
        new | {"candidate_id": nominated[1]}, body={"reason": "Dossier incomplet"})
    run("POST /elections/{election_id}/candidates/{candidate_id}/withdraw", "owner", "owner",
        new | {"candidate_id": nominated[2]})
    ballot = (shown.get("ballot") or [{"id": ""}])[0]["id"]
    receipt = run("POST /elections/{election_id}/ballots", "member, Schulze", "member", {"election_id": election},
                  expect=201, body={"ranking": [[ballot]]})
    run("GET /elections/{election_id}/my-vote", "member", "member", {"election_id": election})
    run("POST /elections/{election_id}/close", "admin, early", "admin", {"election_id": election},
        body={"reason": "Banc d'essai"})
    clock_code, clock_handler = stack.template.function_code("VotingClockFunction")
    from infra.events import LambdaContext

    clock = getattr(load_module(clock_code, "bench_clock"), clock_handler)
    with stack.calls.watching("voting clock"):
        clock({}, LambdaContext("VotingClockFunction"))
    # The schedule runs it every minute, nearly always with nothing to move: that idle tick, measured for the
    # monthly cost (median of 5).
    from .calls import stdout_bytes
    from .cost import RequestCost

    ticks = []
    for _ in range(5):
        logged = stdout_bytes()
        with stack.calls.watching("voting clock (idle)") as seen:
            started = time.perf_counter()
            clock({}, LambdaContext("VotingClockFunction"))
            elapsed = time.perf_counter() - started
        ticks.append(RequestCost(elapsed, seen.rru, seen.wru, stdout_bytes() - logged))
    stack.measured["clock"] = sorted(ticks, key=lambda c: c.seconds)[len(ticks) // 2]
    run("GET /elections/{election_id}/results", "published", params={"election_id": election})
    run("GET /elections/{election_id}/ballots", "first page", params={"election_id": election})
    run("GET /elections/{election_id}/ballots/{tracker}", "a voter's receipt",
        params={"election_id": election, "tracker": receipt.get("tracker", "AAAA-AAAA-AAAA-AAAA-AAAA")})
    run("GET /elections/{election_id}/audit", "admin", "admin", {"election_id": election})
    run("GET /polls", "member", "member")
    new_poll = run("POST /polls", "moderator", "moderator", expect=201, body={
        "question": {"fr": "Question du banc d'essai ?"}, "options": [{"fr": "Oui"}, {"fr": "Non"}],
        "closes_at": "2030-01-01T00:00:00Z"})
    run("GET /polls/{poll_id}", "member, live results", "member", {"poll_id": poll})
    run("POST /polls/{poll_id}/votes", "member", "member", {"poll_id": poll}, body={"choices": ["o1"]}, expect=201)
    run("POST /polls/{poll_id}/close", "moderator", "moderator", {"poll_id": new_poll.get("id", poll)},
        body={"reason": "Fin du banc d'essai"})
