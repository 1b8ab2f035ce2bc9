"""Vendor the web client's third-party assets into web/vendor/ (run by `make vendor`, hence `make run` and `make test`).

The packages are pinned in package.json and package-lock.json and installed with `npm ci` (node_modules/ is never
committed; neither is web/vendor/). From them:

- web/vendor/france-regions.js: the outlines of the 13 metropolitan regions from `@svg-maps/france.regions`
  (CC BY-NC 4.0, see NOTICE.md), keyed by INSEE region code, simplified (Ramer-Douglas-Peucker, 0.5 units of a
  598-unit-wide map) and rounded to whole units, each with the point where its label goes;
- web/vendor/leaflet/: Leaflet's minified build, stylesheet and marker images (BSD-2-Clause), loaded only by the
  event page when a tile server is configured;
- web/vendor/LICENSES/: the packages' licence texts, served with them.

Nothing is done when web/vendor/.stamp matches the lock file and this script (so `make run` stays instant).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULES = ROOT / "node_modules"
VENDOR = ROOT / "web" / "vendor"
STAMP = VENDOR / ".stamp"

# The package's region ids -> INSEE region codes (hromada.reference: FR-xxx ISO 3166-2 <-> INSEE).
REGION_IDS = {
    "ara": "84",  # Auvergne-Rhône-Alpes (FR-ARA)
    "bfc": "27",  # Bourgogne-Franche-Comté (FR-BFC)
    "bre": "53",  # Bretagne (FR-BRE)
    "cvl": "24",  # Centre-Val de Loire (FR-CVL)
    "cor": "94",  # Corse (FR-20R)
    "ges": "44",  # Grand Est (FR-GES)
    "hdf": "32",  # Hauts-de-France (FR-HDF)
    "idf": "11",  # Île-de-France (FR-IDF)
    "nor": "28",  # Normandie (FR-NOR)
    "naq": "75",  # Nouvelle-Aquitaine (FR-NAQ)
    "occ": "76",  # Occitanie (FR-OCC)
    "pdl": "52",  # Pays de la Loire (FR-PDL)
    "pac": "93",  # Provence-Alpes-Côte d'Azur (FR-PAC)
}
TOLERANCE = 0.5
DECIMALS = 0  # one unit is about one pixel on a phone's map: whole units are enough
SVG = "{http://www.w3.org/2000/svg}"


def stamp() -> str:
    digest = hashlib.sha256((ROOT / "package-lock.json").read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def npm_ci() -> None:
    npm = shutil.which("npm")
    if not npm:
        sys.exit("npm is needed to vendor the web client's packages (`apt-get install -y npm`, or `make vendor`)")
    subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT,
                   check=True)


# ------------------------------------------------------------------ the regions' outlines
def rings(d: str) -> list[list[tuple[float, float]]]:
    """The closed rings of an SVG path made of M/m, L/l, H/h, V/v and Z/z (what the package uses)."""
    tokens = re.findall(r"[MmLlHhVvZz]|-?\d*\.?\d+(?:e-?\d+)?", d)
    out: list[list[tuple[float, float]]] = []
    ring: list[tuple[float, float]] = []
    x = y = 0.0
    command = ""
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.isalpha():
            command = token
            i += 1
            if command in "Zz":
                if ring:
                    out.append(ring)
                    x, y = ring[0]
                ring = []
            continue
        if command in "Hh":
            x = float(token) + (x if command == "h" else 0)
            i += 1
        elif command in "Vv":
            y = float(token) + (y if command == "v" else 0)
            i += 1
        else:
            dx, dy = float(tokens[i]), float(tokens[i + 1])
            i += 2
            relative = command in "ml"
            x, y = (x + dx, y + dy) if relative else (dx, dy)
            if command in "Mm":
                if ring:
                    out.append(ring)
                ring = []
                command = "l" if command == "m" else "L"
        ring.append((x, y))
    if ring:
        out.append(ring)
    return out


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Ramer-Douglas-Peucker, iterative."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        worst, index = 0.0, -1
        for k in range(first + 1, last):
            px, py = points[k]
            distance = (abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length if length
                        else math.hypot(px - ax, py - ay))
            if distance > worst:
                worst, index = distance, k
        if worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def area_centroid(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    a /= 2
    if not a:
        return 0.0, ring[0][0], ring[0][1]
    return abs(a), cx / (6 * a), cy / (6 * a)


def path_data(parts: list[list[tuple[float, float]]]) -> str:
    """Absolute first point, then relative moves at DECIMALS (rounding carried, so no drift)."""
    out = []
    for ring in parts:
        px, py = round(ring[0][0], DECIMALS), round(ring[0][1], DECIMALS)
        steps = [f"M{px:g} {py:g}l"]
        for x, y in ring[1:]:
            rx, ry = round(x, DECIMALS), round(y, DECIMALS)
            dx, dy = round(rx - px, DECIMALS), round(ry - py, DECIMALS)
            if dx or dy:
                steps.append(f"{dx:g} {dy:g} ")
            px, py = rx, ry
        out.append("".join(steps).rstrip().replace(" -", "-") + "z")
    return "".join(out)


def regions_module(svg_file: Path) -> str:
    root = ET.parse(svg_file).getroot()  # noqa: S314 - the pinned package (integrity-checked by npm ci)
    view_box = root.get("viewBox")
    regions = []
    for node in root.iter(f"{SVG}path"):
        code = REGION_IDS[node.get("id")]
        parts = [simplify(ring, TOLERANCE) for ring in rings(node.get("d"))]
        parts = [ring for ring in parts if len(ring) >= 3 and area_centroid(ring)[0] > 1.0]
        _, lx, ly = max(area_centroid(ring) for ring in parts)
        regions.append({"code": code, "d": path_data(parts), "label": [round(lx), round(ly)]})
    missing = set(REGION_IDS.values()) - {r["code"] for r in regions}
    if missing:
        sys.exit(f"regions missing from {svg_file}: {sorted(missing)}")
    regions.sort(key=lambda r: r["code"])
    return ("// Generated by scripts/vendor_web.py from @svg-maps/france.regions (CC BY-NC 4.0, see NOTICE.md):\n"
            "// the 13 metropolitan regions by INSEE code, outlines simplified. Do not edit.\n"
            f"export const VIEW_BOX = {json.dumps(view_box)};\n"
            f"export const REGIONS = {json.dumps(regions, ensure_ascii=False, separators=(',', ':'))};\n")


# ------------------------------------------------------------------ the whole vendor folder
def build() -> None:
    regions_pkg = MODULES / "@svg-maps" / "france.regions"
    leaflet = MODULES / "leaflet"
    staging = VENDOR.with_name("vendor.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "leaflet" / "images").mkdir(parents=True)
    (staging / "LICENSES").mkdir()
    (staging / "france-regions.js").write_text(regions_module(regions_pkg / "france.regions.svg"))
    for name in ("leaflet.js", "leaflet.css"):
        shutil.copy2(leaflet / "dist" / name, staging / "leaflet" / name)
    for image in (leaflet / "dist" / "images").glob("*.png"):
        shutil.copy2(image, staging / "leaflet" / "images" / image.name)
    shutil.copy2(regions_pkg / "LICENSE.md", staging / "LICENSES" / "svg-maps-france.regions.md")
    shutil.copy2(leaflet / "LICENSE", staging / "LICENSES" / "leaflet.txt")
    (staging / ".stamp").write_text(stamp() + "\n")
    shutil.rmtree(VENDOR, ignore_errors=True)
    staging.rename(VENDOR)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="rebuild even when up to date")
    args = parser.parse_args()
    if not args.force and STAMP.exists() and STAMP.read_text().strip() == stamp():
        return
    npm_ci()
    build()
    print(f"web/vendor/ built from package-lock.json ({sum(f.stat().st_size for f in VENDOR.rglob('*'))} bytes)")


if __name__ == "__main__":
    main()
