// The fallback map, used when the Leaflet packages are not installed (no npm at build time): an
// equirectangular projection fitted to the events, a graticule, points sized by fatalities and
// coloured by type (drawn on a canvas), over the outlines of gazetteer places (GeoJSON polygons
// from /api/places/shapes). Click a point to open it; drag a rectangle to filter by bounding box.
import { colorOf, EVENT_TYPES, h } from "./util.js";

const W = 960;
const H = 400;
const PAD = 24;

// The rings ([[lon, lat], ...]) of a GeoJSON Polygon or MultiPolygon; none for anything else.
function rings(geometry) {
  if (!geometry || !Array.isArray(geometry.coordinates)) return [];
  if (geometry.type === "Polygon") return geometry.coordinates;
  if (geometry.type === "MultiPolygon") return geometry.coordinates.flat(1);
  return [];
}

// The lon/lat window to show: the events' (and outlines') extent, padded, at least minSpan degrees.
function mapExtent(points, shapes = [], minSpan = 4) {
  const corners = [...points, ...shapes.flatMap((f) => rings(f.geometry).flat(1)
    .map(([lon, lat]) => ({ lon, lat })))];
  if (!corners.length) return [-180, -60, 180, 80];
  let [x0, y0, x1, y1] = [180, 90, -180, -90];
  for (const p of corners) {
    x0 = Math.min(x0, p.lon); x1 = Math.max(x1, p.lon);
    y0 = Math.min(y0, p.lat); y1 = Math.max(y1, p.lat);
  }
  const cx = (x0 + x1) / 2; const cy = (y0 + y1) / 2;
  let sx = Math.max(x1 - x0, minSpan) * 1.15; let sy = Math.max(y1 - y0, minSpan) * 1.15;
  // keep the map's aspect so degrees stay square
  const aspect = (W - 2 * PAD) / (H - 2 * PAD);
  if (sx / sy > aspect) sy = sx / aspect; else sx = sy * aspect;
  return [cx - sx / 2, cy - sy / 2, cx + sx / 2, cy + sy / 2];
}

function step(span) {
  for (const s of [1, 2, 5, 10, 15, 30, 60]) if (span / s <= 10) return s;
  return 90;
}

// Group events at the same place and of the same type into one circle.
function groups(points) {
  const byKey = new Map();
  for (const p of points) {
    const key = `${p.lat.toFixed(3)},${p.lon.toFixed(3)},${p.type}`;
    const g = byKey.get(key) || { lat: p.lat, lon: p.lon, type: p.type, ids: [], fatalities: 0 };
    g.ids.push(p.id);
    g.fatalities += p.fatalities || 0;
    byKey.set(key, g);
  }
  return [...byKey.values()].sort((a, b) => b.fatalities - a.fatalities);
}

export function renderCanvasMap(rows, { onBbox, onOpen, shapes = [], minSpan = 4 }) {
  const points = rows.filter((p) => p.lat !== null && p.lon !== null);
  const [x0, y0, x1, y1] = mapExtent(points, shapes, minSpan);
  const px = (lon) => PAD + ((lon - x0) / (x1 - x0)) * (W - 2 * PAD);
  const py = (lat) => H - PAD - ((lat - y0) / (y1 - y0)) * (H - 2 * PAD);
  const lonOf = (x) => x0 + ((x - PAD) / (W - 2 * PAD)) * (x1 - x0);
  const latOf = (y) => y0 + ((H - PAD - y) / (H - 2 * PAD)) * (y1 - y0);

  // points on a canvas (thousands draw in milliseconds); graticule and brush in an SVG on top
  const all = groups(points).map((g) => ({ ...g, x: px(g.lon), y: py(g.lat),
    r: Math.min(3 + 2.2 * Math.sqrt(g.fatalities), 34) }));
  const dpr = window.devicePixelRatio || 1;
  const canvas = h("canvas", { class: "map-canvas", width: Math.round(W * dpr), height: Math.round(H * dpr),
    dataset: { groups: all.length, events: points.length } });
  const ctx = canvas.getContext("2d");
  ctx.scale(dpr, dpr);
  ctx.fillStyle = "#eef3f8";
  ctx.fillRect(0, 0, W, H);
  // outlines under the points: one path per place, holes cut by the even-odd rule
  let outlined = 0;
  ctx.fillStyle = "rgba(46, 125, 50, 0.22)";
  ctx.strokeStyle = "#2e7d32";
  ctx.lineWidth = 1.2;
  for (const f of shapes) {
    const parts = rings(f.geometry).filter((r) => r.length >= 4);
    if (!parts.length) continue;
    ctx.beginPath();
    for (const ring of parts) {
      ring.forEach(([lon, lat], i) => (i ? ctx.lineTo(px(lon), py(lat)) : ctx.moveTo(px(lon), py(lat))));
      ctx.closePath();
    }
    ctx.fill("evenodd");
    ctx.stroke();
    outlined += 1;
  }
  canvas.dataset.shapes = outlined;
  ctx.globalAlpha = 0.62;
  ctx.lineWidth = 0.8;
  ctx.strokeStyle = "#ffffff";
  for (const g of all) {
    ctx.beginPath();
    ctx.arc(g.x, g.y, g.r, 0, 2 * Math.PI);
    ctx.fillStyle = colorOf(g.type);
    ctx.fill();
    ctx.stroke();
  }

  const svg = h("svg", { viewBox: `0 0 ${W} ${H}`, class: "map", role: "img",
    "aria-label": `map of ${points.length} events` });
  const grid = h("g", { class: "graticule" });
  const s = step(Math.max(x1 - x0, y1 - y0));
  for (let lon = Math.ceil(x0 / s) * s; lon <= x1; lon += s) {
    grid.append(h("line", { x1: px(lon), x2: px(lon), y1: 0, y2: H }),
      h("text", { x: px(lon) + 3, y: H - 6 }, `${lon}°`));
  }
  for (let lat = Math.ceil(y0 / s) * s; lat <= y1; lat += s) {
    grid.append(h("line", { x1: 0, x2: W, y1: py(lat), y2: py(lat) }),
      h("text", { x: 4, y: py(lat) - 3 }, `${lat}°`));
  }
  const ring = h("circle", { class: "hover", cx: 0, cy: 0, r: 0, visibility: "hidden" });
  const box = h("rect", { class: "brush", x: 0, y: 0, width: 0, height: 0, visibility: "hidden" });
  svg.append(grid, ring, box);
  const tip = h("div", { class: "map-tip", hidden: true });

  const at = (e) => {
    const rect = svg.getBoundingClientRect();
    return [(e.clientX - rect.left) * (W / rect.width), (e.clientY - rect.top) * (H / rect.height)];
  };
  // the topmost (last drawn) circle under a point
  const hit = ([x, y]) => {
    for (let i = all.length - 1; i >= 0; i -= 1) {
      const g = all[i];
      if ((g.x - x) ** 2 + (g.y - y) ** 2 <= Math.max(g.r, 4) ** 2) return g;
    }
    return null;
  };
  let start = null;
  svg.addEventListener("pointerdown", (e) => { start = at(e); svg.setPointerCapture(e.pointerId); });
  svg.addEventListener("pointermove", (e) => {
    const [x, y] = at(e);
    if (!start) {
      const g = hit([x, y]);
      ring.setAttribute("visibility", g ? "visible" : "hidden");
      tip.hidden = !g;
      svg.classList.toggle("over-point", Boolean(g));
      if (g) {
        ring.setAttribute("cx", g.x); ring.setAttribute("cy", g.y); ring.setAttribute("r", g.r + 1);
        tip.textContent = `${g.ids.length} event${g.ids.length > 1 ? "s" : ""} · ${g.type || "untyped"} · `
          + `${g.fatalities} fatalities · ${g.lat.toFixed(2)}, ${g.lon.toFixed(2)}`;
        tip.style.left = `${(g.x / W) * 100}%`;
        tip.style.top = `${(g.y / H) * 100}%`;
      }
      return;
    }
    box.setAttribute("x", Math.min(x, start[0])); box.setAttribute("y", Math.min(y, start[1]));
    box.setAttribute("width", Math.abs(x - start[0])); box.setAttribute("height", Math.abs(y - start[1]));
    box.setAttribute("visibility", "visible");
  });
  svg.addEventListener("pointerup", (e) => {
    if (!start) return;
    const [x, y] = at(e);
    const [sx, sy] = start;
    start = null;
    box.setAttribute("visibility", "hidden");
    if (Math.abs(x - sx) < 6 || Math.abs(y - sy) < 6) {
      const g = hit([x, y]);
      if (g) onOpen(g);
      return;
    }
    const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
    const b = [clamp(lonOf(Math.min(x, sx)), -180, 180), clamp(latOf(Math.max(y, sy)), -90, 90),
      clamp(lonOf(Math.max(x, sx)), -180, 180), clamp(latOf(Math.min(y, sy)), -90, 90)];
    onBbox(b.map((v) => v.toFixed(3)).join(","));
  });

  const legend = h("div", { class: "legend" },
    EVENT_TYPES.map((t) => h("span", { class: "key" }, h("i", { class: "swatch", dataset: { type: t } }), t)),
    h("span", { class: "muted" }, " · circle area ∝ fatalities · click a point to open it · drag to filter an area"));
  for (const sw of legend.querySelectorAll(".swatch")) sw.style.background = colorOf(sw.dataset.type);
  const missing = rows.length - points.length;
  return h("figure", { class: "map-wrap" }, h("div", { class: "map-stage" }, canvas, svg, tip), legend,
    missing ? h("figcaption", { class: "muted" }, `${missing} events without coordinates`) : null);
}
