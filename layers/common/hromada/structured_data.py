"""schema.org JSON-LD for an event, an association and an announcement (Google's Event, Organization and
NewsArticle guidance; a fact-check's ClaimReview), and its safe embedding in a <script type="application/ld+json">
element.

web/js/structured-data.js builds the same shapes in the web client from the API's JSON; keep the two in step.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from hromada.models.announcement import Announcement
from hromada.models.association import Association
from hromada.models.claim import Claim
from hromada.models.event import Event, EventStatus, Seats
from hromada.models.localized import pick
from hromada.reference import times

CONTEXT = "https://schema.org"
# Escaped so no text can close the script element or open a comment in it ("</script>", "<!--").
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


def script_json(data: dict[str, Any] | list[dict[str, Any]]) -> str:
    """The JSON-LD as the text of a script element: valid JSON, nothing in it the HTML parser acts on."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE)


def _picture_url(picture: Any, fallback: str | None, web_url: str) -> str | None:
    if picture is not None:
        return f"{web_url}{picture.large.src}"
    return fallback if fallback and fallback.startswith("https://") else None


def association_page(web_url: str, slug: str) -> str:
    return f"{web_url}/#/associations/{quote(slug, safe='')}"


def organization_ref(name: str, slug: str, web_url: str) -> dict[str, Any]:
    """The organizer/author/publisher as the listings know it (name and page)."""
    return {"@type": "Organization", "name": name, "url": association_page(web_url, slug)}


def organization(association: Association, *, lang: str, web_url: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": CONTEXT, "@type": "Organization", "name": association.name,
        "url": association_page(web_url, association.slug),
        "description": pick(association.description.model_dump(exclude_none=True), lang),
        "address": {"@type": "PostalAddress", "addressLocality": association.city,
                    "postalCode": association.postal_code, "addressCountry": "FR"},
        "areaServed": _region(association.region, lang),
    }
    logo = _picture_url(association.picture, association.logo_url, web_url)
    if logo:
        data["logo"] = logo
    same_as = [url for url in (association.website, *association.social_links.values()) if url]
    if same_as:
        data["sameAs"] = same_as
    return data


def _region(code: str, lang: str) -> dict[str, Any]:
    """The French region by its name in the page's language, with its ISO 3166-2 code (INSEE codes are ours)."""
    from hromada.reference.geography import REGIONS

    region = REGIONS.get(code, {})
    names = region.get("names", {})
    return {"@type": "AdministrativeArea", "name": names.get(lang) or names.get("fr") or code,
            "identifier": region.get("iso", code)}


def _place(event: Event, lang: str) -> dict[str, Any]:
    venue = event.venue
    assert venue is not None
    place: dict[str, Any] = {
        "@type": "Place", "name": venue.name,
        "address": {"@type": "PostalAddress", "streetAddress": venue.address, "addressLocality": venue.city,
                    "postalCode": venue.postal_code, "addressRegion": _region(venue.region, lang)["name"],
                    "addressCountry": "FR"}}
    if venue.latitude is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": venue.latitude, "longitude": venue.longitude}
    return place


def event(item: Event, seats: Seats | None, *, lang: str, web_url: str) -> dict[str, Any]:
    page = f"{web_url}/#/events/{quote(item.id, safe='')}"
    locations = ([_place(item, lang)] if item.venue else []) + (
        [{"@type": "VirtualLocation", "url": item.online_url}] if item.online_url else [])
    mode = ("Mixed" if item.venue and item.online_url else "Online" if item.online_url else "Offline")
    status = "EventCancelled" if item.status == EventStatus.CANCELLED else "EventScheduled"
    full = seats is not None and not seats.has_room
    offer: dict[str, Any] = {
        "@type": "Offer", "url": item.ticket_url or page, "priceCurrency": "EUR",
        "price": "0" if item.is_free or not item.price_cents else f"{item.price_cents / 100:.2f}",
        "availability": f"{CONTEXT}/{'SoldOut' if full else 'InStock'}",
        "validFrom": item.created_at}
    from hromada.ical import html_to_text

    data: dict[str, Any] = {
        "@context": CONTEXT, "@type": "Event", "name": pick(item.title, lang) or item.id,
        "description": html_to_text(pick(item.description_html, lang)),
        "startDate": times.local(item.start, item.timezone), "endDate": times.local(item.end, item.timezone),
        "eventAttendanceMode": f"{CONTEXT}/{mode}EventAttendanceMode",
        "eventStatus": f"{CONTEXT}/{status}",
        "organizer": organization_ref(item.association_name, item.association_slug, web_url),
        "offers": offer, "url": page, "inLanguage": lang,
    }
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    image = _picture_url(item.picture, item.image_url, web_url)
    if image:
        data["image"] = [image]
    return data


def news_article(item: Announcement, *, lang: str, web_url: str) -> dict[str, Any]:
    author = organization_ref(item.association_name, item.association_slug, web_url)
    data: dict[str, Any] = {
        "@context": CONTEXT, "@type": "NewsArticle", "headline": (pick(item.title, lang) or item.id)[:110],
        "datePublished": item.created_at, "dateModified": item.updated_at,
        "author": [author], "publisher": author, "inLanguage": lang,
        "mainEntityOfPage": f"{web_url}/#/announcements/{quote(item.id, safe='')}",
    }
    image = _picture_url(item.picture, None, web_url)
    if image:
        data["image"] = [image]
    return data


# A verdict as a rating: 1 (false) to 5 (true), with its words (Google shows alternateName, not the number).
VERDICT_RATINGS = {"false": 1, "misleading": 2, "missing_context": 3, "true": 5}
VERDICT_WORDS = {
    "fr": {"false": "Faux", "misleading": "Trompeur", "missing_context": "Contexte manquant", "true": "Vrai"},
    "uk": {"false": "Неправда", "misleading": "Маніпуляція", "missing_context": "Бракує контексту", "true": "Правда"},
    "en": {"false": "False", "misleading": "Misleading", "missing_context": "Missing context", "true": "True"},
}


def claim_review(claim: Claim, fact_check: Announcement, *, lang: str, web_url: str) -> dict[str, Any]:
    """Google's ClaimReview: the claim reviewed, its rating in words, the claim with where it appeared, and the
    fact-check page by the association that wrote it."""
    verdict = claim.verdict.value
    reviewed: dict[str, Any] = {"@type": "Claim"}
    if claim.urls:
        reviewed["appearance"] = [{"@type": "CreativeWork", "url": u} for u in claim.urls]
        reviewed["firstAppearance"] = {"@type": "CreativeWork", "url": claim.urls[0]}
    if claim.first_seen_on:
        reviewed["datePublished"] = claim.first_seen_on
    return {
        "@context": CONTEXT, "@type": "ClaimReview",
        "url": f"{web_url}/#/announcements/{quote(fact_check.id, safe='')}",
        "claimReviewed": pick(claim.text, lang)[:500],
        "itemReviewed": reviewed,
        "author": organization_ref(fact_check.association_name, fact_check.association_slug, web_url),
        "reviewRating": {"@type": "Rating", "ratingValue": VERDICT_RATINGS[verdict], "bestRating": 5,
                         "worstRating": 1, "alternateName": VERDICT_WORDS.get(lang, VERDICT_WORDS["en"])[verdict]},
        "datePublished": fact_check.created_at, "inLanguage": lang,
    }
