// Pickers: select lists built from ACLED's codebook (/api/events/taxonomy) for the review forms,
// and from the stored data (/api/events/values) for the filter form. A reviewer picks a type,
// sub-type or inter code the server accepts instead of typing one; the sub-type list follows the
// chosen type, so a pair that does not belong together cannot be picked.
import { api, h } from "./util.js";

const CODED = ["event_type", "sub_event_type", "inter1", "inter2"];
let taxonomy = null;
const values = {};

export function loadTaxonomy() {
  taxonomy = taxonomy || api("/api/events/taxonomy");
  return taxonomy;
}

// Distinct stored values of a field, most frequent first (cached per page load).
export function loadValues(field) {
  values[field] = values[field] || api(`/api/events/values?field=${encodeURIComponent(field)}&limit=1000`)
    .then((body) => body.values.map((v) => v.value)).catch(() => []);
  return values[field];
}

function options(name, tx, form) {
  if (name === "event_type") return Object.keys(tx.event_types).map((t) => [t, t]);
  if (name === "sub_event_type") {
    const type = form && form.elements.event_type ? form.elements.event_type.value : "";
    const subs = tx.event_types[type] || Object.values(tx.event_types).flat();
    return subs.map((s) => [s, s]);
  }
  return Object.entries(tx.inter).map(([code, label]) => [code, `${code} – ${label}`]);
}

function fill(sel, name, tx) {
  const current = sel.value;
  const opts = options(name, tx, sel.form);
  sel.replaceChildren(h("option", { value: "" }, name === "inter2" ? "none" : "–"),
    ...opts.map(([value, label]) => h("option", { value, selected: value === current }, label)));
  if (current && !opts.some(([v]) => v === current)) sel.value = "";
}

// An edit-form control: a select for the coded fields, an input for the others.
export function fieldInput(name, type, value, id) {
  if (!CODED.includes(name)) {
    return h("input", { name, type, step: type === "number" ? "any" : null, value: value ?? "", id });
  }
  const sel = h("select", { name, id, class: "picker" }, h("option", { value: "" }, "–"));
  if (value !== null && value !== undefined) sel.append(h("option", { value, selected: true }, String(value)));
  loadTaxonomy().then((tx) => {
    fill(sel, name, tx);
    if (name === "sub_event_type" && sel.form && sel.form.elements.event_type) {
      sel.form.elements.event_type.addEventListener("change", () => fill(sel, name, tx));
    }
  }).catch(() => {});
  return sel;
}
