"""Territories of a twinning: consistency of French places, and which regions and oblasts are neighbours."""

from __future__ import annotations

from hromada.errors import Invalid
from hromada.models.twinning import FrenchTerritory
from hromada.reference import geography

# Mainland regions sharing a land border (INSEE codes). Corsica and the overseas regions have none.
FRENCH_REGION_BORDERS: dict[str, frozenset[str]] = {
    "11": frozenset({"24", "27", "28", "32", "44"}),
    "24": frozenset({"11", "27", "28", "52", "75", "84"}),
    "27": frozenset({"11", "24", "44", "84"}),
    "28": frozenset({"11", "24", "32", "52", "53"}),
    "32": frozenset({"11", "28", "44"}),
    "44": frozenset({"11", "27", "32"}),
    "52": frozenset({"24", "28", "53", "75"}),
    "53": frozenset({"28", "52"}),
    "75": frozenset({"24", "52", "76", "84"}),
    "76": frozenset({"75", "84", "93"}),
    "84": frozenset({"24", "27", "75", "76", "93"}),
    "93": frozenset({"76", "84"}),
}

# Oblasts (and the cities with oblast status) sharing a border (ISO 3166-2 codes).
OBLAST_BORDERS: dict[str, frozenset[str]] = {
    "UA-05": frozenset({"UA-18", "UA-32", "UA-71", "UA-35", "UA-51", "UA-68", "UA-77"}),
    "UA-07": frozenset({"UA-46", "UA-56"}),
    "UA-09": frozenset({"UA-14", "UA-63"}),
    "UA-12": frozenset({"UA-63", "UA-53", "UA-35", "UA-48", "UA-65", "UA-23", "UA-14"}),
    "UA-14": frozenset({"UA-09", "UA-63", "UA-12", "UA-23"}),
    "UA-18": frozenset({"UA-56", "UA-68", "UA-05", "UA-32"}),
    "UA-21": frozenset({"UA-46", "UA-26"}),
    "UA-23": frozenset({"UA-12", "UA-14", "UA-65"}),
    "UA-26": frozenset({"UA-46", "UA-21", "UA-77", "UA-61"}),
    "UA-30": frozenset({"UA-32"}),
    "UA-32": frozenset({"UA-30", "UA-18", "UA-05", "UA-71", "UA-53", "UA-74"}),
    "UA-35": frozenset({"UA-05", "UA-71", "UA-53", "UA-12", "UA-48", "UA-51"}),
    "UA-40": frozenset({"UA-43"}),
    "UA-43": frozenset({"UA-40", "UA-65"}),
    "UA-46": frozenset({"UA-07", "UA-56", "UA-61", "UA-26", "UA-21"}),
    "UA-48": frozenset({"UA-51", "UA-35", "UA-12", "UA-65"}),
    "UA-51": frozenset({"UA-05", "UA-35", "UA-48"}),
    "UA-53": frozenset({"UA-32", "UA-74", "UA-59", "UA-63", "UA-12", "UA-35", "UA-71"}),
    "UA-56": frozenset({"UA-07", "UA-46", "UA-61", "UA-68", "UA-18"}),
    "UA-59": frozenset({"UA-74", "UA-53", "UA-63"}),
    "UA-61": frozenset({"UA-46", "UA-56", "UA-68", "UA-77", "UA-26"}),
    "UA-63": frozenset({"UA-59", "UA-53", "UA-12", "UA-14", "UA-09"}),
    "UA-65": frozenset({"UA-48", "UA-12", "UA-23", "UA-43"}),
    "UA-68": frozenset({"UA-56", "UA-18", "UA-05", "UA-77", "UA-61"}),
    "UA-71": frozenset({"UA-32", "UA-53", "UA-35", "UA-05"}),
    "UA-74": frozenset({"UA-32", "UA-53", "UA-59"}),
    "UA-77": frozenset({"UA-26", "UA-61", "UA-68", "UA-05"}),
}


def neighbouring_regions(region: str) -> frozenset[str]:
    return FRENCH_REGION_BORDERS.get(region, frozenset())


def neighbouring_oblasts(oblast: str) -> frozenset[str]:
    return OBLAST_BORDERS.get(oblast, frozenset())


def check_french(territory: FrenchTerritory, field: str) -> None:
    """Cross-field rules the schema cannot express: the department is in the region, the commune in both."""
    if territory.department and geography.region_of_department(territory.department) != territory.region:
        raise Invalid(f"{field}.department",
                      f"department {territory.department} is not in region {territory.region}")
    if territory.commune and not territory.department:
        raise Invalid(f"{field}.department", "a commune needs its department")
    if territory.postal_code:
        if not territory.commune:
            raise Invalid(f"{field}.postal_code", "a postal code needs its commune")
        if territory.department not in geography.department_of_postal_code(territory.postal_code):
            raise Invalid(f"{field}.postal_code",
                          f"postal code {territory.postal_code} is not in department {territory.department}")
