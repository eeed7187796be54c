// The search page (/search/): Pagefind, with the query cut into the same
// words the index holds (generator/search/index.py): the overlapping bigrams
// of each run of letters and digits, asked as an exact phrase. Report text is only ever put into the page as text nodes,
// never as HTML.
const PAGE = 5; // results drawn at a time: each needs its record's fragment and, for a report, its page (search.js pageExcerpt)
const CONTEXT = 40; // characters shown either side of the match

const form = document.getElementById("fazhi-search");

// Runs of two or more letters and digits of a query, lower-cased as the
// index is (single characters are not indexed on their own).
export function runs(query) {
  return (query.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []).filter((run) => [...run].length > 1);
}

// The Pagefind queries for one run, its bigrams: the exact one (which
// records hold it: the bigrams at consecutive positions) and the ranked one
// (how well they match).
export function pagefindQueries(run, n = 2) {
  const chars = [...run];
  const grams = [];
  for (let i = 0; i + n <= chars.length; i++) grams.push(chars.slice(i, i + n).join(""));
  return { exact: `"${grams.join(" ")}"`, ranked: grams.join(" ") };
}

async function openShards(base, shards, script) {
  const { createInstance } = await import(new URL(`${script}/pagefind.js`, base).href);
  // Pagefind cuts queries into words by the page's language; the index holds
  // n-grams of no language, so the instance is created as "und" (the
  // attribute is restored at once: the page itself stays Chinese).
  const html = document.documentElement;
  const lang = html.getAttribute("lang");
  html.setAttribute("lang", "und");
  let pagefind;
  try {
    pagefind = createInstance({ basePath: new URL(`${shards[0]}/`, base).pathname });
  } finally {
    html.setAttribute("lang", lang);
  }
  await pagefind.init();
  await Promise.all(shards.slice(1).map((shard) => pagefind.mergeIndex(new URL(`${shard}/`, base).pathname)));
  return pagefind;
}

// CRC-32 of a word's UTF-8 bytes: its place in the routing table
// (generator/search/index.py, route_hash).
const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
export function routeHash(word) {
  let c = 0xffffffff;
  for (const byte of new TextEncoder().encode(word)) c = CRC[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// The index, opened when a query first needs it. The base's parts are
// merged only when a query can be in them (the routing table says which
// hold each word) and only as many as the results drawn need.
export async function openIndex(base) {
  const manifest = await (await fetch(new URL("shards.json", base))).json();
  let opened = null; // the index, once a query has opened it
  const files = {};
  const routes = manifest.routes;
  const isPart = (name) => routes && routes.parts.includes(name);
  return {
    base,
    // Results of the base shards that the delta shards replace (edited
    // reports) or that no longer exist (deleted reports).
    superseded: new Set(manifest.superseded || []),
    partName: (k) => routes.parts[k],
    // The base parts (numbers of routes.parts) that hold a word; all when
    // there is no routing table.
    async holders(word) {
      if (!routes) return null;
      const bits = routes.bits;
      const file = bits ? routeHash(word) >>> (32 - bits) : 0;
      // a file is {n: {parts: words}}: the words of n characters, concatenated,
      // by the parts holding them ("*": all; else their numbers joined by ",")
      files[file] ??= fetch(new URL(`routes/${file}.json`, base)).then(async (r) => {
        if (!r.ok) throw new Error(`${r.url}: ${r.status}`);
        const held = new Map();
        for (const [n, sets] of Object.entries(await r.json())) {
          for (const [parts, words] of Object.entries(sets)) {
            const numbers = parts === "*" ? routes.parts.map((_, k) => k) : parts.split(",").map(Number);
            const chars = [...words];
            for (let i = 0; i < chars.length; i += +n) held.set(chars.slice(i, i + +n).join(""), numbers);
          }
        }
        return held;
      });
      return (await files[file]).get(word) || [];
    },
    // Pagefind over the index's shards that are not base parts (the theme
    // shard, the delta), and a function merging named base parts into it.
    open() {
      const shards = manifest.shards;
      opened ??= (async () => {
        const always = shards.filter((s, k) => k === 0 || !isPart(s));
        const pagefind = await openShards(base, always, shards[0]);
        const merged = new Set(always);
        const served = new Set(shards);
        return {
          pagefind,
          // parts (names in routes.parts) not merged yet that the index serves
          fresh: (parts) => parts.filter((s) => served.has(s) && !merged.has(s)),
          async merge(names) {
            for (const s of names) merged.add(s);
            await Promise.all(names.map((s) => pagefind.mergeIndex(new URL(`${s}/`, base).pathname)));
          },
        };
      })();
      return opened;
    },
  };
}

// Results whose text holds every run as a phrase, best first: all of them.
export async function find(index, query, filters) {
  return (await findSome(index, query, filters, Infinity)).items;
}

// At least `enough` of the results (all of them if fewer), best first among
// those found: the base parts that can hold every query word are merged a
// few at a time until enough are found. complete: whether every part that
// can hold the query was searched (then items are all results).
export async function findSome(index, query, filters, enough) {
  const current = (result) => !index.superseded.has(result.id);
  const parts = runs(query);
  if (!parts.length) return { items: [], complete: true, searched: 0, candidates: 0 };
  const queries = parts.map((part) => pagefindQueries(part));
  const opened = await index.open();
  const { pagefind } = opened;
  // base parts that hold every word of every run
  let candidates = null;
  const words = queries.flatMap((q) => q.ranked.split(" "));
  for (const held of await Promise.all(words.map((word) => index.holders(word)))) {  // fetched at once
    if (held === null) continue;
    candidates = candidates === null ? held : candidates.filter((k) => held.includes(k));
  }
  const names = candidates === null ? [] : candidates.map((k) => index.partName(k));
  const todo = opened.fresh(names); // the candidates not merged by an earlier search of this page
  // Every result wanted: every candidate merged at once (merging a few at a
  // time, each round searched again, is for the first page's downloads).
  let batch = enough === Infinity ? todo.length : 1;
  let matched; // id -> exact result (for the excerpt of the first run)
  for (;;) {
    matched = null;
    for (const q of queries) {
      const exact = await pagefind.search(q.exact, { filters });
      const here = new Map(exact.results.filter(current).map((r) => [r.id, r]));
      matched = matched === null ? here : new Map([...matched].filter(([id]) => here.has(id)));
      if (matched.size === 0) break;
    }
    if (matched.size < enough && todo.length) {
      await opened.merge(todo.splice(0, batch));
      batch *= 2;
      continue;
    }
    break;
  }
  // The ranking, once the results are known: the ranked query returns every
  // location of every word on every page holding one, which made it most of
  // a search's time, and each round of merging asked it again.
  const scores = new Map();
  if (matched.size > 1) {
    for (const q of queries) {
      const ranked = await pagefind.search(q.ranked, { filters });
      for (const r of ranked.results) scores.set(r.id, (scores.get(r.id) || 0) + r.score);
    }
  }
  const results = [...matched.values()];
  results.sort((a, b) => (scores.get(b.id) || 0) - (scores.get(a.id) || 0) || a.id.localeCompare(b.id));
  return {
    items: results.map((r) => ({ result: r, length: [...parts[0]].length, run: parts[0] })),
    complete: !todo.length,
    searched: names.length - todo.length,
    candidates: names.length,
  };
}

// The characters of a record, one per word position of the index
// (generator/search/index.py, record_text), a line break between paragraphs:
// what the index stores of a theme page.
function characters(content) {
  return [...content];
}

// Where each unit of a record starts (its meta "at": "anchor:position …",
// generator/search/index.py record_content), as [anchor, position].
function unitStarts(at) {
  const out = [];
  for (const item of (at || "").split(" ")) {
    const cut = item.lastIndexOf(":");
    if (cut > 0) out.push([item.slice(0, cut), +item.slice(cut + 1)]);
  }
  return out;
}

// The unit holding a word position: its anchor ("" for the title, which
// has none and comes first), where it starts, and which of the units of
// that anchor it is (a table's caption and rows share the table's).
function unitAt(at, position) {
  let unit = { anchor: "", start: 0, nth: 0 };
  const seen = new Map();
  for (const [anchor, start] of unitStarts(at)) {
    if (start > position) break;
    const nth = seen.get(anchor) || 0;
    seen.set(anchor, nth + 1);
    unit = { anchor, start, nth };
  }
  return unit;
}

// The code point in text where the word at `offset` starts, counting words
// as the index does (generator/search/index.py, words): each letter or
// digit one, a run of white space one, each other character one.
function pointAt(text, offset) {
  let words = 0;
  let point = 0;
  for (const [run] of text.toLowerCase().matchAll(/[\p{L}\p{N}]+|\s+|./gsu)) {
    const letters = /^[\p{L}\p{N}]/u.test(run);
    const size = [...run].length;
    if (letters && words + size > offset) return point + (offset - words);
    if (!letters && words === offset) return point;
    words += letters ? size : 1;
    point += size;
  }
  return -1;
}

// The texts of a unit's element on a report page, in the order the record
// lists that anchor's units: a table's caption (the paragraph before it)
// and rows (cells joined by a space, as generator/search/index.py
// report_units joins them); any other element's text.
function unitTexts(element) {
  if (element.tagName !== "TABLE") return [element.textContent];
  const caption = element.previousElementSibling;
  const rows = [...element.rows].map((row) => [...row.cells].map((cell) => cell.textContent).join(" "));
  return caption && caption.classList.contains("report-table__caption") ? [caption.textContent, ...rows] : rows;
}

// Whether the run (lower-cased) is in chars at code point i.
function holds(chars, run, i) {
  const want = [...run];
  return i >= 0 && i + want.length <= chars.length && want.every((c, k) => chars[i + k].toLowerCase() === c);
}

// The code point of the run in chars nearest to `near` (-1 if none).
function nearest(chars, run, near) {
  let best = -1;
  for (let i = 0; i < chars.length; i++) {
    if (holds(chars, run, i) && (best < 0 || Math.abs(i - near) < Math.abs(best - near))) best = i;
  }
  return best;
}

// A report's excerpt, cut from its page (the index stores no report text):
// the page is fetched and parsed as an inert document (no script of it
// runs, nothing of it is put into this page but text), the unit holding the
// match found by the record's "at", the match in it by its word position
// (or, where the page's text differs, the run's occurrence nearest to it).
async function pageExcerpt(url, record, position, run) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
  return cutExcerpt(new DOMParser().parseFromString(await response.text(), "text/html"), record.meta.at, position, run);
}

// The excerpt of a report page (doc) around the word at `position` of its
// record (whose units start where `at` says), the run marked.
export function cutExcerpt(doc, at, position, run) {
  const unit = unitAt(at, position);
  const element = unit.anchor ? doc.getElementById(unit.anchor) : doc.querySelector("h1");
  const texts = element ? unitTexts(element) : [];
  const chars = [...(texts[Math.min(unit.nth, texts.length - 1)] || "")];
  let start = pointAt(chars.join(""), position - unit.start);
  if (!holds(chars, run, start)) start = nearest(chars, run, Math.max(start, 0));
  if (start < 0) return excerpt(chars, 0, 0); // the page no longer holds it: its unit's opening, nothing marked
  return excerpt(chars, start, [...run].length);
}

function anchorAt(at, position) {
  return unitAt(at, position).anchor;
}

function excerpt(chars, start, length) {
  // Stay within the paragraph of the match.
  let from = start;
  while (from > 0 && start - from < CONTEXT && chars[from - 1] !== "\n") from--;
  let to = start + length;
  while (to < chars.length && to - start - length < CONTEXT && chars[to] !== "\n") to++;
  const p = document.createElement("p");
  p.className = "fazhi-search__excerpt";
  if (from > 0 && chars[from - 1] !== "\n") p.append("…");
  p.append(chars.slice(from, start).join(""));
  if (length) {
    const mark = document.createElement("mark");
    mark.textContent = chars.slice(start, start + length).join("");
    p.append(mark);
  }
  p.append(chars.slice(start + length, to).join(""));
  if (to < chars.length && chars[to] !== "\n") p.append("…");
  return p;
}

async function draw(item, root) {
  const record = await item.result.data(); // its meta, the text of a theme page, where the first run matched
  const start = Math.min(...record.locations);
  const anchor = anchorAt(record.meta.at, start);
  // Pagefind gives the record's URL from the host's root, the site's folder
  // (a GitHub project page's /<repo>/) in it: Pagefind takes it from the
  // index's address, the part before "pagefind/".
  const page = new URL(record.url, root);
  const li = document.createElement("li");
  li.className = "fazhi-search__result";
  const link = document.createElement("a");
  link.href = page.href + (anchor ? `#${anchor}` : "");
  link.textContent = record.meta.title || record.url;
  link.className = "fazhi-search__title";
  const facts = document.createElement("p");
  facts.className = "fazhi-search__facts";
  facts.textContent = [record.meta.kind, record.meta.issuer, record.meta.province, record.meta.level,
    record.meta.year && `${record.meta.year}年度`].filter(Boolean).join(" · ");
  const shown = record.content ? excerpt(characters(record.content), start, item.length)
    : await pageExcerpt(page.href, record, start, item.run);
  li.append(link, facts, shown);
  return li;
}

if (form) {
  const base = new URL(form.dataset.index, location.href);
  const root = new URL(form.dataset.root, location.href);
  const status = document.getElementById("fazhi-search-status");
  const list = document.getElementById("fazhi-search-results");
  const more = document.getElementById("fazhi-search-more");
  let indexPromise = null;
  let shown = [];
  let next = 0;
  let generation = 0;
  let search = null; // the query's state: what findSome needs to find more

  const say = (found, words) => {
    status.textContent = !found.items.length && found.complete ? `没有页面含“${words}”`
      : found.complete ? `找到 ${found.items.length} 个含“${words}”的页面`
      : `已找到 ${found.items.length} 个含“${words}”的页面；另有 ${found.candidates - found.searched} 个`
        + `可能含有它的索引分卷尚未检索，“显示更多结果”继续检索，结果的排序可能随之变化`;
    status.dataset.count = String(found.items.length);
    status.dataset.complete = String(found.complete);
  };

  const drawMore = async (mine, focusFirst = false) => {
    more.hidden = true;
    if (next >= shown.length && search && !search.complete) {
      // every result found so far is drawn: search more of the base
      const found = await findSome(search.index, search.query, search.filters, shown.length + PAGE);
      if (mine !== generation) return;
      const drawn = new Set(shown.map((item) => item.result.id));
      shown.push(...found.items.filter((item) => !drawn.has(item.result.id)));
      search.complete = found.complete;
      say({ ...found, items: shown }, search.words);
    }
    const slice = shown.slice(next, next + PAGE);
    next += slice.length;
    const items = await Promise.all(slice.map((item) => draw(item, root)));
    if (mine !== generation) return;
    list.append(...items);
    more.hidden = next >= shown.length && search.complete;
    // the button hid itself while loading: the keyboard goes on at the first new result
    if (focusFirst && items.length) items[0].querySelector("a")?.focus();
  };

  const run = async () => {
    const mine = ++generation;
    const data = new FormData(form);
    const query = (data.get("q") || "").trim();
    const filters = {};
    for (const key of ["province", "level", "year", "theme"]) {
      if (data.get(key)) filters[key] = data.get(key);
    }
    const params = new URLSearchParams([["q", query], ...Object.entries(filters)]);
    history.replaceState(null, "", `?${params}`);
    list.replaceChildren();
    more.hidden = true;
    if (!runs(query).length) {
      status.textContent = query ? "请输入两个字以上的词语（单字不单独检索）。" : "请输入要检索的词语。";
      return;
    }
    status.textContent = "正在检索……";
    delete status.dataset.count;
    delete status.dataset.complete;
    form.dataset.state = "searching";
    try {
      indexPromise ??= openIndex(base);
      const index = await indexPromise;
      const found = await findSome(index, query, filters, PAGE);
      if (mine !== generation) return;
      shown = found.items;
      next = 0;
      search = { index, query, filters, complete: found.complete, words: runs(query).join(" ") };
      say(found, search.words);
      await drawMore(mine);
      form.dataset.state = "done";
    } catch (error) {
      status.textContent = "检索出错，请刷新页面后重试。";
      form.dataset.state = "error";
      throw error;
    }
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  for (const select of form.querySelectorAll("select")) select.addEventListener("change", run);
  more.addEventListener("click", () => drawMore(generation, true));

  const params = new URLSearchParams(location.search);
  for (const key of ["q", "province", "level", "year", "theme"]) {
    if (params.get(key) && form.elements[key]) form.elements[key].value = params.get(key);
  }
  if (params.get("q")) run();
}
