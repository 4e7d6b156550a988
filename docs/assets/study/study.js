/* Study tools (issue 15): 打印, 复制引用, 学习清单, 收藏, 已读, 新增 since the last visit, 今日推荐,
 * the phone 目录 button and the current section in the tabs.
 *
 * Everything stays in this browser (localStorage); nothing is sent anywhere. Article data comes from
 * <meta name="rdkb-page" content='{JSON}'> (overrides/partials/rdkb-study.html) and the home page
 * reads assets/study/articles.json. Scraped text is only ever set with textContent. */
(function () {
  "use strict";

  const SECTIONS = { articles: "archive" }; /* pages outside the nav → the tab they belong under */

  function readJSON(id) {
    const node = document.getElementById(id);
    if (!node) return null;
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  const config = readJSON("__config") || {};
  const root = new URL(String(config.base || ".").replace(/\/?$/, "/"), location.href);
  const article = (() => {
    const meta = document.querySelector('meta[name="rdkb-page"]');
    try { return meta ? JSON.parse(meta.getAttribute("content")) : null; } catch (e) { return null; }
  })();

  /* A page's path relative to the site root ("" for the home page); null outside the site. */
  function rel(href) {
    let u;
    try { u = new URL(href, location.href); } catch (e) { return null; }
    if (u.origin !== root.origin || !u.pathname.startsWith(root.pathname)) return null;
    let path = u.pathname.slice(root.pathname.length).replace(/index\.html$/, "");
    try { path = decodeURI(path); } catch (e) { /* keep it encoded */ }
    return path;
  }

  function siteHref(path) { return new URL(encodeURI(path), root).href; }

  /* ---- storage: one namespace per site root, so two sites on one host do not mix ---- */

  const PREFIX = "rdkb:" + root.pathname + ":";
  const store = {
    get(key, fallback) {
      try {
        const raw = localStorage.getItem(PREFIX + key);
        return raw === null ? fallback : JSON.parse(raw);
      } catch (e) { return fallback; }
    },
    set(key, value) {
      try { localStorage.setItem(PREFIX + key, JSON.stringify(value)); return true; } catch (e) { return false; }
    },
  };

  /* ---- small DOM helpers (text only, never markup) ---- */

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  function button(label, onclick, cls) {
    return el("button", { type: "button", class: "rdkb-study-button " + (cls || ""), text: label, onclick });
  }

  function chineseDate(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return m ? `${+m[1]}年${+m[2]}月${+m[3]}日` : "";
  }

  function localDay(date) {
    const d = date || new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }

  /* FNV-1a, 32 bits: a stable number for a string (今日推荐, the seen-articles set). */
  function hash(text) {
    let h = 0x811c9dc5;
    for (const ch of new TextEncoder().encode(text)) {
      h ^= ch;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  /* ---- the citation: 作者：《标题》，来源，2024年5月19日，URL ---- */

  function citation(item) {
    const names = (item.authors || [])
      .map((a) => (typeof a === "string" ? a : a.name || a.position || ""))
      .filter(Boolean);
    const parts = [`《${item.title}》`];
    if (item.source || item.site) parts.push(item.source || item.site);
    if (item.date) parts.push(chineseDate(item.date));
    if (item.url) parts.push(item.url);
    return (names.length ? names.join("、") + "：" : "") + parts.join("，");
  }

  /* ---- dialogs ---- */

  function dialog(title, cls) {
    const box = el("dialog", { class: "rdkb-study-dialog " + (cls || ""), "aria-label": title });
    const body = el("div", { class: "rdkb-study-dialog__body" });
    const head = el("div", { class: "rdkb-study-dialog__head" },
      el("h2", { text: title }),
      button("关闭", () => box.close(), "rdkb-study-dialog__close"));
    box.append(head, body);
    box.addEventListener("click", (event) => { if (event.target === box) box.close(); });
    document.body.append(box);
    return { box, body };
  }

  function showCitation(text) {
    const { box, body } = dialog("复制引用", "rdkb-study-cite");
    const area = el("textarea", { readonly: true, rows: 4, class: "rdkb-study-cite__text", "aria-label": "引用文字" });
    area.value = text;
    const status = el("p", { class: "rdkb-study-cite__status", "aria-live": "polite" });
    const copy = async () => {
      area.focus();
      area.select();
      let done = false;
      try {
        if (navigator.clipboard && window.isSecureContext) {
          await navigator.clipboard.writeText(text);
          done = true;
        }
      } catch (e) { done = false; }
      if (!done) {
        try { done = document.execCommand("copy"); } catch (e) { done = false; }
      }
      status.textContent = done ? "已复制到剪贴板。" : "浏览器不允许自动复制：文字已选中，请按 Ctrl+C 复制。";
    };
    body.append(area, status, el("p", { class: "rdkb-study-actions" }, button("复制", copy, "rdkb-study-button--primary")));
    box.addEventListener("close", () => box.remove());
    box.showModal();
    copy();
  }

  /* ---- reading list (学习清单), favourites (收藏), read marks (已读) ---- */

  const lists = {
    list: () => store.get("list", []),
    favs: () => store.get("favs", []),
    read: () => store.get("read", {}),
  };

  function has(items, path) { return items.some((x) => x.path === path); }

  function toggle(key, item) {
    const items = lists[key]();
    const next = has(items, item.path) ? items.filter((x) => x.path !== item.path) : items.concat([{ ...item, added: Date.now() }]);
    store.set(key, next);
    refresh();
    return has(next, item.path);
  }

  const listeners = [];
  function refresh() { for (const f of listeners) f(); }
  window.addEventListener("storage", (event) => { if (event.key && event.key.startsWith(PREFIX)) refresh(); });

  function itemFromArticle(data) {
    return {
      path: data.path,
      title: data.title,
      date: data.date || "",
      authors: (data.authors || []).map((a) => a.name || a.position).filter(Boolean),
      source: data.source || data.site || "",
      url: data.url || "",
      sample: Boolean(document.querySelector(".rdkb-sample-notice")),
    };
  }

  /* a printed or exported list says which entries are the project's own sample articles */
  function listed(item) { return citation(item) + (item.sample ? "（样例文章，非真实报道）" : ""); }

  function exportText(items) {
    const lines = ["# 学习清单", "", `导出日期：${chineseDate(localDay())}　共 ${items.length} 篇`, ""];
    items.forEach((item, i) => {
      lines.push(`${i + 1}. ${listed(item)}`);
      lines.push(`   本站页面：${siteHref(item.path)}`);
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  function download(name, text) {
    const blob = new Blob([text], { type: "text/markdown;charset=utf-8" });
    const a = el("a", { href: URL.createObjectURL(blob), download: name, hidden: true });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function printList(items) {
    let sheet = document.getElementById("rdkb-study-print");
    if (sheet) sheet.remove();
    sheet = el("section", { id: "rdkb-study-print", class: "rdkb-study-print" },
      el("h1", { text: "学习清单" }),
      el("p", { text: `${chineseDate(localDay())}　共 ${items.length} 篇` }),
      el("ol", {}, ...items.map((item) => el("li", { text: listed(item) }))));
    document.body.append(sheet);
    document.body.classList.add("rdkb-printing-list");
    window.addEventListener("afterprint", () => document.body.classList.remove("rdkb-printing-list"), { once: true });
    window.print();
  }

  function entryView(item, key, index, count) {
    const move = (step) => {
      const items = lists[key]();
      const j = index + step;
      if (j < 0 || j >= items.length) return;
      [items[index], items[j]] = [items[j], items[index]];
      store.set(key, items);
      refresh();
    };
    const meta = [chineseDate(item.date), item.source, (item.authors || []).join("、")].filter(Boolean).join(" · ");
    const tools = el("span", { class: "rdkb-study-entry__tools" });
    if (key === "list") {
      const up = button("上移", () => move(-1), "rdkb-study-button--small");
      const down = button("下移", () => move(1), "rdkb-study-button--small");
      up.disabled = index === 0;
      down.disabled = index === count - 1;
      tools.append(up, down);
    }
    tools.append(button(key === "list" ? "移除" : "取消收藏", () => {
      store.set(key, lists[key]().filter((x) => x.path !== item.path));
      refresh();
    }, "rdkb-study-button--small"));
    return el("li", { class: "rdkb-study-entry" },
      el("a", { href: siteHref(item.path), text: item.title || item.path }),
      item.sample ? el("span", { class: "rdkb-study-sample", text: "样例", title: "本项目自行撰写的样例文章，不是真实报道" }) : null,
      meta ? el("span", { class: "rdkb-study-entry__meta", text: meta }) : null,
      tools);
  }

  function openPanel() {
    const { box, body } = dialog("学习清单", "rdkb-study-panel");
    const render = () => {
      const items = lists.list();
      const favs = lists.favs();
      const actions = el("p", { class: "rdkb-study-actions" },
        button("打印清单", () => { box.close(); printList(lists.list()); }),
        button("导出为文本文件", () => download(`学习清单-${localDay()}.md`, exportText(lists.list()))));
      for (const b of actions.querySelectorAll("button")) b.disabled = !items.length;
      body.replaceChildren(
        el("p", { class: "rdkb-study-panel__count", text: items.length ? `共 ${items.length} 篇，保存在本浏览器中。` : "学习清单是空的：在文章页或搜索结果中点「加入学习清单」。" }),
        items.length ? el("ol", { class: "rdkb-study-panel__list" }, ...items.map((x, i) => entryView(x, "list", i, items.length))) : null,
        actions,
        el("h3", { text: `我的收藏（${favs.length}）` }),
        favs.length ? el("ul", { class: "rdkb-study-panel__favs" }, ...favs.map((x, i) => entryView(x, "favs", i, favs.length)))
          : el("p", { class: "rdkb-study-muted", text: "还没有收藏的文章：在文章页点「收藏」。" }));
    };
    listeners.push(render);
    box.addEventListener("close", () => { listeners.splice(listeners.indexOf(render), 1); box.remove(); });
    render();
    box.showModal();
  }

  function headerButton() {
    const inner = document.querySelector(".md-header__inner");
    if (!inner) return;
    const count = el("span", { class: "rdkb-study-count" });
    const label = el("span", { class: "rdkb-study-header__label", text: "学习清单" });
    const b = el("button", { type: "button", class: "md-header__button rdkb-study-header", title: "学习清单", onclick: openPanel }, label, count);
    const update = () => {
      const n = lists.list().length;
      count.textContent = n ? String(n) : "";
      b.setAttribute("aria-label", n ? `学习清单（${n} 篇）` : "学习清单");
    };
    listeners.push(update);
    update();
    const search = inner.querySelector(".rdkb-search");
    if (search) inner.insertBefore(b, search);
    else inner.append(b);
  }

  /* ---- article pages ---- */

  function tocLinks() {
    const heads = document.querySelectorAll("article.md-content__inner h2[id], article.md-content__inner h3[id]");
    return [...heads].filter((h) => !h.closest("header.rdkb-article-header"));
  }

  function openToc() {
    const { box, body } = dialog("目录", "rdkb-study-toc");
    const list = el("ol", { class: "rdkb-study-toc__list" });
    for (const h of tocLinks()) {
      const a = el("a", { href: "#" + encodeURIComponent(h.id), text: h.textContent.trim(), class: h.tagName === "H3" ? "rdkb-study-toc__sub" : "" });
      a.addEventListener("click", () => box.close());
      list.append(el("li", {}, a));
    }
    body.append(list);
    box.addEventListener("close", () => box.remove());
    box.showModal();
  }

  function articleTools(data) {
    const header = document.querySelector("header.rdkb-article-header");
    if (!header) return;
    const item = itemFromArticle({ ...data, path: rel(location.href) || data.path });
    const inList = button("", () => toggle("list", item), "rdkb-study-button--list");
    const fav = button("", () => toggle("favs", item), "rdkb-study-button--fav");
    const update = () => {
      const listed = has(lists.list(), item.path);
      inList.textContent = listed ? "已在学习清单（移出）" : "加入学习清单";
      inList.setAttribute("aria-pressed", String(listed));
      const starred = has(lists.favs(), item.path);
      fav.textContent = starred ? "★ 已收藏" : "☆ 收藏";
      fav.setAttribute("aria-pressed", String(starred));
    };
    listeners.push(update);
    update();
    const bar = el("div", { class: "rdkb-study-bar", role: "toolbar", "aria-label": "学习工具" },
      button("打印", () => window.print(), "rdkb-study-button--print"),
      button("复制引用", () => showCitation(citation(item)), "rdkb-study-button--cite"),
      inList, fav);
    if (tocLinks().length) bar.append(button("目录", openToc, "rdkb-study-button--toc"));
    header.append(bar);
    /* the original pages' row is spelled out by the print layout; mark it for the stylesheet */
    for (const row of header.querySelectorAll("dl.rdkb-meta > div")) {
      const dt = row.querySelector("dt");
      if (dt && dt.textContent.trim() === "原文") row.classList.add("rdkb-meta__originals");
    }
    /* an entry added from a search result knows only its title: fill in the citation's parts */
    for (const key of ["list", "favs"]) {
      const items = lists[key]();
      const i = items.findIndex((x) => x.path === item.path);
      if (i >= 0 && (!items[i].url || items[i].title !== item.title)) {
        items[i] = { ...item, added: items[i].added };
        store.set(key, items);
      }
    }
    markRead(item.path);
  }

  const READ_KEPT = 5000; /* read marks kept (newest), so the store stays small */
  function markRead(path) {
    let read = lists.read();
    read[path] = Date.now();
    const paths = Object.keys(read);
    if (paths.length > READ_KEPT) {
      paths.sort((a, b) => read[b] - read[a]);
      read = Object.fromEntries(paths.slice(0, READ_KEPT).map((p) => [p, read[p]]));
    }
    store.set("read", read);
  }

  /* ---- listings: 已读 and 已收藏 next to the titles ---- */

  function listingMarks() {
    const read = lists.read();
    const favs = new Set(lists.favs().map((x) => x.path));
    for (const a of document.querySelectorAll("ul.rdkb-list a.rdkb-entry__title")) {
      const path = rel(a.href);
      if (path === null) continue;
      const li = a.closest("li") || a.parentNode;
      for (const old of li.querySelectorAll(":scope > .rdkb-study-mark")) old.remove();
      const marks = [];
      if (read[path]) marks.push(el("span", { class: "rdkb-study-mark rdkb-study-mark--read", text: "已读" }));
      if (favs.has(path)) marks.push(el("span", { class: "rdkb-study-mark rdkb-study-mark--fav", text: "已收藏" }));
      let after = a;
      while (after.nextElementSibling && after.nextElementSibling.classList.contains("rdkb-tag")) after = after.nextElementSibling;
      after.after(...marks);
    }
  }

  /* ---- search results: 加入学习清单 beside each result (search.js left as it is) ---- */

  function searchResults() {
    for (const results of document.querySelectorAll(".rdkb-search__results")) {
      const decorate = () => {
        for (const li of results.children) {
          if (li.querySelector(".rdkb-study-add")) continue;
          const a = li.querySelector("a[href]");
          const path = a && rel(a.href);
          if (!path) continue;
          const shown = (li.querySelector(".rdkb-search__title") || a).cloneNode(true);
          for (const tag of shown.querySelectorAll(".rdkb-search__sample")) tag.remove();
          const title = shown.textContent.trim();
          const sample = Boolean(li.querySelector(".rdkb-search__sample"));
          const meta = li.querySelector(".rdkb-search__meta");
          const date = meta && /^\d{4}-\d{2}-\d{2}/.exec(meta.textContent.trim());
          const add = button("", (event) => {
            event.preventDefault();
            event.stopPropagation();
            if (!has(lists.list(), path)) toggle("list", { path, title, date: date ? date[0] : "", authors: [], source: "", url: "", sample });
          }, "rdkb-study-add rdkb-study-button--small");
          const update = () => {
            const listed = has(lists.list(), path);
            add.textContent = listed ? "已在学习清单" : "加入学习清单";
            add.disabled = listed;
          };
          update();
          listeners.push(update);
          li.append(add);
        }
      };
      new MutationObserver(decorate).observe(results, { childList: true });
      decorate();
    }
  }

  /* ---- home page: 新增 since the last visit, 今日推荐 ---- */

  function seenBaseline(all) {
    /* the set of articles known at the start of this visit (a tab's session), kept for reloads */
    let baseline = null;
    try { baseline = JSON.parse(sessionStorage.getItem(PREFIX + "baseline") || "null"); } catch (e) { baseline = null; }
    if (baseline === null) {
      baseline = store.get("seen", null);
      try { sessionStorage.setItem(PREFIX + "baseline", JSON.stringify(baseline === null ? false : baseline)); } catch (e) { /* private mode */ }
      store.set("seen", all.map((x) => hash(x.url).toString(36)));
    }
    return baseline || null;
  }

  function pick(all, day) {
    const real = all.filter((x) => !x.sample);
    const pool = (real.length ? real : all).slice().sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
    return pool.length ? pool[hash(day) % pool.length] : null;
  }

  function entryLink(x) {
    return el("li", {},
      el("a", { href: siteHref(x.url), text: x.title }),
      x.sample ? el("span", { class: "rdkb-tag", text: "样例" }) : null,
      x.date ? el("span", { class: "rdkb-study-muted", text: " " + chineseDate(x.date) }) : null);
  }

  async function home() {
    const anchor = document.querySelector("article .rdkb-counts") || document.querySelector("article h1");
    if (!anchor) return;
    let all;
    try {
      // "no-cache": ask the server every time (a 304 when unchanged), so that the articles a
      // rebuild added are counted as new at once, not when a heuristic cache lapses
      const response = await fetch(new URL("assets/study/articles.json", root), { cache: "no-cache" });
      if (!response.ok) return;
      all = await response.json();
    } catch (e) { return; }
    if (!Array.isArray(all) || !all.length) return;
    const section = el("section", { class: "rdkb-study-home", "aria-label": "我的学习" });
    const baseline = seenBaseline(all);
    if (baseline) {
      const known = new Set(baseline);
      const fresh = all.filter((x) => !known.has(hash(x.url).toString(36)));
      const news = el("div", { class: "rdkb-study-new" });
      if (fresh.length) {
        news.append(el("p", {}, "自上次访问以来新增 ", el("strong", { text: String(fresh.length) }), " 篇"));
        news.append(el("ul", { class: "rdkb-study-new__list" }, ...fresh.slice(0, 10).map(entryLink)));
        if (fresh.length > 10) news.append(el("p", { class: "rdkb-study-muted", text: `另有 ${fresh.length - 10} 篇，见「时间」栏目。` }));
      } else {
        news.append(el("p", { text: "自上次访问以来没有新增文章。" }));
      }
      section.append(news);
    }
    const today = pick(all, localDay());
    if (today) {
      section.append(el("div", { class: "rdkb-study-today" },
        el("h2", { text: "今日推荐" }),
        el("ul", { class: "rdkb-study-today__list" }, entryLink(today))));
    }
    anchor.after(section);
  }

  /* ---- the tab of the section a page outside the nav belongs to ---- */

  function currentTab() {
    const tabs = document.querySelectorAll(".md-tabs__item");
    if (!tabs.length || document.querySelector(".md-tabs__item--active")) return;
    const here = rel(location.href);
    if (!here) return;
    const first = here.split("/")[0];
    const section = SECTIONS[first] || first;
    for (const li of tabs) {
      const a = li.querySelector("a.md-tabs__link");
      const target = a && rel(a.href);
      if (target && target.split("/")[0] === section) {
        li.classList.add("md-tabs__item--active");
        a.setAttribute("aria-current", "true");
      }
    }
    for (const a of document.querySelectorAll(".md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link")) {
      const target = rel(a.href);
      if (target && target.split("/")[0] === section) a.classList.add("md-nav__link--active");
    }
  }

  /* ---- start ---- */

  currentTab();
  headerButton();
  if (article && article.path) articleTools(article);
  listingMarks();
  listeners.push(listingMarks);
  searchResults();
  if (rel(location.href) === "") home();

  /* for tests: the citation and the day's pick, computed as the page does */
  window.rdkbStudy = { citation, pick, hash, localDay };
})();
