"""The signed links every mail carries: confirm, manage preferences, unsubscribe (RFC 8058 one-click)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from hromada.mail import tokens
from hromada.settings import get_settings


class SignedLinks:
    """`api_url_from` gives the API's base URL when none is configured (PUBLIC_API_URL empty): the subscriptions
    function reads it from the request, as the template cannot hand a function its own API's URL without a
    dependency cycle. URLs not given are read from the settings when first used (MissingSetting if unset)."""

    def __init__(self, api_url: str | None = None, web_url: str | None = None, key: bytes | None = None,
                 api_url_from: Callable[[], str] | None = None):
        self._api_url = (api_url or "").rstrip("/")
        self._api_url_from = api_url_from
        self._web_url = (web_url or "").rstrip("/")
        self.key = key

    @property
    def api_url(self) -> str:
        url = self._api_url or get_settings().public_api_url
        if not url and self._api_url_from is not None:
            return self._api_url_from().rstrip("/")
        return url

    @property
    def web_url(self) -> str:
        return self._web_url or get_settings().public_web_url

    def _link(self, path: str, subscription_id: str, purpose: str, generation: str | None) -> str:
        token = tokens.issue(subscription_id, purpose, key=self.key, generation=generation)
        return f"{self.api_url}/subscriptions/{path}?token={quote(token)}"

    # `generation`: the subscription's created_at, so the link dies with the subscription it was made for.
    def confirm(self, subscription_id: str, generation: str | None = None) -> str:
        return self._link("confirm", subscription_id, tokens.CONFIRM, generation)

    def manage(self, subscription_id: str, generation: str | None = None) -> str:
        return self._link("manage", subscription_id, tokens.MANAGE, generation)

    def unsubscribe(self, subscription_id: str, generation: str | None = None) -> str:
        return self._link("unsubscribe", subscription_id, tokens.MANAGE, generation)
