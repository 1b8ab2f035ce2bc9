"""Generate hromada/reference/geography_data.py from pycountry's ISO 3166-2 data and translations.

The runtime ships the generated table, not pycountry (faster cold starts, no 1 MB JSON parse);
tests/unit/test_geography.py fails when the generated file drifts from pycountry.
Usage: .venv/bin/python scripts/gen_geography.py
"""

from __future__ import annotations

import gettext
import pprint
from pathlib import Path

import pycountry

TARGET = Path(__file__).resolve().parents[1] / "layers/common/hromada/reference/geography_data.py"

# INSEE region code -> ISO 3166-2 code. The only mapping pycountry cannot give us.
INSEE_REGIONS = {
    "01": "FR-971", "02": "FR-972", "03": "FR-973", "04": "FR-974", "06": "FR-976",
    "11": "FR-IDF", "24": "FR-CVL", "27": "FR-BFC", "28": "FR-NOR", "32": "FR-HDF",
    "44": "FR-GES", "52": "FR-PDL", "53": "FR-BRE", "75": "FR-NAQ", "76": "FR-OCC",
    "84": "FR-ARA", "93": "FR-PAC", "94": "FR-20R",
}
# Collectivities that stand between a department and its region in ISO 3166-2.
PARENT_ALIASES = {"FR-6AE": "FR-GES"}
DEPARTMENT_TYPES = {"Metropolitan department", "Overseas departmental collectivity",
                    "Overseas unique territorial collectivity"}
OVERSEAS_DEPARTMENTS = {"FR-971", "FR-972", "FR-973", "FR-974", "FR-976"}
# Where pycountry's catalogs fall short: English names half in French ("Normandie" beside "Occitania") or made up
# ("New Aquitania"), two spellings of one region ("Grand Est"/"Grand-Est"), a Ukrainian name without its hyphen.
# The rule: the English exonym where English has one (Normandy, Brittany, Corsica, Occitania, French Guiana),
# else the region's official French name, spelled the same in every Latin-script language.
REGION_NAMES = {
    "03": {"fr": "Guyane", "en": "French Guiana"},
    "04": {"en": "Réunion"},
    "28": {"en": "Normandy"},
    "44": {"fr": "Grand Est", "en": "Grand Est", "uk": "Гранд-Ест"},
    "52": {"en": "Pays de la Loire"},
    "53": {"en": "Brittany"},
    "75": {"en": "Nouvelle-Aquitaine"},
    "93": {"fr": "Provence-Alpes-Côte d’Azur", "en": "Provence-Alpes-Côte d’Azur"},
    "94": {"en": "Corsica"},
}
# pycountry gives the oblasts' French and English names as romanised Ukrainian adjectives ("Lvivska oblast"):
# French and English say "oblast de Lviv" and "Lviv Oblast", after the city (or land) in their own spelling.
OBLAST_STEMS = {  # code -> (French, English)
    "UA-05": ("Vinnytsia", "Vinnytsia"), "UA-07": ("Volhynie", "Volyn"), "UA-09": ("Louhansk", "Luhansk"),
    "UA-12": ("Dnipropetrovsk", "Dnipropetrovsk"), "UA-14": ("Donetsk", "Donetsk"),
    "UA-18": ("Jytomyr", "Zhytomyr"), "UA-21": ("Transcarpatie", "Zakarpattia"),
    "UA-23": ("Zaporijjia", "Zaporizhzhia"), "UA-26": ("Ivano-Frankivsk", "Ivano-Frankivsk"),
    "UA-32": ("Kyiv", "Kyiv"), "UA-35": ("Kirovohrad", "Kirovohrad"), "UA-46": ("Lviv", "Lviv"),
    "UA-48": ("Mykolaïv", "Mykolaiv"), "UA-51": ("Odessa", "Odesa"), "UA-53": ("Poltava", "Poltava"),
    "UA-56": ("Rivne", "Rivne"), "UA-59": ("Soumy", "Sumy"), "UA-61": ("Ternopil", "Ternopil"),
    "UA-63": ("Kharkiv", "Kharkiv"), "UA-65": ("Kherson", "Kherson"), "UA-68": ("Khmelnytsky", "Khmelnytskyi"),
    "UA-71": ("Tcherkassy", "Cherkasy"), "UA-74": ("Tchernihiv", "Chernihiv"), "UA-77": ("Tchernivtsi", "Chernivtsi"),
}
OBLAST_NAMES = {
    code: {"fr": f"Oblast d’{fr}" if fr[0] in "AEIOUY" else f"Oblast de {fr}", "en": f"{en} Oblast"}
    for code, (fr, en) in OBLAST_STEMS.items()
} | {
    "UA-30": {"fr": "Kyiv", "en": "Kyiv"},
    "UA-40": {"fr": "Sébastopol", "en": "Sevastopol"},
    "UA-43": {"fr": "République autonome de Crimée", "en": "Autonomous Republic of Crimea"},
}
# Two departments shared one Ukrainian name ("Верхні Альпи").
DEPARTMENT_NAMES = {"04": {"uk": "Альпи Верхнього Провансу"}}


def _translators() -> dict[str, gettext.NullTranslations]:
    return {lang: gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang], fallback=True)
            for lang in ("fr", "uk", "en")}


def _names(name: str, tr: dict[str, gettext.NullTranslations]) -> dict[str, str]:
    return {lang: tr[lang].gettext(name) for lang in ("fr", "uk", "en")}


def build() -> dict:
    tr = _translators()
    french = {s.code: s for s in pycountry.subdivisions.get(country_code="FR")}
    iso_to_insee = {iso: insee for insee, iso in INSEE_REGIONS.items()}
    regions = {insee: {"iso": iso, "names": _names(french[iso].name, tr) | REGION_NAMES.get(insee, {})}
               for insee, iso in INSEE_REGIONS.items()}
    departments = {}
    for code, sub in sorted(french.items()):
        is_paris = code == "FR-75C"
        if not (sub.type in DEPARTMENT_TYPES or is_paris):
            continue
        region_iso = code if code in OVERSEAS_DEPARTMENTS else PARENT_ALIASES.get(sub.parent_code, sub.parent_code)
        if region_iso not in iso_to_insee:
            continue
        dept = "75" if is_paris else code.removeprefix("FR-")
        departments[dept] = {"iso": "FR-75" if is_paris else code, "region": iso_to_insee[region_iso],
                             "names": _names(sub.name, tr) | DEPARTMENT_NAMES.get(dept, {})}
    oblasts = {s.code: {"names": _names(s.name, tr) | OBLAST_NAMES.get(s.code, {}), "type": s.type.lower()}
               for s in sorted(pycountry.subdivisions.get(country_code="UA"), key=lambda s: s.code)}
    return {"regions": regions, "departments": departments, "oblasts": oblasts}


def render(data: dict) -> str:
    body = pprint.pformat(data, width=110, sort_dicts=True)
    return (
        '"""French regions (INSEE codes), departments and Ukrainian oblasts with fr/uk/en names.\n\n'
        "Generated by scripts/gen_geography.py from pycountry; do not edit by hand.\n"
        '"""\n\n'
        f"GEOGRAPHY = {body}\n"
    )


if __name__ == "__main__":
    data = build()
    TARGET.write_text(render(data), encoding="utf-8")
    print(f"{TARGET}: {len(data['regions'])} regions, {len(data['departments'])} departments, "
          f"{len(data['oblasts'])} oblasts")
