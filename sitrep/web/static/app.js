// sitrep web UI: hash routes, and the events view (filters, map, timeline, charts, table).
import { renderTops } from "./charts.js";
import { renderDocument, renderDocuments, renderSubmit, renderApi, renderPlace, renderWatch } from "./docs.js";
import { renderEvent } from "./event.js";
import { renderMap } from "./map.js";
import { loadValues } from "./pickers.js";
import { renderQueue } from "./queue.js";
import { renderTimeline } from "./timeline.js";
import { api, colorOf, errorBox, EVENT_TYPES, fmtNumber, h, qs, STATUSES } from "./util.js";

const PAGE = 50;
const FILTERS = ["date_from", "date_to", "country", "admin1", "event_type", "sub_event_type", "actor", "q",
  "status", "min_fatalities", "bbox", "sort"];

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path, query] = raw.split("?");
  const parts = path.split("/").map(decodeURIComponent);
  return { parts, params: new URLSearchParams(query || "") };
}

function go(parts, params) {
  const path = parts.map(encodeURIComponent).join("/");
  const query = params ? qs(params) : "";
  location.hash = `#/${path}${query ? `?${query}` : ""}`;
}

function filterForm(current) {
  const input = (name, attrs = {}) => h("input", { name, id: `f-${name}`, value: current[name] || "", ...attrs });
  const select = (name, options) => h("select", { name, id: `f-${name}` },
    h("option", { value: "" }, "any"),
    options.map((o) => h("option", { value: o, selected: current[name] === o }, o)));
  // pickers filled from the stored data: sub-types as a list, actors as suggestions
  const subs = select("sub_event_type", current.sub_event_type ? [current.sub_event_type] : []);
  const actors = h("datalist", { id: "f-actor-values" });
  loadValues("sub_event_type").then((vals) => {
    const chosen = subs.value;
    subs.replaceChildren(h("option", { value: "" }, "any"),
      ...[...new Set([...vals, chosen].filter(Boolean))].map((o) => h("option", { value: o, selected: chosen === o }, o)));
  });
  loadValues("actor").then((vals) => actors.replaceChildren(...vals.map((v) => h("option", { value: v }))));
  const form = h("form", { class: "filters", id: "filters" },
    h("label", {}, "Search ", input("q", { size: 16, type: "search", placeholder: "words in the reports" })),
    h("label", {}, "From ", input("date_from", { type: "date" })),
    h("label", {}, "To ", input("date_to", { type: "date" })),
    h("label", {}, "Country ", input("country", { size: 10 })),
    h("label", {}, "Admin1 ", input("admin1", { size: 10 })),
    h("label", {}, "Type ", select("event_type", EVENT_TYPES)),
    h("label", {}, "Sub-type ", subs),
    h("label", {}, "Actor ", input("actor", { size: 12, list: "f-actor-values" }), actors),
    h("label", {}, "Min. fatalities ", input("min_fatalities", { type: "number", min: 0, step: 1, size: 4 })),
    h("label", {}, "Status ", select("status", STATUSES)),
    current.bbox ? h("span", { class: "chip" }, `area ${current.bbox} `,
      h("button", { type: "button", class: "link", onclick: () => go([], { ...current, bbox: "" }) }, "×")) : null,
    h("button", { type: "submit" }, "Apply"),
    h("button", { type: "button", class: "secondary", onclick: () => go([], {}) }, "Clear"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const data = Object.fromEntries(new FormData(form).entries());
    go([], { ...data, bbox: current.bbox || "", sort: current.sort || "" });
  });
  return form;
}

function table(page, filters, offset) {
  const cols = [["event_date", "Date"], ["event_type", "Type"], ["sub_event_type", "Sub-type"],
    ["actor1", "Actor 1"], ["actor2", "Actor 2"], ["location", "Location"], ["country", "Country"],
    ["fatalities", "Fatalities"], ["status", "Review"]];
  const rows = page.items.map((e) => {
    const href = `#/event/${encodeURIComponent(e.event_id_cnty)}`;
    const tr = h("tr", { class: "row", dataset: { id: e.event_id_cnty }, onclick: () => { location.hash = href; } },
      cols.map(([key]) => {
        if (key === "event_date") return h("td", {}, h("a", { href }, e.event_date || "–"));
        if (key === "event_type") {
          const dot = h("i", { class: "dot" });
          dot.style.background = colorOf(e.event_type);
          return h("td", {}, dot, e.event_type || "–");
        }
        if (key === "status") return h("td", {}, h("span", { class: `badge ${e.status}` }, e.status));
        if (key === "fatalities") return h("td", { class: "num" }, fmtNumber(e.fatalities));
        return h("td", {}, e[key] || "–");
      }));
    return tr;
  });
  const last = Math.min(offset + PAGE, page.total);
  const pager = h("div", { class: "pager" },
    h("button", { type: "button", disabled: offset <= 0, onclick: () => go([], { ...filters, offset: Math.max(offset - PAGE, 0) }) }, "‹ Previous"),
    h("span", { id: "range" }, page.total ? `${offset + 1}–${last} of ${fmtNumber(page.total)}` : "no events"),
    h("button", { type: "button", disabled: last >= page.total, onclick: () => go([], { ...filters, offset: offset + PAGE }) }, "Next ›"));
  return h("section", { class: "table-wrap" },
    h("table", { class: "events", id: "events-table" },
      h("thead", {}, h("tr", {}, cols.map(([key, label]) => sortHeader(key, label, filters)))),
      h("tbody", {}, rows.length ? rows : h("tr", {}, h("td", { colspan: cols.length, class: "muted" }, "No events match.")))),
    pager);
}

// A column header that sorts the table on the server (sort=key, then -key for descending).
function sortHeader(key, label, filters) {
  const sort = filters.sort || "";
  const dir = sort === key ? "ascending" : sort === `-${key}` ? "descending" : "none";
  const next = sort === key ? `-${key}` : key;
  return h("th", { "aria-sort": dir, dataset: { sort: key } },
    h("button", { type: "button", class: "sort", id: `sort-${key}`,
      onclick: () => go([], { ...filters, sort: next, offset: "" }) },
    label, dir === "ascending" ? " ▲" : dir === "descending" ? " ▼" : ""));
}

function exportLinks(filters) {
  const formats = [["jsonl", "JSONL"], ["acled-csv", "ACLED CSV"], ["ucdp-csv", "UCDP CSV"], ["geojson", "GeoJSON"],
    ["parquet", "Parquet"]];
  return h("p", { class: "exports" }, "Export: ",
    formats.map(([f, label]) => h("a", { href: `/api/export?${qs({ ...filters, format: f })}`, download: "" }, label)),
    " · ", h("a", { href: `#/review?${qs({ ...filters, sort: "" })}`, id: "to-queue" }, "Review these in the queue"));
}

// Outlines of gazetteer places around the events, when they all lie within about a city (wider,
// neighbourhoods would be specks): the map then zooms to them.
const OUTLINE_SPAN = 1; // degrees
async function outlines(rows) {
  const located = rows.filter((p) => p.lat !== null && p.lon !== null);
  if (!located.length) return [];
  const lons = located.map((p) => p.lon); const lats = located.map((p) => p.lat);
  const [x0, x1, y0, y1] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  if (Math.max(x1 - x0, y1 - y0) > OUTLINE_SPAN) return [];
  const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v)).toFixed(4);
  const pad = 0.05;
  const bbox = [clamp(x0 - pad, -180, 180), clamp(y0 - pad, -90, 90), clamp(x1 + pad, -180, 180),
    clamp(y1 + pad, -90, 90)].join(",");
  const body = await api(`/api/places/shapes?${qs({ bbox, limit: 500 })}`).catch(() => null);
  return body ? body.features : [];
}

async function renderEvents(view, params) {
  const filters = {};
  for (const k of FILTERS) if (params.get(k)) filters[k] = params.get(k);
  const offset = Math.max(parseInt(params.get("offset") || "0", 10) || 0, 0);
  view.replaceChildren(h("h1", {}, "Events"), filterForm(filters), h("p", { class: "muted" }, "Loading…"));
  // the points come without the date filter: the timeline shows every date with the chosen range
  // selected, and the map keeps the events of that range (the same test the API applies)
  const { date_from: from, date_to: to, ...undated } = filters;
  const [points, page] = await Promise.all([
    api(`/api/events/points?${qs(undated)}`),
    api(`/api/events?${qs({ ...filters, limit: PAGE, offset })}`),
  ]);
  const idx = Object.fromEntries(points.columns.map((c, i) => [c, i]));
  const all = points.rows.map((r) => ({ id: r[idx.id], date: r[idx.date], type: r[idx.event_type],
    lat: r[idx.latitude], lon: r[idx.longitude], fatalities: r[idx.fatalities], status: r[idx.status] }));
  const rows = from || to ? all.filter((p) => p.date && (!from || p.date >= from) && (!to || p.date <= to)) : all;
  const shapes = await outlines(rows);
  const map = renderMap(rows, {
    shapes, minSpan: shapes.length ? 0.05 : 4,
    onBbox: (bbox) => go([], { ...filters, bbox }),
    onOpen: (g) => (g.ids.length === 1 ? go(["event", g.ids[0]])
      : go([], { ...filters, bbox: [g.lon - 0.01, g.lat - 0.01, g.lon + 0.01, g.lat + 0.01].map((v) => v.toFixed(3)).join(",") })),
  });
  const timeline = renderTimeline(all, { from, to,
    onRange: (a, b) => go([], { ...filters, date_from: a, date_to: b }) });
  const tops = renderTops(filters, (name, value) => go([], { ...filters, [name]: value }));
  view.replaceChildren(
    h("h1", {}, "Events ", h("span", { class: "muted count" }, fmtNumber(page.total))),
    filterForm(filters),
    h("div", { class: "panels" }, map, h("div", { class: "side" }, timeline, tops)),
    exportLinks(filters),
    table(page, filters, offset),
    points.truncated ? h("p", { class: "muted" }, "The map shows the first 50,000 events.") : "");
}

async function route() {
  const view = document.getElementById("view");
  const { parts, params } = parseHash();
  const section = parts[0] || "events";
  for (const a of document.querySelectorAll("nav a")) {
    a.classList.toggle("active", a.dataset.nav === section || (section === "event" && a.dataset.nav === "events")
      || (section === "document" && a.dataset.nav === "documents"));
  }
  try {
    if (section === "event" && parts[1]) await renderEvent(view, parts.slice(1).join("/"), params);
    else if (section === "review") await renderQueue(view, params, go);
    else if (section === "documents") await renderDocuments(view, params);
    else if (section === "document" && parts[1]) await renderDocument(view, parts.slice(1).join("/"));
    else if (section === "submit") renderSubmit(view);
    else if (section === "place" && parts[1]) await renderPlace(view, parts.slice(1).join("/"));
    else if (section === "api") await renderApi(view);
    else if (section === "watch") await renderWatch(view);
    else await renderEvents(view, params);
  } catch (err) {
    view.replaceChildren(h("h1", {}, "Something went wrong"), errorBox(err), h("p", {}, h("a", { href: "#/" }, "Back to events")));
  }
  document.body.dataset.ready = section;
}

window.addEventListener("hashchange", route);
route();
