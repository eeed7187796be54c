// The search page (/search/): Pagefind, with the query cut into the same
// words the indexes hold (generator/search/index.py): the overlapping trigrams (or,
// in the second index, bigrams) of each run of letters and digits, asked as
// an exact phrase. Report text is only ever put into the page as text nodes,
// never as HTML.
const PAGE = 5; // results drawn at a time: each needs its record's fragment (about 6 KiB gzipped)
const CONTEXT = 40; // characters shown either side of the match

const form = document.getElementById("fazhi-search");

// Runs of two or more letters and digits of a query, lower-cased as the
// index is (single characters are not indexed on their own).
export function runs(query) {
  return (query.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []).filter((run) => [...run].length > 1);
}

// The Pagefind queries for one run, in the index of n-grams: the exact one
// (which records hold it) and the ranked one (how well they match).
export function pagefindQueries(run, n = 3) {
  const chars = [...run];
  const grams = [];
  for (let i = 0; i + n <= chars.length; i++) grams.push(chars.slice(i, i + n).join(""));
  return { exact: `"${grams.join(" ")}"`, ranked: grams.join(" ") };
}

// The index a query is asked in: trigrams, unless a run is two characters
// long (then every run is asked in bigrams, so results compare by id).
export function gramsFor(parts) {
  return parts.some((part) => [...part].length < 3) ? 2 : 3;
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
  for (const shard of shards.slice(1)) await pagefind.mergeIndex(new URL(`${shard}/`, base).pathname);
  return pagefind;
}

// Both indexes, each opened when a query first needs it.
export async function openIndex(base) {
  const manifest = await (await fetch(new URL("shards.json", base))).json();
  const opened = {};
  return {
    base,
    // Results of the base shards that the delta shards replace (edited
    // reports) or that no longer exist (deleted reports), in either index.
    superseded: new Set(manifest.superseded || []),
    open(n) {
      // One script for both (the trigram index's); each index's first
      // shard has its own WebAssembly and entry file.
      opened[n] ??= openShards(base, n === 2 ? manifest.pairs : manifest.shards, manifest.shards[0]);
      return opened[n];
    },
  };
}

// Results whose text holds every run as a phrase, best first.
export async function find(index, query, filters) {
  const current = (result) => !index.superseded.has(result.id);
  const parts = runs(query);
  if (!parts.length) return [];
  const n = gramsFor(parts);
  const pagefind = await index.open(n);
  let matched = null; // id -> exact result (for the excerpt of the first run)
  const scores = new Map();
  for (const [k, part] of parts.entries()) {
    const q = pagefindQueries(part, n);
    const exact = await pagefind.search(q.exact, { filters });
    const here = new Map(exact.results.filter(current).map((r) => [r.id, r]));
    matched = matched === null ? here : new Map([...matched].filter(([id]) => here.has(id)));
    const ranked = await pagefind.search(q.ranked, { filters });
    for (const r of ranked.results) scores.set(r.id, (scores.get(r.id) || 0) + r.score);
    if (k === 0 && matched.size === 0) break;
  }
  const results = [...matched.values()];
  results.sort((a, b) => (scores.get(b.id) || 0) - (scores.get(a.id) || 0) || a.id.localeCompare(b.id));
  return results.map((r) => ({ result: r, length: [...parts[0]].length, index }));
}

// A record of the bigram index keeps no text or meta: it names the
// trigram index's record of the same page that does ("text": shard/id).
// Pagefind's record files are gzip, "pagefind_dcd" before the JSON.
async function storedRecord(index, data) {
  if (!data.meta.text) return data;
  const [shard, id] = data.meta.text.split("/");
  const response = await fetch(new URL(`${shard}/fragment/${id}.pf_fragment`, index.base));
  if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
  const stream = response.body.pipeThrough(new DecompressionStream("gzip"));
  const text = await new Response(stream).text();
  return JSON.parse(text.slice("pagefind_dcd".length));
}

// The characters of a record, one per word position of the index
// (generator/search/index.py, record_text), a line break between paragraphs.
function characters(content) {
  return [...content];
}

function anchorAt(at, position) {
  let anchor = "";
  for (const item of (at || "").split(" ")) {
    const cut = item.lastIndexOf(":");
    if (cut < 0) continue;
    if (+item.slice(cut + 1) > position) break;
    anchor = item.slice(0, cut);
  }
  return anchor;
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
  const mark = document.createElement("mark");
  mark.textContent = chars.slice(start, start + length).join("");
  p.append(mark, chars.slice(start + length, to).join(""));
  if (to < chars.length && chars[to] !== "\n") p.append("…");
  return p;
}

async function draw(item, root) {
  const data = await item.result.data(); // its locations are this index's
  const record = await storedRecord(item.index, data);
  const chars = characters(record.content);
  const start = Math.min(...data.locations);
  const anchor = anchorAt(record.meta.at, start);
  const li = document.createElement("li");
  li.className = "fazhi-search__result";
  const link = document.createElement("a");
  // Pagefind gives the record's URL from the host's root; the site may live
  // in a folder (a GitHub project page), so it is resolved from the site's root.
  link.href = new URL(data.url.replace(/^\/+/, "") + (anchor ? `#${anchor}` : ""), root).href;
  link.textContent = record.meta.title || data.url;
  link.className = "fazhi-search__title";
  const facts = document.createElement("p");
  facts.className = "fazhi-search__facts";
  facts.textContent = [record.meta.kind, record.meta.issuer, record.meta.province, record.meta.level,
    record.meta.year && `${record.meta.year}年度`].filter(Boolean).join(" · ");
  li.append(link, facts, excerpt(chars, start, item.length));
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

  const drawMore = async (mine) => {
    more.hidden = true;
    const slice = shown.slice(next, next + PAGE);
    next += slice.length;
    const items = await Promise.all(slice.map((item) => draw(item, root)));
    if (mine !== generation) return;
    list.append(...items);
    more.hidden = next >= shown.length;
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
    form.dataset.state = "searching";
    try {
      indexPromise ??= openIndex(base);
      const found = await find(await indexPromise, query, filters);
      if (mine !== generation) return;
      shown = found;
      next = 0;
      status.textContent = found.length
        ? `找到 ${found.length} 个含“${runs(query).join(" ")}”的页面` : `没有页面含“${runs(query).join(" ")}”`;
      status.dataset.count = String(found.length);
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
  more.addEventListener("click", () => drawMore(generation));

  const params = new URLSearchParams(location.search);
  for (const key of ["q", "province", "level", "year", "theme"]) {
    if (params.get(key) && form.elements[key]) form.elements[key].value = params.get(key);
  }
  if (params.get("q")) run();
}
