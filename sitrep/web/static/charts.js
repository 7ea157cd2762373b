// Bar lists of the top actors and admin1 regions of the events the filters match, counted by the
// server in SQL (/api/events/stats) so they agree with the table and the map at any size; click a
// name to filter by it.
import { api, fmtNumber, h, qs } from "./util.js";

const LISTS = [["actor", "Top actors", "actor"], ["admin1", "Top admin1", "admin1"]];
const LIMIT = 10;

function barList(body, by, onPick) {
  if (!body.values.length) return h("p", { class: "muted" }, "None.");
  const max = Math.max(...body.values.map((v) => v.events), 1);
  return h("ol", { class: "top-list", id: `top-${by}`, dataset: { total: body.total } },
    body.values.map((v) => {
      const bar = h("span", { class: "top-bar" });
      bar.style.width = `${(100 * v.events) / max}%`;
      return h("li", { dataset: { value: v.value, events: v.events } },
        h("button", { type: "button", title: `${v.value}: ${fmtNumber(v.events)} events, ${fmtNumber(v.fatalities)} fatalities`,
          onclick: () => onPick(v.value) },
        bar, h("span", { class: "top-n" }, fmtNumber(v.events)), h("bdi", { class: "top-name" }, v.value)));
    }));
}

// renderTops(filters, onFilter) -> <figure>; onFilter(name, value) adds a filter.
export function renderTops(filters, onFilter) {
  const { sort, ...rest } = filters;
  const boxes = LISTS.map(([by, title]) => h("div", { class: "top-box" }, h("h3", {}, title),
    h("p", { class: "muted", id: `top-${by}-loading` }, "…")));
  LISTS.forEach(([by, , filter], i) => {
    api(`/api/events/stats?${qs({ ...rest, by, limit: LIMIT })}`)
      .then((body) => boxes[i].replaceChildren(boxes[i].firstChild, barList(body, by, (v) => onFilter(filter, v))))
      .catch(() => boxes[i].replaceChildren(boxes[i].firstChild, h("p", { class: "muted" }, "unavailable")));
  });
  return h("figure", { class: "tops-wrap" }, h("div", { class: "tops" }, boxes),
    h("figcaption", { class: "muted" }, "Events per actor (actor 1 or 2) and admin1 under the filters; click one to filter."));
}
