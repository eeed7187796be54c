// Sorting and filtering of the report × theme table on /compare/, in the
// browser, over every report (compare.json), without a server. The static
// table holds the first page of rows for readers without JavaScript. Also
// the rows of theme pages and their 数据指标 table and charts, drawn from
// each page's data file (drawRows, drawFigures).
// Report text is only ever inserted with textContent, never as HTML.
(function () {
  "use strict";
  var SHOW = 200; // rows drawn at once; "显示更多" draws the next ones

  var kit = window.fazhiKit, el = kit.el, fail = kit.fail, why = kit.why;  // fazhi.js

  // A filter's choices: provinces as the gazetteer lists them (北京, 天津,
  // 河北 …) and levels in administrative order, years newest first.
  function filterSelect(data, key, name) {
    var values = Array.from(new Set(data.rows.map(function (r) { return r[key]; })));
    var order = key === "province" ? data.provinces || [] : key === "level" ? data.levels || [] : null;
    if (order) values.sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); });
    else values.sort().reverse();
    var select = el("select", { "aria-label": "按" + name + "筛选", "data-filter": key });
    select.appendChild(el("option", { value: "" }, "全部" + name));
    values.forEach(function (v) { select.appendChild(el("option", { value: v }, v)); });
    return select;
  }

  // The filters are kept in the page's address, so a filtered view can be shared.
  function remember(state) {
    var q = new URLSearchParams();
    ["province", "level", "year", "q"].forEach(function (k) { if (state[k]) q.set(k, state[k]); });
    var s = q.toString();
    history.replaceState(null, "", (s ? "?" + s : location.pathname) + location.hash);
  }

  // compare.json is written compact (generator/site/compare.py, matrix_data):
  // a row's address is its slug's; a cell is 0 (no passage on the theme) or
  // [count, share, page of the theme holding the report ("" its first page,
  // absent likewise, null none)]. Here each becomes the object the tables use.
  function expand(data) {
    data.rows.forEach(function (r) {
      r.href = "../reports/" + r.slug + "/";
      r.cells = r.cells.map(function (c, k) {
        if (!c) return { n: 0, share: 0, href: null };
        var page = c.length > 2 ? c[2] : "";
        return { n: c[0], share: c[1],
          href: page === null ? null : "../themes/" + data.themes[k].slug + "/" + (page ? page + "/" : "") + "#" + r.slug };
      });
    });
    return data;
  }

  // compare.json is published as gzip (compare.json.gz: a host's quota counts
  // stored bytes); kit.getJSON reads it either way.
  var load = kit.getJSON;

  // A page's data file is fetched once, whatever draws from it (a theme
  // page's rows and its indicators).
  var loading = {};
  function loadOnce(src) {
    return loading[src.href] || (loading[src.href] = load(src));
  }

  function setup(box) {
    var src = new URL(box.getAttribute("data-src"), document.baseURI);
    load(src).then(function (data) { start(box, expand(data), src); }).catch(function (e) {
      box.querySelector(".compare-filters").hidden = false;
      box.querySelector(".compare-filters").textContent = "筛选不可用（" + why(e) + "），仍可翻页浏览。";
    });
  }

  function start(box, data, src) {
    var state = { province: "", level: "", year: "", key: null, desc: true, limit: SHOW, open: {} };
    var levelOrder = data.levels || [];
    var filters = box.querySelector(".compare-filters");
    var tbody = box.querySelector("tbody");
    var status = el("span", { "class": "compare-status", "aria-live": "polite" });
    var more = el("button", { type: "button", "class": "md-button compare-more" }, "显示更多");
    var params = new URLSearchParams(location.search);
    [["province", "省份"], ["level", "层级"], ["year", "年度"]].forEach(function (f) {
      var select = filterSelect(data, f[0], f[1]);
      if (params.get(f[0]) && select.querySelector('option[value="' + CSS.escape(params.get(f[0])) + '"]')) {
        select.value = state[f[0]] = params.get(f[0]);
      }
      select.addEventListener("change", function () { state[f[0]] = select.value; state.limit = SHOW; remember(state); draw(); });
      var label = el("label", {}, f[1] + "：");
      label.appendChild(select);
      filters.appendChild(label);
    });
    filters.appendChild(status);
    filters.hidden = false;
    // every report is drawn here (显示更多): the page's own pager would be a second way to page
    document.querySelectorAll(".compare-pager").forEach(function (p) { p.hidden = true; });
    box.appendChild(more);
    more.addEventListener("click", function () { state.limit += SHOW; draw(); });
    // Subtheme columns fold under their parent: a button in the parent's header.
    var table = box.querySelector("table");
    data.themes.forEach(function (t) {
      if (!data.themes.some(function (s) { return s.parent === t.slug; })) return;
      var th = box.querySelector('th[data-theme="' + t.slug + '"]');
      if (!th) return;
      var toggle = el("button", { type: "button", "class": "compare-toggle", "aria-expanded": "false" }, "展开细分主题");
      toggle.addEventListener("click", function (e) {
        e.stopPropagation();
        state.open[t.slug] = !state.open[t.slug];
        toggle.setAttribute("aria-expanded", String(!!state.open[t.slug]));
        toggle.textContent = state.open[t.slug] ? "收起细分主题" : "展开细分主题";
        fold();
      });
      th.appendChild(toggle);
    });
    function fold() {
      table.querySelectorAll("[data-parent]").forEach(function (c) {
        c.hidden = !state.open[c.getAttribute("data-parent")];
      });
    }
    // Each sortable header's name becomes a button of its own: the header
    // cell stays a header (with aria-sort), and the fold button of a parent
    // theme sits beside the sort button, not inside it.
    box.querySelectorAll("th[data-sort]").forEach(function (th) {
      var name = th.firstChild;
      var button = el("button", { type: "button", "class": "compare-sort", title: "点击排序" }, name.textContent);
      th.replaceChild(button, name);
      function sort() {
        var key = th.getAttribute("data-sort");
        state.desc = state.key === key ? !state.desc : /^\d+$/.test(key);
        state.key = key;
        box.querySelectorAll("th[data-sort]").forEach(function (o) { o.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", state.desc ? "descending" : "ascending");
        draw();
      }
      button.addEventListener("click", sort);
    });

    function value(row, key) {
      if (/^\d+$/.test(key)) { var c = row.cells[+key]; return [c.share, c.n]; }
      return [row[key], 0];
    }

    function draw() {
      var rows = data.rows.filter(function (r) {
        return (!state.province || r.province === state.province) && (!state.level || r.level === state.level) &&
          (!state.year || r.year === state.year);
      });
      if (state.key !== null) {
        rows = rows.slice().sort(function (a, b) {
          var x = value(a, state.key), y = value(b, state.key);
          var c = x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1];
          if (c === 0) c = a.slug < b.slug ? -1 : 1;
          return state.desc ? -c : c;
        });
      }
      tbody.textContent = "";
      rows.slice(0, state.limit).forEach(function (r) {
        var tr = el("tr", { "data-province": r.province, "data-level": r.level, "data-year": r.year });
        var th = el("th", { scope: "row" });
        th.appendChild(el("a", { href: new URL(r.href, src).href }, r.title));
        tr.appendChild(th);
        [r.province, r.level, r.year].forEach(function (v) { tr.appendChild(el("td", {}, v)); });
        r.cells.forEach(function (c, k) {
          var td = el("td", { "class": "num heat-" + (c.n ? Math.min(4, Math.floor(c.share * 10)) : 0) });
          if (data.themes[k].parent) td.setAttribute("data-parent", data.themes[k].parent);
          if (c.n) {
            var a = el("a", { href: new URL(c.href, src).href }, String(c.n));
            a.appendChild(el("small", {}, Math.round(c.share * 100) + "%"));
            td.appendChild(a);
          } else {
            td.appendChild(el("span", { "class": "none" }, "未涉及"));
          }
          tr.appendChild(td);
        });
        tbody.appendChild(tr);
      });
      data.themes.forEach(function (t, k) {
        var count = box.querySelector('th[data-theme="' + t.slug + '"] .unmentioned');
        if (count) count.textContent = "未涉及 " + rows.filter(function (r) { return !r.cells[k].n; }).length + " 份";
      });
      fold();
      status.textContent = "显示 " + Math.min(rows.length, state.limit) + " / " + rows.length + " 份报告（共 " + data.rows.length + " 份）";
      more.hidden = rows.length <= state.limit;
    }
    draw();
  }

  // /parts/: every report's required parts, filtered by province, level and
  // year and found by name, from compare.json's rows; the page's own table
  // (one page of the list) is hidden while a filter is set.
  function setupParts(box) {
    var src = new URL(box.getAttribute("data-src"), document.baseURI);
    load(src).then(function (data) { startParts(box, expand(data), src); }).catch(function (e) {
      box.appendChild(el("p", {}, "筛选不可用（" + why(e) + "），仍可翻页浏览。"));
    });
  }

  function startParts(box, data, src) {
    var params = new URLSearchParams(location.search);
    var state = { province: "", level: "", year: "", q: params.get("q") || "", limit: SHOW };
    var controls = el("div", { "class": "compare-filters parts-filters" });
    var find = el("input", { type: "search", "data-filter": "q", placeholder: "发布机关或报告名称", autocomplete: "off" });
    find.value = state.q;
    var findLabel = el("label", {}, "按名称查找：");
    findLabel.appendChild(find);
    controls.appendChild(findLabel);
    [["province", "省份"], ["level", "层级"], ["year", "年度"]].forEach(function (f) {
      var select = filterSelect(data, f[0], f[1]);
      if (params.get(f[0])) { select.value = params.get(f[0]); state[f[0]] = select.value; }
      select.addEventListener("change", function () { state[f[0]] = select.value; state.limit = SHOW; remember(state); draw(); });
      var label = el("label", {}, f[1] + "：");
      label.appendChild(select);
      controls.appendChild(label);
    });
    var timer = null;
    find.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { state.q = find.value.trim(); state.limit = SHOW; remember(state); draw(); }, 200);
    });
    var status = el("p", { "class": "compare-status", "aria-live": "polite" });
    var table = el("table", { "class": "parts-results" });
    var head = el("tr");
    ["报告", "省份", "层级", "年度"].concat(data.parts.map(function (p, i) { return (i + 1) + ". " + p; }))
      .forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var tbody = el("tbody");
    table.appendChild(tbody);
    var more = el("button", { type: "button", "class": "md-button compare-more" }, "显示更多");
    more.addEventListener("click", function () { state.limit += SHOW; draw(); });
    var scroll = el("div", { "class": "compare-scroll" });
    scroll.appendChild(table);
    box.appendChild(controls);
    box.appendChild(status);
    box.appendChild(scroll);
    box.appendChild(more);
    var marks = ["标题未见", "✓?", "✓"];

    function draw() {
      var active = state.province || state.level || state.year || state.q;
      document.body.classList.toggle("parts-filtering", !!active);
      scroll.hidden = !active;
      if (!active) { status.textContent = "共 " + data.rows.length + " 份报告；设定筛选条件后在此列出符合的报告。"; more.hidden = true; return; }
      var rows = data.rows.filter(function (r) {
        return (!state.province || r.province === state.province) && (!state.level || r.level === state.level) &&
          (!state.year || r.year === state.year) && (!state.q || (r.title + " " + r.issuer).indexOf(state.q) >= 0);
      });
      tbody.textContent = "";
      rows.slice(0, state.limit).forEach(function (r) {
        var tr = el("tr");
        var th = el("th", { scope: "row" });
        th.appendChild(el("a", { href: new URL(r.href, src).href + "#report-parts-title" }, r.title));
        tr.appendChild(th);
        [r.province, r.level, r.year].forEach(function (v) { tr.appendChild(el("td", {}, v)); });
        r.parts.forEach(function (p) { tr.appendChild(el("td", { "class": p ? "" : "part-missing" }, marks[p])); });
        tbody.appendChild(tr);
      });
      var without = data.parts.map(function (_, k) { return rows.filter(function (r) { return !r.parts[k]; }).length; });
      status.textContent = "符合条件的报告 " + rows.length + " 份（共 " + data.rows.length + " 份），显示 " +
        Math.min(rows.length, state.limit) + " 份。标题未见各部分的报告数：" +
        data.parts.map(function (p, k) { return p + " " + without[k]; }).join("，") + "。";
      more.hidden = rows.length <= state.limit;
    }
    draw();
  }

  // The rows of a theme or part page (generator/site/compare.py, _theme_row
  // and _part_rows): each item holds the report's link; its data file adds
  // the rest. Addresses are the data file's neighbours: it sits in the
  // theme's or part's folder (themes/x/, parts/x/), two steps below the
  // site's root.
  function drawRows(list) {
    var src = new URL(list.getAttribute("data-rows"), document.baseURI);
    loadOnce(src).then(function (data) {
      var at = function (path) { return new URL(path, src).href; };
      list.querySelectorAll(":scope > li[id]").forEach(function (li) {
        var row = data.rows[li.id];
        if (!row || li.querySelector(".theme-row__meta, .part-row")) return;
        if (data.part) partRow(li, row, at); else themeRow(li, row, data, at);
      });
    }).catch(function (e) {
      list.insertAdjacentElement("beforebegin", el("p", { "class": "theme-rows__error" },
        "各行的详细内容无法载入（" + why(e) + "），仍可点击各行打开报告。"));
    });
  }

  // A part page's row: the report's place and year, then each of its
  // sections that holds the part: its heading linked to it, whether it was
  // placed by position only, its length and its own subsections' headings.
  function partRow(li, row, at) {
    if (row[0]) li.appendChild(el("span", { "class": "theme-row__meta" }, row[0]));
    row[1].forEach(function (section) {
      var p = el("p", { "class": "part-row" });
      p.appendChild(el("a", { href: at("../../reports/" + li.id + "/#" + section[0]) }, section[1]));
      var subs = section[4];
      p.appendChild(document.createTextNode((section[2] ? "（按位置推断）" : "") + " · " +
        section[3].toLocaleString("en-US") + " 字" + (subs.length ? "，分 " + subs.length + " 节：" + subs.join(" · ") : "")));
      li.appendChild(p);
    });
  }

  // The report a theme page's row is about, as the row's link names it
  // (place, else issuer or title, and year: compare.py, _row_link). A link
  // named only by its year follows the rows of the same place, the first of
  // which names it: that row's name less its year, then this year.
  var YEAR_ONLY = /^\d{4} 年度$/;
  function rowName(li) {
    var own = li.querySelector(":scope > a").textContent;
    if (!YEAR_ONLY.test(own)) return own.replace(/ · (\d{4} 年度)$/, " $1");
    for (var prev = li.previousElementSibling; prev; prev = prev.previousElementSibling) {
      var link = prev.querySelector(":scope > a");
      if (!link || YEAR_ONLY.test(link.textContent)) continue;
      return link.textContent.replace(/ · \d{4} 年度$/, "") + " " + own;
    }
    return own;
  }

  // A theme page's row: the count of the report's passages on the theme
  // (linked to the reader where there are more than the links), its
  // strongest passages as numbered links and its rows on the subthemes' pages.
  // Every link is named for a screen reader by the row's report too (each
  // row has links "1", "6 段"): an aria-label holding the visible text.
  function themeRow(li, row, data, at) {
    var slug = li.id, count = row[0], links = row[1], subs = row[2] || [];
    var name = rowName(li);
    var own = li.querySelector(":scope > a");
    if (own && YEAR_ONLY.test(own.textContent) && name !== own.textContent) own.setAttribute("aria-label", name);
    var meta = el("span", { "class": "theme-row__meta" });
    var reader = "../../reader/?theme=" + encodeURIComponent(data.theme) + "&r=" + encodeURIComponent(slug);
    meta.appendChild(count > links.length ? el("a", { href: at(reader), "aria-label": name + " " + count + " 段" }, count + " 段")
      : document.createTextNode(count + " 段"));
    links.forEach(function (link, k) {
      meta.appendChild(document.createTextNode(k ? " " : "："));
      meta.appendChild(el("a", { href: at("../../reports/" + slug + "/#" + link[1]),
        "aria-label": name + " 第 " + link[0] + " 段" }, String(link[0])));
    });
    subs.forEach(function (sub, k) {
      meta.appendChild(document.createTextNode(k ? "、" : " · 细分主题："));
      var theme = data.subs[sub[0]];
      var text = theme[1] + " " + sub[2] + " 段";
      meta.appendChild(el("a", { href: at("../" + theme[0] + "/" + sub[1] + "#" + slug), "aria-label": name + " " + text }, text));
    });
    li.appendChild(meta);
  }

  // A theme page's 数据指标 (generator/site/compare.py, indicator_data): the
  // table of its reports' figures, each number linked to its paragraph with
  // its clause as the link's title, and the bar charts by level, drawn in
  // place of the section's empty div as the page held them in its markup.
  function drawFigures(box) {
    var src = new URL(box.getAttribute("data-figures"), document.baseURI);
    var at = function (path) { return new URL(path, src).href; };
    loadOnce(src).then(function (data) {
      if (!data.fig) throw fail("数据文件中没有本页的数据指标");
      box.replaceWith.apply(box, figureNodes(data.fig, at));
      window.dispatchEvent(new Event("resize")); // fazhi.js marks a table wider than the screen (markWide)
    }).catch(function (e) {
      var p = el("p", { "class": "indicators__error" }, "数据指标表和图无法载入（" + why(e) + "），各指标的数字可在");
      p.appendChild(el("a", { href: at("../../figures/") }, "数据指标页"));
      p.appendChild(document.createTextNode("查看。"));
      box.appendChild(p);
    });
  }

  function figureNodes(fig, at) {
    var nodes = [];
    if (!fig.rows.length) nodes.push(el("p", {}, "本页各报告都没有给出这些指标的数字。"));
    else {
      var head = el("tr");
      head.appendChild(el("th", {}, "报告"));
      fig.cols.forEach(function (k) { head.appendChild(el("th", {}, fig.i[k][1] + "（" + fig.i[k][2] + "）")); });
      var thead = el("thead");
      thead.appendChild(head);
      var tbody = el("tbody");
      fig.rows.forEach(function (row) {
        var tr = el("tr");
        var name = el("td");
        name.appendChild(el("a", { href: "#" + row[0] }, row[1]));
        tr.appendChild(name);
        var link = function (f) { return el("a", { href: at("../../reports/" + row[0] + "/#" + f[1]), title: f[2] }, f[0]); };
        row[2].forEach(function (cell) {
          var td = el("td");
          if (cell) {
            td.appendChild(link(cell[0]));
            if (cell.length > 1) {
              td.appendChild(document.createTextNode("（另："));
              cell.slice(1).forEach(function (f, k) {
                if (k) td.appendChild(document.createTextNode("、"));
                td.appendChild(link(f));
              });
              td.appendChild(document.createTextNode("）"));
            }
          }
          tr.appendChild(td);
        });
        tbody.appendChild(tr);
      });
      var table = el("table");
      table.appendChild(thead);
      table.appendChild(tbody);
      // wrapped as Material wraps the tables it finds on load (it scrolls sideways on a phone)
      var wrap = el("div", { "class": "md-typeset__scrollwrap" });
      var inner = el("div", { "class": "md-typeset__table" });
      inner.appendChild(table);
      wrap.appendChild(inner);
      nodes.push(wrap);
      if (fig.silent) nodes.push(el("p", {}, "本页其余 " + fig.silent + " 份报告没有给出这些指标中的任何一个数字，不列入上表。"));
      var unused = fig.i.filter(function (_, k) { return fig.cols.indexOf(k) < 0; });
      if (unused.length) {
        nodes.push(el("p", {}, "本页各报告都没有给出的指标（不列入上表）：" +
          unused.map(function (i) { return i[1]; }).join("、") + "。"));
      }
    }
    if (fig.charts.length) {
      nodes.push(el("p", {}, "每张图只画一个指标、只比较同一层级的机关（层级写在图名中）；不足两个数字的不画图。"));
      var charts = el("div", { "class": "indicator-charts" });
      fig.charts.forEach(function (c) { charts.appendChild(barChart(fig.i[c[0]], c[1], c[2])); });
      nodes.push(charts);
    }
    return nodes;
  }

  // A horizontal bar chart in HTML and CSS: every name and value printed,
  // never only in a tooltip; the bar is the row's middle grid cell itself.
  function barChart(indicator, level, bars) {
    var caption = indicator[1] + "（" + indicator[2] + "）· " + level;
    var figure = el("figure", { "class": "indicator-chart", role: "img", "aria-label": caption });
    figure.appendChild(el("figcaption", {}, caption));
    var top = Math.max.apply(null, bars.map(function (b) { return b[1]; })) || 1;
    bars.forEach(function (b) {
      var row = el("div", { "class": "chart-row" });
      row.appendChild(el("span", { "class": "chart-label" }, b[0]));
      var bar = el("span", { "class": "chart-bar" });
      bar.style.width = Math.max(1, 100 * b[1] / top).toFixed(1) + "%";
      row.appendChild(bar);
      row.appendChild(el("span", { "class": "chart-value" }, b[2]));
      figure.appendChild(row);
    });
    return figure;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("ul.theme-rows[data-rows]").forEach(drawRows);
    document.querySelectorAll(".indicators-drawn[data-figures]").forEach(drawFigures);
    document.querySelectorAll(".parts-filter[data-src]").forEach(setupParts);
    document.querySelectorAll(".compare[data-src]").forEach(setup);
  });
})();
