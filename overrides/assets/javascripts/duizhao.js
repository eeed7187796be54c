// The 对照 of a series page (series/<slug>/#vs-<year>, made by
// generator/site/yearly.py): each section.duiz-pair holds no text of either
// report, only how their paragraphs align (data-rows, space-separated rows:
// a status code — s word for word, c changed, n new, g gone — then the
// paragraphs' anchors less their "p-", and for a changed row the character
// ranges difflib found in last year's and this year's text,
// "start+length,…" in code points; fields separated by "/") and the two
// report pages (data-old, data-new). When the reader opens a 对照 (its
// button, or the page's address ending in #vs-<year>) this script fetches
// the two report pages once each and builds the side-by-side table from
// the record, each paragraph's text in its cell with the stretches marked
// and a link to its place on its report page. No diff is computed here.
// Without the script the section is its summary, links to both reports and
// a line saying why there is no table (.duiz-status); when a fetch fails
// the line says which and that side's cells keep only their links.
// Report text is only ever inserted with textContent, never as HTML.
(function () {
  "use strict";

  var CLASSES = { s: "same", c: "changed", n: "new", g: "gone" };

  var kit = window.fazhiKit, why = kit.why;  // fazhi.js

  function el(tag, text) { return kit.el(tag, null, text); }

  function spansOf(value) {
    return (value || "").split(",").filter(Boolean).map(function (s) {
      var parts = s.split("+");
      return { start: parseInt(parts[0], 10), length: parseInt(parts[1], 10) };
    });
  }

  // The rows of the record: { status, old, new, del, ins } (anchors as ids).
  function rowsOf(record) {
    return record.split(" ").filter(Boolean).map(function (item) {
      var status = CLASSES[item.charAt(0)];
      var f = item.slice(1).split("/");
      var row = { status: status, old: null, "new": null, del: [], ins: [] };
      if (status === "new") row["new"] = "p-" + f[0];
      else if (status === "gone") row.old = "p-" + f[0];
      else { row.old = "p-" + f[0]; row["new"] = "p-" + f[1]; }
      if (status === "changed") { row.del = spansOf(f[2]); row.ins = spansOf(f[3]); }
      return row;
    });
  }

  // The text with the stretches wrapped in tag (ins or del); chars: its code
  // points (the generator counts characters as Python does, not UTF-16 units).
  function marked(chars, spans, tag) {
    var box = document.createDocumentFragment();
    var at = 0;
    spans.forEach(function (s) {
      if (s.start > at) box.appendChild(document.createTextNode(chars.slice(at, s.start).join("")));
      box.appendChild(el(tag, chars.slice(s.start, s.start + s.length).join("")));
      at = s.start + s.length;
    });
    if (at < chars.length) box.appendChild(document.createTextNode(chars.slice(at).join("")));
    return box;
  }

  function fits(spans, length) {
    return spans.every(function (s) { return s.start >= 0 && s.length > 0 && s.start + s.length <= length; });
  }

  function load(url) {
    return kit.get(url, "报告页面").then(function (r) { return r.text(); }).then(function (text) {
      return new DOMParser().parseFromString(text, "text/html");  // parsed, never run or shown
    });
  }

  // One cell: the paragraph's text from its report page (doc; null when the
  // page could not be fetched) and a link to it. Returns false when the
  // paragraph was not found as the record says (a newer report page).
  function cell(td, id, doc, url, name, spans, tag, sameLeft) {
    var link = el("a");
    link.href = url.pathname + url.search + "#" + id;
    var node = doc && doc.getElementById(id);
    if (!node) {
      link.textContent = name + "报告中的这一段";
      td.appendChild(link);
      return !doc;
    }
    var number = Array.prototype.indexOf.call(doc.querySelectorAll("p[id^='p-']"), node) + 1;
    var label = "第" + number + "段";
    link.textContent = "¶";
    link.setAttribute("title", label + "在报告中的位置");
    link.setAttribute("aria-label", name + label);
    if (sameLeft) {  // word for word: the text once, in the right column
      td.appendChild(el("span", "（与右栏相同）"));
    } else {
      var chars = Array.from(node.textContent);
      if (!spans) spans = chars.length ? [{ start: 0, length: chars.length }] : [];
      var fit = fits(spans, chars.length);
      td.appendChild(fit ? marked(chars, spans, tag) : document.createTextNode(chars.join("")));
      if (!fit) { td.appendChild(document.createTextNode(" ")); td.appendChild(link); return false; }
    }
    td.appendChild(document.createTextNode(" "));
    td.appendChild(link);
    return true;
  }

  function table(pair, names, urls, docs) {
    var t = el("table");
    t.className = "duiz";
    var head = t.createTHead().insertRow();
    names.forEach(function (n) {
      var th = el("th", n);
      th.scope = "col";
      head.appendChild(th);
    });
    var body = t.createTBody();
    var stale = [false, false];
    rowsOf(pair.getAttribute("data-rows")).forEach(function (row) {
      var tr = body.insertRow();
      tr.className = "duiz-" + row.status;
      var left = tr.insertCell(), right = tr.insertCell();
      // a new or dropped paragraph: all of it marked (spans null)
      if (row.old) {
        var spans = row.status === "changed" ? row.del : row.status === "gone" ? null : [];
        if (!cell(left, row.old, docs[0], urls[0], names[0], spans, "del", row.status === "same")) stale[0] = true;
      } else {
        left.textContent = "新增";
      }
      if (row["new"]) {
        var spansNew = row.status === "changed" ? row.ins : row.status === "new" ? null : [];
        if (!cell(right, row["new"], docs[1], urls[1], names[1], spansNew, "ins", false)) stale[1] = true;
      } else {
        right.textContent = "删去";
      }
    });
    return { table: t, stale: stale };
  }

  function open(pair, button) {
    var shown = pair.querySelector("table.duiz");
    if (shown) {  // built already: show or hide it
      var hide = !shown.hidden;
      shown.hidden = hide;
      button.setAttribute("aria-expanded", String(!hide));
      button.textContent = hide ? "显示逐段对照" : "收起逐段对照";
      return;
    }
    if (pair.getAttribute("data-loading")) return;
    pair.setAttribute("data-loading", "1");
    var years = pair.getAttribute("data-years").split(",");
    var names = [years[0] + " 年度", years[1] + " 年度"];
    var urls = [new URL(pair.getAttribute("data-old"), document.baseURI),
      new URL(pair.getAttribute("data-new"), document.baseURI)];
    var status = pair.querySelector(".duiz-status");
    status.hidden = false;
    status.textContent = "正在载入两份报告的文字……";
    Promise.all(urls.map(function (url) {
      return load(url).then(function (doc) { return { doc: doc, why: "" }; },
        function (e) { return { doc: null, why: why(e) }; });
    })).then(function (results) {
      var built = table(pair, names, urls, results.map(function (r) { return r.doc; }));
      pair.appendChild(built.table);
      pair.removeAttribute("data-loading");
      button.setAttribute("aria-expanded", "true");
      button.textContent = "收起逐段对照";
      status.textContent = "";
      var problems = [0, 1].filter(function (side) { return results[side].why || built.stale[side]; });
      if (!problems.length) { status.hidden = true; status.classList.remove("duiz-status--failed"); return; }
      problems.forEach(function (side) {
        var why = results[side].why;
        var line = el("span", why
          ? "未能载入" + names[side] + "报告的文字（" + why + "），该栏各段请点链接到"
          : names[side] + "报告有段落与本页记录的不同（报告页面已更新），未标出差异的段落请点链接到");
        var a = el("a", names[side] + "报告页面");
        a.href = urls[side].href;
        line.appendChild(a);
        line.appendChild(document.createTextNode("阅读。"));
        status.appendChild(line);
      });
      status.classList.add("duiz-status--failed");
    });
  }

  function setup(pair) {
    var status = pair.querySelector(".duiz-status");
    var button = el("button", "显示逐段对照");
    button.type = "button";
    button.className = "duiz-open md-button";
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", function () { open(pair, button); });
    status.textContent = "";
    status.hidden = true;
    pair.insertBefore(button, status);
    return button;
  }

  function fromHash(buttons) {
    var id = decodeURIComponent(location.hash.slice(1));
    var pair = /^vs-\d+$/.test(id) && document.getElementById(id);
    var shown = pair && pair.querySelector("table.duiz");
    if (pair && buttons.has(pair) && (!shown || shown.hidden)) open(pair, buttons.get(pair));
  }

  document.addEventListener("DOMContentLoaded", function () {
    var buttons = new Map();
    document.querySelectorAll("section.duiz-pair[data-rows]").forEach(function (pair) {
      if (pair.querySelector(".duiz-status")) buttons.set(pair, setup(pair));
    });
    fromHash(buttons);
    window.addEventListener("hashchange", function () { fromHash(buttons); });
  });
})();
