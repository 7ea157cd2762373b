// Documents list and page, adding a report, the place control timeline, and the API summary.
import { highlighted } from "./event.js";
import { api, ApiError, errorBox, fmtNumber, h, qs, tokenField } from "./util.js";

const PAGE = 50;

export async function renderDocuments(view, params) {
  const offset = Math.max(parseInt(params.get("offset") || "0", 10) || 0, 0);
  const q = params.get("q") || "";
  const page = await api(`/api/documents?${qs({ q, limit: PAGE, offset })}`);
  const search = h("form", { class: "filters" }, h("label", {}, "Search ", h("input", { name: "q", value: q, type: "search" })),
    h("button", { type: "submit" }, "Apply"));
  search.addEventListener("submit", (e) => {
    e.preventDefault();
    location.hash = `#/documents?${qs({ q: search.elements.q.value })}`;
  });
  const last = Math.min(offset + PAGE, page.total);
  view.replaceChildren(h("h1", {}, "Documents ", h("span", { class: "muted count" }, fmtNumber(page.total))), search,
    h("table", { class: "events" },
      h("thead", {}, h("tr", {}, ["Id", "Title", "Source", "Date", "Events", "Stored"].map((t) => h("th", {}, t)))),
      h("tbody", {}, page.items.map((d) => h("tr", { class: "row", onclick: () => { location.hash = `#/document/${encodeURIComponent(d.id)}`; } },
        h("td", {}, h("a", { href: `#/document/${encodeURIComponent(d.id)}` }, d.id)), h("td", {}, d.title || "–"),
        h("td", {}, d.source || "–"), h("td", {}, d.date || "–"), h("td", { class: "num" }, d.n_events),
        h("td", {}, d.ingested_at.slice(0, 16).replace("T", " ")))))),
    h("div", { class: "pager" },
      h("button", { type: "button", disabled: offset <= 0, onclick: () => { location.hash = `#/documents?${qs({ q, offset: Math.max(offset - PAGE, 0) })}`; } }, "‹ Previous"),
      h("span", {}, page.total ? `${offset + 1}–${last} of ${fmtNumber(page.total)}` : "no documents"),
      h("button", { type: "button", disabled: last >= page.total, onclick: () => { location.hash = `#/documents?${qs({ q, offset: offset + PAGE })}`; } }, "Next ›")));
}

export async function renderDocument(view, id) {
  const doc = await api(`/api/documents/${encodeURIComponent(id)}`);
  const spans = doc.events.flatMap((e) => e.evidence.filter((s) => s.doc_id === doc.id)
    .map((s) => ({ start: s.start, end: s.end, cls: `ev-${s.field.replace(/[^a-z0-9_-]/gi, "")}`, title: `${e.event_id_cnty}: ${s.field}` })));
  view.replaceChildren(h("p", {}, h("a", { href: "#/documents" }, "‹ All documents")),
    h("h1", {}, doc.title || doc.id),
    h("p", { class: "muted" }, [doc.source, doc.date, doc.url, `${doc.events.length} events`].filter(Boolean).join(" · ")),
    h("div", { class: "event-grid" },
      h("article", { class: "doc" }, h("div", { class: "text" }, highlighted(doc.text, spans))),
      h("div", {}, h("h2", {}, "Coded events"),
        h("ul", { class: "doc-events" }, doc.events.map((e) => h("li", {},
          h("a", { href: `#/event/${encodeURIComponent(e.event_id_cnty)}` }, `${e.event_date || "undated"} · ${e.sub_event_type || e.event_type} · ${e.location || "?"}`),
          " ", h("span", { class: `badge ${e.status}` }, e.status)))))));
}

export function renderSubmit(view) {
  const msg = h("div", { id: "submit-msg" });
  const form = h("form", { class: "submit" },
    h("label", {}, "Report text", h("textarea", { name: "text", rows: 14, required: true })),
    h("div", { class: "row-inputs" },
      h("label", {}, "Publication date ", h("input", { name: "date", type: "date" })),
      h("label", {}, "Source ", h("input", { name: "source" })),
      h("label", {}, "Title ", h("input", { name: "title" })),
      h("label", {}, "URL ", h("input", { name: "url" }))),
    h("div", { class: "row-inputs" }, tokenField(), h("button", { type: "submit" }, "Code and store")));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = {};
    for (const name of ["text", "date", "source", "title", "url"]) {
      const v = form.elements[name].value.trim();
      if (v) body[name] = v;
    }
    msg.replaceChildren(h("p", { class: "muted" }, "Coding… (the first report loads the models)"));
    try {
      const res = await api("/api/documents", { method: "POST", auth: true, json: body });
      msg.replaceChildren(h("p", {}, res.created ? "Stored. " : "Already stored; nothing changed. ",
        h("a", { href: `#/document/${encodeURIComponent(res.document.id)}` }, `${res.events.length} events`)));
    } catch (err) {
      msg.replaceChildren(errorBox(err));
    }
  });
  view.replaceChildren(h("h1", {}, "Add a report"),
    h("p", { class: "muted" }, "The report is coded on arrival and stored with its events. Writing needs the server's API token."),
    form, msg);
}

function controlRows(body) {
  const items = Array.isArray(body) ? body : body.items || body.timeline || body.periods || [];
  if (!items.length) return h("p", { class: "muted" }, "No control changes recorded for this place.");
  const keys = [...new Set(items.flatMap((o) => Object.keys(o)))].slice(0, 8);
  return h("table", { class: "events" }, h("thead", {}, h("tr", {}, keys.map((k) => h("th", {}, k)))),
    h("tbody", {}, items.map((o) => h("tr", {}, keys.map((k) => h("td", {}, typeof o[k] === "object" && o[k] !== null ? JSON.stringify(o[k]) : o[k] ?? "–"))))));
}

export async function renderPlace(view, place) {
  view.replaceChildren(h("h1", {}, `Control timeline: ${place}`), h("p", { class: "muted" }, "Loading…"));
  try {
    const body = await api(`/api/control?${qs({ place })}`);
    view.replaceChildren(h("h1", {}, `Control timeline: ${place}`), controlRows(body));
  } catch (err) {
    const absent = err instanceof ApiError && (err.status === 404 || err.status === 405) && err.code === "not_found";
    view.replaceChildren(h("h1", {}, `Control timeline: ${place}`),
      absent ? h("p", { class: "muted", id: "control-absent" }, "No territorial-control timeline is available for this place (the server may not track control yet).") : errorBox(err),
      h("p", {}, h("a", { href: `#/?${qs({ q: place })}` }, `Events at ${place}`)));
  }
}

export async function renderApi(view) {
  const spec = await api("/api/openapi.json");
  const rows = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      rows.push(h("tr", {}, h("td", {}, h("code", {}, method.toUpperCase())), h("td", {}, h("code", {}, path)),
        h("td", {}, op.summary || ""), h("td", {}, op.security ? "token" : "open")));
    }
  }
  view.replaceChildren(h("h1", {}, `API ${spec.info.version}`),
    h("p", {}, "The OpenAPI description is at ", h("a", { href: "/api/openapi.json" }, "/api/openapi.json"),
      ". Writes need ", h("code", {}, "Authorization: Bearer <token>"), "."),
    h("table", { class: "events" }, h("thead", {}, h("tr", {}, ["Method", "Path", "What", "Auth"].map((t) => h("th", {}, t)))),
      h("tbody", {}, rows)));
}

export async function renderWatch(view) {
  const body = await api("/api/watch");
  if (!body || !body.active) {
    view.replaceChildren(h("h1", {}, "Live monitoring"),
      h("p", { class: "muted", id: "watch-idle" }, "No watcher has used this database yet. Start one with: sitrep watch SOURCES.yaml --db …"));
    return;
  }
  const cols = ["name", "last_success", "last_error", "new_articles", "errors"];
  const sources = (body.sources || []).map((src) => h("tr", {}, cols.map((c) => h("td", {}, src[c] ?? "–"))));
  view.replaceChildren(h("h1", {}, "Live monitoring"),
    h("p", {}, `Last poll: ${body.last_poll || "–"} · alerts fired: ${body.alerts_fired ?? 0}`),
    h("table", { class: "events", id: "watch-sources" }, h("thead", {}, h("tr", {}, cols.map((c) => h("th", {}, c)))), h("tbody", {}, sources)));
}
