// Timeline: events or fatalities (a toggle) per day, week, month or year as SVG bars stacked by
// event type (the map's colours); click a bar, or move the two handles of the slider under it, to
// filter those dates (the map and the table follow). The bins cover the bulk of the dates (a fence of 3 interquartile ranges around
// the middle half): a stray date years away is drawn as an edge bar ("earlier" / "later") instead
// of widening the bins until a month is one bar. Axis labels are thinned to the width they need.
import { colorOf, EVENT_TYPES, h } from "./util.js";

const W = 640;
const H = 260;
const PAD_L = 40;
const PAD_R = 8;
const PAD_B = 22;
const EDGE = 26; // width of an outlier edge slot
const CHAR_W = 6.6; // upper bound of a tick label character's width at font-size 10 (viewBox units)
const EDGE_LABEL = 9; // characters of "‹ earlier" / "later ›"
const DAY = 86400000;
const MEASURES = { events: "Events", fatalities: "Fatalities" };
let measure = "events"; // kept across re-renders of the events view

const iso = (t) => new Date(t).toISOString().slice(0, 10);
const timeOf = (date) => new Date(`${date}T00:00:00Z`).getTime();

function bucketOf(spanDays) {
  if (spanDays <= 120) return "day";
  if (spanDays <= 730) return "week";
  if (spanDays <= 365 * 20) return "month";
  return "year";
}

function keyOf(t, bucket) {
  const d = new Date(t);
  if (bucket === "year") return Date.UTC(d.getUTCFullYear(), 0, 1);
  if (bucket === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  if (bucket === "week") return t - ((d.getUTCDay() + 6) % 7) * DAY;
  return t;
}

function nextKey(key, bucket) {
  const d = new Date(key);
  if (bucket === "year") return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
  if (bucket === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return key + (bucket === "week" ? 7 : 1) * DAY;
}

function labelOf(key, bucket) {
  if (bucket === "year") return iso(key).slice(0, 4);
  if (bucket === "month") return iso(key).slice(0, 7);
  return iso(key);
}

// The main range [lo, hi] of sorted times: within 3 IQRs (and a week) of the middle half.
export function mainRange(sorted) {
  const at = (p) => sorted[Math.floor(p * (sorted.length - 1))];
  const [q1, q3] = [at(0.25), at(0.75)];
  const fence = 3 * (q3 - q1) + 7 * DAY;
  const inside = sorted.filter((t) => t >= q1 - fence && t <= q3 + fence);
  return [inside[0], inside[inside.length - 1]];
}

// Bins (and edge outliers) of the rows: {bucket, bins: [{from, to, events, fatalities}], early, late}.
export function binRows(rows) {
  const dated = rows.filter((r) => r.date).map((r) => ({ t: timeOf(r.date), f: r.fatalities || 0, type: r.type || "" }));
  dated.sort((a, b) => a.t - b.t);
  const [lo, hi] = mainRange(dated.map((d) => d.t));
  const bucket = bucketOf((hi - lo) / DAY + 1);
  const bins = [];
  const index = new Map();
  for (let k = keyOf(lo, bucket); k <= hi; k = nextKey(k, bucket)) {
    index.set(k, bins.length);
    bins.push({ from: iso(k), to: iso(nextKey(k, bucket) - DAY), label: labelOf(k, bucket), events: 0, fatalities: 0,
      types: {} });
  }
  const edge = () => ({ events: 0, fatalities: 0, from: null, to: null });
  const early = edge(); const late = edge();
  for (const d of dated) {
    const bin = d.t < lo ? early : d.t > hi ? late : bins[index.get(keyOf(d.t, bucket))];
    bin.events += 1;
    bin.fatalities += d.f;
    if (bin.types) {
      const byType = bin.types[d.type] || (bin.types[d.type] = { events: 0, fatalities: 0 });
      byType.events += 1;
      byType.fatalities += d.f;
    }
    if (bin === early || bin === late) { // edges span their own dates (sorted: first seen is first)
      bin.from = bin.from || iso(d.t);
      bin.to = iso(d.t);
    }
  }
  return { bucket, bins, early, late };
}

const plural = (n, one, many) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
const valueText = (b) => `${plural(b.events, "event", "events")}, ${plural(b.fatalities, "fatality", "fatalities")}`;

function chart(binned, which, onRange, selected) {
  const { bucket, bins, early, late } = binned;
  const left = PAD_L + (early.events ? EDGE : 0);
  const right = W - PAD_R - (late.events ? EDGE : 0);
  const bw = Math.min((right - left) / bins.length, 48);
  const max = Math.max(1, ...bins.map((b) => b[which]), early[which], late[which]);
  const svg = h("svg", { viewBox: `0 0 ${W} ${H}`, class: "timeline", role: "img",
    "aria-label": `${MEASURES[which].toLowerCase()} per ${bucket}`, dataset: { measure: which, bucket, bins: bins.length } });
  svg.append(h("line", { x1: PAD_L, x2: W - PAD_R, y1: H - PAD_B, y2: H - PAD_B, class: "axis" }),
    h("text", { x: 4, y: 12, class: "tick y-max" }, max.toLocaleString("en")), h("text", { x: 4, y: H - PAD_B, class: "tick" }, "0"));
  const scale = (v) => ((H - PAD_B - 8) * v) / max;
  const stack = (x, width, b, dim) => { // one segment per type, bottom up in the legend's order
    let y = H - PAD_B;
    const order = [...EVENT_TYPES, ...Object.keys(b.types).filter((t) => !EVENT_TYPES.includes(t)).sort()];
    for (const type of order) {
      const v = b.types[type] ? b.types[type][which] : 0;
      if (!v) continue;
      y -= scale(v);
      const seg = h("rect", { x: x.toFixed(2), y: y.toFixed(2), width: Math.max(width, 0.8).toFixed(2),
        height: scale(v).toFixed(2), class: `seg${dim ? " dim" : ""}`, dataset: { type: type || "untyped", value: v } });
      seg.style.fill = colorOf(type);
      svg.append(seg);
    }
  };
  const bar = (x, width, b, cls, title, from, to) => {
    const bh = scale(b[which]);
    svg.append(h("rect", { x: x.toFixed(2), y: (H - PAD_B - bh).toFixed(2), width: Math.max(width, 0.8).toFixed(2),
      height: bh.toFixed(2), class: cls, dataset: { value: b[which], from, to }, onclick: () => onRange(from, to) },
    h("title", {}, `${title}: ${valueText(b)}`)));
  };
  const inside = (i) => !selected || (i >= selected[0] && i <= selected[1]);
  bins.forEach((b, i) => {
    stack(left + i * bw + 0.5, bw - 1, b, !inside(i));
    const title = b.from === b.to ? b.from : `${b.from} – ${b.to}`;
    const top = b.types ? Object.entries(b.types).sort((x, y) => y[1][which] - x[1][which])
      .filter(([, v]) => v[which]).map(([t, v]) => `${t || "untyped"} ${v[which].toLocaleString("en")}`).join(", ") : "";
    bar(left + i * bw + 0.5, bw - 1, b, "bar stacked", top ? `${title} (${top})` : title, b.from, b.to);
  });
  if (early.events) {
    bar(PAD_L + 2, EDGE - 8, early, "bar outlier", `earlier (${early.from} – ${early.to}, outside the main range)`, early.from, early.to);
    svg.append(h("text", { x: PAD_L + 2, y: H - 6, class: "tick edge" }, "‹ earlier"));
  }
  if (late.events) {
    bar(W - PAD_R - EDGE + 6, EDGE - 8, late, "bar outlier", `later (${late.from} – ${late.to}, outside the main range)`, late.from, late.to);
    svg.append(h("text", { x: W - PAD_R, y: H - 6, class: "tick edge", "text-anchor": "end" }, "later ›"));
  }
  // as many labels as fit side by side (with a gap), every `step`-th bin, clear of the edge labels
  const labelW = bins[0].label.length * CHAR_W + 12;
  const x0 = early.events ? PAD_L + 2 + EDGE_LABEL * CHAR_W + 8 : left;
  const x1 = late.events ? W - PAD_R - EDGE_LABEL * CHAR_W - 8 : W - PAD_R;
  const step = Math.max(1, Math.ceil(labelW / bw), Math.ceil(bins.length / Math.max(1, Math.floor((x1 - x0) / labelW))));
  const first = Math.max(0, Math.ceil((x0 - left) / bw));
  for (let i = first; i < bins.length; i += step) {
    const x = left + i * bw;
    if (x + labelW - 12 > x1) break;
    svg.append(h("text", { x: x.toFixed(2), y: H - 6, class: "tick x-label" }, bins[i].label));
  }
  return svg;
}

// The bins [first, last] that the date filter [from, to] covers (null: no date filter).
export function selectedBins(bins, from, to) {
  if (!from && !to) return null;
  let a = bins.findIndex((b) => !from || b.to >= from);
  let b = bins.length - 1 - [...bins].reverse().findIndex((x) => !to || x.from <= to);
  if (a < 0) a = bins.length - 1;
  if (b >= bins.length) b = 0;
  return [Math.min(a, b), Math.max(a, b)];
}

// Two handles over the bins: dragging dims the bars outside; letting go filters those dates
// (the whole range clears the date filter).
function slider(binned, selected, { onRange, onMove, geometry }) {
  const n = binned.bins.length;
  const [a, b] = selected || [0, n - 1];
  const lo = h("input", { type: "range", min: 0, max: n - 1, step: 1, value: a, id: "time-from", "aria-label": "first date" });
  const hi = h("input", { type: "range", min: 0, max: n - 1, step: 1, value: b, id: "time-to", "aria-label": "last date" });
  const text = h("output", { id: "time-range", for: "time-from time-to" });
  const ends = () => {
    const [x, y] = [Number(lo.value), Number(hi.value)].sort((p, q) => p - q);
    return [x, y];
  };
  const show = () => {
    const [x, y] = ends();
    text.textContent = x === 0 && y === n - 1 ? "all dates" : `${binned.bins[x].from} – ${binned.bins[y].to}`;
    return [x, y];
  };
  const moved = () => onMove(show());
  const done = () => {
    const [x, y] = show();
    if (x === 0 && y === n - 1) onRange("", "");
    else onRange(binned.bins[x].from, binned.bins[y].to);
  };
  for (const el of [lo, hi]) {
    el.addEventListener("input", moved);
    el.addEventListener("change", done);
  }
  show();
  const track = h("div", { class: "time-slider" }, lo, hi);
  track.style.marginLeft = `${(100 * geometry.left) / W}%`;
  track.style.marginRight = `${(100 * (W - geometry.right)) / W}%`;
  return h("div", { class: "time-slider-wrap" }, track,
    h("div", { class: "time-slider-text" }, "Dates: ", text,
      selected ? h("button", { type: "button", class: "link", id: "time-all", onclick: () => onRange("", "") }, "× all dates") : null));
}

// renderTimeline(rows, {onRange, from, to}): rows are every event but for the date filter
// [from, to], which the timeline shows as its selection.
export function renderTimeline(rows, { onRange, from, to }) {
  if (!rows.some((r) => r.date)) return h("p", { class: "muted" }, "No dated events.");
  const binned = binRows(rows);
  let selected = selectedBins(binned.bins, from, to);
  const caption = h("figcaption", { class: "muted" });
  const figure = h("figure", { class: "timeline-wrap" });
  const toggle = h("div", { class: "timeline-toggle", role: "group", "aria-label": "measure" });
  let svg = null;
  const plot = () => {
    const next = chart(binned, measure, onRange, selected);
    if (svg) svg.replaceWith(next);
    svg = next;
    return svg;
  };
  const left = PAD_L + (binned.early.events ? EDGE : 0);
  const right = W - PAD_R - (binned.late.events ? EDGE : 0);
  const bw = Math.min((right - left) / binned.bins.length, 48);
  const range = slider(binned, selected, { onRange, geometry: { left, right: left + bw * binned.bins.length },
    onMove: (sel) => { selected = sel; plot(); } });
  const draw = () => {
    for (const b of toggle.children) b.setAttribute("aria-pressed", String(b.dataset.measure === measure));
    const outside = binned.early.events + binned.late.events;
    caption.textContent = `${MEASURES[measure]} per ${binned.bucket}, stacked by event type; click a bar or move the `
      + "slider's handles to filter those dates (map and table follow)."
      + (outside ? ` ${plural(outside, "event", "events")} far outside the main range shown at the edges.` : "");
    svg = null;
    figure.replaceChildren(toggle, plot(), range, caption);
  };
  for (const [key, label] of Object.entries(MEASURES)) {
    toggle.append(h("button", { type: "button", class: "secondary", dataset: { measure: key },
      onclick: () => { measure = key; draw(); } }, label));
  }
  draw();
  return figure;
}
