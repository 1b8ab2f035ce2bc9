"""Webhooks API: an association's editors register the URLs of their own tools, which then receive its events
and announcements as signed POSTs (functions/webhook_dispatcher, functions/webhook_delivery)."""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

from functools import cache
from typing import Annotated

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path

from hromada import api
from hromada.api import CONFLICT, ERRORS_SIGNED_IN, NOT_FOUND, SIGNED_IN, ErrorBody, documented
from hromada.coldstart import init_done
from hromada.domain.webhooks import Webhooks
from hromada.models import ids
from hromada.models.webhook import (
    DeliveryLog,
    PingOut,
    WebhookCreate,
    WebhookCreated,
    WebhookList,
    WebhookOut,
    WebhookPatch,
    WebhookSecret,
)
from hromada.observability import metrics
from hromada.settings import get_settings
from hromada.store.client import dynamodb
from hromada.store.webhook_queue import SqsDeliveryQueue
from hromada.store.webhooks import DynamoWebhookStore
from hromada.webhook_transport import resolve

app = api.create_app()
TAGS = ["webhooks"]
AssociationId = Annotated[str, Path(pattern=ids.ASSOCIATION, description="Association id (as_...)")]
WebhookId = Annotated[str, Path(pattern=ids.WEBHOOK, description="Webhook id (wh_...)")]
UNPROCESSABLE = {422: {"description": "Refused: the URL is not https on port 443/8443, carries credentials, or "
                                      "leads to a non-public address (webhook_url_refused)",
                       "content": {"application/json": {"model": ErrorBody}}}}


@cache
def webhooks() -> Webhooks:
    return Webhooks(DynamoWebhookStore(), SqsDeliveryQueue(), resolve,
                    allow_local_http=get_settings().webhook_local_receivers)


@app.get("/associations/<id>/webhooks", tags=TAGS, security=SIGNED_IN,
         summary="The association's webhooks (its editors; admins read). Never their secrets",
         responses=documented(200, "The webhooks", ERRORS_SIGNED_IN))
def list_webhooks(id: AssociationId) -> WebhookList:
    hooks = webhooks().list(api.principal(app), id)
    return WebhookList(items=[WebhookOut.of(h) for h in hooks], limit=webhooks().limit)


@app.post("/associations/<id>/webhooks", tags=TAGS, security=SIGNED_IN,
          summary="Register a webhook (its editors); the signing secret is in this answer only",
          responses=documented(201, "Registered", ERRORS_SIGNED_IN, CONFLICT, UNPROCESSABLE))
def create_webhook(id: AssociationId, body: WebhookCreate) -> Response[WebhookCreated]:
    hook = webhooks().create(api.principal(app), id, body)
    metrics.add_metric(name="WebhookRegistered", unit="Count", value=1)
    return Response(201, "application/json", WebhookCreated(**WebhookOut.of(hook).model_dump(), secret=hook.secret),
                    headers={"Cache-Control": "no-store"})


@app.patch("/associations/<id>/webhooks/<webhook_id>", tags=TAGS, security=SIGNED_IN,
           summary="Change a webhook's URL or kinds, pause or resume it (its editors)",
           responses=documented(200, "Updated", ERRORS_SIGNED_IN, NOT_FOUND, UNPROCESSABLE))
def update_webhook(id: AssociationId, webhook_id: WebhookId, body: WebhookPatch) -> WebhookOut:
    return WebhookOut.of(webhooks().update(api.principal(app), id, webhook_id, body))


@app.delete("/associations/<id>/webhooks/<webhook_id>", tags=TAGS, security=SIGNED_IN,
            summary="Delete a webhook (its editors)", responses=documented(204, "Deleted", ERRORS_SIGNED_IN, NOT_FOUND))
def delete_webhook(id: AssociationId, webhook_id: WebhookId) -> Response[None]:
    webhooks().delete(api.principal(app), id, webhook_id)
    return Response(204, None, "")


@app.post("/associations/<id>/webhooks/<webhook_id>/secret", tags=TAGS, security=SIGNED_IN,
          summary="A new signing secret (its editors), in this answer only; the old one stops at once",
          responses=documented(200, "The new secret", ERRORS_SIGNED_IN, NOT_FOUND))
def rotate_webhook_secret(id: AssociationId, webhook_id: WebhookId) -> Response[WebhookSecret]:
    hook = webhooks().rotate(api.principal(app), id, webhook_id)
    return Response(200, "application/json", WebhookSecret(id=hook.id, secret=hook.secret),
                    headers={"Cache-Control": "no-store"})


@app.post("/associations/<id>/webhooks/<webhook_id>/ping", tags=TAGS, security=SIGNED_IN,
          summary="Send a test delivery (`webhook.ping`) through the queue (its editors)",
          responses=documented(202, "Queued", ERRORS_SIGNED_IN, NOT_FOUND, CONFLICT))
def ping_webhook(id: AssociationId, webhook_id: WebhookId) -> Response[PingOut]:
    from hromada.store.write_guards import spend_now

    spend_now()  # a test writes nothing to DynamoDB: the write quota is spent first, so pings cannot flood a URL
    job = webhooks().ping(api.principal(app), id, webhook_id)
    return Response(202, "application/json", PingOut(event_id=job.event_id))


@app.get("/associations/<id>/webhooks/<webhook_id>/deliveries", tags=TAGS, security=SIGNED_IN,
         summary="The webhook's last 50 delivery attempts, newest first (its editors; admins read)",
         responses=documented(200, "The delivery log", ERRORS_SIGNED_IN, NOT_FOUND))
def list_webhook_deliveries(id: AssociationId, webhook_id: WebhookId) -> DeliveryLog:
    return DeliveryLog(items=webhooks().log(api.principal(app), id, webhook_id))


lambda_handler = api.make_handler(app)
dynamodb()
init_done()
