// A schematic tile map of France's 18 regions: the 13 of metropolitan France placed roughly where they
// lie (a tile cartogram, not their outlines), Corsica beside them, and the five overseas regions in a row
// below. No map data, no tiles from a server: the layout is this table; names come from /regions.
// Each tile is a link named by the region's full name. The map is one stop for Tab (the chosen region, or the
// first); the arrow keys move between neighbouring tiles, Home and End to the first and last; Enter follows.

import { s } from "./dom.js";

const CELL = 110;
const GAP = 6;
// [INSEE code, column, row, width, height] in cells.
export const TILES = [
  ["28", 1, 0, 1, 1], // Normandie
  ["32", 2, 0, 1, 1], // Hauts-de-France
  ["44", 3, 0, 1, 2], // Grand Est
  ["53", 0, 1, 1, 1], // Bretagne
  ["52", 1, 1, 1, 1], // Pays de la Loire
  ["11", 2, 1, 1, 1], // Île-de-France
  ["75", 1, 2, 1, 2], // Nouvelle-Aquitaine
  ["24", 2, 2, 1, 1], // Centre-Val de Loire
  ["27", 3, 2, 1, 1], // Bourgogne-Franche-Comté
  ["84", 2, 3, 2, 1], // Auvergne-Rhône-Alpes
  ["76", 1, 4, 2, 1], // Occitanie
  ["93", 3, 4, 1, 1], // Provence-Alpes-Côte d'Azur
  ["94", 4.2, 4.15, 0.7, 0.85], // Corse
  ["01", 0, 5.35, 0.9, 0.7], // Guadeloupe
  ["02", 1, 5.35, 0.9, 0.7], // Martinique
  ["03", 2, 5.35, 0.9, 0.7], // Guyane
  ["04", 3, 5.35, 0.9, 0.7], // La Réunion
  ["06", 4, 5.35, 0.9, 0.7], // Mayotte
];
const WIDTH = 5 * CELL;
const HEIGHT = 6.05 * CELL;

/** Break a name into short lines for a tile (SVG text does not wrap). */
function lines(name, width, size) {
  const limit = Math.max(6, Math.floor((width - 10) / (size * 0.68)));
  const words = name.replace(/-/g, "-\u0000").split(/[\s\u0000]+/).filter(Boolean);
  const out = [];
  for (const word of words) {
    const last = out[out.length - 1];
    if (last && (last + word).length + (last.endsWith("-") ? 0 : 1) <= limit) {
      out[out.length - 1] = last.endsWith("-") ? last + word : `${last} ${word}`;
    } else out.push(word);
  }
  return out.slice(0, 4);
}

/**
 * The map as an <svg>: `names` maps codes to names; `selected` is highlighted (aria-current);
 * `href(code)` is each tile's link; `label` names the whole map.
 */
export function regionMap({ names, selected, href, label, overseasLabel }) {
  const tiles = TILES.map(([code, col, row, w, hgt]) => {
    const x = col * CELL + GAP / 2;
    const y = row * CELL + GAP / 2;
    const width = w * CELL - GAP;
    const height = hgt * CELL - GAP;
    const name = names.get(code) || code;
    const size = width < 100 ? 12 : 15;
    const text = lines(name, width, size);
    const top = y + height / 2 - ((text.length - 1) * size * 1.15) / 2 + size * 0.35;
    return s("a", { href: href(code), class: "map-tile", "aria-label": name, "data-region": code,
      "aria-current": code === selected ? "true" : null },
    s("rect", { x, y, width, height, rx: 8 }),
    s("text", { x: x + width / 2, y: top, "font-size": size, "text-anchor": "middle", "aria-hidden": "true" },
      text.map((line, i) => s("tspan", { x: x + width / 2, dy: i ? size * 1.15 : 0 }, line))));
  });
  const current = tiles.find((tile) => tile.dataset.region === selected) || tiles[0];
  for (const tile of tiles) tile.setAttribute("tabindex", tile === current ? "0" : "-1");
  const svg = s("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "region-map", role: "group", "aria-label": label },
    s("line", { x1: 0, x2: WIDTH, y1: 5.2 * CELL, y2: 5.2 * CELL, class: "map-divider" }),
    s("text", { x: 2, y: 5.27 * CELL, "font-size": 11, class: "map-caption", "aria-hidden": "true" }, overseasLabel),
    tiles);
  svg.addEventListener("keydown", (event) => {
    const from = event.target.closest?.(".map-tile");
    if (!from) return;
    const next = event.key === "Home" ? tiles[0] : event.key === "End" ? tiles[tiles.length - 1]
      : neighbour(tiles, from, DIRECTIONS[event.key]);
    if (next === undefined) return;
    event.preventDefault();
    if (!next) return;
    for (const tile of tiles) tile.setAttribute("tabindex", tile === next ? "0" : "-1");
    next.focus();
  });
  return svg;
}

const DIRECTIONS = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };

function centre(tile) {
  const rect = tile.querySelector("rect");
  return [Number(rect.getAttribute("x")) + Number(rect.getAttribute("width")) / 2,
    Number(rect.getAttribute("y")) + Number(rect.getAttribute("height")) / 2];
}

/** The nearest tile in a direction (distance along it, plus twice the sideways offset); null at the edge. */
function neighbour(tiles, from, direction) {
  if (!direction) return undefined;
  const [x, y] = centre(from);
  let best = null;
  let bestScore = Infinity;
  for (const tile of tiles) {
    if (tile === from) continue;
    const [tx, ty] = centre(tile);
    const along = (tx - x) * direction[0] + (ty - y) * direction[1];
    if (along <= 1) continue;
    const sideways = Math.abs((tx - x) * direction[1] + (ty - y) * direction[0]);
    const score = along + 2 * sideways;
    if (score < bestScore) [best, bestScore] = [tile, score];
  }
  return best;
}
