"""sitemap.xml (sitemaps.org 0.9), written with xml.etree.ElementTree: an index naming every sitemap file with its
lastmod, and each file's urlset (which items, and how a kind is cut into files: hromada.domain.sitemaps)."""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree import ElementTree as ET

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
CONTENT_TYPE = "application/xml; charset=utf-8"

ET.register_namespace("", NS)


@dataclass(frozen=True)
class Url:
    loc: str
    lastmod: str | None = None


def _tree(root: ET.Element) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def index(sitemaps: list[Url]) -> bytes:
    root = ET.Element(f"{{{NS}}}sitemapindex")
    for sitemap in sitemaps:
        _located(ET.SubElement(root, f"{{{NS}}}sitemap"), sitemap)
    return _tree(root)


def _located(node: ET.Element, url: Url) -> None:
    ET.SubElement(node, f"{{{NS}}}loc").text = url.loc
    if url.lastmod:
        ET.SubElement(node, f"{{{NS}}}lastmod").text = url.lastmod


def urlset(urls: list[Url]) -> bytes:
    root = ET.Element(f"{{{NS}}}urlset")
    for url in urls:
        _located(ET.SubElement(root, f"{{{NS}}}url"), url)
    return _tree(root)
