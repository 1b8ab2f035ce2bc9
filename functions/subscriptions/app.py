"""Subscriptions API: subscribe without an account (double opt-in), confirm, manage and unsubscribe from the
signed links in every mail (RFC 8058 one-click), and the signed-in member's own subscription.

The link routes answer small HTML pages (they are opened from mail clients); GET never changes anything,
so link scanners cannot confirm or unsubscribe anyone: the page's button POSTs.
"""

from __future__ import annotations

import gc

gc.disable()  # during init only: hromada.coldstart.init_done() resumes it, last

from collections.abc import Callable
from functools import cache
from typing import Annotated
from urllib.parse import parse_qs

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from pydantic import ValidationError

from hromada import api
from hromada.api import CONFLICT, ERRORS_PUBLIC, ERRORS_SIGNED_IN, NOT_FOUND, SIGNED_IN, documented
from hromada.coldstart import init_done
from hromada.domain.subscriptions import Subscriptions
from hromada.errors import HromadaError
from hromada.i18n import negotiate
from hromada.mail import tokens
from hromada.mail.links import SignedLinks
from hromada.mail.render import page
from hromada.models.event_category import EventCategory
from hromada.models.subscription import (
    MySubscriptionOut,
    Preferences,
    PreferencesOut,
    Subscription,
    SubscriptionAccepted,
    SubscriptionRequest,
)
from hromada.observability import metrics
from hromada.reference.geography import REGIONS
from hromada.store.client import dynamodb
from hromada.store.deliveries import SqsMailOutbox
from hromada.store.subscriptions import DynamoSubscriptionStore

app = api.create_app()
TAGS = ["subscriptions"]
Token = Annotated[str, Query(min_length=20, max_length=2000, description="The signed token from the mail's link")]
HTML = {"content": {"text/html": {"schema": {"type": "string"}}}}


@cache
def subscriptions() -> Subscriptions:
    from hromada.bus import OutboxPublisher

    return Subscriptions(DynamoSubscriptionStore(), SqsMailOutbox(), SignedLinks(api_url_from=_request_api_url),
                         tokens.verify, publisher=OutboxPublisher())


def _request_api_url() -> str:
    """The API's own address, as API Gateway saw the request (its domain, or the custom domain it came to)."""
    return f"https://{app.current_event.request_context.domain_name}"


def _lang() -> str:
    return negotiate(app.current_event.headers.get("accept-language"))


def _html(body: str, status: int = 200) -> Response[str]:
    return Response(status_code=status, content_type="text/html; charset=utf-8", body=body,
                    headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer",
                             "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                                        "form-action 'self'"})


def _link_failed(error: HromadaError) -> Response[str]:
    return _html(_page(_lang(), "page_error_title", text=page_text(error)), error.status)


def page_text(error: HromadaError) -> str:
    from hromada.i18n import message

    return message(error.code, _lang())


def _pages(status: int, description: str) -> dict[int, object]:
    return {status: {"description": description, **HTML}, 400: {"description": "Invalid or expired link", **HTML},
            404: {"description": "No such subscription", **HTML},
            410: {"description": "The link belongs to an earlier subscription of this address", **HTML},
            422: {"description": "A form that does not validate (shown again with the error)", **HTML}}


@app.post("/subscriptions", tags=TAGS, summary="Subscribe to the digest (a confirmation mail is sent)",
          responses=documented(202, "Accepted: a confirmation mail is on its way if one is needed. The same answer "
                                    "whether or not the address was known", ERRORS_PUBLIC, CONFLICT))
def subscribe(request: SubscriptionRequest) -> Response[SubscriptionAccepted]:
    subscriptions().subscribe(request)
    metrics.add_metric(name="SubscriptionRequested", unit="Count", value=1)
    return Response(status_code=202, content_type="application/json", body=SubscriptionAccepted())


@app.get("/subscriptions/confirm", tags=TAGS, summary="The confirmation page (its button confirms)",
         responses=_pages(200, "A page with a confirm button"))
def confirm_page(token: Token) -> Response[str]:
    lang = _language(subscriptions().preview_confirm, token)
    return lang if isinstance(lang, Response) else _button_page(lang, token, "confirm", "confirm_button")


@app.post("/subscriptions/confirm", tags=TAGS, summary="Confirm a subscription (from the mail's link)",
          responses=_pages(200, "Confirmed"))
def confirm(token: Token) -> Response[str]:
    lang = _language(subscriptions().confirm, token)
    if isinstance(lang, Response):
        return lang
    metrics.add_metric(name="SubscriptionConfirmed", unit="Count", value=1)
    return _html(_page(lang, "page_confirmed_title", text=_t(lang, "page_confirmed_text")))


@app.get("/subscriptions/unsubscribe", tags=TAGS, summary="The unsubscribe page (its button unsubscribes)",
         responses=_pages(200, "A page with an unsubscribe button"))
def unsubscribe_page(token: Token) -> Response[str]:
    lang = _language(subscriptions().preferences, token, gone=True)
    if isinstance(lang, Response):
        return lang
    return _button_page(lang, token, "unsubscribe", "unsubscribe")


@app.post("/subscriptions/unsubscribe", tags=TAGS,
          summary="Unsubscribe at once: the List-Unsubscribe one-click target (RFC 8058), no login, no confirmation",
          responses=_pages(200, "Unsubscribed (also when it already was)"))
def unsubscribe(token: Token) -> Response[str]:
    try:
        unsubscribed = subscriptions().unsubscribe(token)
    except HromadaError as error:
        return _link_failed(error)
    if unsubscribed is None:  # gone already: unsubscribing twice still says "unsubscribed"
        return _html(_page(_lang(), "page_unsubscribed_title", text=_t(_lang(), "page_unsubscribed_text")))
    metrics.add_metric(name="Unsubscribed", unit="Count", value=1)
    lang = unsubscribed.language
    return _html(_page(lang, "page_unsubscribed_title", text=_t(lang, "page_unsubscribed_text")))


def _language(find: Callable[[str], Subscription], token: str, gone: bool = False) -> str | Response[str]:
    """The language of the link's subscription, or the page telling why the link fails. With `gone`, a
    subscription that no longer exists is no failure (unsubscribing twice still says "unsubscribed")."""
    try:
        return find(token).language
    except HromadaError as error:
        if gone and error.code == "subscription_not_found":
            return _html(_page(_lang(), "page_unsubscribed_title", text=_t(_lang(), "page_unsubscribed_text")))
        return _link_failed(error)


def _button_page(lang: str, token: str, kind: str, button: str) -> Response[str]:
    """GET shows a page whose button POSTs: link scanners that follow every URL change nothing."""
    return _html(_page(lang, f"page_{kind}_title", text=_t(lang, f"page_{kind}_text"), action=f"?token={token}",
                       button=_t(lang, button)))


@app.get("/subscriptions/manage", tags=TAGS, summary="The preferences page of a subscription (from a mail's link)",
         responses=_pages(200, "A form with the current preferences"))
def manage_page(token: Token) -> Response[str]:
    try:
        found = subscriptions().preferences(token)
    except HromadaError as error:
        return _link_failed(error)
    return _html(_manage(token, found.preferences(), notice=None))


@app.post("/subscriptions/manage", tags=TAGS, summary="Save the preferences form (form-encoded)",
          responses=_pages(200, "Saved; the form again"))
def manage(token: Token) -> Response[str]:
    fields = parse_qs(app.current_event.decoded_body or "", keep_blank_values=False)
    try:
        wanted = Preferences(regions=fields.get("regions", []), categories=fields.get("categories", []),
                             associations=fields.get("associations", []),
                             language=(fields.get("language") or ["fr"])[0],
                             frequency=(fields.get("frequency") or ["weekly"])[0])
    except ValidationError:
        found = subscriptions().preferences(token)
        return _html(_manage(token, found.preferences(), error=_t(found.language, "page_error_text")), 422)
    try:
        saved = subscriptions().update(token, wanted)
    except HromadaError as error:
        return _link_failed(error)
    return _html(_manage(token, saved.preferences(), notice=_t(saved.language, "page_saved")))


@app.get("/subscriptions/preferences", tags=TAGS, summary="A subscription's preferences, by its mail token (JSON)",
         responses=documented(200, "The preferences", ERRORS_PUBLIC, NOT_FOUND, api.LINK_OUTDATED))
def get_preferences(token: Token) -> PreferencesOut:
    return subscriptions().preferences(token).preferences()


@app.put("/subscriptions/preferences", tags=TAGS, summary="Change a subscription's preferences, by its mail token",
         responses=documented(200, "Saved", ERRORS_PUBLIC, NOT_FOUND, CONFLICT, api.LINK_OUTDATED))
def put_preferences(token: Token, preferences: Preferences) -> PreferencesOut:
    return subscriptions().update(token, preferences).preferences()


@app.get("/me/subscription", tags=TAGS, summary="My digest subscription (by my verified address)",
         security=SIGNED_IN,
         responses=documented(200, "My subscription; status `none` when I have none", ERRORS_SIGNED_IN))
def my_subscription() -> Response[MySubscriptionOut]:
    found = subscriptions().mine(api.principal(app))
    out = MySubscriptionOut.none() if found is None else MySubscriptionOut.of(found.preferences())
    return Response(200, "application/json", out, headers={"Cache-Control": "private, no-store"})


@app.put("/me/subscription", tags=TAGS, summary="Subscribe or change my preferences (no confirmation mail: my "
                                                "address is verified)",
         security=SIGNED_IN, responses=documented(200, "Saved", ERRORS_SIGNED_IN, CONFLICT))
def set_my_subscription(preferences: Preferences) -> PreferencesOut:
    return subscriptions().set_mine(api.principal(app), preferences).preferences()


@app.delete("/me/subscription", tags=TAGS, summary="Unsubscribe", security=SIGNED_IN,
            responses=documented(204, "Unsubscribed (also when I was not)", ERRORS_SIGNED_IN))
def drop_my_subscription() -> Response[None]:
    subscriptions().drop_mine(api.principal(app))
    return Response(204, None, "")


def _t(lang: str, key: str) -> str:
    from hromada.mail.strings import strings

    return strings(lang)[key]


def _page(lang: str, title_key: str, **context: object) -> str:
    """Every page behind a mail's link leads back to the site: none is a dead end."""
    return page(lang, title_key, home=f"{subscriptions().links.web_url}/#/", **context)


def _manage(token: str, prefs: PreferencesOut, notice: str | None = None, error: str | None = None) -> str:
    from hromada.mail.strings import topic
    from hromada.reference.text import collation_key

    lang = prefs.language
    region_names = sorted(((code, r["names"].get(lang) or r["names"]["fr"]) for code, r in REGIONS.items()),
                          key=lambda pair: collation_key(pair[1], lang))
    form = {"action": f"?token={token}", "frequency": prefs.frequency.value, "language": lang,
            "regions": prefs.regions, "categories": prefs.categories, "associations": prefs.associations,
            "all_regions": region_names, "all_categories": [(c.value, topic(lang, c.value)) for c in EventCategory],
            "unsubscribe_url": f"unsubscribe?token={token}"}
    return _page(lang, "page_manage_title", form=form, notice=notice, error=error)


lambda_handler = api.make_handler(app)
dynamodb()
init_done()
