"""The vendored map of the regions (scripts/vendor_web.py): the package's region ids map to the project's INSEE
codes, the outlines survive simplification, and the file is small enough for the first page."""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hromada.reference import geography

ROOT = Path(__file__).resolve().parents[2]
SVG = ROOT / "node_modules" / "@svg-maps" / "france.regions" / "france.regions.svg"
OUTLINES = ROOT / "web" / "vendor" / "france-regions.js"
OVERSEAS = {"01", "02", "03", "04", "06"}


def vendor():
    import importlib.util

    spec = importlib.util.spec_from_file_location("vendor_web", ROOT / "scripts" / "vendor_web.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_packages_ids_name_the_same_regions_as_the_reference_data():
    ids = vendor().REGION_IDS
    assert set(ids.values()) == set(geography.REGIONS) - OVERSEAS  # the 13 metropolitan regions, each once
    if not SVG.exists():
        pytest.skip("node_modules not installed (make vendor)")
    names = {p.get("id"): p.get("aria-label") for p in ET.parse(SVG).getroot().iter("{http://www.w3.org/2000/svg}path")}  # noqa: S314
    assert set(names) == set(ids)
    for package_id, name in names.items():
        assert geography.REGIONS[ids[package_id]]["names"]["fr"].replace("’", "'") == name.replace("’", "'")


def test_paths_are_parsed_and_simplified_without_losing_the_shape():
    module = vendor()
    square = "M0,0l10,0l0,0.1l0,9.9l-10,0z M20,20L30,20L30,30z"
    rings = module.rings(square)
    assert rings == [[(0, 0), (10, 0), (10, 0.1), (10, 10), (0, 10)], [(20, 20), (30, 20), (30, 30)]]
    assert module.simplify(rings[0], 0.35) == [(0, 0), (10, 0), (10, 10), (0, 10)]  # the kink of 0.1 goes
    area, cx, cy = module.area_centroid([(0, 0), (10, 0), (10, 10), (0, 10)])
    assert (area, round(cx, 6), round(cy, 6)) == (100, 5, 5)
    assert module.path_data([[(0, 0), (10.04, 0), (10, 10)]]) == "M0 0l10 0 0 10z"


def test_the_vendored_outlines_are_the_13_regions_and_stay_small():
    if not OUTLINES.exists():
        pytest.skip("web/vendor not built (make vendor)")
    text = OUTLINES.read_text()
    regions = json.loads(re.search(r"export const REGIONS = (\[.*\]);", text).group(1))
    assert {r["code"] for r in regions} == set(geography.REGIONS) - OVERSEAS
    assert all(len(re.findall(r"-?[\d.]+[ -]-?[\d.]+", r["d"])) > 40 for r in regions)  # outlines, not boxes
    assert len(gzip.compress(text.encode(), 6)) < 12 * 1024
