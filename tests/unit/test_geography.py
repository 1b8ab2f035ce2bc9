from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from hromada.reference import geography

ROOT = Path(__file__).resolve().parents[2]


def test_generated_table_matches_pycountry():
    spec = importlib.util.spec_from_file_location("gen_geography", ROOT / "scripts/gen_geography.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    assert generator.render(generator.build()) == generator.TARGET.read_text(encoding="utf-8"), (
        "geography_data.py is stale: run scripts/gen_geography.py")


def test_every_department_belongs_to_a_known_region():
    assert len(geography.REGIONS) == 18
    assert len(geography.DEPARTMENTS) == 101
    assert {d["region"] for d in geography.DEPARTMENTS.values()} == set(geography.REGIONS)


def test_well_known_departments():
    assert geography.region_of_department("31") == "76"
    assert geography.region_of_department("75") == "11"
    assert geography.region_of_department("67") == "44"
    assert geography.region_of_department("2A") == "94"
    assert geography.region_of_department("976") == "06"
    assert geography.region_of_department("20") is None


def test_names_in_three_languages():
    for entry in [*geography.REGIONS.values(), *geography.DEPARTMENTS.values(), *geography.OBLASTS.values()]:
        assert set(entry["names"]) == {"fr", "uk", "en"} and all(entry["names"].values())
    assert geography.OBLASTS["UA-46"]["names"]["uk"] == "Львівська область"


def test_catalogue_shape():
    catalogue = geography.catalogue()
    assert [r["code"] for r in catalogue["france"]["regions"]] == sorted(geography.REGIONS)
    assert len(catalogue["ukraine"]["oblasts"]) == 27


def test_region_names_are_fully_english_in_english():
    english = {code: r["names"]["en"] for code, r in geography.REGIONS.items()}
    assert (english["28"], english["53"], english["94"], english["03"]) == (
        "Normandy", "Brittany", "Corsica", "French Guiana")  # beside "Occitania": no "Normandie"
    assert english["75"] == "Nouvelle-Aquitaine"  # not the made-up "New Aquitania"
    assert english["76"] == "Occitania"


def test_one_spelling_per_region():
    """A region written the same way in French and English unless English has its own name: never two spellings
    that differ by a hyphen or an apostrophe ("Grand Est"/"Grand-Est", "Côte d'Azur"/"Côte d’Azur")."""
    def skeleton(name: str) -> str:
        return re.sub(r"[-\s'’]", "", name).lower()

    for code, region in geography.REGIONS.items():
        names = region["names"]
        if skeleton(names["fr"]) == skeleton(names["en"]):
            assert names["fr"] == names["en"], code
    assert geography.REGIONS["44"]["names"] == {"fr": "Grand Est", "en": "Grand Est", "uk": "Гранд-Ест"}
    assert geography.DEPARTMENTS["04"]["names"]["uk"] != geography.DEPARTMENTS["05"]["names"]["uk"]


def test_oblast_names_read_naturally_in_each_language():
    from hromada.reference.geography import OBLASTS

    assert OBLASTS["UA-46"]["names"] == {"fr": "Oblast de Lviv", "uk": "Львівська область", "en": "Lviv Oblast"}
    assert OBLASTS["UA-51"]["names"]["fr"] == "Oblast d’Odessa"
    assert OBLASTS["UA-43"]["names"]["en"] == "Autonomous Republic of Crimea"
    assert not any("ska oblast" in n for o in OBLASTS.values() for n in o["names"].values())
