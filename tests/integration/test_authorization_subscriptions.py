"""Who may do what on the subscription routes. Link routes are authorized by their signed token alone
(whoever holds the mail holds the subscription); /me/subscription only ever reaches the caller's own."""

from __future__ import annotations

import pytest

from tests.conftest import make_cast
from tests.integration.mail import confirmed_subscriber, link, subscribe, wait_mails

ROLES = ["anonymous", "member", "other_editor", "editor", "owner", "moderator", "admin"]

MATRIX: dict[str, list[int]] = {
    "POST /subscriptions": [202] * 7,
    "GET /subscriptions/confirm": [200] * 7,
    "POST /subscriptions/confirm": [200] * 7,
    "GET /subscriptions/unsubscribe": [200] * 7,
    "POST /subscriptions/unsubscribe": [200] * 7,
    "GET /subscriptions/manage": [200] * 7,
    "POST /subscriptions/manage": [200] * 7,
    "GET /subscriptions/preferences": [200] * 7,
    "PUT /subscriptions/preferences": [200] * 7,
    "GET /me/subscription": [401, 200, 200, 200, 200, 200, 200],
    "PUT /me/subscription": [401, 200, 200, 200, 200, 200, 200],
    "DELETE /me/subscription": [401, 204, 204, 204, 204, 204, 204],
}


@pytest.fixture(scope="module")
def cast(person, api):
    return make_cast(person, api)[0]


def _tokens(api, stack, person) -> dict[str, str]:
    pending = f"auth-{__import__('uuid').uuid4().hex[:8]}@example.org"
    subscribe(api, pending)
    confirm = link(wait_mails(stack, pending)[0], "confirm")
    known = confirmed_subscriber(api, person)
    subscribe(api, known)
    manage = link(wait_mails(stack, known)[0], "manage")
    return {"confirm": confirm.partition("token=")[2], "manage": manage.partition("token=")[2]}


TOKEN_ROUTES = sorted(route for route in MATRIX if route.split(" ", 1)[1].startswith("/subscriptions/"))


@pytest.mark.parametrize("route", TOKEN_ROUTES)
def test_token_route_by_role(route, api, stack, person, cast):
    """The token alone authorizes: one pair of real links per route, then every role calls it with them (a link
    used again, as from a mail opened twice, still answers the same)."""
    method, path = route.split(" ", 1)
    tokens = _tokens(api, stack, person)
    path += "?token=" + tokens["confirm" if "confirm" in path else "manage"]
    kwargs: dict = {}
    if route == "PUT /subscriptions/preferences":
        kwargs["json"] = {"regions": ["84"], "frequency": "daily"}
    if route == "POST /subscriptions/manage":
        kwargs.update(data="frequency=weekly&language=fr",
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    answers = {role: api(method, path, cast.get(role), **kwargs) for role in ROLES}
    wrong = {role: f"{r.status_code} {r.text[:200]}" for role, r in answers.items()
             if r.status_code != MATRIX[route][ROLES.index(role)]}
    assert not wrong, f"{route}: {wrong}"


@pytest.mark.parametrize("route", sorted(set(MATRIX) - set(TOKEN_ROUTES)))
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(route, role, api, stack, person, cast):
    method, path = route.split(" ", 1)
    who = cast.get(role)
    kwargs: dict = {}
    if route == "POST /subscriptions":
        kwargs["json"] = {"email": f"{role}-{__import__('uuid').uuid4().hex[:6]}@example.org"}
    elif route in ("GET /me/subscription", "DELETE /me/subscription") and who is not None:
        assert api("PUT", "/me/subscription", who, json={"frequency": "weekly"}).status_code == 200
    elif route == "PUT /me/subscription":
        kwargs["json"] = {"frequency": "weekly", "regions": ["76"]}
    response = api(method, path, who, **kwargs)
    assert response.status_code == MATRIX[route][ROLES.index(role)], f"{role} {route}: {response.text[:300]}"
    if route == "GET /me/subscription" and who is not None:
        assert response.json()["status"] == "confirmed"  # the caller's own, saved just before


def test_my_subscription_is_only_ever_mine(api, person):
    """GET /me/subscription answers 200 for everyone signed in; it never shows another person's subscription."""
    subscriber, other = person(label="subscriber"), person(label="other")
    assert api("PUT", "/me/subscription", subscriber, json={"regions": ["93"], "frequency": "daily"}).status_code == 200
    seen = api("GET", "/me/subscription", other).json()
    assert seen["status"] == "none" and seen["regions"] == [] and seen["frequency"] == "weekly"


def test_a_token_only_reaches_its_own_subscription(api, stack, person):
    mine, theirs = _tokens(api, stack, person), _tokens(api, stack, person)
    assert mine["manage"] != theirs["manage"]
    changed = api("PUT", f"/subscriptions/preferences?token={mine['manage']}", json={"regions": ["11"]})
    assert changed.status_code == 200
    untouched = api("GET", f"/subscriptions/preferences?token={theirs['manage']}").json()
    assert untouched["regions"] == ["76"]


def test_a_confirm_token_cannot_manage_or_unsubscribe(api, stack, person):
    confirm = _tokens(api, stack, person)["confirm"]
    assert api("GET", f"/subscriptions/preferences?token={confirm}").status_code == 400
    assert api("POST", f"/subscriptions/unsubscribe?token={confirm}").status_code == 400
