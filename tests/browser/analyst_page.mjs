// The analyst page of tidings-store (store/web) in a real browser: Debian's
// chromium, headless, driven by playwright-core (which brings no browser of
// its own). Given the base URL of a store's API with a corpus loaded, it
// asserts what a person sees against what the API answers to the same
// question:
//
//   - a search by entity (name, then id) and by target + stance + date range
//     shows the count the API returns and lists the API's documents in order
//     ("More" adds the next page);
//   - every thread renders its article and its comment tree as the API's
//     tree, replies indented under their parent, each comment with its
//     reply-stance label;
//   - each entity and date highlight sits at its API offsets (Unicode code
//     points: the text before a highlight is `begin` code points long) and
//     shows the mention's text; every mention that overlaps no other one is
//     highlighted, including mentions after characters beyond the BMP;
//   - the stance badges per target show the API's labels and evidence;
//   - the stance-over-time bars stand in one scale for /v1/stats/stance's
//     counts, named by their tooltips, one colour a label; the top-entities
//     chart lists /v1/stats/entities with its counts and bars in one scale;
//   - the page fetches nothing from another origin, throws nothing, logs no
//     error and gets no HTTP error.
//
// Full-page screenshots go to --out: search.png, thread.png (the thread with
// the most comments), charts.png, and failure.png when a check fails.
//
//   node analyst_page.mjs --base http://127.0.0.1:9476 --out DIR
//        [--chromium PATH] [--entity NAME] [--docs-image FILE]
//
// --chromium defaults to $TIDINGS_CHROMIUM, else /usr/bin/chromium;
// --entity to "Bashar al-Assad" (in the seed corpus). --docs-image also
// writes the screenshot kept in the repository (docs/img/analyst-page.png:
// the top of the thread view, 1280x800). Exit status: 0 when every check
// passed, 1 when one failed (printed as "not ok"), 2 for a usage error.
// CTest runs it as browser.analyst_page (tests/browser/analyst_page_test.cc).
// Waits are bounded (60 s each); nothing is asserted about time.

import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = path.dirname(fileURLToPath(import.meta.url));

// ---- options and what must be installed ------------------------------------------

let opts;
try {
  opts = parseArgs({
    options: {
      base: { type: "string" },
      out: { type: "string" },
      chromium: { type: "string", default: process.env.TIDINGS_CHROMIUM || "/usr/bin/chromium" },
      entity: { type: "string", default: "Bashar al-Assad" },
      "docs-image": { type: "string" },
    },
  }).values;
  if (!opts.base || !opts.out) throw new Error("--base and --out are required");
} catch (e) {
  console.error(`analyst_page: ${e.message}`);
  console.error("usage: node analyst_page.mjs --base URL --out DIR [--chromium PATH] [--entity NAME] [--docs-image FILE]");
  process.exit(2);
}
const base = opts.base.replace(/\/+$/, "");
const origin = new URL(base).origin;
fs.mkdirSync(opts.out, { recursive: true });

function die(msg) {
  console.error(`analyst_page: ${msg}`);
  process.exit(1);
}

// The playwright-core of package-lock.json, as `npm ci` (scripts/setup) installs it.
const pinned = JSON.parse(fs.readFileSync(path.join(here, "package-lock.json"), "utf8"))
  .packages["node_modules/playwright-core"].version;
let installed = null;
try {
  installed = JSON.parse(fs.readFileSync(path.join(here, "node_modules/playwright-core/package.json"), "utf8")).version;
} catch {
  die(`playwright-core is not installed in ${here}: run scripts/setup (it runs npm ci there)`);
}
if (installed !== pinned) die(`playwright-core ${installed} is installed, ${pinned} is pinned: run scripts/setup (npm ci)`);
if (!fs.existsSync(opts.chromium)) die(`no chromium at ${opts.chromium}: run scripts/setup (Debian package chromium)`);
const { chromium } = await import("playwright-core");

// ---- helpers -------------------------------------------------------------------------

// Offsets in the API count Unicode code points.
const cps = (s) => Array.from(s);
const slice = (s, b, e) => cps(s).slice(b, e).join("");

async function api(p, params = {}) {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== "")).toString();
  const url = `${base}${p}${q ? "?" + q : ""}`;
  const r = await fetch(url);
  assert.equal(r.status, 200, `GET ${url}: HTTP ${r.status}`);
  return r.json();
}

let checks = 0;
function ok(what) {
  checks += 1;
  console.log(`ok ${checks} - ${what}`);
}

let page;             // the one tab
const problems = [];  // what the page must not do

// Waits until `fn` (run in the page) is true or the page shows an error;
// `what` names what was awaited in the failure.
async function waitFor(what, fn, arg) {
  try {
    await page.waitForFunction(`!document.getElementById("error").hidden || (${fn})(${JSON.stringify(arg ?? null)})`);
  } catch (e) {
    throw new Error(`${what}: not seen (${e.message.split("\n")[0]})`);
  }
  const shown = page.locator("#error");
  assert.equal((await shown.isVisible()) ? await shown.textContent() : "", "", `${what}: the page shows an error`);
}

function noProblems(when) {
  assert.deepEqual(problems, [], `the page misbehaved ${when}`);
}

// ---- search ---------------------------------------------------------------------------

// Fills the search form as a person would, submits it and waits for the
// answer. The count line and the list are emptied first, so that what is
// read afterwards is this search's answer.
async function search(fields) {
  await page.click('nav a[href="#search"]');
  const form = page.locator("#search-form");
  for (const name of ["entity", "target", "from", "to"]) await form.locator(`input[name=${name}]`).fill(fields[name] || "");
  for (const name of ["stance", "kind"]) await form.locator(`select[name=${name}]`).selectOption(fields[name] || "");
  await page.evaluate(() => {
    document.getElementById("result-count").textContent = "";
    document.getElementById("results").replaceChildren();
  });
  await form.locator('button[type="submit"]').click();
  await waitFor(`the answer to the search ${JSON.stringify(fields)}`,
                () => document.getElementById("result-count").textContent !== "");
}

const listedIds = () => page.locator("#results > li").evaluateAll((lis) => lis.map((li) => li.dataset.id));

// A search shows the API's count and the API's first page; "More" the next.
async function checkSearch(fields, what) {
  await search(fields);
  const c = await api("/v1/documents", { ...fields, count: "true" });
  assert.ok(c.count > 0, `the corpus has no documents for ${what} (${JSON.stringify(fields)})`);
  assert.equal(await page.locator("#result-count").textContent(), `${c.count}${c.partial ? "+" : ""} documents`,
               `the result count of a search by ${what}`);
  const first = await api("/v1/documents", { ...fields, limit: 20 });
  let want = first.documents.map((d) => d.id);
  assert.deepEqual(await listedIds(), want, `the results listed for ${what}`);
  assert.equal(await page.locator("#more").isVisible(), first.next_cursor !== "", `"More" for ${what}`);
  if (first.next_cursor) {
    const second = await api("/v1/documents", { ...fields, limit: 20, cursor: first.next_cursor });
    await page.click("#more");
    await waitFor(`the next page of ${what}`, (n) => document.querySelectorAll("#results > li").length > n, want.length);
    want = want.concat(second.documents.map((d) => d.id));
    assert.deepEqual(await listedIds(), want, `the results listed for ${what} after "More"`);
  }
  ok(`search by ${what}: "${c.count} documents" as the API counts, ${want.length} listed in the API's order`);
}

// ---- threads ----------------------------------------------------------------------------

// What the page shows of one document in the thread view: title, text,
// reply badge, stances with evidence, and each highlight with the length in
// code points of the text before it.
function rendered(id) {
  return page.evaluate((id) => {
    const doc = [...document.querySelectorAll("#view-thread .doc")].find((d) => d.dataset.id === id);
    if (!doc) return null;
    const own = (sel) => doc.querySelector(`:scope > ${sel}`);
    const visible = (e) => !!e && e.getClientRects().length > 0;
    const text = own(".text");
    const reply = own(".badge.reply");
    return {
      title: own("h2")?.textContent ?? null,
      text: text.textContent,
      reply: reply ? { label: reply.textContent, visible: visible(reply) } : null,
      stances: [...doc.querySelectorAll(":scope > .stances > .stance")].map((s) => ({
        badge: s.querySelector(".badge").textContent,
        line: s.textContent,
        visible: visible(s.querySelector(".badge")),
        evidence: [...s.querySelectorAll("blockquote")].map((q) => q.textContent),
      })),
      marks: [...text.querySelectorAll("mark")].map((m) => {
        const before = document.createRange();
        before.setStart(text, 0);
        before.setEndBefore(m);
        return {
          cls: m.className,
          text: m.textContent,
          at: Array.from(before.toString()).length,
          visible: visible(m),
          background: getComputedStyle(m).backgroundColor,
        };
      }),
    };
  }, id);
}

// The comment tree as rendered, in document order: [id, parent id, how far
// the comment is indented beyond its parent (px)]. A comment's parent is the
// comment whose list item holds its list.
function renderedTree(articleId) {
  return page.evaluate((articleId) => {
    const top = document.getElementById("thread-comments");
    const left = (e) => e.getBoundingClientRect().left;
    return [...top.querySelectorAll(".doc")].map((doc) => {
      const li = doc.parentElement, ul = li.parentElement;
      if (li.tagName !== "LI" || ul.tagName !== "UL") return [doc.dataset.id, "(not in a list)", 0];
      if (ul === top) return [doc.dataset.id, articleId, left(doc) - left(top)];
      const parent = ul.parentElement.querySelector(":scope > .doc");
      return [doc.dataset.id, parent ? parent.dataset.id : "(no parent comment)", parent ? left(doc) - left(parent) : 0];
    });
  }, articleId);
}

function flatten(nodes, parent, out = []) {
  for (const n of nodes) {
    out.push({ doc: n.document, parent });
    flatten(n.replies || [], n.document.id, out);
  }
  return out;
}

const tally = { entities: 0, dates: 0, beyondBmp: 0, stances: 0, evidence: 0, replies: 0, comments: 0 };
const targets = new Set();

// One document of a thread as the page shows it, against the API's document.
function checkDocument(doc, r) {
  const where = `document ${doc.id}`;
  assert.ok(r, `${where} is not rendered`);
  if (doc.title) assert.equal(r.title, doc.title, `${where}: the title`);
  assert.equal(r.text, doc.text || "", `${where}: the text shown is the document's text`);

  // Each highlight sits where the API says and shows the mention.
  const spans = [...(doc.entities || []).map((e) => ({ ...e, cls: "entity" })),
                 ...(doc.dates || []).map((d) => ({ ...d, cls: "date" }))];
  for (const m of r.marks) {
    const s = spans.find((s) => s.begin === m.at && s.cls === m.cls && cps(m.text).length === s.end - s.begin);
    assert.ok(s, `${where}: a ${m.cls} highlight "${m.text}" at code point ${m.at} that the API does not have`);
    assert.equal(m.text, slice(doc.text, s.begin, s.end), `${where}: the highlight at ${s.begin}..${s.end}`);
    if (s.text !== undefined) assert.equal(m.text, s.text, `${where}: the highlight at ${s.begin}..${s.end}, the mention's text`);
    assert.ok(m.visible && m.background !== "rgba(0, 0, 0, 0)", `${where}: the highlight "${m.text}" is not visible`);
  }
  // Every mention that overlaps no other is highlighted (of overlapping
  // ones the page marks the first).
  const overlaps = (a, b) => a !== b && a.begin < b.end && b.begin < a.end;
  for (const s of spans) {
    if (spans.some((o) => overlaps(s, o))) continue;
    const m = r.marks.find((m) => m.at === s.begin && m.cls === s.cls);
    assert.ok(m, `${where}: the ${s.cls} "${slice(doc.text, s.begin, s.end)}" at ${s.begin}..${s.end} is not highlighted`);
    tally[s.cls === "entity" ? "entities" : "dates"] += 1;
    // After a character beyond the BMP, code points and UTF-16 units differ.
    if (slice(doc.text, 0, s.begin).length !== s.begin) tally.beyondBmp += 1;
  }

  // One stance badge per target, with its evidence sentences.
  const stances = doc.stances || [];
  assert.equal(r.stances.length, stances.length, `${where}: the number of stance badges`);
  stances.forEach((s, i) => {
    const shown = r.stances[i];
    assert.equal(shown.badge, s.label, `${where}: the badge of ${s.target}`);
    assert.ok(shown.visible, `${where}: the badge of ${s.target} is not visible`);
    assert.ok(shown.line.includes(s.target), `${where}: the stance line "${shown.line}" does not name ${s.target}`);
    assert.deepEqual(shown.evidence, (s.evidence || []).map((e) => slice(doc.text, e.begin, e.end)),
                     `${where}: the evidence of ${s.target}`);
    targets.add(s.target);
    tally.stances += 1;
    tally.evidence += shown.evidence.length;
  });
}

// Opens a thread by clicking `link`, else by its address, and waits for it.
async function openThread(id, link) {
  if (link) await link.click();
  else await page.evaluate((id) => { location.hash = `#thread/${encodeURIComponent(id)}`; }, id);
  await waitFor(`thread ${id}`, (id) => [...document.querySelectorAll("#thread-article .doc")].some((d) => d.dataset.id === id), id);
  assert.ok(await page.locator("#view-thread").isVisible(), `thread ${id}: the thread view is not shown`);
}

// The open thread against /v1/threads/{id}; returns its number of comments.
async function checkThread(id) {
  const t = await api(`/v1/threads/${encodeURIComponent(id)}`);
  assert.ok(t.article, `thread ${id} has no article`);
  checkDocument(t.article, await rendered(t.article.id));
  const comments = flatten(t.comments, t.article.id);
  assert.equal(await page.locator("#comments-heading").isVisible(), comments.length > 0, `thread ${id}: "Comments"`);
  const tree = await renderedTree(t.article.id);
  assert.deepEqual(tree.map(([c, p]) => [c, p]), comments.map((c) => [c.doc.id, c.parent]),
                   `thread ${id}: the comment tree ([comment, parent] in order)`);
  for (const [c, p, indent] of tree) assert.ok(indent > 0, `thread ${id}: comment ${c} is not indented under ${p}`);
  for (const { doc } of comments) {
    const r = await rendered(doc.id);
    checkDocument(doc, r);
    if (doc.reply_stance && doc.reply_stance.label) {
      assert.deepEqual(r.reply, { label: doc.reply_stance.label, visible: true }, `comment ${doc.id}: the reply stance`);
      tally.replies += 1;
    } else {
      assert.equal(r.reply, null, `comment ${doc.id}: a reply badge the API does not have`);
    }
  }
  tally.comments += comments.length;
  return comments.length;
}

// Every thread of the store; the one with the most comments is opened from
// the search results, as a person would.
async function checkThreads() {
  const articles = [];
  for (let cursor = ""; ;) {
    const p = await api("/v1/documents", { kind: "article", limit: 500, cursor });
    articles.push(...p.documents.map((d) => d.id));
    if (!p.next_cursor) break;
    cursor = p.next_cursor;
  }
  assert.ok(articles.length > 0, "the store has no articles");
  const size = new Map();
  for (const a of articles) size.set(a, flatten((await api(`/v1/threads/${encodeURIComponent(a)}`)).comments, a).length);
  const busiest = [...articles].sort((a, b) => size.get(b) - size.get(a) || a.localeCompare(b))[0];
  assert.ok(size.get(busiest) > 0, "no thread has comments");

  await search({ kind: "article" });
  const link = page.locator(`#results > li a[href="#thread/${encodeURIComponent(busiest)}"]`);
  assert.equal(await link.count(), 1, `thread ${busiest} is not among the articles listed`);
  await openThread(busiest, link);
  ok(`thread ${busiest} opened from the search results: the article and ${await checkThread(busiest)} comments as the API's tree`);
  if (opts["docs-image"]) {
    // The end of the article and the first comments: highlights, stance
    // badges with evidence, reply stances.
    await page.evaluate(() => document.getElementById("comments-heading").scrollIntoView());
    await page.evaluate(() => window.scrollBy(0, -260));
    await page.screenshot({ path: opts["docs-image"] });
  }
  await page.screenshot({ path: path.join(opts.out, "thread.png"), fullPage: true });
  for (const a of articles.filter((a) => a !== busiest)) {
    await openThread(a);
    ok(`thread ${a}: the article and ${await checkThread(a)} comments as the API's tree`);
  }

  assert.ok(tally.entities >= 3 && tally.dates >= 2, `too few highlights checked: ${JSON.stringify(tally)}`);
  assert.ok(tally.beyondBmp > 0, "no highlight after a character beyond the BMP was checked " +
            "(the corpus lacks one: load tests/data/browser/astral_thread.jsonl too)");
  assert.ok(tally.replies > 0 && tally.evidence > 0, `no reply stance or no evidence was checked: ${JSON.stringify(tally)}`);
  ok(`highlights at their code-point offsets: ${tally.entities} entities and ${tally.dates} dates ` +
     `(${tally.beyondBmp} after characters beyond the BMP)`);
  ok(`${tally.stances} stance badges with ${tally.evidence} evidence sentences; ${tally.replies} reply stances ` +
     `on ${tally.comments} comments`);
}

// ---- charts -----------------------------------------------------------------------------

// The target of the threads seen with the most months in its stance over time.
async function busiestTarget() {
  let best = null, months = -1;
  for (const t of [...targets].sort()) {
    const n = (await api("/v1/stats/stance", { target: t, interval: "month" })).buckets.length;
    if (n > months) [best, months] = [t, n];
  }
  assert.ok(best, "no stance target to chart");
  return best;
}

// A search by target, its most frequent stance and the months it was seen in.
async function checkStanceSearch(target) {
  const { buckets } = await api("/v1/stats/stance", { target, interval: "month" });
  const stance = ["FAVOR", "AGAINST", "NONE"]
    .map((l) => [l, buckets.reduce((n, b) => n + b[l], 0)]).sort((a, b) => b[1] - a[1])[0][0];
  const last = new Date(`${buckets.at(-1).start}T00:00:00Z`);
  last.setUTCMonth(last.getUTCMonth() + 1, 0);
  const range = { from: buckets[0].start, to: last.toISOString().slice(0, 10) };
  await checkSearch({ target, stance, ...range }, `target ${target}, stance ${stance}, ${range.from} to ${range.to}`);
}

async function checkCharts(target) {
  await page.click('nav a[href="#charts"]');
  const form = page.locator("#chart-form");
  await form.locator("input[name=target]").fill(target);
  await form.locator("select[name=interval]").selectOption("month");
  await form.locator('button[type="submit"]').click();
  await waitFor("the charts", () => document.querySelector("#stance-chart svg") && document.querySelector("#entity-chart svg"));

  // Stance over time: a column per bucket, left to right; each label's bar,
  // named by its tooltip, as tall as its count in one scale.
  const series = await api("/v1/stats/stance", { target, interval: "month" });
  assert.ok(series.buckets.length > 0, `no stance over time for ${target}`);
  const columns = await page.locator("#stance-chart svg > g").evaluateAll((gs) => gs.map((g) => ({
    axis: g.querySelector("text")?.textContent,
    left: g.querySelector("text")?.getBoundingClientRect().left,
    bars: [...g.querySelectorAll("rect")].map((r) => ({
      tip: r.querySelector("title")?.textContent,
      height: r.getBoundingClientRect().height,
      fill: getComputedStyle(r).fill,
    })),
  })));
  assert.equal(columns.length, series.buckets.length, `stance chart of ${target}: the number of columns`);
  const total = (b) => b.FAVOR + b.AGAINST + b.NONE;
  const maxTotal = Math.max(...series.buckets.map(total));
  const unit = Math.max(...columns.map((c) => c.bars.reduce((h, b) => h + b.height, 0))) / maxTotal;
  assert.ok(unit > 0, "the stance chart draws no bar");
  const fills = {};
  series.buckets.forEach((b, i) => {
    const col = columns[i];
    assert.equal(col.axis, b.start.slice(5), `stance chart: the axis label of ${b.start}`);
    if (i > 0) assert.ok(col.left > columns[i - 1].left, `stance chart: ${b.start} is not right of the column before`);
    for (const label of ["FAVOR", "AGAINST", "NONE"]) {
      const tip = `${b.start} ${label}: ${b[label]}`;
      const bar = col.bars.find((r) => r.tip === tip);
      assert.ok(bar, `stance chart: no bar with the tooltip "${tip}" (${JSON.stringify(col.bars.map((r) => r.tip))})`);
      assert.ok(Math.abs(bar.height - b[label] * unit) < 0.5,
                `stance chart ${b.start} ${label}: ${bar.height}px for ${b[label]} (${unit}px a document)`);
      if (b[label] > 0) (fills[label] ||= new Set()).add(bar.fill);
    }
  });
  for (const [label, f] of Object.entries(fills)) assert.equal(f.size, 1, `stance chart: ${label} bars in several colours`);
  const colours = Object.values(fills).map((f) => [...f][0]);
  assert.equal(new Set(colours).size, colours.length, "stance chart: two labels share a colour");
  assert.equal(await page.locator("#stance-chart svg > text").textContent(), String(maxTotal), "stance chart: the top of the scale");
  // Documents without a date are in no column: the page says how many.
  const u = series.undated;
  const undated = u.FAVOR + u.AGAINST + u.NONE;
  const note = page.locator("#stance-chart p.undated");
  assert.equal(await note.isVisible(), undated > 0, `stance chart: the note on ${undated} undated documents`);
  if (undated > 0)
    assert.equal(await note.textContent(),
                 `${series.partial ? "at least " : ""}${undated} document${undated === 1 ? "" : "s"} without a date, not in the chart: ` +
                 `FAVOR ${u.FAVOR}, AGAINST ${u.AGAINST}, NONE ${u.NONE}`, "stance chart: the undated note");
  ok(`stance over time of ${target} by month: ${series.buckets.length} columns as /v1/stats/stance ` +
     `(FAVOR/AGAINST/NONE ${series.buckets.map((b) => `${b.start.slice(0, 7)} ${b.FAVOR}/${b.AGAINST}/${b.NONE}`).join(", ")}; ` +
     `undated ${u.FAVOR}/${u.AGAINST}/${u.NONE})`);

  // Top entities (the page asks for the top 15): rows in the API's order,
  // each with its name, type and count, its bar as long as its count in one
  // scale.
  const ranking = await api("/v1/stats/entities", { top: 15 });
  assert.ok(ranking.entities.length > 0, "no entities to rank");
  const rows = await page.locator("#entity-chart svg > g").evaluateAll((gs) => gs.map((g) => {
    const [label, value] = [...g.querySelectorAll("text")].map((t) => t.textContent);
    return { label, value, width: g.querySelector("rect").getBoundingClientRect().width };
  }));
  assert.deepEqual(rows.map((r) => [r.label, r.value]),
                   ranking.entities.map((e) => [`${e.name || e.id} (${e.type})`, String(e.documents)]),
                   "top-entities chart: the names and counts");
  const perDocument = rows[0].width / ranking.entities[0].documents;
  ranking.entities.forEach((e, i) => assert.ok(Math.abs(rows[i].width - e.documents * perDocument) < 0.5,
                                               `top-entities chart: the bar of ${e.name} is ${rows[i].width}px for ${e.documents}`));
  ok(`top entities: ${rows.length} bars as /v1/stats/entities ` +
     `(${ranking.entities.slice(0, 3).map((e) => `${e.name} ${e.documents}`).join(", ")}, ...)`);
  await page.screenshot({ path: path.join(opts.out, "charts.png"), fullPage: true });
}

// ---- the run ------------------------------------------------------------------------------

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tidings-chromium-"));
// Playwright adds --headless (headless: true) and --user-data-dir itself.
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: opts.chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"],
  viewport: { width: 1280, height: 800 },
  deviceScaleFactor: 1,
});
context.setDefaultTimeout(60_000);
await context.route("**/*", (route) => {
  const url = route.request().url();
  if (new URL(url).origin === origin) return route.continue();
  problems.push(`a request to another origin: ${url}`);
  return route.abort();
});
page = context.pages()[0] || (await context.newPage());
page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
page.on("response", (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} for ${r.url()}`));

try {
  console.log(`chromium ${context.browser()?.version() ?? ""}, playwright-core ${installed}, node ${process.version}; ${base}`);
  await page.goto(`${base}/`);
  await checkSearch({ entity: opts.entity }, `entity name "${opts.entity}"`);
  const top = (await api("/v1/stats/entities", { top: 1 })).entities[0];
  assert.ok(top, "the store has no entities");
  await checkSearch({ entity: top.id }, `entity id ${top.id} (${top.name})`);
  await page.screenshot({ path: path.join(opts.out, "search.png"), fullPage: true });
  await checkThreads();
  const target = await busiestTarget();
  await checkStanceSearch(target);
  await checkCharts(target);
  noProblems("");
  console.log(`all ${checks} checks passed; screenshots in ${opts.out}`);
} catch (e) {
  process.exitCode = 1;
  console.log(`not ok ${checks + 1} - ${e.message}`);
  console.error(e.stack);
  await page.screenshot({ path: path.join(opts.out, "failure.png"), fullPage: true }).catch(() => {});
  console.log(`the page as it was: ${path.join(opts.out, "failure.png")}`);
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
