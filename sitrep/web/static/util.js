// Small helpers shared by the views: DOM building (no innerHTML with data), API calls, colours.

const SVG_NS = "http://www.w3.org/2000/svg"; // a namespace name, not a download

export const TYPE_COLORS = {
  "Battles": "#d62728",
  "Explosions/Remote violence": "#ff7f0e",
  "Violence against civilians": "#9467bd",
  "Protests": "#1f77b4",
  "Riots": "#e377c2",
  "Strategic developments": "#2ca02c",
};
export const EVENT_TYPES = Object.keys(TYPE_COLORS);
export const STATUSES = ["new", "accepted", "edited", "rejected"];

export function colorOf(type) {
  return TYPE_COLORS[type] || "#7f7f7f";
}

// h("a", {href: "#/"}, "text", child) -> element; attributes starting with "on" are listeners.
export function h(tag, attrs, ...children) {
  const svg = ["svg", "g", "circle", "rect", "line", "text", "title", "path", "polyline"].includes(tag);
  const el = svg ? document.createElementNS(SVG_NS, tag)
    : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export class ApiError extends Error {
  constructor(status, body) {
    const err = (body && body.error) || {};
    super(err.message || `HTTP ${status}`);
    this.status = status;
    this.code = err.code || "http_error";
    this.detail = err.detail;
  }
}

export async function api(path, options = {}) {
  const opts = { ...options, headers: { Accept: "application/json", ...(options.headers || {}) } };
  if (opts.json !== undefined) {
    opts.body = JSON.stringify(opts.json);
    opts.headers["Content-Type"] = "application/json";
    delete opts.json;
  }
  if (opts.auth) {
    opts.headers.Authorization = `Bearer ${getToken()}`;
    delete opts.auth;
  }
  const res = await fetch(path, opts);
  const text = await res.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

const TOKEN_KEY = "sitrep.token";
export function getToken() { return sessionStorage.getItem(TOKEN_KEY) || ""; }
export function setToken(value) { sessionStorage.setItem(TOKEN_KEY, value || ""); }

// A token field bound to sessionStorage (kept for this tab only).
export function tokenField() {
  const input = h("input", { type: "password", id: "token", placeholder: "API token",
    autocomplete: "off", value: getToken(), size: 28 });
  input.addEventListener("input", () => setToken(input.value.trim()));
  return h("label", { class: "token", title: "The audit trail records this token's name as the reviewer" }, "Token ", input);
}

export function fmtNumber(n) {
  return n === null || n === undefined ? "–" : Number(n).toLocaleString("en");
}

export function qs(params) {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) out.set(k, v);
  return out.toString();
}

export function errorBox(err) {
  const detail = Array.isArray(err.detail)
    ? err.detail.map((d) => `${d.field || (d.loc || []).join(".")}: ${d.reason || d.msg}`).join("; ") : "";
  return h("p", { class: "error", role: "alert" }, `${err.message}${detail ? ` (${detail})` : ""}`);
}
