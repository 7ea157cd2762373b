// Timeline: events or fatalities (a toggle) per day, week, month or year as SVG bars; click a bar to
// filter its dates. The bins cover the bulk of the dates (a fence of 3 interquartile ranges around
// the middle half): a stray date years away is drawn as an edge bar ("earlier" / "later") instead
// of widening the bins until a month is one bar. Axis labels are thinned to the width they need.
import { h } from "./util.js";

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
  const dated = rows.filter((r) => r.date).map((r) => ({ t: timeOf(r.date), f: r.fatalities || 0 }));
  dated.sort((a, b) => a.t - b.t);
  const [lo, hi] = mainRange(dated.map((d) => d.t));
  const bucket = bucketOf((hi - lo) / DAY + 1);
  const bins = [];
  const index = new Map();
  for (let k = keyOf(lo, bucket); k <= hi; k = nextKey(k, bucket)) {
    index.set(k, bins.length);
    bins.push({ from: iso(k), to: iso(nextKey(k, bucket) - DAY), label: labelOf(k, bucket), events: 0, fatalities: 0 });
  }
  const edge = () => ({ events: 0, fatalities: 0, from: null, to: null });
  const early = edge(); const late = edge();
  for (const d of dated) {
    const bin = d.t < lo ? early : d.t > hi ? late : bins[index.get(keyOf(d.t, bucket))];
    bin.events += 1;
    bin.fatalities += d.f;
    if (bin === early || bin === late) { // edges span their own dates (sorted: first seen is first)
      bin.from = bin.from || iso(d.t);
      bin.to = iso(d.t);
    }
  }
  return { bucket, bins, early, late };
}

const plural = (n, one, many) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
const valueText = (b) => `${plural(b.events, "event", "events")}, ${plural(b.fatalities, "fatality", "fatalities")}`;

function chart(binned, which, onRange) {
  const { bucket, bins, early, late } = binned;
  const left = PAD_L + (early.events ? EDGE : 0);
  const right = W - PAD_R - (late.events ? EDGE : 0);
  const bw = Math.min((right - left) / bins.length, 48);
  const max = Math.max(1, ...bins.map((b) => b[which]), early[which], late[which]);
  const svg = h("svg", { viewBox: `0 0 ${W} ${H}`, class: "timeline", role: "img",
    "aria-label": `${MEASURES[which].toLowerCase()} per ${bucket}`, dataset: { measure: which, bucket, bins: bins.length } });
  svg.append(h("line", { x1: PAD_L, x2: W - PAD_R, y1: H - PAD_B, y2: H - PAD_B, class: "axis" }),
    h("text", { x: 4, y: 12, class: "tick y-max" }, max.toLocaleString("en")), h("text", { x: 4, y: H - PAD_B, class: "tick" }, "0"));
  const bar = (x, width, b, cls, title, from, to) => {
    const bh = ((H - PAD_B - 8) * b[which]) / max;
    svg.append(h("rect", { x: x.toFixed(2), y: (H - PAD_B - bh).toFixed(2), width: Math.max(width, 0.8).toFixed(2),
      height: bh.toFixed(2), class: cls, dataset: { value: b[which], from, to }, onclick: () => onRange(from, to) },
    h("title", {}, `${title}: ${valueText(b)}`)));
  };
  bins.forEach((b, i) => bar(left + i * bw + 0.5, bw - 1, b, "bar", b.from === b.to ? b.from : `${b.from} – ${b.to}`, b.from, b.to));
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

export function renderTimeline(rows, { onRange }) {
  if (!rows.some((r) => r.date)) return h("p", { class: "muted" }, "No dated events.");
  const binned = binRows(rows);
  const caption = h("figcaption", { class: "muted" });
  const figure = h("figure", { class: "timeline-wrap" });
  const toggle = h("div", { class: "timeline-toggle", role: "group", "aria-label": "measure" });
  const draw = () => {
    for (const b of toggle.children) b.setAttribute("aria-pressed", String(b.dataset.measure === measure));
    const outside = binned.early.events + binned.late.events;
    caption.textContent = `${MEASURES[measure]} per ${binned.bucket}; click a bar to filter those dates.`
      + (outside ? ` ${plural(outside, "event", "events")} far outside the main range shown at the edges.` : "");
    figure.replaceChildren(toggle, chart(binned, measure, onRange), caption);
  };
  for (const [key, label] of Object.entries(MEASURES)) {
    toggle.append(h("button", { type: "button", class: "secondary", dataset: { measure: key },
      onclick: () => { measure = key; draw(); } }, label));
  }
  draw();
  return figure;
}
