"""French regions/departments and Ukrainian oblasts: lookups and consistency rules."""

from __future__ import annotations

from hromada.reference.geography_data import GEOGRAPHY

REGIONS: dict[str, dict] = GEOGRAPHY["regions"]
DEPARTMENTS: dict[str, dict] = GEOGRAPHY["departments"]
OBLASTS: dict[str, dict] = GEOGRAPHY["oblasts"]


def is_region(code: str) -> bool:
    return code in REGIONS


def region_of_department(department: str) -> str | None:
    entry = DEPARTMENTS.get(department)
    return entry["region"] if entry else None


def department_of_postal_code(postal_code: str) -> set[str]:
    """The department(s) a French postal code may belong to (Corsica's 20xxx spans 2A and 2B)."""
    if postal_code.startswith("97"):
        return {postal_code[:3]}
    if postal_code.startswith("20"):
        return {"2A", "2B"}
    return {postal_code[:2]}


def catalogue() -> dict:
    """The public reference document served by GET /regions."""
    return {
        "france": {
            "regions": [
                {
                    "code": code,
                    "iso": region["iso"],
                    "names": region["names"],
                    "departments": [
                        {"code": dept, "iso": entry["iso"], "names": entry["names"]}
                        for dept, entry in sorted(DEPARTMENTS.items())
                        if entry["region"] == code
                    ],
                }
                for code, region in sorted(REGIONS.items())
            ]
        },
        "ukraine": {
            "oblasts": [
                {"code": code, "type": entry["type"], "names": entry["names"]}
                for code, entry in sorted(OBLASTS.items())
            ]
        },
    }
