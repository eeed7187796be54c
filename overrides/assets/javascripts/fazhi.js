// Small helpers for every page, self-hosted, no data from report text is ever
// inserted as HTML:
// - the citation line's 一键复制 button (report pages);
// - the cleaned text's download (report pages): made here from the page's
//   own text, so the site does not store each report's text a second time;
// - a visible hint on tables wider than the screen (they scroll sideways,
//   their first column stays in place: see fazhi.css);
// - the header tab of the section a page belongs to, for pages that are not
//   in the site's navigation (reports, themes, years …), and their phone's
//   navigation drawer, made from the tabs (overrides/main.html);
// - the 本报告目录 block of report pages, made from the text's headings
//   (overrides/report.html), and the table of contents in the sidebar, made
//   from it (overrides/partials/toc.html).
// What the site's scripts share (fazhi.js below; compare.js, reader.js,
// figures.js and duizhao.js, which load after this file: mkdocs.yml's
// extra_javascript lists it first, duizhao.js is deferred): an element whose
// text is only ever set as text, an error told to the reader, and a file
// fetched, as text or as JSON stored plain or gzip-compressed (a host may
// send a .gz file with Content-Encoding: gzip, which the browser has then
// decompressed already: decompressed here only when it starts with gzip's
// magic bytes).
window.fazhiKit = (function () {
  "use strict";

  // content: the element's text (any value, as text), or a list of nodes.
  function el(tag, attrs, content) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (Array.isArray(content)) content.forEach(function (child) { node.appendChild(child); });
    else if (content !== undefined && content !== null) node.textContent = String(content);
    return node;
  }

  // An error whose message is for the reader (the HTTP status kept where there was one).
  function fail(message, status) {
    var error = new Error(message);
    error.status = status || 0;
    error.forReader = true;
    return error;
  }

  // Why something failed, for the reader: the scripts' own reasons (fail)
  // are Chinese; the browser's (a network failure: "Failed to fetch", a
  // broken file's JSON or gzip error, a file of the wrong shape) are
  // English, and only the console keeps them.
  function why(e) {
    if (e && e.forReader) return e.message;
    console.warn(e);
    return "网络或数据文件出错";
  }

  // A response; label names the file in a failure (by default its name). A
  // fetch that fails (the network, the browser's reason in English) is
  // told by why() as 网络或数据文件出错.
  function get(url, label) {
    var name = label || url.pathname.split("/").pop();
    return fetch(url).then(function (r) {
      if (!r.ok) throw fail(name + "：HTTP 状态 " + r.status, r.status);
      return r;
    });
  }

  function getJSON(url, label) {
    var name = label || url.pathname.split("/").pop();
    return get(url, name).then(function (r) { return r.arrayBuffer(); }).then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      if (bytes.length > 1 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
        if (typeof DecompressionStream === "undefined") throw fail(name + "：本浏览器不能解压，请换用较新版本的浏览器");
        var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
        return new Response(stream).arrayBuffer().catch(function () { throw fail(name + "：数据已损坏，无法解压"); });
      }
      return bytes;
    }).then(function (plain) {
      try {
        return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(plain));
      } catch (e) {
        throw fail(name + "：数据已损坏，无法解读");
      }
    });
  }

  // A report page's packed record (render.report_record: JSON, gzip,
  // base64), read by fazhi.js on the page and by reader.js from the page.
  function unpack(text) {
    var bytes = Uint8Array.from(atob(text.trim()), function (c) { return c.charCodeAt(0); });
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  return { el: el, fail: fail, why: why, get: get, getJSON: getJSON, unpack: unpack };
})();

(function () {
  "use strict";
  var el = window.fazhiKit.el;

  // The navigation drawer of a page outside the navigation: the page writes
  // only the home page's link in it; the tabs hold them all. Before
  // Material's script starts (on DOMContentLoaded), so it finds the list whole.
  // The tabs of a page outside the navigation are written without their
  // classes (overrides/main.html: 45 bytes a tab, on most of the site's
  // pages); Material's script and markTab find them by class.
  // A report page is written without Material's two sidebars and its back to
  // top button (overrides/main.html, partials/top.html): none of them holds
  // anything without JavaScript. They are made here, as Material writes them,
  // before its script starts and looks for them; drawer() and sidebarToc()
  // below fill them.
  // The header of a report page, and of every page outside the navigation,
  // holds only the site's name, linked to the home
  // page (overrides/partials/header.html): the rest is made here as
  // Material's header is written on the other pages (logo, menu button,
  // title, the form that sends a query to /search/), before its script
  // starts. The site's root is Material's configuration's base.
  function reportHeader() {
    var header = document.querySelector("header[data-fazhi-header]");
    var config = document.getElementById("__config");
    if (!header || !config) return;
    var home = header.querySelector("a");
    var name = home.textContent;
    var root = new URL(JSON.parse(config.textContent).base + "/", location.href);
    var icons = new URL("assets/images/icons.svg", root).href;
    function icon(id) { return svgIcon(id, icons); }
    var logo = el("a", { href: home.getAttribute("href"), title: name, "class": "md-header__button md-logo",
                              "aria-label": name, "data-md-component": "logo" }, [icon("logo")]);
    var menu = el("label", { "class": "md-header__button md-icon", "for": "__drawer", role: "button",
                                  tabindex: "0", "aria-label": "打开导航菜单" }, [icon("menu")]);
    var site = el("span", { "class": "md-ellipsis" }, name);
    var title = el("div", { "class": "md-header__title", "data-md-component": "header-title" }, [
      el("div", { "class": "md-header__ellipsis" }, [el("div", { "class": "md-header__topic" }, [site])])]);
    var input = el("input", { "class": "md-header__search-input", type: "search", name: "q",
                                   placeholder: "检索全文", "aria-label": "检索全文", autocomplete: "off" });
    var button = el("button", { "class": "md-header__button md-icon md-header__search-icon", type: "submit",
                                     title: "全文检索", "aria-label": "全文检索" }, [icon("search")]);
    var form = el("form", { "class": "md-header__search", action: new URL("search/", root).href,
                                 method: "get", role: "search", "aria-label": "全站检索" }, [input, button]);
    var nav = header.querySelector("nav");
    nav.textContent = "";
    [logo, menu, title, form].forEach(function (part) { nav.appendChild(part); });
    header.removeAttribute("data-fazhi-header");
  }
  reportHeader();

  // An icon of the site's sprite: `file` where the caller knows it, else the
  // one the header's logo uses.
  function svgIcon(name, file) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    var use = document.createElementNS(ns, "use");
    if (file === undefined) {
      var logo = document.querySelector(".md-logo use");
      file = logo ? logo.getAttribute("href").replace(/#.*$/, "") : "";
    }
    use.setAttribute("href", file + "#" + name);
    svg.appendChild(use);
    return svg;
  }
  function sidebar(kind, type, nav) {
    return el("div", { "class": "md-sidebar md-sidebar--" + kind, "data-md-component": "sidebar", "data-md-type": type },
      [el("div", { "class": "md-sidebar__scrollwrap" }, [el("div", { "class": "md-sidebar__inner" }, [nav])])]);
  }
  // A page outside the navigation (reports, theme and part pages, series …)
  // writes no drawer and no back-to-top button (overrides/main.html,
  // partials/top.html): they are made here, the drawer hidden on wide
  // screens as Material hides it for such pages; a report page also gets its
  // contents sidebar, which contents() fills from 本报告目录.
  function pageFrame() {
    var main = document.querySelector(".md-main__inner");
    var content = main && main.querySelector(":scope > .md-content");
    if (!content || main.querySelector(".md-sidebar--primary")) return;
    var site = document.querySelector(".md-header__topic .md-ellipsis");
    var primary = el("nav", { "class": "md-nav md-nav--primary md-nav--lifted", "aria-label": "导航栏", "data-md-level": "0" }, [
      el("label", { "class": "md-nav__title", "for": "__drawer" }, site ? site.textContent.trim() : ""),
      el("ul", { "class": "md-nav__list", "data-md-scrollfix": "", "data-fazhi-nav": "" })]);
    var left = sidebar("primary", "navigation", primary);
    left.hidden = true; // no left column on wide screens; the phone's drawer still opens it
    main.insertBefore(left, main.querySelector(":scope > .md-sidebar") || content);
    if (document.querySelector(".report-text") && !main.querySelector(".md-sidebar--secondary")) {
      var toc = el("nav", { "class": "md-nav md-nav--secondary", "aria-label": "目录", "data-fazhi-toc": "目录" });
      main.insertBefore(sidebar("secondary", "toc", toc), content);
    }
    if (!document.querySelector(".md-top")) {
      var top = el("button", { type: "button", "class": "md-top md-icon", "data-md-component": "top", hidden: "" },
        [svgIcon("top"), document.createTextNode("回到页面顶部")]);
      main.parentNode.insertBefore(top, main.nextSibling);
    }
  }
  pageFrame();

  // The site's sections, as mkdocs.yml's nav lists them (tests/test_site.py
  // holds the two equal): [address from the site's root, name].
  var TABS = [["", "首页"], ["search/", "检索"], ["regions/", "按地区"], ["years/", "按年度"],
    ["levels/", "按层级"], ["themes/", "主题"], ["compare/", "对比"], ["reader/", "并排对读"],
    ["parts/", "必备部分"], ["figures/", "数据指标"], ["data/", "开放数据"]];

  // The tabs of a page outside the navigation (reports, themes, series …:
  // most of the site's pages) are made here, where Material writes them
  // (overrides/main.html writes none: 570 bytes a report page, 0.045 x its
  // text); without JavaScript the header's site name leads to the home page,
  // which writes them.
  function tabs() {
    var container = document.querySelector(".md-container");
    var main = container && container.querySelector(":scope > main");
    var config = document.getElementById("__config");
    if (!main || !config || document.querySelector(".md-tabs")) return;
    var base = JSON.parse(config.textContent).base;
    var items = TABS.map(function (tab) { return el("li", {}, [el("a", { href: base + "/" + tab[0] }, tab[1])]); });
    var nav = el("nav", { "class": "md-tabs", "aria-label": "标签", "data-md-component": "tabs" },
      [el("div", { "class": "md-grid" }, [el("ul", { "class": "md-tabs__list" }, items)])]);
    container.insertBefore(nav, main);
  }
  tabs();

  function tabClasses() {
    document.querySelectorAll(".md-tabs__list > li").forEach(function (li) {
      li.classList.add("md-tabs__item");
      var a = li.querySelector(":scope > a");
      if (a) a.classList.add("md-tabs__link");
    });
  }
  tabClasses();

  // The header's second line (the page's title, shown once the reader has
  // scrolled past the heading) is written empty on pages outside the
  // navigation (overrides/partials/header.html): its text is the page's
  // <title> without the site's name after it.
  function headerTopic() {
    var ellipsis = document.querySelector(".md-header__ellipsis");
    if (ellipsis && !ellipsis.querySelector('[data-md-component="header-topic"]')) {
      // a report page does not write it at all (overrides/partials/header.html)
      ellipsis.appendChild(el("div", { "class": "md-header__topic", "data-md-component": "header-topic" },
        [el("span", { "class": "md-ellipsis" })]));
    }
    var topic = document.querySelector('[data-md-component="header-topic"] .md-ellipsis');
    if (!topic || topic.textContent.trim()) return;
    var site = document.querySelector(".md-header__topic .md-ellipsis");
    var suffix = " - " + (site ? site.textContent.trim() : "");
    var title = document.title;
    topic.textContent = title.slice(-suffix.length) === suffix ? title.slice(0, -suffix.length) : title;
  }
  headerTopic();

  function drawer() {
    var list = document.querySelector("ul[data-fazhi-nav]");
    if (!list) return;
    var links = document.querySelectorAll(".md-tabs__link");
    if (!links.length) return;
    list.textContent = "";
    links.forEach(function (tab) {
      list.appendChild(el("li", { "class": "md-nav__item" },
        [el("a", { "class": "md-nav__link", href: tab.getAttribute("href") }, tab.textContent)]));
    });
  }
  drawer();

  // The 本报告目录 block: a nested list of the report text's headings (h2-h6
  // with an id), each linked to its place, just before the text; a report
  // page does not write it (overrides/report.html).
  function contents() {
    var text = document.querySelector(".report-text");
    if (!text || document.querySelector("details.page-toc")) return;
    var block = el("details", { "class": "page-toc", hidden: "" }, [el("summary", {}, "本报告目录")]);
    text.parentNode.insertBefore(block, text);
    var root = el("ul");
    var stack = [{ level: 1, item: null, sub: root }];
    text.querySelectorAll("h2[id], h3[id], h4[id], h5[id], h6[id]").forEach(function (h) {
      var level = Number(h.tagName.charAt(1));
      while (stack.length > 1 && stack[stack.length - 1].level >= level) stack.pop();
      var parent = stack[stack.length - 1];
      if (!parent.sub) parent.sub = parent.item.appendChild(el("ul"));
      var item = parent.sub.appendChild(el("li", {}, [el("a", { href: "#" + h.id }, h.textContent)]));
      stack.push({ level: level, item: item, sub: null });
    });
    if (!root.children.length) return;
    block.appendChild(root);
    block.hidden = false;
  }
  contents();

  // Material's contents list, as its partials/toc.html writes it, for the
  // headings of the 本报告目录 block. This runs as the page is parsed, before
  // DOMContentLoaded, when Material's script looks for the list to follow
  // the reader's place (toc.follow): the list is in place by then.
  function sidebarToc() {
    var nav = document.querySelector("nav[data-fazhi-toc]");
    var source = document.querySelector(".page-toc > ul");
    if (!nav || !source) return;
    function list(ul, top) {
      var out = el("ul", top ? { "class": "md-nav__list", "data-md-component": "toc", "data-md-scrollfix": "" }
        : { "class": "md-nav__list" });
      Array.prototype.forEach.call(ul.children, function (li) {
        var from = li.querySelector(":scope > a");
        if (!from) return;
        var item = out.appendChild(el("li", { "class": "md-nav__item" }, [
          el("a", { "class": "md-nav__link", href: from.getAttribute("href") }, [el("span", { "class": "md-ellipsis" }, from.textContent)])]));
        var sub = li.querySelector(":scope > ul");
        if (sub) item.appendChild(el("nav", { "class": "md-nav", "aria-label": from.textContent }, [list(sub, false)]));
      });
      return out;
    }
    nav.appendChild(el("label", { "class": "md-nav__title", "for": "__toc" },
      [el("span", { "class": "md-nav__icon md-icon" }), document.createTextNode(nav.getAttribute("data-fazhi-toc"))]));
    nav.appendChild(list(source, true));
    document.documentElement.classList.add("fazhi-toc");
  }
  sidebarToc();

  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  // The citation of the report, or of one paragraph when the reader came to
  // one (#p-…): this page's address then carries the paragraph; where the
  // official address is known it stays the source, the paragraph's address
  // on this site follows it.
  function citation(box) {
    var url = box.getAttribute("data-url");
    var cited = box.getAttribute("data-cited");
    var paragraph = /^#p-[0-9a-z-]+$/.test(location.hash) && document.getElementById(location.hash.slice(1)) ?
      location.href.split("#")[0] + location.hash : "";
    var after = "";
    if (!url) { url = paragraph || location.href.split("#")[0]; cited = today(); }
    else if (paragraph) after = " 所引段落：" + paragraph;
    var author = box.getAttribute("data-author");
    var date = box.getAttribute("data-date");
    var title = box.getAttribute("data-title") || (document.querySelector(".md-content h1") || {}).textContent || "";
    var line = (author ? author + ". " : "") + title.trim() + "[EB/OL].";
    var dates = (date ? "(" + date + ")" : "") + (cited ? "[" + cited + "]" : "");
    if (dates) line += " " + dates + ".";
    return line + " " + url + "." + after;
  }

  // The citation is written here from the box's values (the page holds only
  // a link to the guide's note on it), with its copy button and status line.
  function setupCite(box) {
    var text = box.querySelector(".cite__text");
    var button = el("button", { type: "button", "class": "cite__copy md-button" }, "一键复制");
    var done = el("span", { "class": "cite__done", "aria-live": "polite" });
    box.appendChild(button);
    box.appendChild(done);
    text.textContent = citation(box);
    window.addEventListener("hashchange", function () { text.textContent = citation(box); done.textContent = ""; });
    button.addEventListener("click", function () {
      var value = text.textContent;
      function ok() { done.textContent = "已复制"; }
      function select() {
        var range = document.createRange();
        range.selectNodeContents(text);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        try { document.execCommand("copy"); ok(); } catch (e) { done.textContent = "已选中，请按 Ctrl+C 复制"; }
      }
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(value).then(ok, select);
      else select();
    });
  }

  function markWide() {
    document.querySelectorAll(".md-typeset__scrollwrap, .compare-scroll").forEach(function (wrap) {
      var inner = wrap.querySelector(".md-typeset__table, table") || wrap;
      var wide = wrap.scrollWidth > wrap.clientWidth + 1 || inner.scrollWidth > inner.clientWidth + 1;
      wrap.classList.toggle("is-wide", wide);
      // a region that scrolls must be reachable by keyboard (axe: scrollable-region-focusable)
      if (wide && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "表格（可左右滚动）");
      } else if (!wide && wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  var SECTIONS = { regions: "regions", reports: "regions", years: "years", levels: "levels", themes: "themes",
    compare: "compare", parts: "parts", reader: "reader", series: "reader", data: "data", figures: "figures" };

  function markTab() {
    // The not-found page is served at any address: it belongs to no section.
    if (document.querySelector(".md-tabs__item--active") || document.querySelector("[data-not-found]")) return;
    var root = new URL(document.querySelector("[data-md-component=logo]") ?
      document.querySelector("[data-md-component=logo]").getAttribute("href") : ".", location.href);
    var rest = location.pathname.slice(root.pathname.length).split("/")[0];
    var section = SECTIONS[rest];
    if (!section) return;
    document.querySelectorAll(".md-tabs__link").forEach(function (a) {
      var path = new URL(a.getAttribute("href"), location.href).pathname.slice(root.pathname.length);
      if (path.split("/")[0] === section) {
        a.parentNode.classList.add("md-tabs__item--active");
        a.setAttribute("aria-current", "page");
      }
    });
  }

  // The report as shown: its title, then its headings, paragraphs and
  // signature in page order, one per line, without the # and ¶ links.
  function reportText() {
    var lines = [];
    var title = document.querySelector(".md-content h1");
    if (title) lines.push(title.textContent.trim());
    document.querySelectorAll(".report-text h2, .report-text h3, .report-text h4, .report-text h5, " +
                              ".report-text h6, .report-text > p[id], .report-text p.signature").forEach(function (el) {
      var copy = el.cloneNode(true);
      copy.querySelectorAll(".headerlink, .para-link").forEach(function (a) { a.remove(); });
      copy.querySelectorAll("br").forEach(function (br) { br.replaceWith("\n"); });
      lines.push(copy.textContent.trim());
    });
    return lines.join("\n") + "\n";
  }

  // The 清理后文本 button of the card's downloads line (data-file: the name
  // of the file it makes), made here: without JavaScript it cannot work.
  function setupTextDownload(line) {
    var button = el("button", { type: "button", "class": "report-card__text", "data-file": line.getAttribute("data-file") },
      "清理后文本");
    line.appendChild(document.createTextNode(" "));
    line.appendChild(button);
    button.addEventListener("click", function () {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([reportText()], { type: "text/plain;charset=utf-8" }));
      link.download = button.getAttribute("data-file");
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    });
  }

  // The report text's ¶ and # links are not in the file (one per paragraph
  // and heading of every report, render._paragraph): each paragraph and
  // heading with an id gets its link, and its title, here.
  function link(target, cls, text, title) {
    target.appendChild(el("a", { "class": cls, href: "#" + target.id, title: title }, text));
  }
  function linkTitles() {
    document.querySelectorAll(".report-text > p[id]").forEach(function (p) {
      p.classList.add("para");
      if (!p.querySelector(":scope > a.para-link")) link(p, "para-link", "¶", "本段链接");
    });
    document.querySelectorAll(".report-text > h2[id], .report-text > h3[id], .report-text > h4[id], " +
                              ".report-text > h5[id], .report-text > h6[id]").forEach(function (h) {
      if (!h.querySelector(":scope > a.headerlink")) link(h, "headerlink", "#", "本节链接");
    });
  }

  // A section's links to the theme pages that quote it: counted from the
  // page's packed record (render.report_record), whose "a" lists each
  // passage on a theme ([anchor, its themes' slugs, its part]); a passage
  // belongs to the section of the last heading before its paragraph or
  // table ("" the opening, before the first). "w" gives the theme page
  // holding the report, "s" the report's slug; the themes' names, in the
  // taxonomy's order, are one file for every page (render.theme_names:
  // themes/names.json). Each becomes a link to the theme page, at the
  // report's row (调解 3), in a p.theme-chips below the heading (at the top
  // of the text for the opening); the first line says what the numbers are.
  function drawChips(record, base) {
    if (!record.a || !record.a.length) return;
    fetch(base + "themes/names.json").then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (names) { chips(record, names, base); }, function () {});
  }
  function sectionOf(node, text) {
    var block = node;
    while (block.parentElement && block.parentElement !== text) block = block.parentElement;
    var before = block.previousElementSibling;
    while (before && !/^H[2-6]$/.test(before.tagName)) before = before.previousElementSibling;
    return before ? before.id : "";
  }
  function chips(record, names, base) {
    var text = document.querySelector(".report-text");
    if (!text) return;
    var order = [], counts = {};
    record.a.forEach(function (a) {
      var node = document.getElementById(a[0]);
      if (!node || !text.contains(node) || !a[1]) return;
      var section = sectionOf(node, text);
      if (!counts[section]) { counts[section] = {}; order.push(section); }
      a[1].split(" ").forEach(function (slug) { counts[section][slug] = (counts[section][slug] || 0) + 1; });
    });
    var first = true;
    order.forEach(function (anchor) {
      var heading = anchor ? document.getElementById(anchor) : null;
      if (anchor && !heading) return;
      var p = el("p", { "class": "theme-chips" },
        [el("span", { "class": "theme-chips-label" }, first ? "本节涉及的主题（数字为段落数，点击查看各报告对照）：" : "主题：")]);
      first = false;
      if (heading) heading.after(p);
      else text.prepend(p);
      var n = 0;
      Object.keys(names).forEach(function (slug) {
        var where = (record.w || {})[slug];
        if (!counts[anchor][slug] || where === undefined) return;
        if (n++) p.appendChild(document.createTextNode(" "));
        p.appendChild(el("a", { href: base + "themes/" + slug + "/" + (where ? where + "/" : "") + "#" + record.s },
          names[slug] + " " + counts[anchor][slug]));
      });
    });
  }

  // The 五个必备部分 block links each part found by its name (the first of
  // its sections; more as （另见）): here the name becomes text again and the
  // sections' headings, read from the text, are the links, as the page
  // showed them when it wrote them out.
  function partHeadings() {
    document.querySelectorAll(".report-parts__list > li:not([data-found])").forEach(function (li) {
      var links = li.querySelectorAll(":scope > a[href^='#']");
      if (!links.length) return;
      var list = document.createDocumentFragment();
      list.appendChild(el("span", { "class": "report-parts__name" }, links[0].textContent));
      list.appendChild(document.createTextNode("："));
      links.forEach(function (from, n) {
        var heading = document.getElementById(from.getAttribute("href").slice(1));
        if (n) list.appendChild(document.createTextNode("；"));
        list.appendChild(el("a", { href: from.getAttribute("href") }, heading ? heading.textContent.replace(/#$/, "") : from.textContent));
        from.remove();
      });
      li.insertBefore(list, li.firstChild);
    });
  }

  // The related reports and the cleaning record, packed in the page
  // (render.report_record: JSON, gzip, base64): unpacked and drawn as the
  // lists and tables the page once wrote out. Every value is text.
  function table(head, rows, cells) {
    var t = el("table");
    var thead = el("thead");
    var tr = el("tr");
    head.forEach(function (h) { tr.appendChild(el("th", {}, h)); });
    thead.appendChild(tr);
    t.appendChild(thead);
    var tbody = el("tbody");
    rows.forEach(function (row) { tbody.appendChild(cells(row)); });
    t.appendChild(tbody);
    // wrapped as Material wraps the tables it finds on load (it scrolls sideways on a phone)
    var wrap = el("div", { "class": "md-typeset__scrollwrap" });
    var inner = el("div", { "class": "md-typeset__table" });
    inner.appendChild(t);
    wrap.appendChild(inner);
    return wrap;
  }
  var unpack = window.fazhiKit.unpack;
  // The two sections after the text, which the page does not write
  // (overrides/report.html): made here, once, in this order.
  function section(cls, label, id, title) {
    var made = document.querySelector("section." + cls);
    if (made) return made;
    made = el("section", { "class": cls, "aria-label": label });
    made.appendChild(el("h2", { id: id }, title));
    var text = document.querySelector(".report-text");
    var after = document.querySelector("section.report-links") || text;
    after.parentNode.insertBefore(made, after.nextSibling);
    return made;
  }
  function relatedSection() {
    var more = document.querySelector(".report-card__more");
    if (more && !more.querySelector('a[href="#related"]')) {
      more.appendChild(document.createTextNode(" · "));
      more.appendChild(el("a", { href: "#related" }, "相关报告"));
    }
    return section("report-links", "相关报告", "related", "相关报告");
  }
  function cleaningSection() {
    return section("report-cleaning", "清理记录", "cleaning", "文本清理记录");
  }
  function drawRecord(record, base) {
    var links = (record.p || record.c) ? relatedSection() : null;
    function list(title, rows) {
      if (!rows || !rows.length) return;
      links.appendChild(el("h3", {}, title));
      var ul = el("ul");
      rows.forEach(function (r) {
        var li = el("li");
        li.appendChild(el("a", { href: base + "reports/" + r[0] + "/" }, r[1]));
        if (r[2] !== null && r[2] !== undefined) li.appendChild(document.createTextNode("（相似度 " + Math.round(r[2] * 100) + "%）"));
        ul.appendChild(li);
      });
      links.appendChild(ul);
    }
    if (links) {
      list("同省、同层级、同年度的报告", record.p);
      list("主题分布最接近的报告（同层级、同年度）", record.c);
      if (!(record.p || []).length && !(record.c || []).length) links.appendChild(el("p", {}, "本站暂无与这份报告同层级、同年度的其他报告。"));
    }
    if (!record.d || !record.d.length) return;
    // each step's message by its key, in one file for every page
    // (render.step_messages), or in the record where it quotes the report;
    // without the file, a line saying so
    fetch(base + "guide/messages.json").then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).catch(function () { return {}; }).then(function (messages) { drawCleaning(record, messages); });
  }
  function drawCleaning(record, messages) {
    var cleaning = cleaningSection();
    cleaning.appendChild(table(["处理", "次数"], record.d, function (d) {
      var tr = el("tr", { "class": "diagnostic diagnostic--" + d[3], "data-code": d[0] });
      tr.appendChild(el("td", {}, d[4] || messages[d[1]] || "（这一步的说明未能载入，请刷新页面）"));
      tr.appendChild(el("td", {}, d[2]));
      return tr;
    }));
    if (!record.f.length) return;
    var details = el("details", { "class": "report-frame" });
    details.appendChild(el("summary", {}, "未作为正文发布的 " + record.f.length + " 行（网站杂项、标题、发布信息、落款等），逐行列出"));
    details.appendChild(table(["原文行号", "类别", "判断依据", "原文"], record.f, function (f) {
      var tr = el("tr");
      f.forEach(function (cell) { tr.appendChild(el("td", {}, cell)); });
      return tr;
    }));
    cleaning.appendChild(details);
    markWide();
  }
  function reportRecord() {
    var packed = document.getElementById("report-record");
    var config = document.getElementById("__config");
    if (!packed || !config) return;
    var base = JSON.parse(config.textContent).base.replace(/\/?$/, "/");
    var say = function (message) {
      relatedSection().appendChild(el("p", { "class": "report-record-error" }, message));
    };
    if (typeof DecompressionStream === "undefined") { say("主题标签、相关报告和清理记录需要较新的浏览器才能显示。"); return; }
    unpack(packed.textContent).then(function (record) {
      drawChips(record, base);
      drawRecord(record, base);
    }, function () {
      say("主题标签、相关报告和清理记录无法读取。");
    });
  }

  // Material's menu button is a label of a hidden checkbox: a click opens the
  // drawer. The label is a named, focusable button (header.html); Enter and
  // Space open and close the drawer as a click does (Material 9 handles Enter
  // on a focused label itself, Space not at all: handled here, once).
  function menuByKeyboard() {
    document.querySelectorAll('label.md-header__button[for="__drawer"]').forEach(function (label) {
      label.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();
        event.stopPropagation(); // Material's own handler of Enter on a focused label would toggle it back
        label.click();
      });
    });
  }

  // A series page's table of themes year by year (after h2#themes) gets a
  // 并排对读 column here: each row's link opens the reader on the row's
  // theme (named as themes/names.json names it; a subtheme's row starts
  // with └) with the reports the page names once, on its link to them all
  // (.series-reports; generator/site/series.py). The reader needs
  // JavaScript, so the page does not write the column.
  function seriesReader() {
    var all = document.querySelector("a.series-reports");
    var heading = document.getElementById("themes");
    var config = document.getElementById("__config");
    if (!all || !heading || !config) return;
    var table = null;
    for (var next = heading.nextElementSibling; next && !table; next = next.nextElementSibling) {
      table = next.tagName === "TABLE" ? next : next.querySelector("table");
    }
    if (!table) return;
    var base = JSON.parse(config.textContent).base.replace(/\/?$/, "/");
    fetch(base + "themes/names.json").then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (names) {
      var slugs = {};
      Object.keys(names).forEach(function (slug) { slugs[names[slug]] = slug; });
      var head = table.querySelector("thead tr");
      if (head) head.appendChild(el("th", {}, "并排对读"));
      table.querySelectorAll("tbody tr").forEach(function (tr) {
        var slug = slugs[tr.cells[0].textContent.replace(/^[\s　└]+/, "").trim()];
        var cell = el("td");
        if (slug) {
          var url = new URL(all.href);  // slugs are Latin letters, digits, - and _: they read as they are
          url.search = "?theme=" + slug + "&r=" + new URL(all.href).searchParams.get("r");
          cell.appendChild(el("a", { "class": "series-reader", href: url.href }, "并排对读"));
        }
        tr.appendChild(cell);
      });
    }, function () {});
  }

  document.addEventListener("DOMContentLoaded", function () {
    menuByKeyboard();
    seriesReader();
    partHeadings();
    linkTitles();
    reportRecord();
    document.querySelectorAll(".cite[data-author]").forEach(setupCite);
    document.querySelectorAll(".report-card__downloads[data-file]").forEach(setupTextDownload);
    markTab();
    markWide();
    window.addEventListener("resize", markWide);
  });
})();
