// Event map on Leaflet, served by sitrep itself from the npm packages `make install` fetched
// (/vendor/...; no tile server, nothing from the network): Natural Earth land, coastlines and
// country borders (world-atlas TopoJSON, read with topojson-client) as the base layer, the place
// outlines the user imported (/api/places/shapes) once the view is city-sized, and the events as
// circles sized by fatalities and coloured by type, clustered per zoom (leaflet.markercluster).
// Hover shows a tooltip (built as DOM text, never HTML); click opens an event; a rectangle drawn
// with shift-drag or the ▭ button filters by area. Without the packages: the canvas map.
import { renderCanvasMap } from "./canvasmap.js";
import { api, colorOf, EVENT_TYPES, fmtNumber, h, qs } from "./util.js";

const V = "/vendor";
const OUTLINE_SPAN = 2; // degrees: wider views would show neighbourhoods as specks
const WORLD = [[-58, -170], [78, 175]];
let vendor = null; // Promise<L>
let world = null; // Promise<{land, coast, borders}>
const details = new Map(); // event id -> Promise<event> for tooltips

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(s);
  });
}

function loadCss(href) {
  if (document.querySelector(`link[href="${href}"]`)) return;
  document.head.append(h("link", { rel: "stylesheet", href }));
}

// Leaflet and its plugins, loaded once; rejects when the packages are not installed.
export function loadVendor() {
  if (!vendor) {
    vendor = (async () => {
      loadCss(`${V}/leaflet/dist/leaflet.css`);
      loadCss(`${V}/leaflet.markercluster/dist/MarkerCluster.css`);
      await loadScript(`${V}/leaflet/dist/leaflet.js`);
      await Promise.all([loadScript(`${V}/leaflet.markercluster/dist/leaflet.markercluster.js`),
        loadScript(`${V}/topojson-client/dist/topojson-client.min.js`)]);
      if (!window.L || !window.L.markerClusterGroup || !window.topojson) throw new Error("map packages incomplete");
      return window.L;
    })();
  }
  return vendor;
}

// Natural Earth 1:50m: land to fill, coastlines (arcs of one country) and borders (of two).
function loadWorld() {
  if (!world) {
    world = api(`${V}/world-atlas/countries-50m.json`).then((topo) => {
      const { feature, mesh } = window.topojson;
      const countries = topo.objects.countries;
      return { land: feature(topo, topo.objects.land || countries),
        coast: mesh(topo, countries, (a, b) => a === b), borders: mesh(topo, countries, (a, b) => a !== b) };
    });
    world.catch(() => { world = null; });
  }
  return world;
}

const radius = (fatalities) => Math.min(5 + 2 * Math.sqrt(fatalities || 0), 30);

function eventDetail(id) {
  if (!details.has(id)) details.set(id, api(`/api/events/${encodeURIComponent(id)}`).then((d) => d.event));
  return details.get(id);
}

// A point's tooltip: what the points row has at once, place and sub-type when the event is fetched.
function pointTip(p) {
  const place = h("div", { class: "tip-place" }, "…");
  const sub = h("div", { class: "tip-sub" }, p.type || "untyped");
  const tip = h("div", { class: "tip" }, place, h("div", {}, p.date || "undated"), sub,
    h("div", {}, `${fmtNumber(p.fatalities || 0)} fatalities`));
  const fill = () => eventDetail(p.id).then((e) => {
    place.textContent = [e.location, e.admin1, e.country].filter(Boolean).join(", ") || "unknown place";
    sub.textContent = `${e.event_type || "untyped"} · ${e.sub_event_type || "–"}`;
  }).catch(() => { place.textContent = "(details unavailable)"; });
  return { tip, fill };
}

function clusterSummary(markers) {
  const byType = new Map();
  let dead = 0;
  const dates = [];
  for (const m of markers) {
    byType.set(m.ev.type, (byType.get(m.ev.type) || 0) + 1);
    dead += m.ev.fatalities || 0;
    if (m.ev.date) dates.push(m.ev.date);
  }
  dates.sort();
  const types = [...byType.entries()].sort((a, b) => b[1] - a[1]);
  return { n: markers.length, dead, types, from: dates[0], to: dates[dates.length - 1] };
}

function clusterIcon(L) {
  return (cluster) => {
    const s = clusterSummary(cluster.getAllChildMarkers());
    const size = Math.round(Math.min(26 + 4 * Math.log2(s.n) + 1.5 * Math.sqrt(s.dead), 70));
    const el = h("div", { class: "ev-cluster", dataset: { count: s.n, fatalities: s.dead } }, h("span", {}, fmtNumber(s.n)));
    el.style.background = colorOf(s.types.length ? s.types[0][0] : null);
    el.style.width = el.style.height = el.style.lineHeight = `${size}px`;
    return L.divIcon({ html: el, className: "ev-cluster-icon", iconSize: [size, size] });
  };
}

function clusterTip(s) {
  return h("div", { class: "tip" }, h("div", { class: "tip-place" }, `${fmtNumber(s.n)} events · ${fmtNumber(s.dead)} fatalities`),
    h("div", {}, s.from === s.to ? s.from || "undated" : `${s.from} – ${s.to}`),
    s.types.slice(0, 3).map(([t, n]) => h("div", {}, `${t || "untyped"}: ${fmtNumber(n)}`)),
    h("div", { class: "muted-tip" }, "click to zoom in"));
}

// The view to start with: the events' (and outlines') extent, at least minSpan degrees wide.
function startBounds(points, shapes, minSpan) {
  const lons = points.map((p) => p.lon); const lats = points.map((p) => p.lat);
  for (const f of shapes) {
    const g = f.geometry || {};
    const rings = g.type === "Polygon" ? g.coordinates : g.type === "MultiPolygon" ? g.coordinates.flat(1) : [];
    for (const [lon, lat] of rings.flat(1)) { lons.push(lon); lats.push(lat); }
  }
  if (!lons.length) return WORLD;
  const [x0, x1, y0, y1] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const cx = (x0 + x1) / 2; const cy = (y0 + y1) / 2;
  const sx = Math.max(x1 - x0, minSpan) * 0.55; const sy = Math.max(y1 - y0, minSpan) * 0.55;
  return [[Math.max(cy - sy, -85), cx - sx], [Math.min(cy + sy, 85), cx + sx]];
}

const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
function bboxOf(b) {
  return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180),
    clamp(b.getNorth(), -90, 90)].map((v) => v.toFixed(3)).join(",");
}

// Rectangle drawing: shift-drag, or the ▭ button then a drag. Pointer events are taken in the
// capture phase so Leaflet does not pan meanwhile.
function areaTool(L, map, stage, onBbox) {
  let armed = false;
  let start = null;
  let rect = null;
  const button = h("button", { type: "button", class: "map-draw", title: "Draw an area to filter (or shift-drag)",
    "aria-pressed": "false" }, "▭");
  const arm = (on) => {
    armed = on;
    button.setAttribute("aria-pressed", String(on));
    stage.classList.toggle("drawing", on);
  };
  button.addEventListener("click", (e) => { e.stopPropagation(); arm(!armed); });
  const Control = L.Control.extend({ onAdd: () => {
    const box = h("div", { class: "leaflet-bar map-draw-bar" }, button);
    L.DomEvent.disableClickPropagation(box);
    return box;
  } });
  new Control({ position: "topleft" }).addTo(map);
  const el = map.getContainer();
  el.addEventListener("pointerdown", (e) => {
    if (!(armed || e.shiftKey) || e.button !== 0 || button.contains(e.target)) return;
    e.stopPropagation();
    e.preventDefault();
    el.setPointerCapture(e.pointerId);
    start = map.mouseEventToLatLng(e);
    rect = L.rectangle(L.latLngBounds(start, start), { className: "map-brush", interactive: false, weight: 1.5,
      dashArray: "4 3", fillOpacity: 0.12 }).addTo(map);
  }, true);
  el.addEventListener("pointermove", (e) => {
    if (!start) return;
    e.stopPropagation();
    rect.setBounds(L.latLngBounds(start, map.mouseEventToLatLng(e)));
  }, true);
  el.addEventListener("pointerup", (e) => {
    if (!start) return;
    e.stopPropagation();
    const bounds = L.latLngBounds(start, map.mouseEventToLatLng(e));
    start = null;
    arm(false);
    const a = map.latLngToContainerPoint(bounds.getSouthWest());
    const b = map.latLngToContainerPoint(bounds.getNorthEast());
    if (Math.abs(a.x - b.x) < 6 || Math.abs(a.y - b.y) < 6) { rect.remove(); return; }
    stage.dataset.bbox = bboxOf(bounds);
    onBbox(stage.dataset.bbox);
  }, true);
}

// Place outlines in view, fetched when the view is city-sized (the caller's shapes at first).
function outlineLayer(L, map, stage, shapes) {
  const layer = L.geoJSON(null, { pane: "outlines", renderer: L.canvas({ pane: "outlines" }),
    style: { color: "#2e7d32", weight: 1.2, fillColor: "#2e7d32", fillOpacity: 0.22 },
    onEachFeature: (f, l) => l.bindTooltip(h("div", { class: "tip" },
      `${(f.properties && f.properties.name) || "place"} (${(f.properties && f.properties.kind) || "outline"})`), { sticky: true }) }).addTo(map);
  const show = (features) => {
    layer.clearLayers();
    const drawable = features.filter((f) => f.geometry && /Polygon$/.test(f.geometry.type));
    if (drawable.length) layer.addData(drawable);
    stage.dataset.shapes = drawable.length;
  };
  show(shapes);
  let asked = "";
  map.on("moveend", async () => {
    const b = map.getBounds();
    if (b.getEast() - b.getWest() > OUTLINE_SPAN) return;
    const bbox = bboxOf(b.pad(0.2));
    if (bbox === asked) return;
    asked = bbox;
    const body = await api(`/api/places/shapes?${qs({ bbox, limit: 500 })}`).catch(() => null);
    if (body && asked === bbox) show([...shapes, ...body.features.filter((f) => !shapes.some((s) => s.id === f.id))]);
  });
}

function drawMap(L, stage, points, { onBbox, onOpen, shapes, minSpan }) {
  const map = L.map(stage, { boxZoom: false, minZoom: 1, maxZoom: 17, worldCopyJump: false, zoomSnap: 1,
    maxBounds: [[-90, -360], [90, 360]] });
  map.attributionControl.setPrefix("Leaflet (BSD-2) · borders: Natural Earth (public domain) · "
    + '<a href="/vendor/licences" target="_blank" rel="noopener">licences</a>');
  for (const [name, z] of [["basemap", 250], ["outlines", 350]]) map.createPane(name).style.zIndex = z;
  map.getPane("basemap").style.pointerEvents = "none";
  stage.__map = map; // for tests and the console
  map.fitBounds(startBounds(points, shapes, minSpan));
  const base = L.canvas({ pane: "basemap", padding: 0.3 });
  loadWorld().then((w) => {
    L.geoJSON(w.land, { renderer: base, interactive: false, style: { stroke: false, fillColor: "#f2efe6", fillOpacity: 1 } }).addTo(map);
    L.geoJSON(w.coast, { renderer: base, interactive: false, style: { color: "#6f8fae", weight: 1, fill: false } }).addTo(map);
    L.geoJSON(w.borders, { renderer: base, interactive: false, style: { color: "#8c7f6a", weight: 0.9, dashArray: "4 2", fill: false } }).addTo(map);
    stage.dataset.basemap = "drawn";
  }).catch(() => { stage.dataset.basemap = "missing"; });
  outlineLayer(L, map, stage, shapes);

  const group = L.markerClusterGroup({ maxClusterRadius: 48, animate: false, showCoverageOnHover: false,
    spiderfyOnMaxZoom: true, iconCreateFunction: clusterIcon(L) });
  const markers = points.map((p) => {
    const m = L.circleMarker([p.lat, p.lon], { radius: radius(p.fatalities), color: "#ffffff", weight: 1,
      fillColor: colorOf(p.type), fillOpacity: 0.78, className: "ev-point" });
    m.ev = p;
    const { tip, fill } = pointTip(p);
    m.bindTooltip(tip, { direction: "top", offset: [0, -4] });
    m.on("tooltipopen", fill);
    m.on("click", () => onOpen({ ids: [p.id], lat: p.lat, lon: p.lon, type: p.type }));
    return m;
  });
  group.addLayers(markers);
  group.on("clustermouseover", (e) => {
    if (!e.layer.getTooltip()) e.layer.bindTooltip(clusterTip(clusterSummary(e.layer.getAllChildMarkers())), { direction: "top" });
    e.layer.openTooltip();
  });
  map.addLayer(group);
  const count = () => {
    stage.dataset.zoom = map.getZoom();
    stage.dataset.clusters = stage.querySelectorAll(".ev-cluster").length;
    stage.dataset.points = stage.querySelectorAll("path.ev-point").length;
    stage.dataset.ready = "1";
  };
  map.on("moveend zoomend", () => setTimeout(count, 0));
  setTimeout(count, 0);
  areaTool(L, map, stage, onBbox);
  new ResizeObserver(() => map.invalidateSize()).observe(stage);
}

function legend() {
  const el = h("div", { class: "legend" },
    EVENT_TYPES.map((t) => h("span", { class: "key" }, h("i", { class: "swatch", dataset: { type: t } }), t)),
    h("span", { class: "muted" }, " · circle size: fatalities · numbers: clustered events (zoom in to split) · "
      + "click a circle to open it · shift-drag or ▭ to filter an area"));
  for (const sw of el.querySelectorAll(".swatch")) sw.style.background = colorOf(sw.dataset.type);
  return el;
}

// renderMap(rows, {onBbox, onOpen, shapes, minSpan}) -> <figure>, filled once Leaflet is loaded
// (the canvas map replaces it when the packages are missing).
export function renderMap(rows, options) {
  const opts = { shapes: [], minSpan: 4, ...options };
  const points = rows.filter((p) => p.lat !== null && p.lon !== null && Number.isFinite(p.lat) && Number.isFinite(p.lon));
  const stage = h("div", { class: "leaflet-stage", role: "region", "aria-label": `map of ${points.length} events`,
    dataset: { events: points.length, shapes: 0 } });
  const missing = rows.length - points.length;
  const figure = h("figure", { class: "map-wrap", dataset: { engine: "leaflet" } }, stage, legend(),
    missing ? h("figcaption", { class: "muted" }, `${missing} events without coordinates`) : null);
  const attached = async () => {
    for (let i = 0; i < 600 && !figure.isConnected; i += 1) await new Promise((r) => requestAnimationFrame(r));
    return figure.isConnected;
  };
  loadVendor().then(async (L) => {
    if (await attached()) drawMap(L, stage, points, opts);
  }, async () => {
    if (!(await attached())) return;
    const canvas = renderCanvasMap(rows, opts);
    canvas.dataset.engine = "canvas";
    figure.replaceWith(canvas);
  });
  return figure;
}
