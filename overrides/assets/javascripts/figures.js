// The figures explorer on /figures/: one measure at a time, filtered by
// province, level, year and body, drawn from figures/index.json and the
// files of the chosen year and provinces (figures/data/<year>/<province>.json),
// loaded only when needed. The table can be sorted; each value links to its
// sentence in the report; the chart compares bodies of one level; "下载 CSV"
// writes exactly the rows shown. Filters are kept in the page's address.
// Report text is only ever inserted with textContent, never as HTML.
(function () {
  "use strict";

  var kit = window.fazhiKit, el = kit.el, why = kit.why;  // fazhi.js

  // A JSON file, plain or gzip as stored, named in a failure by its folder
  // and name (2023/广东.json).
  function getJSON(url) {
    return kit.getJSON(url, url.pathname.split("/").slice(-2).join("/"));
  }

  function setup(box) {
    var base = new URL(box.getAttribute("data-index"), document.baseURI);
    var root = new URL(box.getAttribute("data-root"), document.baseURI);
    getJSON(base).then(function (index) { start(box, index, base, root); }).catch(function (e) {
      box.appendChild(el("p", { "class": "reader-error" }, "数据无法载入（" + why(e) + "）。"));
    });
  }

  function start(box, index, base, root) {
    var params = new URLSearchParams(location.search);
    var years = [];
    var provinces = [];
    index.files.forEach(function (f) {
      if (years.indexOf(f.year) < 0) years.push(f.year);
      if (!provinces.some(function (p) { return p.slug === f.province; })) provinces.push({ slug: f.province, name: f.name });
    });
    var levelName = {};
    index.levels.forEach(function (l) { levelName[l.slug] = l.name; });
    var indicators = {};
    index.indicators.forEach(function (i) { indicators[i.slug] = i; });
    var state = {
      i: indicators[params.get("i")] ? params.get("i") : index.indicators.reduce(function (best, i) {
        return (i.reports || 0) > (best.reports || 0) ? i : best;  // the measure most reports give
      }, index.indicators[0]).slug,
      year: years.indexOf(params.get("year")) >= 0 ? params.get("year") : years[0],
      province: params.get("province") || "",
      level: params.get("level") || "",
      q: params.get("q") || "",
      sort: params.get("sort") === "name" ? "name" : "value",
      desc: params.get("order") !== "asc"
    };
    var loaded = {}; // file -> its rows

    var controls = el("div", { "class": "compare-filters figures-filters" });
    function select(key, label, options) {
      var s = el("select", { "data-filter": key });
      options.forEach(function (o) { s.appendChild(el("option", { value: o[0] }, o[1])); });
      s.value = state[key];
      if (s.value !== state[key]) state[key] = s.value;
      s.addEventListener("change", function () { state[key] = s.value; update(); });
      var l = el("label", {}, label + "：");
      l.appendChild(s);
      controls.appendChild(l);
      return s;
    }
    var measure = el("select", { "data-filter": "i" });
    var groups = {};
    index.indicators.forEach(function (i) {
      if (!groups[i.theme]) { groups[i.theme] = el("optgroup", { label: i.theme_name }); measure.appendChild(groups[i.theme]); }
      groups[i.theme].appendChild(el("option", { value: i.slug }, i.name + (i.unit ? "（" + i.unit + "）" : "")));
    });
    measure.value = state.i;
    measure.addEventListener("change", function () { state.i = measure.value; update(); });
    var measureLabel = el("label", { "class": "figures-measure" }, "指标：");
    measureLabel.appendChild(measure);
    controls.appendChild(measureLabel);
    select("year", "年度", years.map(function (y) { return [y, y === "unknown" ? "年度不详" : y + " 年度"]; }));
    select("province", "省份", [["", "全部省份"]].concat(provinces.map(function (p) { return [p.slug, p.name]; })));
    select("level", "层级", [["", "全部层级"]].concat(index.levels.map(function (l) { return [l.slug, l.name]; })));
    var find = el("input", { type: "search", "data-filter": "q", placeholder: "机关名称，如 司法局", autocomplete: "off" });
    find.value = state.q;
    var timer = null;
    find.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { state.q = find.value.trim(); update(); }, 200);
    });
    var findLabel = el("label", {}, "发布机关：");
    findLabel.appendChild(find);
    controls.appendChild(findLabel);
    box.appendChild(controls);

    var status = el("p", { "class": "compare-status figures-status", "aria-live": "polite" });
    var download = el("button", { type: "button", "class": "md-button figures-download" }, "下载 CSV（表中各行）");
    box.appendChild(status);
    box.appendChild(download);
    var chart = el("figure", { "class": "indicator-chart figures-chart" });
    box.appendChild(chart);
    var table = el("table", { "class": "figures-table" });
    var head = el("tr");
    var sortName = el("button", { type: "button", "class": "compare-sort", "data-sort": "name" }, "发布机关");
    var sortValue = el("button", { type: "button", "class": "compare-sort", "data-sort": "value" }, "数值");
    var thName = el("th", { scope: "col" });
    thName.appendChild(sortName);
    var thValue = el("th", { scope: "col" });
    thValue.appendChild(sortValue);
    [thName, el("th", { scope: "col" }, "地区"), el("th", { scope: "col" }, "层级"), el("th", { scope: "col" }, "年度"),
      thValue, el("th", { scope: "col" }, "原文句子")].forEach(function (th) { head.appendChild(th); });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var tbody = el("tbody");
    table.appendChild(tbody);
    var scroll = el("div", { "class": "compare-scroll figures-scroll" });
    scroll.appendChild(table);
    box.appendChild(scroll);
    [sortName, sortValue].forEach(function (b) {
      b.addEventListener("click", function () {
        var key = b.getAttribute("data-sort");
        state.desc = state.sort === key ? !state.desc : key === "value";
        state.sort = key;
        update();
      });
    });

    var shown = [];
    var asking = 0;  // which update() is the latest

    function files() {
      return index.files.filter(function (f) {
        return f.year === state.year && (!state.province || f.province === state.province);
      });
    }

    function update() {
      var q = new URLSearchParams();
      q.set("i", state.i);
      q.set("year", state.year);
      ["province", "level", "q"].forEach(function (k) { if (state[k]) q.set(k, state[k]); });
      if (state.sort !== "value") q.set("sort", state.sort);
      if (!state.desc) q.set("order", "asc");
      history.replaceState(null, "", "?" + q.toString() + location.hash);
      var wanted = files();
      var asked = ++asking;
      status.textContent = "正在载入……";
      // Only the last choice is drawn: an earlier one's files (all provinces
      // of a year, say) may arrive after the later one's and would draw rows
      // the filters no longer allow.
      Promise.all(wanted.map(function (f) {
        if (!loaded[f.file]) loaded[f.file] = getJSON(new URL(f.file, base)).then(function (d) { return d.rows; });
        return loaded[f.file];
      })).then(function (parts) { if (asked === asking) draw([].concat.apply([], parts)); }, function (e) {
        if (asked === asking) status.textContent = "数据无法载入（" + why(e) + "）。";
      });
    }

    function draw(all) {
      var indicator = indicators[state.i];
      var rows = all.filter(function (r) {
        return r.i === state.i && (!state.level || r.level === state.level) &&
          (!state.q || (r.issuer + " " + r.title + " " + r.place).indexOf(state.q) >= 0);
      });
      var withIndicator = all.filter(function (r) { return r.i === state.i; }).length;
      rows.sort(function (a, b) {
        var c = state.sort === "name" ? (a.issuer < b.issuer ? -1 : a.issuer > b.issuer ? 1 : 0) : a.v - b.v;
        if (c === 0) c = a.slug < b.slug ? -1 : 1;
        return state.desc ? -c : c;
      });
      shown = rows;
      sortName.parentNode.removeAttribute("aria-sort");
      sortValue.parentNode.removeAttribute("aria-sort");
      (state.sort === "name" ? sortName : sortValue).parentNode.setAttribute("aria-sort", state.desc ? "descending" : "ascending");
      tbody.textContent = "";
      rows.forEach(function (r) {
        var tr = el("tr", { "data-slug": r.slug });
        var th = el("th", { scope: "row" });
        th.appendChild(el("a", { href: new URL("reports/" + r.slug + "/", root).href }, r.issuer || r.title));
        tr.appendChild(th);
        tr.appendChild(el("td", {}, r.place || "地区不详"));
        tr.appendChild(el("td", {}, levelName[r.level] || "层级不详"));
        tr.appendChild(el("td", {}, r.year ? String(r.year) : "不详"));
        var value = el("td", { "class": "num" });
        value.appendChild(el("a", { href: new URL(r.url, root).href, title: "到原文中的这一句" }, r.shown));
        if (r.more) value.appendChild(el("small", {}, "另有 " + r.more + " 个数字"));
        tr.appendChild(value);
        tr.appendChild(el("td", { "class": "figures-sentence" }, r.sentence));
        tbody.appendChild(tr);
      });
      scroll.hidden = !rows.length;
      download.hidden = !rows.length;
      status.textContent = "“" + indicator.name + "”：" + rows.length + " 份报告给出数值" +
        (rows.length !== withIndicator ? "（所选年度和省份共 " + withIndicator + " 份，其余不合筛选条件）" : "") +
        "；每个数值链接到它在原文中的句子。";
      drawChart(rows, indicator);
    }

    // Bars of one level only: bodies of different levels are not comparable.
    function drawChart(rows, indicator) {
      chart.textContent = "";
      if (!state.level) {
        chart.appendChild(el("figcaption", {}, "选定一个层级后，这里显示同级机关的对比图。"));
        return;
      }
      if (rows.length < 2) { chart.hidden = true; return; }
      chart.hidden = false;
      var top = rows.slice().sort(function (a, b) { return b.v - a.v; }).slice(0, 30);
      var max = top[0].v || 1;
      chart.appendChild(el("figcaption", {}, indicator.name + "：" + levelName[state.level] + "机关" +
        (rows.length > top.length ? "（数值最大的 " + top.length + " 个，共 " + rows.length + " 个）" : "（" + rows.length + " 个）")));
      top.forEach(function (r) {
        var row = el("div", { "class": "chart-row" });
        row.appendChild(el("span", { "class": "chart-label" }, r.issuer + (r.place ? "（" + r.place + "）" : "")));
        var track = el("span", { "class": "chart-track" });
        var bar = el("span", { "class": "chart-bar" });
        bar.style.width = Math.max(0.5, 100 * r.v / max) + "%";
        track.appendChild(bar);
        row.appendChild(track);
        row.appendChild(el("span", { "class": "chart-value" }, r.shown));
        chart.appendChild(row);
      });
    }

    function cell(v) {
      var s = v === null || v === undefined ? "" : String(v);
      return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    }

    download.addEventListener("click", function () {
      var indicator = indicators[state.i];
      var lines = [["省份", "层级", "发布机关", "地区", "报告年度", "指标", "数值", "单位", "原文数字", "原文句子", "原文地址", "报告标题"]];
      shown.forEach(function (r) {
        lines.push([r.province || "地区不详", levelName[r.level] || "层级不详", r.issuer, r.place, r.year, indicator.name,
          r.v, r.unit, r.text, r.sentence, new URL(r.url, root).href, r.title]);
      });
      var csv = "\ufeff" + lines.map(function (l) { return l.map(cell).join(","); }).join("\r\n") + "\r\n";
      var a = el("a", { href: URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" })),
        download: [indicator.name, state.year, state.province ? provinces.filter(function (p) { return p.slug === state.province; })[0].name : "",
          state.level ? levelName[state.level] : ""].filter(Boolean).join("-") + ".csv" });
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    });

    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".figures[data-index]").forEach(setup);
  });
})();
