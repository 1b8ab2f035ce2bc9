"""Elections API: organizing, nominations, voting, and the published ballot box and result."""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

from functools import cache
from typing import Annotated

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path, Query

from hromada import api
from hromada.api import CONFLICT, ERRORS_PUBLIC, ERRORS_SIGNED_IN, NOT_FOUND, SIGNED_IN, documented
from hromada.coldstart import init_done
from hromada.domain.elections import Elections
from hromada.models import ids
from hromada.models.common import Limit, Page
from hromada.models.election import (
    AuditOut,
    BallotIn,
    CandidateOut,
    ElectionCreate,
    ElectionOut,
    ElectionPatch,
    MyVoteOut,
    NominationIn,
    NominationOut,
    PublishedBallot,
    Reason,
    Receipt,
    Result,
    ResultOut,
    RollIn,
    RollOut,
    Tracker,
    VoterAssociation,
)
from hromada.observability import metrics
from hromada.store.associations import DynamoAssociationStore
from hromada.store.ballots import DynamoBallotBox
from hromada.store.client import dynamodb
from hromada.store.elections import DynamoElectionStore

app = api.create_app()
TAGS, ORGANIZING, NOMINATIONS, VOTING = ["elections"], ["organizing elections"], ["nominations"], ["voting"]
ElectionId = Annotated[str, Path(pattern=ids.ELECTION, description="Election id (el_...)")]
CandidateId = Annotated[str, Path(pattern=ids.CANDIDATE, description="Candidate id (ca_...)")]
Cursor = Annotated[str | None, Query(max_length=1000)]
PUBLISHED = {"Cache-Control": "public, max-age=300"}  # a published ballot box never changes


@cache
def elections() -> Elections:
    from hromada.bus import OutboxPublisher

    return Elections(DynamoElectionStore(), DynamoBallotBox(), DynamoAssociationStore(),
                     publisher=OutboxPublisher())


# ------------------------------------------------------------------ public
@app.get("/elections", tags=TAGS, summary="Elections, newest vote first (drafts are not shown)",
         responses=documented(200, "A page of elections", ERRORS_PUBLIC))
def list_elections(limit: Annotated[Limit, Query()] = 20, cursor: Cursor = None) -> Page[ElectionOut]:
    found = elections().list_public(limit, cursor)
    return Page[ElectionOut](items=[ElectionOut.of(e) for e in found.items], next_cursor=found.next_cursor)


@app.get("/elections/<election_id>", tags=TAGS, summary="One election, with its ballot and turnout once voting opens",
         responses=documented(200, "The election", ERRORS_PUBLIC, NOT_FOUND))
def get_election(election_id: ElectionId) -> ElectionOut:
    election, turnout = elections().public(election_id)
    return ElectionOut.of(election, turnout)


@app.get("/elections/<election_id>/candidates", tags=TAGS, summary="The approved candidates",
         responses=documented(200, "Approved candidates", ERRORS_PUBLIC, NOT_FOUND))
def list_candidates(election_id: ElectionId) -> list[CandidateOut]:
    return [CandidateOut.of(c) for c in elections().candidates(election_id)]


@app.get("/elections/<election_id>/results", tags=TAGS, summary="The official result with its full working",
         responses=documented(200, "Published result", ERRORS_PUBLIC, NOT_FOUND, CONFLICT))
def get_results(election_id: ElectionId) -> Response[ResultOut]:
    election, stored = elections().results(election_id)
    body = ResultOut(election_id=election.id, published_at=election.published_at or "",
                     ballots_sha256=stored["ballots_sha256"], ballot_shards=election.shards, candidates=election.ballot,
                     result=Result.model_validate(stored["result"]))
    return Response(200, "application/json", body, headers=PUBLISHED)


@app.get("/elections/<election_id>/ballots", tags=TAGS,
         summary="The published ballot box: every ballot with its tracker, no voter (follow next_cursor)",
         responses=documented(200, "A page of ballots (up to 1000), in the order of the digest", ERRORS_PUBLIC,
                              NOT_FOUND, CONFLICT))
def list_ballots(election_id: ElectionId, cursor: Cursor = None) -> Response[Page[PublishedBallot]]:
    ballots, next_cursor = elections().ballots_page(election_id, cursor)
    page = Page[PublishedBallot](items=[PublishedBallot(**b) for b in ballots], next_cursor=next_cursor)
    return Response(200, "application/json", page, headers=PUBLISHED)


@app.get("/elections/<election_id>/ballots/<tracker>", tags=TAGS, summary="Find your ballot by its tracker",
         responses=documented(200, "The ballot", ERRORS_PUBLIC, NOT_FOUND, CONFLICT))
def get_ballot(election_id: ElectionId, tracker: Annotated[Tracker, Path(description="The receipt of the vote")],
               ) -> Response[PublishedBallot]:
    ballot = PublishedBallot(tracker=tracker, **elections().ballot(election_id, tracker))
    return Response(200, "application/json", ballot, headers=PUBLISHED)


# ------------------------------------------------------------------ organizers
@app.post("/elections", tags=ORGANIZING, summary="Create an election (admins; starts as a draft)",
          security=SIGNED_IN, responses=documented(201, "Created", ERRORS_SIGNED_IN))
def create_election(body: ElectionCreate) -> Response[ElectionOut]:
    election = elections().create(api.principal(app), body)
    return Response(201, "application/json", ElectionOut.of(election),
                    headers={"Location": f"/elections/{election.id}"})


@app.patch("/elections/<election_id>", tags=ORGANIZING, summary="Edit a draft election (admins)", security=SIGNED_IN,
           responses=documented(200, "Updated", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def update_election(election_id: ElectionId, body: ElectionPatch) -> ElectionOut:
    return ElectionOut.of(elections().update(api.principal(app), election_id, body))


@app.get("/admin/elections", tags=ORGANIZING, summary="Every election, drafts included (admins)",
         security=SIGNED_IN, responses=documented(200, "A page of elections", ERRORS_SIGNED_IN))
def list_all_elections(limit: Annotated[Limit, Query()] = 20, cursor: Cursor = None) -> Page[ElectionOut]:
    found = elections().list_all(api.principal(app), limit, cursor)
    return Page[ElectionOut](items=[ElectionOut.of(e) for e in found.items], next_cursor=found.next_cursor)


@app.post("/elections/<election_id>/open", tags=ORGANIZING,
          summary="Start the next phase now: nominations (from draft) or voting (admins)", security=SIGNED_IN,
          responses=documented(200, "Opened", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def open_election(election_id: ElectionId) -> ElectionOut:
    return ElectionOut.of(elections().open(api.principal(app), election_id))


@app.post("/elections/<election_id>/close", tags=ORGANIZING, summary="Close the vote early, with a reason (admins)",
          security=SIGNED_IN, responses=documented(200, "Closed; the count follows", ERRORS_SIGNED_IN, NOT_FOUND,
                                                   CONFLICT))
def close_election(election_id: ElectionId, body: Reason) -> ElectionOut:
    return ElectionOut.of(elections().close(api.principal(app), election_id, body.reason))


@app.post("/elections/<election_id>/roll", tags=ORGANIZING, summary="Add e-mails to the voter roll (admins)",
          security=SIGNED_IN, responses=documented(200, "Added", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def upload_roll(election_id: ElectionId, body: RollIn) -> RollOut:
    return RollOut(received=elections().upload_roll(api.principal(app), election_id, body.emails))


@app.get("/elections/<election_id>/audit", tags=ORGANIZING, summary="Every administrative act, who and when (admins)",
         security=SIGNED_IN, responses=documented(200, "The audit log, oldest first", ERRORS_SIGNED_IN, NOT_FOUND))
def audit_log(election_id: ElectionId) -> list[AuditOut]:
    return [AuditOut(actor_id=e.actor_id, action=e.action, target=e.target, at=e.at, reason=e.reason)
            for e in elections().audit(api.principal(app), election_id)]


# ------------------------------------------------------------------ nominations
@app.get("/elections/<election_id>/nominations", tags=NOMINATIONS,
         summary="Nominations: all (admins), yours (candidate), your associations' (owners, editors)",
         security=SIGNED_IN, responses=documented(200, "Nominations", ERRORS_SIGNED_IN, NOT_FOUND))
def list_nominations(election_id: ElectionId) -> list[NominationOut]:
    return [NominationOut.of(c) for c in elections().nominations(api.principal(app), election_id)]


@app.post("/elections/<election_id>/candidates", tags=NOMINATIONS,
          summary="Nominate a candidate for your verified association (owners)", security=SIGNED_IN,
          responses=documented(201, "Nominated; waiting for the candidate's consent", ERRORS_SIGNED_IN, NOT_FOUND,
                               CONFLICT))
def nominate(election_id: ElectionId, body: NominationIn) -> Response[NominationOut]:
    candidate = elections().nominate(api.principal(app), election_id, body)
    return Response(201, "application/json", NominationOut.of(candidate))


@app.post("/elections/<election_id>/candidates/<candidate_id>/consent", tags=NOMINATIONS,
          summary="Accept your nomination (the candidate)", security=SIGNED_IN,
          responses=documented(200, "Consented", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def consent(election_id: ElectionId, candidate_id: CandidateId) -> NominationOut:
    return NominationOut.of(elections().consent(api.principal(app), election_id, candidate_id))


@app.post("/elections/<election_id>/candidates/<candidate_id>/approve", tags=NOMINATIONS,
          summary="Approve a consenting candidate (admins)", security=SIGNED_IN,
          responses=documented(200, "Approved", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def approve(election_id: ElectionId, candidate_id: CandidateId) -> NominationOut:
    return NominationOut.of(elections().approve(api.principal(app), election_id, candidate_id))


@app.post("/elections/<election_id>/candidates/<candidate_id>/reject", tags=NOMINATIONS,
          summary="Reject a nomination with a reason (admins)", security=SIGNED_IN,
          responses=documented(200, "Rejected", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def reject(election_id: ElectionId, candidate_id: CandidateId, body: Reason) -> NominationOut:
    return NominationOut.of(elections().reject(api.principal(app), election_id, candidate_id, body.reason))


@app.post("/elections/<election_id>/candidates/<candidate_id>/withdraw", tags=NOMINATIONS,
          summary="Withdraw a candidacy (the candidate, the association's owner, admins)", security=SIGNED_IN,
          responses=documented(200, "Withdrawn", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def withdraw(election_id: ElectionId, candidate_id: CandidateId) -> NominationOut:
    return NominationOut.of(elections().withdraw(api.principal(app), election_id, candidate_id))


# ------------------------------------------------------------------ voting
@app.post("/elections/<election_id>/ballots", tags=VOTING, summary="Vote: one secret ballot; the answer is its tracker",
          security=SIGNED_IN, responses=documented(201, "Counted; keep the tracker", ERRORS_SIGNED_IN, NOT_FOUND,
                                                   CONFLICT))
def cast_ballot(election_id: ElectionId, body: BallotIn) -> Response[Receipt]:
    tracker = elections().cast(api.principal(app), election_id, body)
    metrics.add_metric(name="BallotCast", unit="Count", value=1)
    return Response(201, "application/json", Receipt(election_id=election_id, tracker=tracker),
                    headers={"Cache-Control": "no-store"})


@app.get("/elections/<election_id>/my-vote", tags=VOTING, summary="Whether you may vote, and whether you have",
         security=SIGNED_IN, responses=documented(200, "Your status", ERRORS_SIGNED_IN, NOT_FOUND))
def my_vote(election_id: ElectionId) -> MyVoteOut:
    status = elections().voter_status(api.principal(app), election_id)
    return MyVoteOut(electorate=status.election.electorate, eligible=status.eligible, voted=status.voted,
                     associations=[VoterAssociation(association_id=a, name=n, voted=v)
                                   for a, n, v in status.associations])


lambda_handler = api.make_handler(app)
# Built during init, so SnapStart's snapshot holds the DynamoDB client (~40 ms) instead of each restore.
dynamodb()
init_done()
