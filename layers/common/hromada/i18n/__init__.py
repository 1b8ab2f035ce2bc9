"""API messages in French, Ukrainian and English, chosen from Accept-Language."""

from __future__ import annotations

from typing import Any

from hromada.i18n.messages import MESSAGES

LANGUAGES = ("fr", "uk", "en")
DEFAULT_LANGUAGE = "fr"


def negotiate(accept_language: str | None) -> str:
    """Pick fr/uk/en from an Accept-Language header, honouring q-values; French by default."""
    if not accept_language:
        return DEFAULT_LANGUAGE
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((-quality, index, tag.strip().lower().split("-")[0]))
    for negative_quality, _, lang in sorted(ranked):
        if negative_quality < 0 and lang in LANGUAGES:
            return lang
    return DEFAULT_LANGUAGE


def message(code: str, lang: str, **params: Any) -> str:
    texts = MESSAGES.get(code) or MESSAGES["bad_request"]
    text = texts.get(lang) or texts["en"]
    try:
        return text.format(**params)
    except (KeyError, IndexError):
        return text
