// The side-by-side reader on /reader/: a theme and 2-4 reports, chosen in the
// page and kept in its address (?theme=…&r=a,b,c), drawn from the JSON files
// the build writes (reader/index.json, reader/index/<province>.json.gz) and
// from the reports' own pages (reports/<slug>/), loaded only when needed. No
// server. A report's page holds, packed in its record (render.report_record,
// reader.record_part), its themed passages' anchors, themes and parts and its
// figures, not their text: the text and each passage's heading are read from
// the page itself, element by id.
// The .gz files are gzip as stored; a host that sends them with
// Content-Encoding: gzip has the browser decompress them already, so they
// are decompressed here only when they start with gzip's magic bytes.
// Report text is only ever inserted with textContent, never as HTML.
(function () {
  "use strict";

  var kit = window.fazhiKit, el = kit.el, why = kit.why, get = kit.get, getJSON = kit.getJSON;  // fazhi.js

  // The text of each passage, from the report's page (parsed, inert): the
  // element whose id is the passage's anchor, without its paragraph link
  // (¶), and the heading of its section, the last heading of the text before
  // the paragraph or table holding it (开头部分 before the first). null where
  // the page lacks the anchor (a page older than its record, kept by a cache).
  function passageTexts(doc, passages) {
    passages.forEach(function (p) {
      var node = doc.getElementById(p.a);
      if (!node) { p.t = null; p.h = ""; return; }
      node.querySelectorAll(".para-link").forEach(function (a) { a.remove(); });
      p.t = node.textContent;
      var block = node;
      while (block.parentElement && !block.parentElement.classList.contains("report-text")) block = block.parentElement;
      var before = block.previousElementSibling;
      while (before && !/^H[2-6]$/.test(before.tagName)) before = before.previousElementSibling;
      p.h = before ? before.textContent : "开头部分";
    });
  }

  // What the reader reads of a report's page: its packed record's "a", "g",
  // "m" and "sr" (reader.record_part) as the report's data, its title from
  // its heading, and the passages' text (passageTexts).
  function pageData(slug, url, html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var packed = doc.getElementById("report-record");
    if (!packed) return Promise.reject(kit.fail("报告页面：缺少对读所需的数据"));
    return kit.unpack(packed.textContent).catch(function () {
      throw kit.fail("报告页面：对读所需的数据已损坏，无法解读");
    }).then(function (record) {
      var h1 = doc.querySelector("article h1"), m = record.m || [];
      var d = {
        slug: slug, url: url, title: m[5] || (h1 ? h1.textContent : slug),
        issuer: m[0] || "", place: m[1] || "", level: m[2] || "", year: m[3], province: m[4] || "",
        series: record.sr || null,
        passages: (record.a || []).map(function (a) { return { a: a[0], th: a[1] ? a[1].split(" ") : [], p: a[2] }; }),
        figures: (record.g || []).map(function (g) { return { i: g[0], v: g[1], a: g[2], more: g[3] }; })
      };
      passageTexts(doc, d.passages);
      return d;
    });
  }

  function setup(box) {
    var base = new URL(box.getAttribute("data-index"), document.baseURI);
    var root = new URL(box.getAttribute("data-root"), document.baseURI);
    getJSON(base).then(function (index) { start(box, index, base, root); }).catch(function (e) {
      box.appendChild(el("p", { "class": "reader-error" }, "对读数据无法载入（" + why(e) + "）。"));
    });
  }

  function start(box, index, base, root) {
    var themes = {};
    index.themes.forEach(function (t) { themes[t.slug] = t; });
    var indicators = {};
    index.indicators.forEach(function (i) { indicators[i.slug] = i; });
    var levelOrder = index.levels.map(function (l) { return l.slug; });
    var levelName = {};
    index.levels.forEach(function (l) { levelName[l.slug] = l.name; });
    var params = new URLSearchParams(location.search);
    var state = {
      theme: themes[params.get("theme")] ? params.get("theme") : index.themes[0].slug,
      chosen: (params.get("r") || "").split(",").filter(function (s) { return /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(s); })
        .slice(0, index.max),
      province: params.get("province") || "",
      find: "",
      align: params.get("align") === "part" ? "part" : "sub",
      level: "",
      year: ""
    };
    var reports = {};   // slug -> report data, once loaded
    var provinces = {}; // province slug -> its chooser rows, once loaded

    // --- controls -------------------------------------------------------------
    var controls = el("div", { "class": "reader-controls" });
    var themeLabel = el("label", { "class": "reader-theme" }, "主题：");
    var themeSelect = el("select", { "data-control": "theme" });
    index.themes.forEach(function (t) {
      themeSelect.appendChild(el("option", { value: t.slug }, (t.parent ? "　└ " : "") + t.name));
    });
    themeSelect.value = state.theme;
    themeLabel.appendChild(themeSelect);
    controls.appendChild(themeLabel);
    var alignLabel = el("label", { "class": "reader-align" }, "对齐：");
    var alignSelect = el("select", { "data-control": "align" });
    alignSelect.appendChild(el("option", { value: "sub" }, "按细分主题"));
    alignSelect.appendChild(el("option", { value: "part" }, "按报告的必备部分"));
    alignSelect.value = state.align;
    alignLabel.appendChild(alignSelect);
    controls.appendChild(alignLabel);

    var chosenBox = el("div", { "class": "reader-chosen", "aria-live": "polite" });
    controls.appendChild(chosenBox);

    var chooser = el("details", { "class": "reader-chooser" });
    var summary = el("summary", {}, "选择报告");
    chooser.appendChild(summary);
    var filters = el("div", { "class": "reader-filters" });
    var provinceSelect = el("select", { "data-filter": "province", "aria-label": "省份" });
    index.provinces.forEach(function (p) {
      provinceSelect.appendChild(el("option", { value: p.slug }, p.name + "（" + p.count + " 份）"));
    });
    var levelSelect = el("select", { "data-filter": "level", "aria-label": "层级" });
    var yearSelect = el("select", { "data-filter": "year", "aria-label": "年度" });
    [["省份", provinceSelect], ["层级", levelSelect], ["年度", yearSelect]].forEach(function (f) {
      var label = el("label", {}, f[0] + "：");
      label.appendChild(f[1]);
      filters.appendChild(label);
    });
    chooser.appendChild(filters);
    var findLabel = el("label", { "class": "reader-find" }, "按名称查找（所有省份）：");
    var find = el("input", { type: "search", "data-filter": "name", placeholder: "如：司法局、云阳、2023",
      autocomplete: "off" });
    findLabel.appendChild(find);
    chooser.insertBefore(findLabel, filters);
    var list = el("div", { "class": "reader-list", "aria-live": "polite" });
    chooser.appendChild(list);
    controls.appendChild(chooser);

    var share = el("p", { "class": "reader-share" });
    var copy = el("button", { type: "button", "class": "md-button reader-copy" }, "复制本对照的地址");
    var copied = el("span", { "class": "reader-copied", "aria-live": "polite" });
    share.appendChild(copy);
    share.appendChild(copied);
    controls.appendChild(share);
    box.appendChild(controls);

    var hint = el("p", { "class": "reader-hint" });
    box.appendChild(hint);
    // The page scrolls, not a box inside it: report names stick under the
    // site's header while their columns are in view. Where the screen is too
    // narrow for every column, it shows as many as fit and the rest are
    // reached by swiping or by the buttons above the names.
    var grid = el("div", { "class": "reader-view", role: "region", "aria-label": "并排对读" });
    box.appendChild(grid);
    var view = { table: null, count: 0, first: 0 };
    window.addEventListener("resize", function () { layout(); });

    copy.addEventListener("click", function () {
      var done = function () { copied.textContent = "已复制：" + location.href; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(location.href).then(done, function () { copied.textContent = location.href; });
      } else {
        copied.textContent = location.href;
      }
    });
    themeSelect.addEventListener("change", function () { state.theme = themeSelect.value; update(); });
    alignSelect.addEventListener("change", function () { state.align = alignSelect.value; update(); });
    provinceSelect.addEventListener("change", function () {
      state.province = provinceSelect.value; state.level = ""; state.year = ""; loadProvince();
    });
    var findTimer = null;
    find.addEventListener("input", function () {
      clearTimeout(findTimer);
      findTimer = setTimeout(function () { state.find = find.value.trim(); if (state.find) loadAll(); else drawList(); }, 200);
    });
    levelSelect.addEventListener("change", function () { state.level = levelSelect.value; drawList(); });
    yearSelect.addEventListener("change", function () { state.year = yearSelect.value; drawList(); });

    // --- data -----------------------------------------------------------------
    function loadProvince() {
      var p = index.provinces.filter(function (x) { return x.slug === state.province; })[0] || index.provinces[0];
      if (!p) return;
      state.province = p.slug;
      provinceSelect.value = p.slug;
      if (provinces[p.slug]) { fillFilters(); drawList(); return; }
      getJSON(new URL(p.file, base)).then(function (data) {
        provinces[p.slug] = data.reports;
        fillFilters();
        drawList();
      }).catch(function (e) { list.textContent = ""; list.appendChild(el("p", {}, "无法载入报告列表（" + why(e) + "）")); });
    }

    // A search by name reads every province's list (about 120 bytes a report,
    // loaded once, only when a name is typed): no file lists every report.
    function loadAll() {
      Promise.all(index.provinces.map(function (p) {
        if (provinces[p.slug]) return null;
        return getJSON(new URL(p.file, base)).then(function (data) { provinces[p.slug] = data.reports; });
      })).then(drawList, function (e) {
        list.textContent = ""; list.appendChild(el("p", {}, "无法载入报告列表（" + why(e) + "）"));
      });
    }

    function fillFilters() {
      var rows = provinces[state.province] || [];
      var levels = levelOrder.filter(function (l) { return rows.some(function (r) { return r.level === l; }); });
      var years = Array.from(new Set(rows.map(function (r) { return r.year; }).filter(Boolean))).sort().reverse();
      levelSelect.textContent = "";
      levelSelect.appendChild(el("option", { value: "" }, "全部层级"));
      levels.forEach(function (l) { levelSelect.appendChild(el("option", { value: l }, levelName[l])); });
      levelSelect.value = state.level;
      yearSelect.textContent = "";
      yearSelect.appendChild(el("option", { value: "" }, "全部年度"));
      years.forEach(function (y) { yearSelect.appendChild(el("option", { value: String(y) }, y + " 年度")); });
      yearSelect.value = state.year;
    }

    // The rows shown: those of the typed name across all provinces, else the
    // chosen province's, by level and year; reports with no passage on the
    // theme come apart, after the others, in a folded list.
    function drawList() {
      var rows;
      var q = state.find || "";
      provinceSelect.disabled = !!q;
      if (q) {
        rows = [];
        index.provinces.forEach(function (p) {
          (provinces[p.slug] || []).forEach(function (r) {
            if ([r.title, r.issuer, r.place, r.year ? r.year + "" : ""].join(" ").indexOf(q) >= 0) rows.push(r);
          });
        });
      } else {
        rows = provinces[state.province] || [];
      }
      rows = rows.filter(function (r) {
        return (!state.level || r.level === state.level) && (!state.year || String(r.year) === state.year);
      });
      var on = rows.filter(function (r) { return (r.themes || {})[state.theme]; });
      var off = rows.filter(function (r) { return !(r.themes || {})[state.theme]; });
      list.textContent = "";
      var theme = themes[state.theme].name;
      list.appendChild(el("p", { "class": "reader-list__count" }, (q ? "名称含“" + q + "”的" : "") +
        "报告 " + rows.length + " 份，其中涉及“" + theme + "”的 " + on.length + " 份。"));
      if (!rows.length) return;
      list.appendChild(rowList(on));
      if (off.length) {
        var apart = el("div", { "class": "reader-list__off" });
        var toggle = el("button", { type: "button", "aria-expanded": "false", "class": "reader-list__toggle" },
          "本主题未涉及的报告 " + off.length + " 份（选入后各行都将显示“未涉及”）");
        var offList = rowList(off);
        offList.hidden = true;
        toggle.addEventListener("click", function () {
          offList.hidden = !offList.hidden;
          toggle.setAttribute("aria-expanded", String(!offList.hidden));
        });
        apart.appendChild(toggle);
        apart.appendChild(offList);
        list.appendChild(apart);
      }
    }

    var SHOWN = 100;  // rows drawn at once; the rest on demand

    function rowList(rows) {
      var ul = el("ul");
      var drawn = 0;
      function more() {
        rows.slice(drawn, drawn + SHOWN).forEach(function (r) { ul.insertBefore(row(r), button); });
        drawn = Math.min(rows.length, drawn + SHOWN);
        button.hidden = drawn >= rows.length;
        button.firstChild.textContent = "再显示 " + Math.min(SHOWN, rows.length - drawn) + " 份（共 " + rows.length + " 份）";
      }
      var button = el("li", { "class": "reader-list__more" });
      button.appendChild(el("button", { type: "button", "class": "md-button" }, ""));
      button.firstChild.addEventListener("click", more);
      ul.appendChild(button);
      more();
      return ul;
    }

    function row(r) {
      var li = el("li");
      var label = el("label");
      var box = el("input", { type: "checkbox", value: r.slug });
      box.checked = state.chosen.indexOf(r.slug) >= 0;
      box.disabled = !box.checked && state.chosen.length >= index.max;
      box.addEventListener("change", function () {
        if (box.checked && state.chosen.indexOf(r.slug) < 0) state.chosen.push(r.slug);
        if (!box.checked) state.chosen = state.chosen.filter(function (s) { return s !== r.slug; });
        update();
      });
      label.appendChild(box);
      label.appendChild(el("span", { "class": "reader-list__title" }, r.title));
      var n = (r.themes || {})[state.theme] || 0;
      var facts = [r.place || "地区不详", levelName[r.level] || "层级不详", r.year ? r.year + " 年度" : "年度不详",
        n ? "本主题 " + n + " 段" : "本主题未涉及"];
      label.appendChild(el("span", { "class": "reader-list__facts" }, facts.join(" · ")));
      li.appendChild(label);
      return li;
    }

    function load(slugs) {
      return Promise.all(slugs.map(function (slug) {
        if (!reports[slug]) reports[slug] = loadReport(slug);
        return reports[slug];
      }));
    }

    // One report's data and, from its page, its passages' text; on failure a
    // record saying why, shown in place of the column.
    function loadReport(slug) {
      var url = "reports/" + slug + "/";
      return get(new URL(url, root), "报告页面").then(function (r) { return r.text(); }).then(function (html) {
        return pageData(slug, url, html);
      }).catch(function (e) {
        return { slug: slug, missing: true, status: e.status, reason: why(e) };
      });
    }

    // --- drawing ---------------------------------------------------------------
    function update() {
      // Slugs are Latin letters, digits, - and _: the list reads as it is.
      var q = "?theme=" + encodeURIComponent(state.theme) + (state.chosen.length ? "&r=" + state.chosen.join(",") : "") +
        (state.align === "part" ? "&align=part" : "");
      history.replaceState(null, "", q + location.hash);
      summary.textContent = "选择报告（已选 " + state.chosen.length + " 份，最多 " + index.max + " 份）";
      drawList();
      load(state.chosen).then(draw);
    }

    function drawChosen(data) {
      chosenBox.textContent = "";
      if (!data.length) {
        chosenBox.appendChild(el("p", {}, "尚未选择报告：展开下方“选择报告”，勾选 2—4 份。"));
        return;
      }
      var ul = el("ul");
      data.forEach(function (d) {
        var li = el("li", {}, d.missing ? (d.status === 404 ? "找不到报告 " : "无法载入报告 ") + d.slug +
          "（" + d.reason + "）" : d.title);
        if (d.missing) li.className = "reader-error";
        var remove = el("button", { type: "button", "class": "reader-remove", "aria-label": "移除 " + (d.title || d.slug) }, "移除");
        remove.addEventListener("click", function () {
          state.chosen = state.chosen.filter(function (s) { return s !== d.slug; });
          update();
        });
        li.appendChild(remove);
        ul.appendChild(li);
      });
      chosenBox.appendChild(ul);
    }

    function groups() {
      var theme = themes[state.theme];
      if (state.align === "part") {
        var inTheme = function (p) { return p.th.indexOf(theme.slug) >= 0; };
        var out = index.parts.map(function (part) {
          return { name: "第" + part.number + "部分：" + part.name,
            test: function (th, p) { return inTheme(p) && p.p === part.number; } };
        });
        out.push({ name: "开头及报告自有部分", test: function (th, p) { return inTheme(p) && !p.p; } });
        return out;
      }
      var subs = index.themes.filter(function (t) { return t.parent === theme.slug; });
      if (!subs.length) return [{ name: theme.name, test: function (th) { return th.indexOf(theme.slug) >= 0; } }];
      var out = subs.map(function (s) {
        return { name: s.name, test: function (th) { return th.indexOf(s.slug) >= 0; } };
      });
      out.push({ name: "其他（不属于以上细分主题）", test: function (th) {
        return th.indexOf(theme.slug) >= 0 && !subs.some(function (s) { return th.indexOf(s.slug) >= 0; });
      } });
      return out;
    }

    function link(path, text) {
      return el("a", { href: new URL(path, root).href }, text);
    }

    function draw(data) {
      drawChosen(data);
      grid.textContent = "";
      var ok = data.filter(function (d) { return !d.missing; });
      hint.hidden = true;
      view.table = null;
      if (!ok.length) return;
      var theme = themes[state.theme];
      var table = el("table", { "class": "reader-table", "data-columns": String(ok.length) });
      table.appendChild(el("caption", {}, "主题“" + theme.name + "”：" + ok.length + " 份报告并排"));
      var nav = el("tr", { "class": "reader-nav" });
      var navCell = el("th", { colspan: String(ok.length) });
      var prev = el("button", { type: "button", "class": "reader-prev" }, "‹ 上一份");
      var next = el("button", { type: "button", "class": "reader-next" }, "下一份 ›");
      var position = el("span", { "class": "reader-position", "aria-live": "polite" });
      prev.addEventListener("click", function () { move(-1); });
      next.addEventListener("click", function () { move(1); });
      navCell.appendChild(prev);
      navCell.appendChild(position);
      navCell.appendChild(next);
      nav.appendChild(navCell);
      var head = el("tr", { "class": "reader-names" });
      ok.forEach(function (d, i) {
        var th = el("th", { scope: "col", "data-slug": d.slug, "data-col": String(i) });
        th.appendChild(link(d.url, d.title));
        var facts = [d.issuer, d.place, d.year ? d.year + " 年度" : "", d.level].filter(Boolean).join(" · ");
        th.appendChild(el("span", { "class": "reader-facts" }, facts));
        var on = d.passages.filter(function (p) { return p.th.indexOf(theme.slug) >= 0; }).length;
        th.appendChild(el("span", { "class": "reader-count" }, on ? "本主题 " + on + " 段" : "本主题未涉及"));
        if (d.series) {
          var s = el("span", { "class": "reader-series" });
          s.appendChild(link(d.series, "同一机关历年报告"));
          th.appendChild(s);
        }
        head.appendChild(th);
      });
      var thead = el("thead");
      thead.appendChild(nav);
      thead.appendChild(head);
      table.appendChild(thead);
      var tbody = el("tbody");

      // Figures first: the numbers each report gives on the theme.
      tbody.appendChild(groupRow("数据指标", ok.length));
      var figRow = el("tr", { "class": "reader-figures" });
      ok.forEach(function (d, i) {
        var td = el("td", { "data-col": String(i) });
        var inTheme = {};
        d.passages.forEach(function (p) { if (p.th.indexOf(theme.slug) >= 0) inTheme[p.a] = true; });
        var figs = d.figures.filter(function (f) { return inTheme[f.a] && indicators[f.i]; });
        if (!figs.length) td.appendChild(el("p", { "class": "reader-none" }, "未报告数据"));
        else {
          var ul = el("ul", { "class": "reader-figure-list" });
          figs.forEach(function (f) {
            var li = el("li");
            li.appendChild(el("span", { "class": "reader-figure-name" }, indicators[f.i].name + "："));
            li.appendChild(link(d.url + "#" + f.a, f.v));
            if (f.more) li.appendChild(el("span", { "class": "reader-figure-more" }, "（另有 " + f.more + " 个数字）"));
            ul.appendChild(li);
          });
          td.appendChild(ul);
        }
        figRow.appendChild(td);
      });
      tbody.appendChild(figRow);

      groups().forEach(function (g) {
        // By part, a part where no chosen report says anything on the theme is
        // left out (its 未涉及 would read as "the report lacks the part").
        if (state.align === "part" && !ok.some(function (d) {
          return d.passages.some(function (p) { return g.test(p.th, p); });
        })) return;
        tbody.appendChild(groupRow(g.name, ok.length));
        var tr = el("tr", { "class": "reader-passages" });
        ok.forEach(function (d, i) {
          var td = el("td", { "data-col": String(i) });
          var ps = d.passages.filter(function (p) { return g.test(p.th, p); });
          if (!ps.length) td.appendChild(el("p", { "class": "reader-none" }, "未涉及"));
          ps.forEach(function (p) {
            if (p.t === null) td.appendChild(el("p", { "class": "reader-none" }, "报告页面中找不到这一段，请点下方“原文”阅读。"));
            else td.appendChild(el("p", { "class": "reader-passage" }, p.t));
            var where = el("p", { "class": "reader-where" });
            where.appendChild(link(d.url + "#" + p.a, "原文：" + p.h));
            td.appendChild(where);
          });
          tr.appendChild(td);
        });
        tbody.appendChild(tr);
      });
      table.appendChild(tbody);
      grid.appendChild(table);
      swipe(tbody);
      view = { table: table, count: ok.length, first: Math.min(view.first, ok.length - 1) };
      layout();
    }

    // As many columns as fit at about 13em each (one on a phone), from
    // view.first; the others are hidden until swiped or stepped to.
    function layout() {
      var table = view.table;
      if (!table) return;
      var em = parseFloat(getComputedStyle(table).fontSize) || 15;
      var per = Math.max(1, Math.min(view.count, Math.floor(grid.clientWidth / (13 * em))));
      view.first = Math.max(0, Math.min(view.first, view.count - per));
      table.querySelectorAll("[data-col]").forEach(function (cell) {
        var i = Number(cell.getAttribute("data-col"));
        cell.classList.toggle("reader-off", i < view.first || i >= view.first + per);
      });
      table.querySelectorAll("tbody th[colspan], thead th[colspan]").forEach(function (th) {
        th.setAttribute("colspan", String(per));
      });
      var paged = per < view.count;
      table.classList.toggle("is-paged", paged);
      var nav = table.querySelector("tr.reader-nav");
      nav.hidden = !paged;
      nav.querySelector(".reader-prev").disabled = view.first === 0;
      nav.querySelector(".reader-next").disabled = view.first + per >= view.count;
      nav.querySelector(".reader-position").textContent = "第 " + (per === 1 ? view.first + 1 :
        (view.first + 1) + "—" + (view.first + per)) + " / " + view.count + " 份";
      table.style.setProperty("--nav-height", paged ? nav.offsetHeight + "px" : "0px");
      hint.hidden = !paged;
      hint.textContent = "屏幕只容得下 " + per + " 列：左右滑动表格或点“上一份”“下一份”查看其他报告；上下滚动时报告名称保持在顶部。";
    }

    function move(step) {
      view.first += step;
      layout();
    }

    // A horizontal swipe on the columns steps one report left or right.
    function swipe(target) {
      var x = null, y = null;
      target.addEventListener("touchstart", function (e) {
        if (e.touches.length !== 1) { x = null; return; }
        x = e.touches[0].clientX; y = e.touches[0].clientY;
      }, { passive: true });
      target.addEventListener("touchend", function (e) {
        if (x === null) return;
        var dx = e.changedTouches[0].clientX - x, dy = e.changedTouches[0].clientY - y;
        x = null;
        if (Math.abs(dx) > 40 && Math.abs(dx) > 2 * Math.abs(dy)) move(dx < 0 ? 1 : -1);
      }, { passive: true });
    }

    function groupRow(name, n) {
      var tr = el("tr", { "class": "reader-group" });
      var th = el("th", { scope: "colgroup", colspan: String(n) });
      th.appendChild(el("span", {}, name));
      tr.appendChild(th);
      return tr;
    }

    // Open the chooser's province at the first chosen report's, else the first.
    load(state.chosen).then(function (data) {
      if (!state.province && data.length && !data[0].missing) {
        var first = index.provinces.filter(function (p) { return p.name === data[0].province; })[0];
        if (first) state.province = first.slug;
      }
      if (state.chosen.length < 2) chooser.open = true;
      loadProvince();
      update();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".reader[data-index]").forEach(setup);
  });
})();
