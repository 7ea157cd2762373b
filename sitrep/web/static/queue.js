// The review queue: the events the filters match, not yet reviewed first, then the least
// confident (/api/events?sort=queue). Tick events (or take the one under the cursor) and accept or
// reject them in one call (/api/events/review: all or nothing, one audit row each, under the
// token's name). Keyboard: j/k move, x ticks, a accepts, r rejects, e edits, o opens, ? help.
import { api, colorOf, errorBox, fmtNumber, h, qs, tokenField } from "./util.js";

const PAGE = 50;
const FILTERS = ["date_from", "date_to", "country", "admin1", "event_type", "sub_event_type", "actor", "q",
  "status", "min_fatalities", "bbox"];
const KEYS = [["j", "next event"], ["k", "previous event"], ["x", "tick / untick the event"],
  ["a", "accept the ticked events (or the current one)"], ["r", "reject the ticked events (or the current one)"],
  ["e", "edit the current event"], ["o", "open the current event"], ["?", "show / hide this help"]];

let state = null; // the queue on screen: {rows, cursor, ticked, act, go}

function help() {
  return h("details", { class: "shortcuts", id: "shortcuts", open: true },
    h("summary", {}, "Keyboard shortcuts"),
    h("dl", {}, KEYS.map(([k, what]) => [h("dt", {}, h("kbd", {}, k)), h("dd", {}, what)])));
}

function row(e, i) {
  const dot = h("i", { class: "dot" });
  dot.style.background = colorOf(e.event_type);
  const box = h("input", { type: "checkbox", class: "tick", "aria-label": `select ${e.event_id_cnty}`,
    onclick: (ev) => { ev.stopPropagation(); toggle(i, box.checked); } });
  return h("tr", { class: "row", dataset: { id: e.event_id_cnty }, "aria-selected": "false",
    onclick: () => move(i - state.cursor) },
  h("td", { class: "check" }, box),
  h("td", {}, h("a", { href: `#/event/${encodeURIComponent(e.event_id_cnty)}` }, e.event_date || "–")),
  h("td", {}, dot, e.event_type || "–"), h("td", {}, e.sub_event_type || "–"), h("td", { dir: "auto" }, e.actor1 || "–"),
  h("td", { dir: "auto" }, [e.location, e.country].filter(Boolean).join(", ") || "–"),
  h("td", { class: "num" }, fmtNumber(e.fatalities)),
  h("td", { class: "num conf" }, e.confidence === null || e.confidence === undefined ? "–" : e.confidence.toFixed(2)),
  h("td", {}, h("span", { class: `badge ${e.status}` }, e.status)));
}

function rowsEl() { return [...document.querySelectorAll("#queue tbody tr.row")]; }

function move(delta) {
  const trs = rowsEl();
  if (!state || !trs.length) return;
  state.cursor = Math.max(0, Math.min(trs.length - 1, state.cursor + delta));
  trs.forEach((tr, i) => {
    tr.classList.toggle("current", i === state.cursor);
    tr.setAttribute("aria-selected", String(i === state.cursor));
  });
  trs[state.cursor].scrollIntoView({ block: "nearest" });
  document.getElementById("queue").dataset.cursor = trs[state.cursor].dataset.id;
}

function toggle(i, on) {
  const id = state.rows[i].event_id_cnty;
  if (on) state.ticked.add(id); else state.ticked.delete(id);
  rowsEl()[i].querySelector("input.tick").checked = on;
  document.getElementById("ticked").textContent = `${state.ticked.size} ticked`;
}

function onKey(ev) {
  if (!state || !document.getElementById("queue")) return;
  const t = ev.target;
  if (ev.ctrlKey || ev.metaKey || ev.altKey || (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName) && t.type !== "checkbox")) return;
  const current = state.rows[state.cursor];
  const actions = {
    j: () => move(1), k: () => move(-1),
    x: () => current && toggle(state.cursor, !state.ticked.has(current.event_id_cnty)),
    a: () => state.act("accept"), r: () => state.act("reject"),
    e: () => current && state.go(["event", current.event_id_cnty], { edit: 1 }),
    o: () => current && state.go(["event", current.event_id_cnty]),
    "?": () => { const d = document.getElementById("shortcuts"); d.open = !d.open; },
  };
  if (!actions[ev.key]) return;
  ev.preventDefault();
  actions[ev.key]();
}
document.addEventListener("keydown", onKey);

export async function renderQueue(view, params, go) {
  const filters = {};
  for (const k of FILTERS) if (params.get(k)) filters[k] = params.get(k);
  const offset = Math.max(parseInt(params.get("offset") || "0", 10) || 0, 0);
  const keep = state && state.key === qs({ ...filters, offset }) ? state.cursor : 0;
  const page = await api(`/api/events?${qs({ ...filters, sort: "queue", limit: PAGE, offset })}`);
  const msg = h("div", { id: "queue-msg", role: "status" });
  const act = async (action) => {
    const ids = state.ticked.size ? [...state.ticked] : state.rows[state.cursor] ? [state.rows[state.cursor].event_id_cnty] : [];
    if (!ids.length) return;
    msg.replaceChildren(h("span", { class: "muted" }, "Saving…"));
    try {
      const out = await api("/api/events/review", { method: "POST", auth: true, json: { action, ids } });
      await renderQueue(view, params, go);
      document.getElementById("queue-msg").replaceChildren(
        `${out.action === "accept" ? "Accepted" : "Rejected"} ${out.changed} event${out.changed === 1 ? "" : "s"} as ${out.by}.`);
    } catch (err) {
      msg.replaceChildren(errorBox(err));
    }
  };
  state = { rows: page.items, cursor: Math.min(keep, Math.max(page.items.length - 1, 0)), ticked: new Set(), act, go,
    key: qs({ ...filters, offset }) };
  const chips = Object.entries(filters).map(([k, v]) => h("span", { class: "chip" }, `${k}: ${v}`));
  const all = h("input", { type: "checkbox", id: "tick-all", "aria-label": "tick every event on this page",
    onclick: () => state.rows.forEach((_, i) => toggle(i, all.checked)) });
  const last = Math.min(offset + PAGE, page.total);
  view.replaceChildren(
    h("h1", {}, "Review queue ", h("span", { class: "muted count" }, fmtNumber(page.total))),
    h("p", { class: "muted" }, "Not yet reviewed first, then the least confident. ", chips,
      chips.length ? h("a", { href: "#/review" }, " × all events") : null),
    help(),
    h("div", { class: "queue-bar" }, tokenField(), h("span", { id: "ticked", class: "muted" }, "0 ticked"),
      h("button", { type: "button", id: "bulk-accept", onclick: () => act("accept") }, "Accept (a)"),
      h("button", { type: "button", id: "bulk-reject", class: "danger", onclick: () => act("reject") }, "Reject (r)")),
    msg,
    h("section", { class: "table-wrap" },
      h("table", { class: "events queue", id: "queue" },
        h("thead", {}, h("tr", {}, h("th", {}, all), ["Date", "Type", "Sub-type", "Actor 1", "Place", "Fatalities",
          "Confidence", "Review"].map((c) => h("th", {}, c)))),
        h("tbody", {}, page.items.length ? page.items.map(row)
          : h("tr", {}, h("td", { colspan: 9, class: "muted" }, "Nothing to review.")))),
      h("div", { class: "pager" },
        h("button", { type: "button", disabled: offset <= 0, onclick: () => go(["review"], { ...filters, offset: Math.max(offset - PAGE, 0) }) }, "‹ Previous"),
        h("span", {}, page.total ? `${offset + 1}–${last} of ${fmtNumber(page.total)}` : ""),
        h("button", { type: "button", disabled: last >= page.total, onclick: () => go(["review"], { ...filters, offset: offset + PAGE }) }, "Next ›"))));
  move(0);
}
