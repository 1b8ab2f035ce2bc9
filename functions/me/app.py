"""The signed-in person: profile, roles and the associations they edit; their data's export and erasure."""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

from functools import cache

from aws_lambda_powertools.event_handler import Response

from hromada import api
from hromada.api import ERRORS_SIGNED_IN, SIGNED_IN, documented
from hromada.coldstart import init_done
from hromada.domain.associations import Associations
from hromada.domain.personal_data import PersonalData
from hromada.models.association import AssociationOut, Membership, MeOut
from hromada.models.moderation import ErasureIn, ExportOut, MyRsvpOut, MyRsvpsOut
from hromada.observability import logger, metrics
from hromada.settings import get_settings
from hromada.store.associations import DynamoAssociationStore
from hromada.store.client import dynamodb
from hromada.store.personal_data import CognitoAccounts, DynamoPersonalDataStore

app = api.create_app()


@cache
def associations() -> Associations:
    return Associations(DynamoAssociationStore())


@cache
def personal_data() -> PersonalData:
    # Here: only the export and erasure routes need the events side (its models, ~15 ms to import).
    from hromada.bus import OutboxPublisher
    from hromada.domain.clock import utc_now
    from hromada.domain.rsvps import Rsvps
    from hromada.domain.shifts import Shifts
    from hromada.mail.shift_notices import ShiftNotices
    from hromada.store.events import DynamoEventStore
    from hromada.store.shift_mail import PriorityMailOutbox
    from hromada.store.shifts import DynamoShiftStore

    rsvps = Rsvps(DynamoEventStore(), OutboxPublisher())
    # A place freed by an erased volunteer goes to the first one waiting, who is told by mail.
    shifts = Shifts(DynamoShiftStore(), mail=ShiftNotices(PriorityMailOutbox(), get_settings().public_web_url,
                                                          now=utc_now))
    return PersonalData(DynamoPersonalDataStore(), CognitoAccounts(get_settings().user_pool_id), rsvps.leave,
                        leave_shift=shifts.leave_by_ref)


@app.get("/me", tags=["me"], summary="My profile, roles and memberships",
         security=SIGNED_IN, responses=documented(200, "Who I am", ERRORS_SIGNED_IN))
def me() -> MeOut:
    caller = api.principal(app)
    memberships = [Membership(role=link.role, association=AssociationOut.for_editor(association))
                   for link, association in associations().memberships(caller)]
    return MeOut(id=caller.user_id, email=caller.email, email_verified=caller.email_verified, name=caller.name,
                 roles=caller.roles, groups=sorted(caller.groups), memberships=memberships)


@app.get("/me/export", tags=["me"], summary="Everything held about me, as JSON",
         description="Profile, associations, RSVPs, nominations, flags, voter rolls, subscriptions, the acts "
                     "recorded with me as author, and the ballot boxes I voted in (never what I voted).",
         security=SIGNED_IN, responses=documented(200, "My data", ERRORS_SIGNED_IN))
def export_me() -> Response[ExportOut]:
    data = ExportOut(**personal_data().export(api.principal(app)))
    return Response(200, "application/json", data, headers={
        "Cache-Control": "private, no-store", "Content-Disposition": 'attachment; filename="hromada-export.json"'})


@app.get("/me/rsvps", tags=["me"], summary="The events I registered for",
         description="My registrations, confirmed or on the waiting list, newest first (the event's details at "
                     "`GET /events/{id}`).",
         security=SIGNED_IN, responses=documented(200, "My registrations", ERRORS_SIGNED_IN))
def my_rsvps() -> Response[MyRsvpsOut]:
    items = [MyRsvpOut(**item) for item in personal_data().rsvps(api.principal(app))]
    return Response(200, "application/json", MyRsvpsOut(items=items), headers={"Cache-Control": "private, no-store"})


@app.delete("/me", tags=["me"], summary="Erase my account and my personal data",
            description="RSVPs are cancelled (seats go to the waitlist), flags and votes stay without my name, "
                        "an association I alone own passes to a co-editor (or is frozen), my account is deleted. "
                        "The body's `confirm` must be my own verified e-mail address. Tokens issued before stay "
                        "valid for up to an hour, but every write with them is refused (401 `account_erased`).",
            security=SIGNED_IN, responses=documented(204, "Erased", ERRORS_SIGNED_IN))
def erase_me(body: ErasureIn) -> Response[None]:
    done = personal_data().erase(api.principal(app), body.confirm)
    logger.info("personal data erased", extra={"erased": done})
    metrics.add_metric(name="AccountErased", unit="Count", value=1)
    return Response(204, None, "")


lambda_handler = api.make_handler(app)
# Built during init, so SnapStart's snapshot holds the DynamoDB client (~40 ms) instead of each restore.
dynamodb()
init_done()
