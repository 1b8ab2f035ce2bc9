"""A small checker of schema.org JSON-LD shapes, after Google's structured-data guidance for Event, Organization,
Article/NewsArticle and ClaimReview: the properties each type must have, those it should have, and the values some
must take.
It answers the list of problems (empty: the shape is right), so a test can also show it refusing a broken one."""

from __future__ import annotations

import re
from typing import Any

SCHEMA = "https://schema.org/"
ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
REQUIRED = {
    "Event": ("name", "startDate", "location"),
    "Organization": ("name", "url"),
    "NewsArticle": ("headline", "datePublished", "author"),
    "Place": ("address",),
    "VirtualLocation": ("url",),
    "PostalAddress": ("addressLocality", "addressCountry"),
    "Offer": ("price", "priceCurrency", "availability", "url"),
    # Google's fact-check guidance: ClaimReview needs claimReviewed, reviewRating (with alternateName) and url.
    "ClaimReview": ("claimReviewed", "reviewRating", "url"),
    "Rating": ("alternateName",),
    "CreativeWork": ("url",),
}
EXPECTED = {  # recommended: a page without them shows poorer results
    "Event": ("description", "endDate", "eventAttendanceMode", "eventStatus", "organizer", "offers"),
    "Organization": ("logo", "address", "sameAs", "description"),
    "NewsArticle": ("dateModified", "publisher", "inLanguage"),
    "ClaimReview": ("author", "itemReviewed", "datePublished"),
}
TYPES = {  # nested properties that must be of a given type
    ("ClaimReview", "reviewRating"): "Rating", ("ClaimReview", "itemReviewed"): "Claim",
    ("ClaimReview", "author"): "Organization", ("Claim", "firstAppearance"): "CreativeWork",
    ("Claim", "appearance"): "CreativeWork",
}
ENUMS = {
    "eventStatus": {f"{SCHEMA}{s}" for s in ("EventScheduled", "EventCancelled", "EventRescheduled",
                                             "EventMovedOnline", "EventPostponed")},
    "eventAttendanceMode": {f"{SCHEMA}{m}EventAttendanceMode" for m in ("Offline", "Online", "Mixed")},
    "availability": {f"{SCHEMA}{a}" for a in ("InStock", "SoldOut", "PreOrder", "LimitedAvailability")},
}
DATES = ("startDate", "endDate", "datePublished", "dateModified")


def problems(data: Any, path: str = "$") -> list[str]:
    found: list[str] = []
    if isinstance(data, list):
        for i, item in enumerate(data):
            found += problems(item, f"{path}[{i}]")
        return found
    if not isinstance(data, dict):
        return found
    kind = data.get("@type")
    if path == "$" and data.get("@context") not in ("https://schema.org", "https://schema.org/"):
        found.append("$: @context is not https://schema.org")
    for name in REQUIRED.get(kind, ()):
        if data.get(name) in (None, "", []):
            found.append(f"{path}: {kind} lacks required {name}")
    for name in EXPECTED.get(kind, ()) if path == "$" else ():  # a nested organizer needs only its name and url
        if data.get(name) in (None, "", []):
            found.append(f"{path}: {kind} lacks expected {name}")
    for name, allowed in ENUMS.items():
        if name in data and data[name] not in allowed:
            found.append(f"{path}.{name}: {data[name]!r} is not one of schema.org's values")
    for name in DATES:
        if kind == "Claim" and name in data and ISO_DATE.match(str(data[name])):
            continue  # when a claim was first seen: a day is what is known (Google takes a Date there)
        if name in data and not ISO_WITH_OFFSET.match(str(data[name])):
            found.append(f"{path}.{name}: {data[name]!r} is not an ISO 8601 date-time with an offset")
    for (owner, name), wanted in TYPES.items():
        values = data.get(name) if isinstance(data.get(name), list) else [data.get(name)]
        if kind == owner and name in data and any(not isinstance(v, dict) or v.get("@type") != wanted
                                                  for v in values):
            found.append(f"{path}.{name}: not a {wanted}")
    if kind == "Rating":
        numbers = [data.get(n) for n in ("ratingValue", "bestRating", "worstRating")]
        if not all(isinstance(n, int) for n in numbers) or not numbers[2] <= numbers[0] <= numbers[1]:
            found.append(f"{path}: ratingValue must be a whole number between worstRating and bestRating")
    if kind == "ClaimReview" and len(str(data.get("claimReviewed", ""))) > 500:
        found.append(f"{path}.claimReviewed: longer than 500 characters")
    if kind == "Event":
        for place in data.get("location") if isinstance(data.get("location"), list) else [data.get("location")]:
            if isinstance(place, dict) and place.get("@type") not in ("Place", "VirtualLocation"):
                found.append(f"{path}.location: a {place.get('@type')!r}, not a Place or VirtualLocation")
    for name, value in data.items():
        if isinstance(value, dict | list) and name != "@context":
            found += problems(value, f"{path}.{name}")
    return found
