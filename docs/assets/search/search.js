/* 人大知识库 site search: exact substring search for Chinese over a static sharded n-gram index.
 *
 * The index (search-index/, built by scraper/search) is fetched piecewise: meta.bin once, then one
 * shard per gram a query needs and one small file per article shown or checked. The semantics
 * are those of scraper/search/reader.py (its docstring is the reference); keep the two in step.
 * No request leaves the site; every .bin is gzip, inflated here with DecompressionStream.
 */
(function () {
  "use strict";

  const QUOTES = "\"'\u201c\u201d\u2018\u2019\u201e\u201f\u201a\u201b\u300c\u300d\u300e\u300f\u00ab\u00bb\u2039\u203a\u301d\u301e\u301f";
  const DROP = new RegExp(
    "[\\s\\x1c-\\x1f\\x85\\u200b\\u200c\\u200d\\u2060\\ufeff" +
      QUOTES.replace(/[\\\]^-]/g, "\\$&") + "]+", "gu");
  const SAME_AS_PREFIX = 1;
  const SAME_AS_SUFFIX = 2;
  const WEIGHTS = 4;
  const PAGE = 10;

  /* Traditional → simplified, one character for one (t2s.bin, from scraper/hanzi.py): filled
   * when the engine has loaded it, before any query is normalised. */
  const T2S = new Map();

  function setT2S(pairs) {
    const chars = [...pairs];
    for (let i = 0; i + 1 < chars.length; i += 2) T2S.set(chars[i], chars[i + 1]);
  }

  function normalise(text) {
    const folded = text.normalize("NFKC").toLowerCase().replace(DROP, "");
    if (!T2S.size) return folded;
    let out = "";
    for (const ch of folded) out += T2S.get(ch) || ch;
    return out;
  }

  function termsOf(query) {
    const terms = [];
    for (const part of query.split(/\s+/)) {
      const term = normalise(part);
      if (term && !terms.includes(term)) terms.push(term);
    }
    return terms;
  }

  function gramHash(text) {
    let h = 2166136261;
    for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0), 16777619) >>> 0;
    return h;
  }

  function countIn(text, term) {
    let count = 0;
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) count++;
    return count;
  }

  async function fetchBin(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(url + ": " + response.status);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes; // already inflated by the server
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  const decoder = new TextDecoder();
  const fetchJson = async (url) => JSON.parse(decoder.decode(await fetchBin(url)));

  /* A shard: see scraper/search/index_format.py for the format. */
  function parseShard(bytes) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const nkeys = view.getUint32(0, true);
    const width = view.getUint32(4, true);
    const keyBytes = view.getUint32(8, true);
    const pad = (n) => n + ((4 - (n % 4)) % 4);
    let offset = 12;
    const keys = nkeys ? decoder.decode(bytes.subarray(offset, offset + keyBytes)).split("\n") : [];
    offset += pad(keyBytes);
    const modes = bytes.subarray(offset, offset + nkeys);
    offset += pad(nkeys);
    const counts = new Uint32Array(bytes.buffer, bytes.byteOffset + offset, nkeys);
    offset += 4 * nkeys;
    const starts = new Uint32Array(nkeys + 1);
    const docStarts = new Uint32Array(nkeys + 1);
    for (let i = 0; i < nkeys; i++) {
      starts[i + 1] = starts[i] + counts[i];
      docStarts[i + 1] = docStarts[i] + (modes[i] === 0 ? counts[i] : 0);
    }
    const totalDocs = docStarts[nkeys];
    const gaps = width === 2
      ? new Uint16Array(bytes.buffer, bytes.byteOffset + offset, totalDocs)
      : new Uint32Array(bytes.buffer, bytes.byteOffset + offset, totalDocs);
    offset += pad(width * totalDocs);
    const weights = bytes.subarray(offset, offset + starts[nkeys]);
    const index = new Map(keys.map((key, i) => [key, i]));
    return (key) => {
      const i = index.get(key);
      if (i === undefined) return null;
      const docs = new Uint32Array(docStarts[i + 1] - docStarts[i]);
      let doc = 0;
      for (let j = 0; j < docs.length; j++) docs[j] = doc = (j ? doc : 0) + gaps[docStarts[i] + j];
      return { mode: modes[i], docs, weights: weights.subarray(starts[i], starts[i + 1]) };
    };
  }

  class Engine {
    constructor(root) {
      this.root = root;
      this.meta = Promise.all([fetchJson(root + "meta.bin"), fetchJson(root + "t2s.bin")]).then(
        ([meta, pairs]) => {
          setT2S(pairs);
          return meta;
        });
      this.shards = new Map();
      this.docs = new Map();
      this.hits = new Map();
      this.facets = null;
    }

    shard(number) {
      if (!this.shards.has(number)) {
        this.shards.set(number, fetchBin(this.root + "shards/" + number + ".bin").then(parseShard));
      }
      return this.shards.get(number);
    }

    doc(number) {
      if (!this.docs.has(number)) {
        const loaded = Promise.all([this.meta, fetchJson(this.root + "docs/" + number + ".bin")]);
        this.docs.set(number, loaded.then(([, d]) => { // meta first: it brings T2S
          d.title = normalise(d.t);
          d.body = normalise(d.s.map((s) => s[1] + s[2]).join(""));
          return d;
        }));
      }
      return this.docs.get(number);
    }

    async lookup(gram) {
      const meta = await this.meta;
      return (await this.shard(gramHash(gram) % meta.shards))(gram);
    }

    /* Hits of one term: {docs: Map doc → [count, inTitle], exact, countsExact}. */
    resolve(term) {
      if (!this.hits.has(term)) this.hits.set(term, this._resolve(term));
      return this.hits.get(term);
    }

    async _resolve(term) {
      const meta = await this.meta;
      const entry = [...term].length <= meta.maxLen ? await this.lookup(term) : null;
      if (entry) {
        let numbers = entry.docs;
        if (entry.mode & (SAME_AS_PREFIX | SAME_AS_SUFFIX)) {
          const chars = [...term];
          const part = (entry.mode & SAME_AS_PREFIX ? chars.slice(0, -1) : chars.slice(1)).join("");
          const same = await this.resolve(part);
          if (!(entry.mode & WEIGHTS)) return { docs: same.docs, exact: true, countsExact: true };
          numbers = [...same.docs.keys()]; // ascending, like the weights
        }
        const docs = new Map();
        for (let j = 0; j < numbers.length; j++) {
          docs.set(numbers[j], [entry.weights[j] >> 1, entry.weights[j] & 1]);
        }
        return { docs, exact: true, countsExact: true };
      }
      if ([...term].length <= 2) return { docs: new Map(), exact: true, countsExact: true };
      const parts = await Promise.all(pieces(term, meta.maxLen).map((p) => this.resolve(p)));
      return { docs: intersect(parts), exact: false, countsExact: false };
    }

    facetData() {
      if (!this.facets) this.facets = fetchJson(this.root + "facets.bin");
      return this.facets;
    }

    async keep(filters) {
      const active = Object.entries(filters).filter(([, v]) => v);
      if (!active.length) return null;
      const f = await this.facetData();
      const want = {};
      for (const [name, value] of active) {
        if (name === "author") want.author = authorsMatching(f.authors, value);
        else want[name] = { theme: f.themes, province: f.provinces, year: f.years }[name].indexOf(value);
      }
      return (d) =>
        (want.year === undefined || f.y[d] === want.year) &&
        (want.province === undefined || f.p[d] === want.province) &&
        (want.theme === undefined || (want.theme >= 0 && (f.t[d] >> want.theme) & 1) === 1) &&
        (want.author === undefined || f.a[d].some((a) => want.author.has(a)));
    }

    /* A query: returns a Result whose first `top(k)` entries are exact. */
    async query(text, filters) {
      const meta = await this.meta;
      const terms = termsOf(text);
      const keep = await this.keep(filters || {});
      if (!terms.length) {
        const list = [];
        if (keep) for (let d = 0; d < meta.docs; d++) if (keep(d)) list.push(candidate(d, 0, 0, true));
        return new Result(this, terms, list);
      }
      const hits = await Promise.all(terms.map((t) => this.resolve(t)));
      const smallest = hits.reduce((a, b) => (a.docs.size <= b.docs.size ? a : b));
      const list = [];
      for (const d of smallest.docs.keys()) {
        if (keep && !keep(d)) continue;
        let title = 0, count = 0, exact = true, member = true;
        for (let i = 0; i < hits.length && member; i++) {
          const hit = hits[i].docs.get(d);
          if (!hit) member = false;
          else {
            title += hit[1];
            count += hit[0];
            exact = exact && hits[i].exact && hits[i].countsExact;
          }
        }
        if (member) list.push(candidate(d, title, count, exact, hits.every((h) => h.exact)));
      }
      return new Result(this, terms, list);
    }
  }

  /* Positions of the authors an author filter keeps: the one of that exact name if there is one,
   * else every name containing the text (typing 王 keeps 王海峰 and 王芳), as reader.py does. */
  function authorsMatching(names, wanted) {
    const exact = names.indexOf(wanted);
    if (exact >= 0) return new Set([exact]);
    const key = normalise(wanted);
    const out = new Set();
    names.forEach((name, i) => { if (normalise(name).includes(key)) out.add(i); });
    return out;
  }

  function candidate(doc, title, count, exact, member = true) {
    return { doc, title, count, exact, member };
  }

  function pieces(term, maxLen) {
    const chars = [...term];
    const out = [];
    if (chars.length > maxLen) {
      for (let s = 0; ; s += maxLen - 1) {
        const start = Math.min(s, chars.length - maxLen);
        out.push(chars.slice(start, start + maxLen).join(""));
        if (start === chars.length - maxLen) break;
      }
      return out;
    }
    for (let i = 0; i + 2 <= chars.length; i++) out.push(chars.slice(i, i + 2).join(""));
    if (chars.length > 3) for (let i = 0; i + 3 <= chars.length; i++) out.push(chars.slice(i, i + 3).join(""));
    return out;
  }

  function intersect(parts) {
    const [first, ...rest] = [...parts].sort((a, b) => a.docs.size - b.docs.size);
    const out = new Map();
    for (const [d, [count, title]] of first.docs) {
      let c = count, t = title, ok = true;
      for (const p of rest) {
        const hit = p.docs.get(d);
        if (!hit) { ok = false; break; }
        c = Math.min(c, hit[0]);
        t = t & hit[1];
      }
      if (ok) out.set(d, [c, t]);
    }
    return out;
  }

  const better = (a, b) => b.title - a.title || b.count - a.count || a.doc - b.doc;

  class Result {
    constructor(engine, terms, list) {
      this.engine = engine;
      this.terms = terms;
      this.list = list.sort(better);
      this.counted = list.every((c) => c.member);
    }

    async check(c) {
      const d = await this.engine.doc(c.doc);
      let title = 0, count = 0;
      for (const term of this.terms) {
        const inTitle = d.title.includes(term) ? 1 : 0;
        const n = countIn(d.title, term) + countIn(d.body, term);
        if (!n) { c.gone = true; break; }
        title += inTitle;
        count += n;
      }
      c.title = title;
      c.count = count;
      c.exact = c.member = true;
    }

    /* Make the best k exact: check bounded entries until the first k are all exact. */
    async top(k) {
      for (;;) {
        const pending = this.list.slice(0, k).filter((c) => !c.exact);
        if (!pending.length) return this.list.slice(0, k);
        await Promise.all(pending.map((c) => this.check(c)));
        this.list = this.list.filter((c) => !c.gone).sort(better);
      }
    }

    /* Check every entry whose membership is not certain; resolves to the exact total. */
    async count(onProgress) {
      const pending = this.list.filter((c) => !c.member);
      for (let i = 0; i < pending.length; i += 8) {
        await Promise.all(pending.slice(i, i + 8).map((c) => this.check(c)));
        if (onProgress) onProgress(i + 8, pending.length);
      }
      this.list = this.list.filter((c) => !c.gone).sort(better);
      this.counted = true;
      return this.list.length;
    }
  }

  /* Where each normalised UTF-16 unit of `text` comes from: [start, end) in the original. */
  function mapText(text) {
    let norm = "", offset = 0;
    const starts = [], ends = [];
    for (const ch of text) {
      const n = normalise(ch);
      for (let i = 0; i < n.length; i++) { starts.push(offset); ends.push(offset + ch.length); }
      norm += n;
      offset += ch.length;
    }
    return { norm, starts, ends };
  }

  /* [start, end) in `text` of every occurrence of every term, in order. */
  function spans(text, terms) {
    const m = mapText(text);
    const out = [];
    for (const term of terms) {
      for (let at = m.norm.indexOf(term); at >= 0; at = m.norm.indexOf(term, at + 1)) {
        out.push([m.starts[at], m.ends[at + term.length - 1]]);
      }
    }
    return out.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  }

  const SNIPPET = 120; // characters of a snippet
  const BEFORE = 30; // of them before the match

  function sectionText([, heading, text]) {
    return (heading ? heading + " " : "") + text.replace(/\n+/g, " ");
  }

  /* Snippets for a result: one around the first body match of each term (in query order),
   * unless an earlier snippet already shows that term; at most one per term, the section's
   * opening when no term is in the body (only in the title). */
  function snippets(d, terms) {
    const out = [];
    for (const term of terms) {
      if (out.some((s) => spans(s.text.slice(Math.max(0, s.at - BEFORE), Math.max(0, s.at - BEFORE) + SNIPPET), [term]).length)) continue;
      for (const section of d.s) {
        const full = sectionText(section);
        const found = spans(full, [term]);
        if (found.length) {
          out.push({ anchor: section[0], text: full, at: found[0][0] });
          break;
        }
      }
    }
    if (!out.length) out.push({ anchor: (d.s[0] || [""])[0], text: d.s[0] ? sectionText(d.s[0]) : "", at: 0 });
    return out;
  }

  function render(container, text, terms, at, size) {
    const from = Math.max(0, at - BEFORE);
    const piece = text.slice(from, from + size);
    if (from > 0) container.append("…");
    let done = 0;
    for (const [a, b] of spans(piece, terms)) {
      if (a < done) continue;
      container.append(piece.slice(done, a));
      const mark = document.createElement("mark");
      mark.textContent = piece.slice(a, b);
      container.append(mark);
      done = b;
    }
    container.append(piece.slice(done));
    if (from + size < text.length) container.append("…");
  }

  /* ---------------------------------------------------------------- the search state in the URL */

  const FILTERS = ["theme", "province", "year", "author"];
  const STATE = ["q", ...FILTERS];
  const FILTER_NAMES = { theme: "专题", province: "省份", year: "年份", author: "作者" };

  /* The query and filters a URL carries (?q=…&year=…): a copied link reproduces the search. */
  function readState(href) {
    const params = new URL(href).searchParams;
    return Object.fromEntries(STATE.map((name) => [name, (params.get(name) || "").trim()]));
  }

  /* Write the state into the current history entry: Back to this page shows the same search. */
  function writeState(state) {
    const url = new URL(location.href);
    for (const name of STATE) {
      if (state[name]) url.searchParams.set(name, state[name]);
      else url.searchParams.delete(name);
    }
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  }

  /* ---------------------------------------------------------------- the header UI */

  const quoted = (terms) => terms.map((t) => "「" + t + "」").join("");

  /* Why a query shows no list, and what to do next; null when it is worth running. */
  function emptyCause(text, terms, filters) {
    const filtered = Object.values(filters).some(Boolean);
    if (!text.trim() && !filtered) return ["idle", "输入要查找的词语，多个词用空格分开；也可以只选专题、省份、年份或作者，按日期列出文章。"];
    if (text.trim() && !terms.length) return ["short", "搜索词太短：引号和空格不参与搜索，请至少输入一个字。"];
    if (terms.length && terms.every((t) => [...t].length === 1 && !/\p{Script=Han}/u.test(t))) {
      return ["short", "搜索词太短：单个字母、数字或符号几乎每篇文章都有，请多输入几个字。"];
    }
    return null;
  }

  function setup(box) {
    const base = (box.dataset.base || ".").replace(/\/?$/, "/");
    const root = new URL(base + "search-index/", location.href).href;
    const site = new URL(base, location.href).href;
    const engine = new Engine(root);
    const input = box.querySelector(".rdkb-search__input");
    const clear = box.querySelector(".rdkb-search__clear");
    const panel = box.querySelector(".rdkb-search__panel");
    const status = box.querySelector(".rdkb-search__status");
    const results = box.querySelector(".rdkb-search__results");
    const more = box.querySelector(".rdkb-search__more");
    const controls = [...box.querySelectorAll("[data-filter]")];
    const selects = controls.filter((c) => c.tagName === "SELECT");
    const author = box.querySelector("input[data-filter=author]");
    const keyboard = matchMedia("(hover: hover) and (pointer: fine)");
    const toggle = box.querySelector(".rdkb-search__filter-toggle");
    let run = 0, current = null, shown = 0, active = -1, timer = 0, returning = null;

    const placeholder = () => { input.placeholder = keyboard.matches ? "搜索全文（按 / 键）" : "搜索全文"; };
    placeholder();
    keyboard.addEventListener("change", placeholder);

    const ready = engine.meta.then((meta) => {
      for (const select of selects) {
        const values = { theme: meta.themes, province: meta.provinces, year: meta.years }[select.dataset.filter];
        for (const value of values || []) select.append(new Option(value, value));
      }
    }).catch(() => { say("搜索索引加载失败：请刷新页面；仍然失败时，请告诉网站维护人员。"); });

    const filters = () => Object.fromEntries(controls.map((c) => [c.dataset.filter, c.value.trim()]));
    const state = () => ({ q: input.value.trim(), ...filters() });

    /* The status line: a sentence and, optionally, a button that does the next step. */
    function say(text, action, label) {
      const p = document.createElement("p");
      p.className = "rdkb-search__message";
      p.textContent = text;
      const parts = [p];
      if (action) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "rdkb-search__action";
        button.textContent = label;
        button.addEventListener("click", action);
        parts.push(button);
      }
      status.replaceChildren(...parts);
    }

    function clearFilters() {
      for (const c of controls) c.value = "";
      search();
      input.focus();
    }

    async function search() {
      const mine = ++run;
      const started = performance.now();
      const text = input.value;
      const f = filters();
      clear.hidden = !text;
      toggle.classList.toggle("rdkb-search__filter-toggle--on", Object.values(f).some(Boolean));
      writeState(state());
      await ready;
      if (mine !== run) return;
      const terms = termsOf(text);
      const cause = emptyCause(text, terms, f);
      if (cause) {
        results.replaceChildren();
        more.hidden = true;
        box.dataset.empty = cause[0];
        say(cause[1]);
        box.dataset.query = text;
        box.dataset.done = String(mine);
        return;
      }
      panel.hidden = false;
      delete box.dataset.empty;
      say("正在搜索…");
      try {
        const result = await engine.query(text, f);
        if (mine !== run) return;
        current = result;
        shown = 0;
        results.replaceChildren();
        active = -1;
        await showMore(mine);
        if (mine !== run) return;
        box.dataset.firstMs = String(Math.round(performance.now() - started));
        box.dispatchEvent(new CustomEvent("rdkb-search:first", { detail: { ms: performance.now() - started } }));
        if (!result.counted) {
          say("已显示前 " + shown + " 篇，正在核对其余 …");
          await result.count((done, all) => {
            if (mine === run) say("正在核对 " + Math.min(done, all) + " / " + all + " …");
          });
          if (mine !== run) return;
        }
        const back = returning; // Back to this page: as many results shown as when it was left
        returning = null;
        if (back) {
          while (shown < back.shown && shown < result.list.length) {
            await showMore(mine);
            if (mine !== run) return;
          }
          panel.scrollTop = back.scroll;
        }
        if (result.list.length) {
          say("共 " + result.list.length + " 篇" + (result.terms.length ? "（标题含词的在前，其后按出现次数）" : "（按日期）"));
        } else {
          await explainNothing(mine, text, result.terms, f);
          if (mine !== run) return;
        }
        more.hidden = shown >= result.list.length;
        box.dataset.query = text;
        box.dataset.done = String(mine);
        box.dispatchEvent(new CustomEvent("rdkb-search:done", { detail: { total: result.list.length } }));
      } catch (error) {
        if (mine === run) say("搜索出错：" + error.message + "。请刷新页面再试。");
        throw error;
      }
    }

    /* Nothing found: because of the filters (say how many the words alone find), or because
     * no article has the words (say which word no article has at all). */
    async function explainNothing(mine, text, terms, f) {
      const chosen = FILTERS.filter((name) => f[name]);
      if (chosen.length && terms.length) {
        const unfiltered = await engine.query(text, {});
        const total = await unfiltered.count();
        if (mine !== run) return;
        if (total) {
          box.dataset.empty = "filtered";
          const names = chosen.map((name) => FILTER_NAMES[name] + "“" + f[name] + "”").join("、");
          say("有 " + total + " 篇文章包含" + quoted(terms) + "，但都不符合所选的" + names + "。", clearFilters, "清除筛选，显示这 " + total + " 篇");
          return;
        }
      }
      if (!terms.length) {
        box.dataset.empty = "filtered";
        say("没有符合所选条件的文章。", clearFilters, "清除筛选");
        return;
      }
      box.dataset.empty = "none";
      const absent = [];
      for (const term of terms) {
        const hits = await engine.resolve(term);
        if (!hits.docs.size) absent.push(term); // no candidate at all: certainly in no article
      }
      if (mine !== run) return;
      const what = terms.length > 1 ? "同时包含" + quoted(terms) + "的文章" : "包含" + quoted(terms) + "的文章";
      const hint = absent.length && terms.length > 1
        ? "没有一篇文章含有" + quoted(absent) + "：去掉它或换一个说法再试。"
        : terms.length > 1 ? "试试减少词语，或换一个说法。" : "请检查用字，或换一个说法、少输几个字再试。";
      say("没有找到" + what + "。" + hint);
    }

    async function showMore(mine) {
      const top = await current.top(shown + PAGE);
      const page = top.slice(shown);
      const docs = await Promise.all(page.map((c) => engine.doc(c.doc)));
      if (mine !== run) return;
      for (const d of docs) results.append(item(d));
      shown += page.length;
      more.hidden = !current.counted || shown >= current.list.length;
    }

    function item(d) {
      const found = snippets(d, current.terms);
      const li = document.createElement("li");
      li.className = "rdkb-search__item";
      li.id = "rdkb-search-" + results.children.length;
      li.setAttribute("role", "option");
      const a = document.createElement("a");
      const url = new URL(d.u, site);
      if (current.terms.length) url.searchParams.set("h", current.terms.join(" "));
      if (found[0].anchor) url.hash = found[0].anchor;
      a.href = url.href;
      a.tabIndex = -1;
      const title = document.createElement("div");
      title.className = "rdkb-search__title";
      render(title, d.t, current.terms, 0, 200);
      if (d.x) {
        const tag = document.createElement("span");
        tag.className = "rdkb-search__sample";
        tag.textContent = "样例";
        tag.title = "本项目自行撰写的样例文章，不是真实报道";
        title.append(tag);
      }
      const meta = document.createElement("div");
      meta.className = "rdkb-search__meta";
      meta.textContent = [d.d, d.r.join(" "), d.a.join("、")].filter(Boolean).join(" · ");
      a.append(title, meta);
      for (const s of found) {
        const body = document.createElement("div");
        body.className = "rdkb-search__snippet";
        render(body, s.text, current.terms, s.at, SNIPPET);
        a.append(body);
      }
      li.append(a);
      return li;
    }

    function move(step) {
      const items = results.children;
      if (!items.length) return;
      if (active >= 0) items[active].classList.remove("rdkb-search__item--active");
      active = Math.max(0, Math.min(items.length - 1, active + step));
      items[active].classList.add("rdkb-search__item--active");
      items[active].scrollIntoView({ block: "nearest" });
      input.setAttribute("aria-activedescendant", items[active].id);
    }

    /* Leaving for a result: remember how far the list was shown and scrolled, for Back. */
    function remember() {
      const saved = { href: location.href, shown, scroll: panel.scrollTop };
      history.replaceState({ ...(history.state || {}), rdkbSearch: saved }, "", location.href);
    }

    function showFilters(open) {
      panel.classList.toggle("rdkb-search__panel--filters", open);
      toggle.setAttribute("aria-expanded", String(open));
    }

    function close() {
      panel.hidden = true;
      writeState({}); // a reload shows the page, not the closed search
    }

    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(search, 60);
    };
    input.addEventListener("input", later);
    input.addEventListener("focus", () => {
      panel.hidden = false;
      if (input.value || filters().author || selects.some((s) => s.value)) writeState(state());
    });
    for (const select of selects) select.addEventListener("change", later);
    clear.addEventListener("click", () => {
      input.value = "";
      search();
      input.focus();
    });
    more.addEventListener("click", async () => { await showMore(run); input.focus(); });
    results.addEventListener("click", remember);
    toggle.addEventListener("click", () => showFilters(toggle.getAttribute("aria-expanded") !== "true"));
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
      else if (event.key === "Enter") {
        event.preventDefault();
        const target = results.children[Math.max(active, 0)];
        if (target) {
          remember();
          location.href = target.querySelector("a").href;
        }
      } else if (event.key === "Escape") {
        close();
        input.blur();
      }
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !panel.hidden) return close();
      const t = event.target;
      const typing = t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === "/" || event.key === "s" || event.key === "S") {
        event.preventDefault();
        input.focus();
        input.select();
      }
    });
    document.addEventListener("click", (event) => {
      if (!box.contains(event.target) && !panel.hidden) close();
    });
    authorSuggestions(engine, author, later);

    /* A link with ?q=… (or Back to a page searched on): show that search. */
    const restore = () => {
      const wanted = readState(location.href);
      if (!STATE.some((name) => wanted[name])) return;
      input.value = wanted.q;
      for (const c of controls) {
        c.value = wanted[c.dataset.filter];
        if (c.tagName === "SELECT" && c.value !== wanted[c.dataset.filter]) c.value = "";
      }
      panel.hidden = false;
      if (FILTERS.some((name) => wanted[name])) showFilters(true);
      const saved = history.state && history.state.rdkbSearch;
      returning = saved && saved.href === location.href ? saved : null;
      search();
    };
    ready.then(restore);
    return engine;
  }

  /* The author filter's suggestions: the authors whose name contains what was typed, those
   * starting with it first, then by number of articles; ↑/↓ and Enter choose, Esc closes. */
  function authorSuggestions(engine, input, changed) {
    const list = document.getElementById(input.getAttribute("aria-controls"));
    let names = null, active = -1;

    async function load() {
      if (!names) {
        const f = await engine.facetData();
        const counts = new Array(f.authors.length).fill(0);
        for (const authors of f.a) for (const a of authors) counts[a]++;
        names = f.authors.map((name, i) => ({ name, key: normalise(name), count: counts[i] }));
      }
      return names;
    }

    function open(show) {
      list.hidden = !show;
      input.setAttribute("aria-expanded", String(show));
      if (!show) {
        active = -1;
        input.removeAttribute("aria-activedescendant");
      }
    }

    async function suggest() {
      const typed = input.value.trim();
      const all = await load();
      if (typed !== input.value.trim()) return; // typed on meanwhile
      const key = normalise(typed);
      const found = key ? all.filter((a) => a.key.includes(key)) : [];
      found.sort((a, b) => (b.key.startsWith(key) - a.key.startsWith(key)) || b.count - a.count);
      const shown = found.slice(0, 8);
      if (!shown.length || (shown.length === 1 && shown[0].name === typed)) {
        list.replaceChildren();
        open(false);
        return;
      }
      list.replaceChildren(...shown.map((a, i) => {
        const li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.dataset.value = a.name;
        const name = document.createElement("span");
        name.textContent = a.name;
        const count = document.createElement("span");
        count.className = "rdkb-search__count";
        count.textContent = a.count + " 篇";
        li.append(name, count);
        li.addEventListener("mousedown", (event) => event.preventDefault()); // keep the focus
        li.addEventListener("click", () => choose(a.name));
        return li;
      }));
      active = -1;
      open(true);
    }

    function choose(name) {
      input.value = name;
      open(false);
      changed();
    }

    function move(step) {
      const items = list.children;
      if (list.hidden || !items.length) return;
      if (active >= 0) items[active].removeAttribute("aria-selected");
      active = (active + step + items.length) % items.length;
      items[active].setAttribute("aria-selected", "true");
      items[active].scrollIntoView({ block: "nearest" });
      input.setAttribute("aria-activedescendant", items[active].id);
    }

    input.addEventListener("input", () => { suggest(); changed(); });
    input.addEventListener("focus", () => { if (input.value.trim()) suggest(); });
    input.addEventListener("blur", () => open(false));
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
      else if (event.key === "Enter" && active >= 0 && !list.hidden) {
        event.preventDefault();
        choose(list.children[active].dataset.value);
      } else if (event.key === "Escape" && !list.hidden) {
        event.stopPropagation();
        open(false);
      }
    });
  }

  /* ---------------------------------------------------------------- marks in the opened article */

  const UNMARKED = ".rdkb-sample-notice, .rdkb-article-header dl, .rdkb-article-header .rdkb-tags, " +
    ".rdkb-article-footer, .rdkb-search, .rdkb-marks, script, style, noscript";

  /* Wrap every match of `terms` in the article's title and body in <mark> (text nodes are split,
   * never re-parsed: the page's text is third-party). Matches may run across inline elements. */
  function markTerms(article, terms) {
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement.closest(UNMARKED) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    const nodes = [], starts = [];
    let text = "";
    while (walker.nextNode()) {
      nodes.push(walker.currentNode);
      starts.push(text.length);
      text += walker.currentNode.data;
    }
    const merged = [];
    for (const [a, b] of spans(text, terms)) {
      const last = merged[merged.length - 1];
      if (last && a <= last[1]) last[1] = Math.max(last[1], b);
      else merged.push([a, b]);
    }
    const marks = [];
    let n = nodes.length - 1;
    for (let k = merged.length - 1; k >= 0; k--) { // from the end: earlier offsets stay valid
      const [a, b] = merged[k];
      while (n > 0 && starts[n] >= b) n--;
      for (let i = n; i >= 0 && starts[i] + nodes[i].data.length > a; i--) {
        const node = nodes[i];
        const from = Math.max(0, a - starts[i]);
        const to = Math.min(node.data.length, b - starts[i]);
        if (to <= from) continue;
        if (to < node.data.length) node.splitText(to);
        const middle = from > 0 ? node.splitText(from) : node;
        const mark = document.createElement("mark");
        mark.className = "rdkb-mark";
        middle.replaceWith(mark);
        mark.append(middle);
        marks.push(mark);
      }
    }
    return marks.reverse();
  }

  /* The article opened from a result (?h=…): mark the words, scroll to the first match in the
   * section the result pointed to (or in the body), and offer previous / next / remove. */
  async function markOpenedArticle(engine) {
    const wanted = new URL(location.href).searchParams.get("h");
    const article = document.querySelector(".md-content article");
    if (!wanted || !article) return;
    await engine.meta; // normalise needs the traditional → simplified table
    const terms = termsOf(wanted);
    const marks = markTerms(article, terms);
    if (!marks.length) return;
    const anchor = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    const after = (m) => anchor && anchor.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING;
    const inBody = (m) => !m.closest(".rdkb-article-header");
    let at = Math.max(0, marks.findIndex(anchor ? after : inBody));
    const show = (i) => {
      marks[at].classList.remove("rdkb-mark--current");
      at = (i + marks.length) % marks.length;
      marks[at].classList.add("rdkb-mark--current");
      marks[at].scrollIntoView({ block: "center" });
      where.textContent = "第 " + (at + 1) + " / " + marks.length + " 处";
    };
    const bar = document.createElement("div");
    bar.className = "rdkb-marks";
    bar.setAttribute("role", "region");
    bar.setAttribute("aria-label", "搜索词标记");
    const label = document.createElement("span");
    label.textContent = "已标出" + quoted(terms);
    const where = document.createElement("span");
    where.className = "rdkb-marks__where";
    const button = (text, title, action) => {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = text;
      b.title = title;
      b.setAttribute("aria-label", title);
      b.addEventListener("click", action);
      return b;
    };
    bar.append(
      label, where,
      button("↑", "上一处", () => show(at - 1)),
      button("↓", "下一处", () => show(at + 1)),
      button("取消标出", "取消标出搜索词", () => {
        for (const m of marks) m.replaceWith(...m.childNodes);
        article.normalize();
        bar.remove();
        const url = new URL(location.href);
        url.searchParams.delete("h");
        history.replaceState(history.state, "", url.href);
      }),
    );
    document.body.append(bar);
    show(at);
  }

  const boxes = [...document.querySelectorAll("[data-rdkb-search]")];
  if (typeof DecompressionStream === "undefined") {
    for (const box of boxes) {
      const input = box.querySelector(".rdkb-search__input");
      input.disabled = true;
      input.placeholder = "浏览器版本过旧，无法搜索";
    }
    return;
  }
  const engines = boxes.map(setup);
  if (engines.length) markOpenedArticle(engines[0]);
  /* For tests and benchmarks: the engine without the UI. */
  window.rdkbSearch = {
    engine: engines[0],
    normalise,
    async search(text, filters, k = PAGE) {
      const result = await engines[0].query(text, filters || {});
      const top = await result.top(k);
      return { result, top: top.map((c) => c.doc) };
    },
  };
})();
