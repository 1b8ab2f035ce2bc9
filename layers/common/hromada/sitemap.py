"""sitemap.xml (sitemaps.org 0.9), written with xml.etree.ElementTree: an index naming one sitemap per kind of
page, and each kind's sitemap one page of public items (one store Query); a further page is named by a
`Link: <…>; rel="next"` header (search engines read only the index's first pages: see README)."""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree import ElementTree as ET

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
CONTENT_TYPE = "application/xml; charset=utf-8"
KINDS = ("associations", "events", "announcements")
PAGE_SIZE = 200  # items per sitemap page: one Query

ET.register_namespace("", NS)


@dataclass(frozen=True)
class Url:
    loc: str
    lastmod: str | None = None


def _tree(root: ET.Element) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def index(sitemaps: list[str]) -> bytes:
    root = ET.Element(f"{{{NS}}}sitemapindex")
    for loc in sitemaps:
        ET.SubElement(ET.SubElement(root, f"{{{NS}}}sitemap"), f"{{{NS}}}loc").text = loc
    return _tree(root)


def urlset(urls: list[Url]) -> bytes:
    root = ET.Element(f"{{{NS}}}urlset")
    for url in urls:
        node = ET.SubElement(root, f"{{{NS}}}url")
        ET.SubElement(node, f"{{{NS}}}loc").text = url.loc
        if url.lastmod:
            ET.SubElement(node, f"{{{NS}}}lastmod").text = url.lastmod
    return _tree(root)
