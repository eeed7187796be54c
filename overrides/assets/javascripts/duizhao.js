// The right column of a 对照 page (series/<slug>/vs-<year>/, made by
// generator/site/yearly.py): this year's report text is not in the page, only
// a link to each paragraph on the report's own page (its anchor), its length
// in characters (data-n) and the stretches new since last year (data-ins:
// "start+length,…", in characters; all of it in a .duiz-new row). The report page is fetched once, and
// each cell's link is replaced by the paragraph's text, the stretches marked
// as <ins>. Without this script, or when the fetch fails, the cells keep
// their links and the line above the table (.duiz-status) says why.
// Report text is only ever inserted with textContent, never as HTML.
(function () {
  "use strict";

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    return node;
  }

  // The paragraph's text with the stretches marked; chars: its code points
  // (the generator counts characters as Python does, not UTF-16 units).
  function marked(chars, spans) {
    var box = document.createDocumentFragment();
    var at = 0;
    spans.forEach(function (s) {
      if (s.start > at) box.appendChild(document.createTextNode(chars.slice(at, s.start).join("")));
      box.appendChild(el("ins", chars.slice(s.start, s.start + s.length).join("")));
      at = s.start + s.length;
    });
    if (at < chars.length) box.appendChild(document.createTextNode(chars.slice(at).join("")));
    return box;
  }

  function spansOf(cell, length) {
    if (cell.parentNode.classList.contains("duiz-new")) return [{ start: 0, length: length }];
    return (cell.getAttribute("data-ins") || "").split(",").filter(Boolean).map(function (s) {
      var parts = s.split("+");
      return { start: parseInt(parts[0], 10), length: parseInt(parts[1], 10) };
    });
  }

  function fill(table, html, status) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var missing = 0;
    table.querySelectorAll("td[data-n]").forEach(function (cell) {
      var link = cell.querySelector("a");
      var anchor = link ? decodeURIComponent(link.hash.slice(1)) : "";
      var node = anchor && doc.getElementById(anchor);
      if (!node) { missing += 1; return; }  // the link stays
      node.querySelectorAll(".para-link").forEach(function (a) { a.remove(); });
      var chars = Array.from(node.textContent);
      var text = document.createDocumentFragment();
      if (chars.length === parseInt(cell.getAttribute("data-n"), 10)) {
        text.appendChild(marked(chars, spansOf(cell, chars.length)));
      } else {  // the report page is not the one this page was made from (a cache): text without marks
        text.appendChild(document.createTextNode(chars.join("")));
        missing += 1;
      }
      cell.textContent = "";
      cell.appendChild(text);
      // the paragraph's place in the report, after its text
      link.textContent = " ¶";
      link.setAttribute("title", "本段在报告中的位置");
      cell.appendChild(link);
    });
    status.textContent = missing
      ? "有 " + missing + " 段在本年度报告页面上找不到或已有改动，未标出差异；请点该段链接到报告页面阅读。"
      : "";
    if (!missing) status.hidden = true;
  }

  function setup(table) {
    var status = document.querySelector(".duiz-status");
    var source = new URL(table.getAttribute("data-source"), document.baseURI);
    var report = status && status.querySelector("a");
    status.textContent = "正在载入本年度报告的文字……";
    fetch(source).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.text();
    }, function () { throw new Error("网络连接失败"); }).then(function (html) {
      fill(table, html, status);
    }).catch(function (e) {
      status.textContent = "未能载入本年度报告的文字（" + e.message + "）。右栏各段请点链接到";
      if (report) status.appendChild(report); else status.appendChild(el("span", "本年度报告页面"));
      status.appendChild(document.createTextNode("阅读。"));
      status.classList.add("duiz-status--failed");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var table = document.querySelector("table.duiz[data-source]");
    if (table && document.querySelector(".duiz-status")) setup(table);
  });
})();
