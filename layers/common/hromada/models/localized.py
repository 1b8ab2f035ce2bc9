"""Texts given in French, Ukrainian and/or English, sized for what they hold."""

from __future__ import annotations

from hromada.models.association import LocalizedText
from hromada.models.common import single_line, text

Title = single_line(1, 150)
Markdown = text(1, 10_000)


class LocalizedTitle(LocalizedText):
    """Plain text, at least one language."""

    fr: Title = None  # type: ignore[assignment]
    uk: Title = None  # type: ignore[assignment]
    en: Title = None  # type: ignore[assignment]


class LocalizedMarkdown(LocalizedText):
    """Markdown source, at least one language; the API also shows it as sanitised HTML."""

    fr: Markdown = None  # type: ignore[assignment]
    uk: Markdown = None  # type: ignore[assignment]
    en: Markdown = None  # type: ignore[assignment]


def pick(texts: dict[str, str], lang: str) -> str:
    """The text in the wanted language, else French, Ukrainian, English: whatever exists."""
    for candidate in (lang, "fr", "uk", "en"):
        if texts.get(candidate):
            return texts[candidate]
    return next(iter(texts.values()), "")
