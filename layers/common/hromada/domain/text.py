"""Text helpers: slugs and search normalisation."""

from __future__ import annotations

import re
import unicodedata

from slugify import slugify

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SPACES = re.compile(r"\s+")


def make_slug(name: str) -> str:
    """Latin slug from any script (Cyrillic names are transliterated)."""
    return slugify(name, max_length=60, word_boundary=True) or "association"


def fold(text: str) -> str:
    """Case- and accent-insensitive form used for free-text search (applied to data and query alike)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip()
