"""Polls API: ask a question, answer it once, see the results (live or after the close)."""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

from functools import cache
from typing import Annotated

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path, Query

from hromada import api
from hromada.api import CONFLICT, ERRORS_SIGNED_IN, NOT_FOUND, SIGNED_IN, documented
from hromada.coldstart import init_done
from hromada.domain.polls import Polls
from hromada.models import ids
from hromada.models.common import Limit, Page
from hromada.models.election import Reason
from hromada.models.ids import AssociationId
from hromada.models.poll import PollCreate, PollOut, PollVote, PollVoteOut
from hromada.store.ballots import DynamoBallotBox
from hromada.store.client import dynamodb
from hromada.store.polls import DynamoPollStore

app = api.create_app()
TAGS = ["polls"]
PollId = Annotated[str, Path(pattern=ids.POLL, description="Poll id (po_...)")]


@cache
def polls() -> Polls:
    return Polls(DynamoPollStore(), DynamoBallotBox())


@app.get("/polls", tags=TAGS, summary="Polls for every member, or (association=…) one association's",
         security=SIGNED_IN, responses=documented(200, "A page of polls, newest first", ERRORS_SIGNED_IN))
def list_polls(
    association: Annotated[AssociationId | None, Query(description="An association you edit")] = None,
    limit: Annotated[Limit, Query()] = 20,
    cursor: Annotated[str | None, Query(max_length=1000)] = None,
) -> Page[PollOut]:
    found = polls().list(api.principal(app), association, limit, cursor)
    return Page[PollOut](items=[PollOut.of(p) for p in found.items], next_cursor=found.next_cursor)


@app.post("/polls", tags=TAGS,
          summary="Ask a poll: to every member (moderators) or to an association's editors (its editors)",
          security=SIGNED_IN, responses=documented(201, "Created", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def create_poll(body: PollCreate) -> Response[PollOut]:
    poll = polls().create(api.principal(app), body)
    return Response(201, "application/json", PollOut.of(poll), headers={"Location": f"/polls/{poll.id}"})


@app.get("/polls/<poll_id>", tags=TAGS, summary="One poll, its counts when shown, whether you answered",
         security=SIGNED_IN, responses=documented(200, "The poll", ERRORS_SIGNED_IN, NOT_FOUND))
def get_poll(poll_id: PollId) -> PollOut:
    poll, counts, voted = polls().view(api.principal(app), poll_id)
    shown = None if counts is None else {o.id: counts.get(o.id, 0) for o in poll.options}
    return PollOut.of(poll, shown, None if counts is None else counts.get("n", 0), voted)


@app.post("/polls/<poll_id>/votes", tags=TAGS, summary="Answer (once; secret: no answer is stored with you)",
          security=SIGNED_IN, responses=documented(201, "Counted", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def answer_poll(poll_id: PollId, body: PollVote) -> Response[PollVoteOut]:
    choices = polls().vote(api.principal(app), poll_id, body.choices)
    return Response(201, "application/json", PollVoteOut(poll_id=poll_id, choices=choices),
                    headers={"Cache-Control": "no-store"})


@app.post("/polls/<poll_id>/close", tags=TAGS, summary="Close a poll early, with a reason", security=SIGNED_IN,
          responses=documented(200, "Closed", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def close_poll(poll_id: PollId, body: Reason) -> PollOut:
    return PollOut.of(polls().close(api.principal(app), poll_id, body.reason))


lambda_handler = api.make_handler(app)
# Built during init, so SnapStart's snapshot holds the DynamoDB client (~40 ms) instead of each restore.
dynamodb()
init_done()
