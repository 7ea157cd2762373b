// Timeline: events per day (or week/month over long spans) as SVG bars; click a bar to filter.
import { h } from "./util.js";

const W = 640;
const H = 260;
const PAD_L = 36;
const PAD_B = 22;
const DAY = 86400000;

function bucketOf(span) {
  if (span <= 180) return "day";
  if (span <= 1100) return "week";
  return "month";
}

function keyOf(date, bucket) {
  const d = new Date(`${date}T00:00:00Z`);
  if (bucket === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  if (bucket === "week") return d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY;
  return d.getTime();
}

function nextKey(key, bucket) {
  const d = new Date(key);
  if (bucket === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return key + (bucket === "week" ? 7 : 1) * DAY;
}

const iso = (t) => new Date(t).toISOString().slice(0, 10);

export function renderTimeline(rows, { onRange }) {
  const dated = rows.filter((r) => r.date);
  if (!dated.length) return h("p", { class: "muted" }, "No dated events.");
  const times = dated.map((r) => new Date(`${r.date}T00:00:00Z`).getTime());
  const first = Math.min(...times); const last = Math.max(...times);
  const bucket = bucketOf((last - first) / DAY + 1);
  const counts = new Map();
  for (const r of dated) {
    const k = keyOf(r.date, bucket);
    counts.set(k, (counts.get(k) || 0) + 1);
  }
  const keys = [];
  for (let k = keyOf(iso(first), bucket); k <= last; k = nextKey(k, bucket)) keys.push(k);
  const max = Math.max(...counts.values());
  const bw = Math.min((W - PAD_L - 8) / keys.length, 48);
  const svg = h("svg", { viewBox: `0 0 ${W} ${H}`, class: "timeline", role: "img",
    "aria-label": `events per ${bucket}` });
  svg.append(h("line", { x1: PAD_L, x2: W - 4, y1: H - PAD_B, y2: H - PAD_B, class: "axis" }),
    h("text", { x: 4, y: 12, class: "tick" }, String(max)), h("text", { x: 4, y: H - PAD_B, class: "tick" }, "0"));
  keys.forEach((k, i) => {
    const n = counts.get(k) || 0;
    const bh = max ? ((H - PAD_B - 8) * n) / max : 0;
    const to = iso(nextKey(k, bucket) - DAY);
    const label = bucket === "day" ? iso(k) : `${iso(k)} – ${to}`;
    svg.append(h("rect", {
      x: (PAD_L + i * bw + 0.5).toFixed(2), y: (H - PAD_B - bh).toFixed(2),
      width: Math.max(bw - 1, 0.8).toFixed(2), height: bh.toFixed(2), class: "bar",
      onclick: () => onRange(iso(k), to),
    }, h("title", {}, `${label}: ${n} event${n === 1 ? "" : "s"}`)));
  });
  const ticks = Math.min(keys.length, 8);
  for (let j = 0; j < ticks; j += 1) {
    const i = Math.round((j * (keys.length - 1)) / Math.max(ticks - 1, 1));
    const end = j === ticks - 1 && ticks > 1;
    svg.append(h("text", { x: end ? W - 4 : PAD_L + i * bw, y: H - 6, class: "tick",
      "text-anchor": end ? "end" : "start" }, iso(keys[i])));
  }
  return h("figure", { class: "timeline-wrap" }, svg,
    h("figcaption", { class: "muted" }, `Events per ${bucket}; click a bar to filter those dates.`));
}
