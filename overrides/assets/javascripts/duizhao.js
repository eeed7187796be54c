// A 对照 page (series/<slug>/vs-<year>/, made by generator/site/yearly.py)
// holds no text of either report, only how their paragraphs align: a table
// whose rows are duiz-same (word for word), duiz-changed (data-del and
// data-ins: the characters that differ, "start+length,…" in code points of
// last year's and this year's paragraph), duiz-new and duiz-gone, each cell
// linking to its paragraph on its report's page (data-old, data-new). This
// script fetches the two report pages once each and puts each paragraph's
// text in its cell, marking the stretches the generator found (no diff is
// computed here). Without it, or when a fetch fails, the cells keep their
// links and the line above the table (.duiz-status) says why.
// Report text is only ever inserted with textContent, never as HTML.
(function () {
  "use strict";

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    return node;
  }

  function spansOf(value) {
    return (value || "").split(",").filter(Boolean).map(function (s) {
      var parts = s.split("+");
      return { start: parseInt(parts[0], 10), length: parseInt(parts[1], 10) };
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

  // One side of the table (0: last year's, 1: this year's) from its report
  // page; returns how many of its paragraphs were not found as they were.
  function fillSide(table, side, doc) {
    var tag = side ? "ins" : "del";
    var missing = 0;
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var cell = row.cells[side];
      var link = cell && cell.querySelector("a");
      if (!link) return;  // 新增 or 删去: the other side's row
      var node = doc.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!node) { missing += 1; return; }  // the link stays
      var status = row.className.replace("duiz-", "");
      var label = link.textContent;
      link.textContent = "¶";
      link.setAttribute("title", label + "在报告中的位置");
      link.setAttribute("aria-label", label);
      cell.textContent = "";
      if (status === "same" && side === 0) {  // word for word: the text once, in the right column
        cell.appendChild(el("span", "（与右栏相同）"));
        cell.appendChild(document.createTextNode(" "));
        cell.appendChild(link);
        return;
      }
      var chars = Array.from(node.textContent);
      var spans = status === "changed" ? spansOf(row.getAttribute(side ? "data-ins" : "data-del"))
        : status === "same" ? [] : [{ start: 0, length: chars.length }];
      if (fits(spans, chars.length)) {
        cell.appendChild(marked(chars, spans, tag));
      } else {  // not the page this one was made from (a stale copy): its text without marks
        cell.appendChild(document.createTextNode(chars.join("")));
        missing += 1;
      }
      cell.appendChild(document.createTextNode(" "));
      cell.appendChild(link);
    });
    return missing;
  }

  function load(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.text();
    }, function () { throw new Error("网络连接失败"); }).then(function (text) {
      return new DOMParser().parseFromString(text, "text/html");  // parsed, never run or shown
    });
  }

  function setup(table, status) {
    var names = [table.querySelector("th").textContent, table.querySelectorAll("th")[1].textContent];
    var sources = [table.getAttribute("data-old"), table.getAttribute("data-new")];
    status.textContent = "正在载入两份报告的文字……";
    Promise.all(sources.map(function (source, side) {
      var url = new URL(source, document.baseURI);
      return load(url).then(function (doc) {
        return fillSide(table, side, doc) ? { side: side, url: url, why: "" } : null;
      }, function (e) {
        return { side: side, url: url, why: e.message };
      });
    })).then(function (results) {
      var problems = results.filter(Boolean);
      status.textContent = "";
      if (!problems.length) { status.hidden = true; return; }
      problems.forEach(function (p) {
        var line = el("span", p.why
          ? "未能载入" + names[p.side] + "报告的文字（" + p.why + "），该栏各段请点链接到"
          : names[p.side] + "报告有段落与本页记录的不同（报告页面已更新），未标出差异的段落请点链接到");
        var a = el("a", names[p.side] + "报告页面");
        a.href = p.url.href;
        line.appendChild(a);
        line.appendChild(document.createTextNode("阅读。"));
        status.appendChild(line);
      });
      status.classList.add("duiz-status--failed");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var table = document.querySelector("table.duiz[data-new]");
    var status = document.querySelector(".duiz-status");
    if (table && status) setup(table, status);
  });
})();
