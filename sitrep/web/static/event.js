// The event page: fields, article text with evidence highlighted, claim chains, framing, merges,
// audit trail, and the review controls (accept / reject / edit / split, with the API token).
import { renderMap } from "./map.js";
import { fieldInput } from "./pickers.js";
import { api, colorOf, errorBox, fmtNumber, h, qs, tokenField } from "./util.js";

const EDITABLE = [["event_date", "date"], ["event_type", "text"], ["sub_event_type", "text"],
  ["actor1", "text"], ["inter1", "number"], ["actor2", "text"], ["inter2", "number"], ["location", "text"], ["admin1", "text"], ["country", "text"],
  ["latitude", "number"], ["longitude", "number"], ["fatalities", "number"], ["notes", "text"]];

// Text with spans wrapped in <mark>; overlapping spans share the marks of their overlap.
export function highlighted(text, spans) {
  const ok = spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end)
    && s.start >= 0 && s.end <= text.length && s.start < s.end);
  const cuts = [...new Set([0, text.length, ...ok.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const cover = ok.filter((s) => s.start <= a && s.end >= b);
    const piece = text.slice(a, b);
    if (!cover.length) { out.push(piece); continue; }
    const classes = [...new Set(cover.map((s) => s.cls))].join(" ");
    out.push(h("mark", { class: `hl ${classes}`, title: [...new Set(cover.map((s) => s.title))].join("; ") }, piece));
  }
  return out;
}

function fieldRows(e) {
  const rows = [["Date", `${e.event_date || "–"}${e.date_start && e.date_end && e.date_start !== e.date_end ? ` (${e.date_start} – ${e.date_end})` : ""}`],
    ["Type", `${e.event_type || "–"} · ${e.sub_event_type || "–"}`], ["Disorder", e.disorder_type],
    ["Actor 1", `${e.actor1 || "–"}${e.inter1 ? ` (inter ${e.inter1})` : ""}${e.assoc_actor_1 ? ` with ${e.assoc_actor_1}` : ""}`],
    ["Actor 2", `${e.actor2 || "–"}${e.inter2 ? ` (inter ${e.inter2})` : ""}${e.assoc_actor_2 ? ` with ${e.assoc_actor_2}` : ""}`],
    ["Place", [e.location, e.admin1, e.country].filter(Boolean).join(", ")],
    ["Coordinates", e.latitude !== null ? `${e.latitude}, ${e.longitude} (geo precision ${e.geo_precision ?? "–"})` : "–"],
    ["Fatalities", `${fmtNumber(e.fatalities)}${e.fatalities_low !== null ? ` (low ${e.fatalities_low}, best ${e.fatalities_best ?? "–"}, high ${e.fatalities_high ?? "–"})` : ""}`],
    ["Civilian deaths", e.deaths_civilians], ["Source", e.source], ["Notes", e.notes],
    ["Confidence", e.confidence !== null ? e.confidence.toFixed(2) : null]];
  return h("table", { class: "fields" }, h("tbody", {},
    rows.map(([k, v]) => h("tr", {}, h("th", {}, k), h("td", { dir: "auto" }, v === null || v === undefined || v === "" ? "–" : v)))));
}

// Claimant chains in reading order: outermost source first. Each name is isolated (<bdi>) so an
// Arabic name does not run into its neighbours; an Arabic chain reads right to left (dir="rtl",
// arrows pointing left), so its first source stands rightmost.
function claimList(claims) {
  if (!claims.length) return h("p", { class: "muted" }, "No figures claimed.");
  return h("ol", { class: "claims" }, claims.map((c) => {
    const n = c.low === c.high || c.high === null ? `${c.low ?? "?"}` : `${c.low ?? "?"}–${c.high}`;
    const chain = c.claimant_chain.length ? c.claimant_chain : ["(unattributed)"];
    const rtl = isArabic(chain.join(" ")) || (isArabic(c.sentence || "") && !chain.some((w) => /[A-Za-z]/.test(w)));
    const arrow = rtl ? " ← " : " → ";
    return h("li", { class: "claim" },
      h("strong", {}, `${n} ${c.quantity}`), c.what ? [" (", h("bdi", {}, c.what), ")"] : "", c.civilian ? " · civilians" : "",
      h("div", { class: "chain" }, "according to ",
        h("span", { class: "chain-items", dir: rtl ? "rtl" : "ltr", lang: rtl ? "ar" : null },
          chain.map((who, i) => [i ? h("span", { class: "arrow" }, arrow) : null, h("bdi", { class: "who" }, who)]))),
      c.sentence ? h("blockquote", { dir: isArabic(c.sentence) ? "rtl" : "auto" }, c.sentence) : null);
  }));
}

function auditTable(audit) {
  if (!audit.length) return h("p", { class: "muted", id: "audit-empty" }, "Not reviewed yet.");
  const show = (o) => Object.entries(o).map(([k, v]) => `${k}: ${v === null ? "∅" : v}`).join("; ");
  return h("table", { class: "audit", id: "audit" },
    h("thead", {}, h("tr", {}, ["When", "Who", "Action", "Before", "After", "Note"].map((t) => h("th", {}, t)))),
    h("tbody", {}, audit.map((a) => h("tr", {}, h("td", {}, a.at.replace("T", " ").slice(0, 19)), h("td", {}, a.who),
      h("td", {}, a.action), h("td", {}, show(a.before)), h("td", {}, show(a.after)), h("td", {}, a.note || "")))));
}

function reviewPanel(detail, reload, openEdit) {
  const e = detail.event;
  const msg = h("div", { class: "review-msg", id: "review-msg" });
  const send = async (body) => {
    msg.replaceChildren(h("span", { class: "muted" }, "Saving…"));
    try {
      await api(`/api/events/${encodeURIComponent(e.event_id_cnty)}`, {
        method: "PATCH", auth: true, json: body });
      await reload();
    } catch (err) {
      msg.replaceChildren(errorBox(err));
    }
  };
  const inputs = EDITABLE.map(([name, type]) => h("label", {}, name, fieldInput(name, type, e[name], `edit-${name}`)));
  const form = h("form", { class: "edit", id: "edit-form" }, inputs,
    h("button", { type: "submit", id: "save-edit" }, "Save edit"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const fields = changedFields(form, e);
    if (!Object.keys(fields).length) { msg.replaceChildren(h("span", { class: "muted" }, "Nothing changed.")); return; }
    send({ action: "edit", fields });
  });
  return h("section", { class: "review" }, h("h2", {}, "Review"),
    h("div", { class: "review-bar" }, tokenField(),
      h("button", { type: "button", id: "accept", onclick: () => send({ action: "accept" }) }, "Accept"),
      h("button", { type: "button", id: "reject", class: "danger", onclick: () => send({ action: "reject" }) }, "Reject")),
    h("span", { class: "muted" }, "the audit records the token's name"),
    msg, h("details", { id: "edit", open: openEdit }, h("summary", {}, "Edit fields"), form),
    splitPanel(detail, msg, reload));
}

// Split: a merged event gives some of its documents to a new event; a single-report event gets
// a second event with the fields that differ (another place or date the coder collapsed).
function splitPanel(detail, msg, reload) {
  const e = detail.event;
  const docs = detail.merged_from;
  const post = async (body) => {
    msg.replaceChildren(h("span", { class: "muted" }, "Splitting…"));
    try {
      const out = await api(`/api/events/${encodeURIComponent(e.event_id_cnty)}/split`, {
        method: "POST", auth: true, json: body });
      const id = out.created.event.event_id_cnty;
      await reload();
      document.getElementById("review-msg").replaceChildren("Split: new event ",
        h("a", { href: `#/event/${encodeURIComponent(id)}`, id: "split-created" }, id));
    } catch (err) {
      msg.replaceChildren(errorBox(err));
    }
  };
  if (docs.length > 1) {
    const boxes = docs.map((d) => h("label", { class: "split-doc" },
      h("input", { type: "checkbox", value: d, id: `split-doc-${d}` }), ` ${d}`));
    const button = h("button", { type: "button", id: "split-docs" }, "Move chosen documents to a new event");
    button.addEventListener("click", () => {
      const documents = boxes.map((b) => b.querySelector("input")).filter((i) => i.checked).map((i) => i.value);
      if (!documents.length) { msg.replaceChildren(h("span", { class: "muted" }, "Choose documents to move.")); return; }
      post({ documents });
    });
    return h("details", { id: "split" }, h("summary", {}, "Split event"),
      h("p", { class: "muted" }, "The reports of the chosen documents become a new event; both are recomputed."),
      h("div", { class: "split-docs" }, boxes), button);
  }
  const inputs = EDITABLE.map(([name, type]) => h("label", {}, name, fieldInput(name, type, e[name], `split-${name}`)));
  const form = h("form", { class: "edit", id: "split-form" }, inputs,
    h("button", { type: "submit", id: "split-fields" }, "Create second event"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const fields = changedFields(form, e);
    if (!Object.keys(fields).length) { msg.replaceChildren(h("span", { class: "muted" }, "Change a field for the new event.")); return; }
    post({ fields });
  });
  return h("details", { id: "split" }, h("summary", {}, "Split event"),
    h("p", { class: "muted" }, "A second event from the same report, with the fields you change."), form);
}

function changedFields(form, e) {
  const fields = {};
  for (const [name, type] of EDITABLE) {
    const raw = form.elements[name].value.trim();
    const value = raw === "" ? null : type === "number" ? Number(raw) : raw;
    if (value !== (e[name] ?? null)) fields[name] = value;
  }
  return fields;
}

// Arabic by its language tag, or by its letters: most of them in Arabic script.
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/gu;
export function isArabic(text, language = null) {
  if (language && /^ar\b/i.test(language)) return true;
  const letters = (text.match(/\p{L}/gu) || []).length;
  return letters > 0 && (text.match(ARABIC) || []).length / letters > 0.5;
}

// Loose equality of a span's text and a framing term: case, Arabic diacritics, tatweel and the
// alef/ya/ta marbuta variants folded (the Arabic tagger matches a normalised text).
const fold = (t) => t.normalize("NFKD").replace(/[\u064B-\u065F\u0670\u0640\u0300-\u036f]/g, "")
  .replace(/[\u0622\u0623\u0625\u0671]/g, "\u0627").replace(/\u0649/g, "\u064A").replace(/\u0629/g, "\u0647")
  .toLowerCase().trim();

// Spans of this document only: evidence and claims carry a doc id; framing flags do not (merged
// events keep one flag per term, from whichever report had it first), so on an event with several
// documents a flag is drawn only where that document's characters at its span are its term.
export function spansFor(doc, event, nDocs) {
  const spans = event.evidence.filter((s) => s.doc_id === doc.id)
    .map((s) => ({ start: s.start, end: s.end, cls: `ev-${s.field.replace(/[^a-z0-9_-]/gi, "")}`, title: s.field }));
  for (const c of event.claims) {
    if ((c.doc_id === doc.id || (!c.doc_id && nDocs === 1)) && Number.isInteger(c.start)) {
      spans.push({ start: c.start, end: c.end, cls: "ev-claim", title: `claim: ${c.quantity}` });
    }
  }
  for (const f of event.framing) {
    if (!Number.isInteger(f.start) || !Number.isInteger(f.end)) continue;
    const mine = f.doc_id ? f.doc_id === doc.id
      : nDocs === 1 || fold(doc.text.slice(f.start, f.end)) === fold(f.term);
    if (mine) spans.push({ start: f.start, end: f.end, cls: "ev-framing", title: `framing: ${f.term} → ${f.normalised}` });
  }
  return spans;
}

function documentBlock(doc, event, nDocs) {
  const rtl = isArabic(doc.text, doc.language);
  const textDir = rtl ? "rtl" : (doc.language ? "ltr" : "auto");
  return h("article", { class: `doc${rtl ? " rtl" : ""}`, dataset: { doc: doc.id } },
    h("h3", {}, h("a", { href: `#/document/${encodeURIComponent(doc.id)}`, dir: "auto" }, doc.title || doc.id),
      h("span", { class: "muted" }, " ", [doc.source, doc.date].filter(Boolean).map((v, i) => [i ? " · " : "", h("bdi", {}, v)]))),
    h("div", { class: "text", id: `text-${doc.id}`, dir: textDir, lang: rtl ? "ar" : doc.language || null },
      highlighted(doc.text, spansFor(doc, event, nDocs))));
}

function mergeBlock(merges, reload) {
  if (!merges || (!merges.merges.length && merges.framing.length < 2)) return null;
  const rows = merges.merges.map((m) => {
    const label = m.kind === "split-base" ? "first report after split"
      : m.kind === "split-undone" ? "superseded by split" : m.undone_at ? "undone" : "Undo merge";
    const undo = h("button", { type: "button", class: "undo" }, label);
    undo.disabled = Boolean(m.undone_at);
    undo.addEventListener("click", async () => {
      try { await api(`/api/merges/${m.id}/undo`, { method: "POST", auth: true }); await reload(); }
      catch (err) { undo.replaceWith(errorBox(err)); }
    });
    const why = Object.entries(m.features || {}).map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v) : v}`).join("; ");
    return h("tr", {}, h("td", {}, m.doc_id), h("td", {}, (m.score ?? 0).toFixed(2)), h("td", {}, why), h("td", {}, undo));
  });
  const framing = merges.framing.map((f) => h("li", {}, `${f.source}: `, f.terms.map((t) => `“${t.term}” → ${t.normalised} ×${t.count}`).join(", ") || "no partisan terms"));
  return [
    merges.merges.length ? [h("h2", {}, "Merge history"), tokenField(),
      h("table", { class: "events merges" }, h("thead", {}, h("tr", {}, ["report", "score", "why", ""].map((c) => h("th", {}, c)))), h("tbody", {}, rows))] : null,
    framing.length ? [h("h2", {}, "Framing by outlet"), h("ul", { class: "framing-by-outlet" }, framing)] : null,
  ];
}

// The event's place outline (when the gazetteer has one) with the event point on it.
function placeMap(e, feature) {
  if (!feature || e.latitude === null || e.longitude === null) return null;
  const row = { id: e.event_id_cnty, type: e.event_type, lat: e.latitude, lon: e.longitude, fatalities: e.fatalities };
  const p = feature.properties;
  return h("section", { class: "place-map", id: "place-map" }, h("h2", {}, `Place: ${p.name} (${p.kind})`),
    renderMap([row], { shapes: [feature], minSpan: 0.01, onBbox: () => {}, onOpen: () => {} }));
}

// The control timelines of the places a territory event took (a capture coded at its city names
// the neighbourhoods that changed hands: those have the timelines, as `sitrep control` lists).
const TERRITORY = ["Non-state actor overtakes territory", "Government regains territory",
  "Non-violent transfer of territory"];
function controlLinks(e, control) {
  const places = control && control.places && control.places.length ? control.places : e.location ? [e.location] : [];
  return places.map((p) => [" · ", h("a", { class: "control-link", href: `#/place/${encodeURIComponent(p)}` },
    places.length > 1 || p !== e.location ? `control timeline: ${p}` : "control timeline")]);
}

// renderEvent(view, id, params): params "edit=1" opens the edit form (the review queue's "e").
export async function renderEvent(view, id, params) {
  let openEdit = Boolean(params && params.get("edit"));
  const load = async () => {
    const detail = await api(`/api/events/${encodeURIComponent(id)}`);
    const e = detail.event;
    const [merges, place, control] = await Promise.all([
      api(`/api/events/${encodeURIComponent(id)}/merges`).catch(() => null),
      api(`/api/events/${encodeURIComponent(id)}/place`).catch(() => null),
      TERRITORY.includes(e.sub_event_type) ? api(`/api/control?${qs({ event: id })}`).catch(() => null) : null]);
    const badge = h("span", { class: `badge ${e.status}`, id: "status" }, e.status);
    const dot = h("i", { class: "dot big" });
    dot.style.background = colorOf(e.event_type);
    view.replaceChildren(
      h("p", {}, h("a", { href: "#/" }, "‹ All events")),
      h("h1", {}, dot, `${e.sub_event_type || e.event_type || "Event"} — ${e.location || "unknown place"}, ${e.event_date || "undated"} `, badge),
      h("p", { class: "muted" }, e.event_id_cnty, controlLinks(e, control)),
      h("div", { class: "event-grid" },
        h("div", {}, fieldRows(e), placeMap(e, place && place.place), reviewPanel(detail, load, openEdit)),
        h("div", {},
          h("h2", {}, "Evidence"),
          h("p", { class: "legend-row" }, h("mark", { class: "hl ev-trigger" }, "event"), " ",
            h("mark", { class: "hl ev-claim" }, "figure"), " ", h("mark", { class: "hl ev-date" }, "date"), " ",
            h("mark", { class: "hl ev-location" }, "place"), " ", h("mark", { class: "hl ev-actor1" }, "actor"), " ",
            h("mark", { class: "hl ev-framing" }, "framing")),
          detail.documents.length ? detail.documents.map((d) => documentBlock(d, e, detail.documents.length)) : h("p", { class: "muted" }, "Document not stored."),
          h("h2", {}, "Claimed figures"), claimList(e.claims),
          (e.why || []).length ? [h("h2", {}, "Why this event"), h("ul", { class: "why" }, e.why.map((w) => h("li", {}, w)))] : null,
          e.framing.length ? [h("h2", {}, "Framing"), h("ul", {}, e.framing.map((f) => h("li", {}, `“${f.term}” → ${f.normalised} (${f.kind})`)))] : null,
          detail.merged_from.length ? [h("h2", {}, "Merged from"), h("ul", { class: "merged" }, detail.merged_from.map((d) => h("li", {}, h("a", { href: `#/document/${encodeURIComponent(d)}` }, d))))] : null,
          mergeBlock(merges, load),
          h("h2", {}, "Audit trail"), auditTable(detail.audit))));
    openEdit = false;
    const field = view.querySelector("#edit[open] select, #edit[open] input");
    if (field && params && params.get("edit")) field.focus();
  };
  await load();
}
