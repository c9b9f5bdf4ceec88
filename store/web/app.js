// The analyst page of tidings-store: search, thread view, charts. Plain
// JavaScript over the store's JSON API (docs/api/openapi.yaml); no build
// step, nothing fetched from elsewhere. Offsets in the API are Unicode code
// points: text is handled as Array.from(text) (one element per code point).
"use strict";

const $ = (id) => document.getElementById(id);
const SVG = "http://www.w3.org/2000/svg";

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k.startsWith("data-")) e.setAttribute(k, v);
    else e[k] = v;
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function showError(msg) {
  const e = $("error");
  e.textContent = msg;
  e.hidden = !msg;
}

async function api(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== "" && v !== undefined && v !== null) q.set(k, v);
  const url = path + (q.toString() ? "?" + q : "");
  const r = await fetch(url);
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.message || `${r.status} ${r.statusText}`);
  return body;
}

// ---- highlighting at code-point offsets -----------------------------------

// Text nodes and <mark>s for `text` with the spans marked; spans that overlap
// an earlier one are left out.
function highlighted(text, spans) {
  const cps = Array.from(text);
  const sorted = spans.filter((s) => s.end > s.begin && s.end <= cps.length).sort((a, b) => a.begin - b.begin);
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const s of sorted) {
    if (s.begin < at) continue;
    if (s.begin > at) frag.append(cps.slice(at, s.begin).join(""));
    const m = el("mark", { class: s.cls, title: s.title, "data-begin": s.begin, "data-end": s.end },
                 cps.slice(s.begin, s.end).join(""));
    frag.append(m);
    at = s.end;
  }
  frag.append(cps.slice(at).join(""));
  return frag;
}

function tagSpans(doc) {
  const spans = [];
  for (const e of doc.entities || [])
    spans.push({ begin: e.begin, end: e.end, cls: "entity", title: `${e.type} ${e.name || ""} ${e.id || ""}`.trim() });
  for (const d of doc.dates || [])
    spans.push({ begin: d.begin, end: d.end, cls: "date", title: `${d.type} ${d.value || ""}`.trim() });
  return spans;
}

function stanceBlock(doc) {
  const box = el("div", { class: "stances" });
  const cps = Array.from(doc.text || "");
  for (const s of doc.stances || []) {
    const div = el("div", { class: "stance", "data-target": s.target },
                   el("span", { class: `badge ${s.label}` }, s.label), `${s.target} (${(s.score ?? 0).toFixed(2)})`);
    for (const ev of s.evidence || []) div.append(el("blockquote", {}, cps.slice(ev.begin, ev.end).join("")));
    box.append(div);
  }
  return box;
}

function docBody(doc) {
  const meta = [doc.kind, doc.source, doc.author, doc.published_at].filter(Boolean).join(" · ");
  const body = el("div", { class: "doc", "data-id": doc.id });
  if (doc.title) body.append(el("h2", {}, doc.title));
  body.append(el("p", { class: "meta" }, meta));
  if (doc.reply_stance && doc.reply_stance.label)
    body.append(el("span", { class: `badge reply ${doc.reply_stance.label}` }, doc.reply_stance.label));
  body.append(stanceBlock(doc));
  body.append(el("div", { class: "text" }, highlighted(doc.text || "", tagSpans(doc))));
  return body;
}

// ---- search ------------------------------------------------------------------

let lastQuery = null;

function searchParams(form) {
  const f = new FormData(form);
  const p = {};
  for (const k of ["entity", "target", "stance", "from", "to", "kind"]) p[k] = (f.get(k) || "").trim();
  return p;
}

function resultItem(doc) {
  const thread = doc.thread_id || doc.id;
  const title = doc.title || Array.from(doc.text || "").slice(0, 90).join("") + "…";
  return el("li", { "data-id": doc.id },
            el("a", { href: `#thread/${encodeURIComponent(thread)}` }, title),
            el("div", { class: "meta" }, [doc.kind, doc.source, doc.published_at].filter(Boolean).join(" · ")));
}

async function runSearch(params, cursor) {
  showError("");
  try {
    const page = await api("/v1/documents", { ...params, limit: 20, cursor });
    if (!cursor) {
      $("results").replaceChildren();
      const c = await api("/v1/documents", { ...params, count: "true" });
      $("result-count").textContent = `${c.count}${c.partial ? "+" : ""} documents`;
      $("result-count").dataset.count = c.count;
    }
    for (const d of page.documents) $("results").append(resultItem(d));
    $("more").hidden = !page.next_cursor;
    $("more").onclick = () => runSearch(params, page.next_cursor);
  } catch (e) {
    showError(e.message);
  }
}

// ---- thread --------------------------------------------------------------------

function commentTree(nodes) {
  const ul = el("ul");
  for (const n of nodes) {
    const li = el("li", {}, docBody(n.document));
    if (n.replies && n.replies.length) li.append(commentTree(n.replies));
    ul.append(li);
  }
  return ul;
}

async function showThread(id) {
  showError("");
  try {
    const t = await api(`/v1/threads/${encodeURIComponent(id)}`);
    $("thread-article").replaceChildren(t.article ? docBody(t.article) : el("p", {}, "(the article is not stored)"));
    $("comments-heading").hidden = !t.comments.length;
    $("thread-comments").replaceChildren(...commentTree(t.comments).children);
  } catch (e) {
    showError(e.message);
  }
}

// ---- charts ---------------------------------------------------------------------

function stanceChart(series) {
  const W = 760, H = 240, pad = 30;
  const max = Math.max(1, ...series.buckets.map((b) => b.FAVOR + b.AGAINST + b.NONE));
  const bw = Math.max(4, (W - pad) / Math.max(1, series.buckets.length) - 4);
  const s = svg("svg", { width: W, height: H + 40, role: "img", "aria-label": `stance toward ${series.target}` });
  series.buckets.forEach((b, i) => {
    let y = H;
    const x = pad + i * (bw + 4);
    const g = svg("g", { "data-start": b.start, "data-favor": b.FAVOR, "data-against": b.AGAINST, "data-none": b.NONE });
    for (const [label, cls] of [["FAVOR", "bar-favor"], ["AGAINST", "bar-against"], ["NONE", "bar-none"]]) {
      const h = (b[label] / max) * (H - 10);
      y -= h;
      const r = svg("rect", { x, y, width: bw, height: h, class: cls, "data-label": label, "data-count": b[label] });
      r.append(svg("title", {}, `${b.start} ${label}: ${b[label]}`));
      g.append(r);
    }
    g.append(svg("text", { x, y: H + 14 }, b.start.slice(5)));
    s.append(g);
  });
  s.append(svg("text", { x: 0, y: 12 }, String(max)));
  return s;
}

// Documents without a time are in no bar: say how many there are (with a
// date range they are outside it, and not counted).
function undatedNote(series, ranged) {
  const u = series.undated || { FAVOR: 0, AGAINST: 0, NONE: 0 };
  const n = u.FAVOR + u.AGAINST + u.NONE;
  const p = document.createElement("p");
  p.className = "undated";
  p.hidden = n === 0 && !ranged;
  p.textContent = n === 0
    ? "Documents without a date are outside any date range: not in the chart."
    : `${series.partial ? "at least " : ""}${n} document${n === 1 ? "" : "s"} without a date, not in the chart: ` +
      `FAVOR ${u.FAVOR}, AGAINST ${u.AGAINST}, NONE ${u.NONE}`;
  return p;
}

function entityChart(ranking) {
  const W = 760, row = 20, left = 220;
  const max = Math.max(1, ...ranking.entities.map((e) => e.documents));
  const s = svg("svg", { width: W, height: row * ranking.entities.length + 10, role: "img", "aria-label": "top entities" });
  ranking.entities.forEach((e, i) => {
    const g = svg("g", { "data-id": e.id, "data-documents": e.documents });
    g.append(svg("text", { x: 0, y: i * row + 14 }, `${e.name || e.id} (${e.type})`));
    g.append(svg("rect", { x: left, y: i * row + 3, height: row - 6, width: ((W - left - 50) * e.documents) / max, class: "bar" }));
    g.append(svg("text", { x: left + ((W - left - 50) * e.documents) / max + 4, y: i * row + 14 }, String(e.documents)));
    s.append(g);
  });
  return s;
}

async function drawCharts(form) {
  showError("");
  const f = new FormData(form);
  const p = { target: f.get("target"), interval: f.get("interval"), from: f.get("from"), to: f.get("to") };
  try {
    const [series, top] = await Promise.all([
      api("/v1/stats/stance", p),
      api("/v1/stats/entities", { from: p.from, to: p.to, top: 15 }),
    ]);
    $("stance-chart").replaceChildren(stanceChart(series), undatedNote(series, Boolean(p.from || p.to)));
    $("entity-chart").replaceChildren(entityChart(top));
  } catch (e) {
    showError(e.message);
  }
}

// ---- routing -----------------------------------------------------------------------

function route() {
  const h = location.hash.slice(1) || "search";
  const [view, ...rest] = h.split("/");
  for (const v of ["search", "thread", "charts"]) $(`view-${v}`).hidden = v !== view;
  if (view === "thread") showThread(decodeURIComponent(rest.join("/")));
}

$("search-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  lastQuery = searchParams(ev.target);
  runSearch(lastQuery);
});
$("chart-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  drawCharts(ev.target);
});
window.addEventListener("hashchange", route);
route();
