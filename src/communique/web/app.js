// communique web page: explore events (timeline, actor network, event list) and check each
// coded field of an article against its text. Plain JS and SVG, no network beyond this server.
"use strict";

const QUAD = {
  1: ["verbal cooperation", "var(--q1)"],
  2: ["material cooperation", "var(--q2)"],
  3: ["verbal conflict", "var(--q3)"],
  4: ["material conflict", "var(--q4)"],
};
const PALETTE = ["#2857c5", "#c8372d", "#3b9c5a", "#e08a1e", "#7b4fc9", "#1f6f8b", "#b8860b", "#d6457f",
  "#5a6f86", "#2a9d8f", "#8c564b", "#6b8e23", "#9467bd", "#ff7f0e", "#17becf", "#7f7f7f"];
const SVGNS = "http://www.w3.org/2000/svg";
const FILTERS = ["actor", "type", "quad_class", "since", "until", "countries"];

// -- small helpers ---------------------------------------------------------------------------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

async function api(path, params) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v != null) url.searchParams.set(k, v);
  const response = await fetch(url);
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

function quadChip(quad, label) {
  return h("span", { class: `chip q${quad || 0}`, title: quad ? `quad class ${quad}: ${QUAD[quad][0]}` : "" }, label);
}

function colorOf(key, keys) {
  if (QUAD[key]) return QUAD[key][1];
  return PALETTE[Math.max(0, keys.indexOf(key)) % PALETTE.length];
}

function parseHash() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const [path, query] = raw.split("?");
  return { path, params: new URLSearchParams(query || "") };
}

function go(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v != null) q.set(k, v);
  const text = q.toString();
  const next = "#" + path + (text ? "?" + text : "");
  delete document.body.dataset.ready;
  if (location.hash === next) route().catch(showError);
  else location.hash = next;
}

// -- state -----------------------------------------------------------------------------------

let stats = null;
let nextCursor = null;
let currentFilters = {};

async function loadStats() {
  stats = await api("/v1/stats");
  const c = stats.counts;
  document.getElementById("db-stats").textContent =
    `${c.articles.toLocaleString()} articles · ${c.events.toLocaleString()} events`;
  for (const id of ["f-country-a", "f-country-b"]) {
    const sel = document.getElementById(id);
    for (const row of stats.countries) sel.append(h("option", { value: row.country }, `${row.country} (${row.events})`));
  }
  const types = document.getElementById("f-type");
  for (const row of stats.event_types) types.append(h("option", { value: row.event_type }, `${row.event_type} (${row.count})`));
}

function filtersFromForm() {
  const val = (id) => document.getElementById(id).value.trim();
  const a = val("f-country-a"), b = val("f-country-b");
  const f = { actor: val("f-actor"), type: val("f-type"), quad_class: val("f-quad"), since: val("f-since"), until: val("f-until") };
  if (a && b) f.countries = `${a},${b}`;
  else if (a || b) f.actor = f.actor || a || b;
  return f;
}

function formFromFilters(params) {
  const set = (id, v) => { document.getElementById(id).value = v || ""; };
  set("f-actor", params.get("actor"));
  set("f-type", params.get("type"));
  set("f-quad", params.get("quad_class"));
  set("f-since", params.get("since"));
  set("f-until", params.get("until"));
  const [a, b] = (params.get("countries") || ",").split(",");
  set("f-country-a", a);
  set("f-country-b", b);
}

// -- explore view ----------------------------------------------------------------------------

async function showExplore(params) {
  formFromFilters(params);
  currentFilters = {};
  for (const k of FILTERS) if (params.get(k)) currentFilters[k] = params.get(k);
  const csv = new URL("/v1/events", location.origin);
  for (const [k, v] of Object.entries({ ...currentFilters, format: "csv", limit: 1000 })) csv.searchParams.set(k, v);
  document.getElementById("csv-link").href = csv.toString();
  await Promise.all([drawTimeline(), drawNetwork(), loadEvents(true)]).catch(showError);
}

function showError(err) {
  const tbody = document.querySelector("#events tbody");
  tbody.replaceChildren(h("tr", {}, h("td", { colspan: 6, class: "muted" }, `Error: ${err.message}`)));
}

async function drawTimeline() {
  const interval = document.getElementById("f-interval").value;
  const by = document.getElementById("f-by").value;
  const data = await api("/v1/timeline", { ...currentFilters, interval, by });
  const box = document.getElementById("timeline");
  const legend = document.getElementById("timeline-legend");
  legend.replaceChildren();
  if (!data.buckets.length) {
    box.replaceChildren(h("div", { class: "empty" }, "No dated events match these filters."));
    return;
  }
  const buckets = fillBuckets([...new Set(data.buckets.map((b) => b.bucket))].sort(), interval);
  const keys = [...new Set(data.buckets.map((b) => b.key))].sort((x, y) => (x > y ? 1 : -1));
  const totals = Object.fromEntries(buckets.map((b) => [b, 0]));
  for (const row of data.buckets) totals[row.bucket] += row.count;
  const max = Math.max(...Object.values(totals));
  const W = 720, H = 280, L = 36, B = 46, T = 10, R = 8;
  const slot = (W - L - R) / buckets.length;
  const bw = Math.min(48, slot);
  const xOf = (i) => L + i * slot + (slot - bw) / 2;
  const y = (v) => H - B - (v / max) * (H - B - T);
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Events over time" });
  const axis = s("g", { class: "axis" });
  const ticks = niceTicks(max);
  for (const t of ticks) {
    axis.append(s("line", { x1: L, x2: W - R, y1: y(t), y2: y(t) }));
    axis.append(s("text", { x: L - 6, y: y(t) + 3, "text-anchor": "end" }, t));
  }
  const every = Math.ceil(buckets.length / 12);
  buckets.forEach((b, i) => {
    if (i % every) return;
    const x = xOf(i) + bw / 2;
    axis.append(s("text", { x, y: H - B + 14, "text-anchor": "end", transform: `rotate(-35 ${x} ${H - B + 14})` }, b));
  });
  svg.append(axis);
  const stack = Object.fromEntries(buckets.map((b) => [b, 0]));
  for (const row of data.buckets) {
    const i = buckets.indexOf(row.bucket);
    const y0 = y(stack[row.bucket]);
    stack[row.bucket] += row.count;
    const y1 = y(stack[row.bucket]);
    const label = by === "quad_class" && QUAD[row.key] ? QUAD[row.key][0] : row.key;
    const rect = s("rect", {
      class: "bar", x: xOf(i) + Math.min(2, bw * 0.1), width: Math.max(1, bw - Math.min(4, bw * 0.2)),
      y: y1, height: Math.max(0, y0 - y1), fill: colorOf(row.key, keys),
      onclick: () => zoomTo(row.bucket, interval),
    }, s("title", {}, `${row.bucket}: ${row.count} × ${label}`));
    svg.append(rect);
  }
  box.replaceChildren(svg);
  for (const k of keys) {
    const label = by === "quad_class" && QUAD[k] ? `${k} ${QUAD[k][0]}` : k;
    legend.append(h("span", {}, h("i", { style: `background:${colorOf(k, keys)}` }), label));
  }
  if (data.undated) legend.append(h("span", {}, `${data.undated} without a date precise enough`));
}

// Every month or week from the first bucket to the last, so gaps in time show as gaps.
function fillBuckets(present, interval) {
  if (present.length < 2) return present;
  const out = [];
  const last = present[present.length - 1];
  if (interval === "month") {
    let [y, m] = present[0].split("-").map(Number);
    for (let key = present[0]; key <= last && out.length < 1200; ) {
      out.push(key);
      m += 1; if (m > 12) { m = 1; y += 1; }
      key = `${y}-${String(m).padStart(2, "0")}`;
    }
  } else {
    const day = new Date(present[0] + "T00:00:00Z");
    for (let key = present[0]; key <= last && out.length < 1200; ) {
      out.push(key);
      day.setUTCDate(day.getUTCDate() + 7);
      key = day.toISOString().slice(0, 10);
    }
  }
  return out.length < 1200 ? out : present;
}

function niceTicks(max) {
  const step = Math.max(1, Math.pow(10, Math.floor(Math.log10(max))) * (max / Math.pow(10, Math.floor(Math.log10(max))) > 5 ? 2 : 1));
  const out = [];
  for (let t = 0; t <= max; t += step) out.push(t);
  return out;
}

function zoomTo(bucket, interval) {
  const params = { ...currentFilters };
  if (interval === "month") { params.since = bucket; params.until = bucket; }
  else {
    const end = new Date(bucket + "T00:00:00Z");
    end.setUTCDate(end.getUTCDate() + 6);
    params.since = bucket;
    params.until = end.toISOString().slice(0, 10);
  }
  go("/", params);
}

async function drawNetwork() {
  const level = document.getElementById("f-level").value;
  const data = await api("/v1/network", { ...currentFilters, level, limit: 40 });
  const box = document.getElementById("network");
  if (!data.edges.length) {
    box.replaceChildren(h("div", { class: "empty" }, "No actor pairs match these filters."));
    return;
  }
  const W = 520, H = 280;
  const nodes = data.nodes.map((n, i) => ({
    ...n, x: W / 2 + Math.cos((2 * Math.PI * i) / data.nodes.length) * W * 0.3,
    y: H / 2 + Math.sin((2 * Math.PI * i) / data.nodes.length) * H * 0.32, vx: 0, vy: 0,
  }));
  const byId = Object.fromEntries(nodes.map((n) => [n.id, n]));
  layout(nodes, data.edges.map((e) => [byId[e.source], byId[e.target], e.weight]), W, H);
  const maxW = Math.max(...data.edges.map((e) => e.weight));
  const maxN = Math.max(...nodes.map((n) => n.weight));
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "Actor network" });
  svg.append(s("defs", {}, s("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" },
    s("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#8d99ab" }))));
  const radius = (n) => 6 + 12 * Math.sqrt(n.weight / maxN);
  for (const e of data.edges) {
    const a = byId[e.source], b = byId[e.target];
    const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy) || 1;
    const back = data.edges.some((o) => o.source === e.target && o.target === e.source);
    const bend = back ? 18 : 0;
    const mx = (a.x + b.x) / 2 - (dy / len) * bend, my = (a.y + b.y) / 2 + (dx / len) * bend;
    const ex = b.x - (dx / len) * (radius(b) + 2), ey = b.y - (dy / len) * (radius(b) + 2);
    const countries = level === "country" ? `${e.source},${e.target}` : null;
    svg.append(s("path", {
      class: "edge", d: `M ${a.x} ${a.y} Q ${mx} ${my} ${ex} ${ey}`, "stroke-width": 1 + 5 * (e.weight / maxW),
      "marker-end": "url(#arrow)", "data-source": e.source, "data-target": e.target,
      onclick: () => go("/", countries ? { ...currentFilters, countries, actor: "" } : { ...currentFilters, actor: a.label }),
    }, s("title", {}, `${e.source} → ${e.target}: ${e.weight} events`)));
  }
  for (const n of nodes) {
    const actor = level === "country" ? n.id : n.label;
    svg.append(s("g", { class: "node", transform: `translate(${n.x},${n.y})`, onclick: () => go("/", { ...currentFilters, actor }) },
      s("circle", { r: radius(n), fill: colorOf(n.country || n.id, nodes.map((m) => m.country || m.id)) }),
      s("text", { x: 0, y: -radius(n) - 5, "text-anchor": "middle" }, n.label),
      s("title", {}, `${n.label}: ${n.weight} events`)));
  }
  box.replaceChildren(svg);
}

// A small force layout: edges pull, all nodes push, the centre holds; deterministic start.
function layout(nodes, links, W, H) {
  const rest = nodes.length <= 4 ? Math.min(W, H) * 0.6 : 110;
  for (let step = 0; step < 300; step++) {
    const alpha = 1 - step / 300;
    for (const a of nodes) for (const b of nodes) {
      if (a === b) continue;
      const dx = a.x - b.x, dy = a.y - b.y, d2 = Math.max(dx * dx + dy * dy, 25);
      const f = (1800 / d2) * alpha;
      a.vx += dx * f / Math.sqrt(d2); a.vy += dy * f / Math.sqrt(d2);
    }
    for (const [a, b] of links) {
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.hypot(dx, dy) || 1;
      const f = ((d - rest) / d) * 0.04 * alpha;
      a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
    }
    for (const n of nodes) {
      n.vx += (W / 2 - n.x) * 0.01 * alpha; n.vy += (H / 2 - n.y) * 0.01 * alpha;
      n.x = Math.min(W - 60, Math.max(24, n.x + n.vx)); n.y = Math.min(H - 20, Math.max(20, n.y + n.vy));
      n.vx *= 0.6; n.vy *= 0.6;
    }
  }
}

async function loadEvents(fresh) {
  const tbody = document.querySelector("#events tbody");
  const params = { ...currentFilters, limit: 50 };
  if (!fresh && nextCursor) params.cursor = nextCursor;
  const data = await api("/v1/events", { ...params, total: fresh ? "true" : "false" });
  if (fresh) {
    tbody.replaceChildren();
    document.getElementById("events-total").textContent = data.total != null ? `(${data.total.toLocaleString()})` : "";
  }
  for (const e of data.events) tbody.append(eventRow(e));
  if (fresh && !data.events.length) tbody.append(h("tr", {}, h("td", { colspan: 6, class: "muted" }, "No events match these filters.")));
  nextCursor = data.next_cursor;
  document.getElementById("more").hidden = !nextCursor;
}

function evidenceWithTrigger(e) {
  const text = e.evidence;
  if (!e.trigger) return [text];
  const at = text.indexOf(e.trigger);
  if (at < 0) return [text];
  return [text.slice(0, at), h("b", {}, e.trigger), text.slice(at + e.trigger.length)];
}

function eventRow(e) {
  const href = `#/article/${e.article_id}?event=${encodeURIComponent(e.id)}`;
  return h("tr", { "data-key": e.key },
    h("td", { class: "date" }, e.date || "—"),
    h("td", {}, e.source_actors || "—", h("div", { class: "code" }, e.source_codes)),
    h("td", {}, quadChip(e.quad_class, e.event_type), e.negated ? h("span", { class: "flag" }, "negated") : null,
      e.hypothetical ? h("span", { class: "flag" }, "hypothetical") : null,
      h("div", { class: "code" }, e.cameo ? `CAMEO ${e.cameo}` : ""),
      e.location ? h("div", { class: "code" }, `in ${e.location}${e.location_country ? ` (${e.location_country})` : ""}`) : null),
    h("td", {}, e.target_actors || "—", h("div", { class: "code" }, e.target_codes)),
    h("td", { class: "evidence" }, evidenceWithTrigger(e)),
    h("td", {}, h("a", { class: "article-link", href, title: e.title || "" }, "Article →")));
}

// -- article view ------------------------------------------------------------------------------

async function showArticle(id, params) {
  const box = document.getElementById("article");
  box.replaceChildren(h("p", { class: "muted" }, "Loading…"));
  let coded;
  try { coded = await api(`/v1/articles/${encodeURIComponent(id)}`); }
  catch (err) { box.replaceChildren(h("p", {}, `Error: ${err.message}`)); return; }
  const a = coded.article;
  const actors = Object.fromEntries(coded.actors.map((x, i) => [x.id, { ...x, color: PALETTE[i % PALETTE.length] }]));
  const anns = [];
  for (const x of coded.actors) for (const m of x.mentions) anns.push({ kind: "actor", id: x.id, start: m.start, end: m.end, label: `actor ${x.name} (${x.country || "---"}${x.sector || ""})` });
  for (const e of coded.events) {
    anns.push({ kind: "event", id: e.id, start: e.evidence.start, end: e.evidence.end, label: `event ${e.id} ${e.event_type}` });
    anns.push({ kind: "trigger", id: e.id, start: e.trigger.start, end: e.trigger.end, label: `trigger of ${e.id}` });
  }
  for (const q of coded.quotes) {
    anns.push({ kind: "quote", id: q.id, start: q.content.start, end: q.content.end, label: `${q.kind} quote ${q.id}` });
    if (q.cue) anns.push({ kind: "cue", id: q.id, start: q.cue.start, end: q.cue.end, label: `cue of ${q.id}` });
  }
  for (const t of coded.timexes) anns.push({ kind: "timex", id: t.id, start: t.start, end: t.end, label: `date ${t.text} = ${t.value || "unresolved"}` });

  const text = h("div", { id: "article-text", class: "show-event show-actor show-quote show-timex" });
  const paragraphs = a.paragraphs.length ? a.paragraphs : [{ start: 0, end: a.text.length }];
  for (const p of paragraphs) text.append(renderParagraph(a.text, p, anns, actors));

  const layers = h("div", { class: "layers" },
    ...[["event", "Events (evidence, trigger)", "var(--evidence-focus)"], ["actor", "Actors", "var(--accent)"],
      ["quote", "Quotes", "var(--quote)"], ["timex", "Dates", "var(--timex)"]].map(([k, label, color]) =>
      h("label", {}, h("input", { type: "checkbox", checked: true, "data-layer": k, onchange: (ev) => text.classList.toggle(`show-${k}`, ev.target.checked) }),
        h("span", { class: "swatch", style: `background:${color}` }), label)));

  const meta = h("dl", { class: "meta" },
    ...metaRow("Source", a.url ? h("a", { href: a.url, rel: "noopener noreferrer", target: "_blank", id: "source-url" }, a.url) : a.source),
    ...metaRow("Site", a.site), ...metaRow("Published", a.published ? `${a.published}${a.published_source ? ` (from ${a.published_source})` : ""}` : "unknown"),
    ...metaRow("Modified", a.modified), ...metaRow("Authors", a.authors.join(", ")), ...metaRow("Section", a.section),
    ...metaRow("Language", a.language), ...metaRow("Article id", a.id));
  const title = a.title || `Untitled — ${(a.url || a.source).split("/").pop()}`;
  const main = h("div", {}, h("a", { href: "#/", onclick: (ev) => { if (history.length > 1) { ev.preventDefault(); history.back(); } } }, "← Back"),
    h("h1", {}, title), meta, layers, text,
    a.captions.length ? h("div", { class: "muted" }, h("h3", {}, "Captions"), ...a.captions.map((c) => h("p", {}, c.text, c.credit ? ` — ${c.credit}` : ""))) : null,
    a.contact ? h("p", { class: "muted" }, `Contact: ${a.contact}`) : null);
  const side = h("aside", { class: "side" }, ...sidePanel(coded, actors, text));
  box.replaceChildren(main, side);
  const focus = params.get("event");
  if (focus) focusEvent(focus, text, true);
}

function metaRow(label, value) {
  if (!value) return [];
  return [h("dt", {}, label), h("dd", {}, value)];
}

function renderParagraph(full, p, anns, actors) {
  const inside = anns.filter((x) => x.end > p.start && x.start < p.end);
  const cuts = new Set([p.start, p.end]);
  for (const x of inside) { cuts.add(Math.max(p.start, x.start)); cuts.add(Math.min(p.end, x.end)); }
  const points = [...cuts].sort((x, y) => x - y);
  const para = h("p", {});
  for (let i = 0; i < points.length - 1; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const chunk = full.slice(start, end);
    const over = inside.filter((x) => x.start <= start && x.end >= end);
    if (!over.length) { para.append(chunk); continue; }
    const kinds = [...new Set(over.map((x) => x.kind))];
    const attrs = { class: "seg " + kinds.map((k) => `a-${k}`).join(" "), title: over.map((x) => x.label).join("\n") };
    for (const k of kinds) attrs[`data-${k}`] = over.filter((x) => x.kind === k).map((x) => x.id).join(" ");
    const actor = over.find((x) => x.kind === "actor");
    if (actor) attrs.style = `--actor-color:${actors[actor.id].color}`;
    const span = h("span", attrs, chunk);
    span.addEventListener("click", () => {
      const ev = over.find((x) => x.kind === "trigger") || over.find((x) => x.kind === "event");
      if (ev) focusEvent(ev.id, span.closest("#article-text"), false);
      else if (actor) focusActor(actor.id, span.closest("#article-text"));
    });
    para.append(span);
  }
  return para;
}

function sidePanel(coded, actors, text) {
  const name = (id) => (actors[id] ? actors[id].name : id);
  const out = [h("h3", {}, `Events (${coded.events.length})`)];
  for (const e of coded.events) {
    out.push(h("div", { class: "item", "data-event": e.id, onclick: () => focusEvent(e.id, text, true) },
      h("div", { class: "row" }, quadChip(e.quad_class, e.event_type), e.mode ? h("span", { class: "code" }, e.mode) : null,
        h("span", { class: "code" }, e.cameo ? `CAMEO ${e.cameo}` : ""), e.negated ? h("span", { class: "flag" }, "negated") : null,
        e.hypothetical ? h("span", { class: "flag" }, "hypothetical") : null),
      h("div", {}, h("b", {}, e.source_actor_ids.map(name).join(", ") || "—"), " → ", h("b", {}, e.target_actor_ids.map(name).join(", ") || "—")),
      h("div", { class: "sub" }, `trigger “${e.trigger.text}” · date ${e.date || "—"} (${e.date_source})` +
        (e.location ? ` · in ${e.location.text}${e.location_country ? ` (${e.location_country})` : ""}` : "") +
        ` · confidence ${Number(e.confidence).toFixed(2)}`)));
  }
  out.push(h("h3", {}, `Actors (${coded.actors.length})`));
  for (const x of coded.actors) {
    out.push(h("div", { class: "item", "data-actor": x.id, onclick: () => focusActor(x.id, text) },
      h("div", { class: "row" }, h("span", { class: "swatch", style: `background:${actors[x.id].color};width:.7rem` }), h("b", {}, x.name),
        h("span", { class: "code" }, `${x.country || "---"}${x.sector || ""}`), x.kb_id ? h("span", { class: "code" }, `KB ${x.kb_id}`) : null),
      h("div", { class: "sub" }, `${x.kind}${x.title ? ` · ${x.title}` : ""} · ${x.mentions.length} mention${x.mentions.length === 1 ? "" : "s"}: ${[...new Set(x.mentions.map((m) => m.text))].slice(0, 4).join(", ")}`)));
  }
  out.push(h("h3", {}, `Quotes (${coded.quotes.length})`));
  for (const q of coded.quotes) {
    const speaker = q.speaker_actor_id ? name(q.speaker_actor_id) : q.speaker ? q.speaker.text : "unknown speaker";
    out.push(h("div", { class: "item", "data-quote": q.id, onclick: () => scrollToSeg(text, "quote", q.id) },
      h("div", {}, `“${q.content.text.slice(0, 140)}${q.content.text.length > 140 ? "…" : ""}”`),
      h("div", { class: "sub" }, `${q.kind} · ${speaker}${q.cue ? ` · cue “${q.cue.text}”` : ""}`)));
  }
  out.push(h("h3", {}, `Dates (${coded.timexes.length})`));
  for (const t of coded.timexes) {
    out.push(h("div", { class: "item", "data-timex": t.id, onclick: () => scrollToSeg(text, "timex", t.id) },
      h("div", { class: "row" }, h("b", {}, t.text), "→", h("span", { class: "code" }, t.value || `unresolved${t.reason ? `: ${t.reason}` : ""}`)),
      h("div", { class: "sub" }, `${t.type}${t.mod ? ` · ${t.mod}` : ""}`)));
  }
  return out;
}

function segs(text, kind, id) {
  return [...text.querySelectorAll(`[data-${kind}]`)].filter((el) => el.dataset[kind].split(" ").includes(id));
}

function focusEvent(id, text, scroll) {
  document.querySelectorAll(".a-event.focus, .side .item.focus").forEach((el) => el.classList.remove("focus"));
  document.querySelectorAll(".focus-trigger").forEach((el) => el.classList.remove("focus-trigger"));
  const found = segs(text, "event", id);
  found.forEach((el) => el.classList.add("focus"));
  segs(text, "trigger", id).forEach((el) => el.classList.add("focus-trigger"));
  const card = document.querySelector(`.side .item[data-event="${CSS.escape(id)}"]`);
  if (card) { card.classList.add("focus"); card.scrollIntoView({ block: "nearest" }); }
  if (scroll && found.length) found[0].scrollIntoView({ block: "center" });
}

function focusActor(id, text) {
  document.querySelectorAll(".a-actor.hot, .side .item.focus").forEach((el) => el.classList.remove("hot", "focus"));
  const found = segs(text, "actor", id);
  found.forEach((el) => el.classList.add("hot"));
  const card = document.querySelector(`.side .item[data-actor="${CSS.escape(id)}"]`);
  if (card) card.classList.add("focus");
  if (found.length) found[0].scrollIntoView({ block: "center" });
}

function scrollToSeg(text, kind, id) {
  const found = segs(text, kind, id);
  if (found.length) found[0].scrollIntoView({ block: "center" });
}

// -- lists: articles and search ----------------------------------------------------------------

async function showList(kind, params) {
  const box = document.getElementById("list");
  box.replaceChildren(h("p", { class: "muted" }, "Loading…"));
  if (kind === "search") {
    const q = params.get("q") || "";
    const data = await api("/v1/search", { q, limit: 50 });
    box.replaceChildren(h("h2", {}, `Articles matching “${q}” (${data.results.length})`),
      ...data.results.map((r) => h("div", { class: "list-item" },
        h("a", { href: `#/article/${r.id}` }, r.title || r.id), h("span", { class: "muted" }, ` · ${r.published || ""}`),
        h("div", { class: "snippet" }, ...markSnippet(r.snippet)))));
    return;
  }
  const data = await api("/v1/articles", { limit: 200 });
  box.replaceChildren(h("h2", {}, `Articles (${data.articles.length})`),
    ...data.articles.map((r) => h("div", { class: "list-item" },
      h("a", { href: `#/article/${r.id}` }, r.title || r.source), h("span", { class: "muted" }, ` · ${r.published || "no date"} · ${r.events} events`),
      r.url ? h("div", { class: "code" }, r.url) : null)));
}

function markSnippet(snippet) {
  return (snippet || "").split(/(\[[^\]]*\])/).map((part) => (part.startsWith("[") ? h("mark", {}, part.slice(1, -1)) : part));
}

// -- routing -----------------------------------------------------------------------------------

async function route() {
  const { path, params } = parseHash();
  delete document.body.dataset.ready;
  const views = { explore: "view-explore", article: "view-article", list: "view-list" };
  let which = "explore";
  if (path.startsWith("/article/")) which = "article";
  else if (path === "/articles" || path === "/search") which = "list";
  for (const [k, id] of Object.entries(views)) document.getElementById(id).hidden = k !== which;
  document.getElementById("nav-explore").classList.toggle("active", which === "explore");
  document.getElementById("nav-articles").classList.toggle("active", path === "/articles");
  if (which === "article") await showArticle(decodeURIComponent(path.slice("/article/".length)), params);
  else if (which === "list") await showList(path.slice(1), params);
  else await showExplore(params);
  document.body.dataset.ready = path;
}

async function main() {
  await loadStats();
  document.getElementById("filters").addEventListener("submit", (ev) => { ev.preventDefault(); go("/", filtersFromForm()); });
  document.getElementById("reset").addEventListener("click", () => go("/", {}));
  document.getElementById("more").addEventListener("click", () => loadEvents(false).catch(showError));
  for (const id of ["f-interval", "f-by"]) document.getElementById(id).addEventListener("change", () => drawTimeline().catch(showError));
  document.getElementById("f-level").addEventListener("change", () => drawNetwork().catch(showError));
  document.getElementById("search-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    go("/search", { q: document.getElementById("search-q").value });
  });
  window.addEventListener("hashchange", () => route().catch(showError));
  await route();
}

main().catch((err) => { document.body.dataset.ready = "error"; console.error(err); showError(err); });
