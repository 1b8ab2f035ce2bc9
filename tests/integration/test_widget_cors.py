"""The events widget on another site: the API and the widget's files answer any origin, without credentials,
locally as template.yaml has API Gateway and CloudFront answer — and that opens no door to forged writes.

Why "*" is safe: a caller proves who it is only with a bearer token in the Authorization header, which the web
client keeps in its own origin's sessionStorage; the API reads no cookie and sets none; credentials are never
allowed. A page elsewhere can therefore only send what it could send with curl, without anyone's identity.
"""

from __future__ import annotations

from infra.template import Template
from tests.conftest import event_body

ELSEWHERE = "https://some-association.example"


def test_template_lets_any_origin_read_without_credentials() -> None:
    # What the deployed API Gateway and CloudFront are told (the local gateway reads the same rules).
    template = Template()
    api = template.cors()
    assert api["AllowOrigins"] == ["*"]
    assert api["AllowCredentials"] is False
    assert "cookie" not in [h.lower() for h in api["AllowHeaders"]]
    web = dict(template.web_cors())
    assert set(web) == {"widget/*", "config.json"}
    for rule in web.values():
        assert rule["AllowOrigins"] == ["*"] and rule["AllowCredentials"] is False
        assert set(rule["AllowMethods"]) <= {"GET", "HEAD"}


def test_preflight_and_listing_from_another_site(api) -> None:
    preflight = api("OPTIONS", "/events", headers={"Origin": ELSEWHERE, "Access-Control-Request-Method": "GET",
                                                   "Access-Control-Request-Headers": "accept-language"})
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"].split(",")
    assert "Access-Control-Allow-Credentials" not in preflight.headers

    listing = api("GET", "/events", params={"region": "76", "limit": 5}, headers={"Origin": ELSEWHERE})
    assert listing.status_code == 200
    assert listing.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in listing.headers
    assert "Set-Cookie" not in listing.headers


def test_widget_files_are_shared_and_the_rest_of_the_site_is_not(api) -> None:
    for path in ("/widget/hromada-events.js", "/config.json"):
        shared = api("GET", path, headers={"Origin": ELSEWHERE})
        assert shared.status_code == 200, path
        assert shared.headers["Access-Control-Allow-Origin"] == "*", path
    script = api("GET", "/widget/hromada-events.js", headers={"Origin": ELSEWHERE})
    assert script.headers["Content-Type"].startswith(("text/javascript", "application/javascript"))
    page = api("GET", "/index.html", headers={"Origin": ELSEWHERE})
    assert page.status_code == 200
    assert "Access-Control-Allow-Origin" not in page.headers  # CloudFront's default behaviour has no CORS


def test_a_foreign_page_cannot_write_as_a_signed_in_visitor(api, new_association) -> None:
    # The attack: a page on another site makes the visitor's browser post an event to the association the
    # visitor manages. The browser has no ambient credential to attach, and the API reads no cookie.
    association, owner = new_association(verified=True)
    path = f"/associations/{association['id']}/events"
    token = owner.headers["Authorization"].removeprefix("Bearer ")
    for cookie in (f"id_token={token}", f"token={token}; Authorization=Bearer {token}"):
        forged = api("POST", path, json=event_body(), headers={"Origin": ELSEWHERE, "Cookie": cookie})
        assert forged.status_code == 401, forged.text
        assert "Access-Control-Allow-Credentials" not in forged.headers
    # A credentialed preflight is answered without Allow-Credentials, so browsers refuse to send cookies at all.
    preflight = api("OPTIONS", path, headers={"Origin": ELSEWHERE, "Access-Control-Request-Method": "POST",
                                              "Access-Control-Request-Headers": "content-type"})
    assert "Access-Control-Allow-Credentials" not in preflight.headers
    # Only the token itself, which no other origin can read, writes.
    assert api("POST", path, owner, json=event_body(), headers={"Origin": ELSEWHERE}).status_code == 201
