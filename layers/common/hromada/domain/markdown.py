"""Markdown to safe HTML: rendered by markdown-it (raw HTML off), then cleaned by nh3 against an allow-list.

Both steps run when text is written, never when it is read, so read paths import neither library.
"""

from __future__ import annotations

from functools import cache
from typing import Any

ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "strong", "em", "s", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h2", "h3", "h4", "h5", "h6",
})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener noreferrer nofollow ugc"


@cache
def _renderer() -> Any:
    from markdown_it import MarkdownIt

    # commonmark with raw HTML disabled: "<script>" in the source becomes the text "&lt;script&gt;".
    return MarkdownIt("commonmark", {"html": False}).enable("strikethrough")


def _clean(html: str) -> str:
    import nh3

    return nh3.clean(html, tags=set(ALLOWED_TAGS), attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
                     url_schemes=set(URL_SCHEMES), link_rel=LINK_REL, strip_comments=True)


def to_html(source: str) -> str:
    """Sanitised HTML for one Markdown text (headings start at h2: the page owns h1)."""
    html = _renderer().render(source)
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return _clean(html).strip()


def to_html_by_language(sources: dict[str, str]) -> dict[str, str]:
    return {lang: to_html(text) for lang, text in sources.items()}
