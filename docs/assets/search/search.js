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

    async keep(filters) {
      const active = Object.entries(filters).filter(([, v]) => v);
      if (!active.length) return null;
      if (!this.facets) this.facets = fetchJson(this.root + "facets.bin");
      const f = await this.facets;
      const want = {};
      for (const [name, value] of active) {
        const vocabulary = { theme: f.themes, province: f.provinces, year: f.years, author: f.authors }[name];
        want[name] = vocabulary.indexOf(value);
      }
      return (d) =>
        (want.year === undefined || f.y[d] === want.year) &&
        (want.province === undefined || f.p[d] === want.province) &&
        (want.theme === undefined || (want.theme >= 0 && (f.t[d] >> want.theme) & 1) === 1) &&
        (want.author === undefined || f.a[d].includes(want.author));
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

  /* The section of the first body match (terms in query order) and where in it the match is. */
  function snippet(d, terms) {
    for (const term of terms) {
      for (const [anchor, heading, text] of d.s) {
        const full = (heading ? heading + " " : "") + text.replace(/\n+/g, " ");
        const found = spans(full, [term]);
        if (found.length) return { anchor, text: full, at: found[0][0] };
      }
    }
    const [anchor, heading, text] = d.s[0] || ["", "", ""];
    return { anchor, text: (heading ? heading + " " : "") + text.replace(/\n+/g, " "), at: 0 };
  }

  function render(container, text, terms, at, size) {
    const from = Math.max(0, at - 30);
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

  /* ---------------------------------------------------------------- the header UI */

  function setup(box) {
    const root = new URL((box.dataset.base || ".").replace(/\/?$/, "/") + "search-index/", location.href).href;
    const site = new URL((box.dataset.base || ".").replace(/\/?$/, "/"), location.href).href;
    const engine = new Engine(root);
    const input = box.querySelector(".rdkb-search__input");
    const panel = box.querySelector(".rdkb-search__panel");
    const status = box.querySelector(".rdkb-search__status");
    const results = box.querySelector(".rdkb-search__results");
    const more = box.querySelector(".rdkb-search__more");
    const selects = [...box.querySelectorAll("[data-filter]")];
    let run = 0, current = null, shown = 0, active = -1, timer = 0;

    engine.meta.then((meta) => {
      for (const select of selects) {
        const values = { theme: meta.themes, province: meta.provinces, year: meta.years }[select.dataset.filter];
        for (const value of values || []) select.append(new Option(value, value));
      }
    }).catch(() => { status.textContent = "搜索索引加载失败"; });

    const filters = () => Object.fromEntries(selects.map((s) => [s.dataset.filter, s.value.trim()]));

    async function search() {
      const mine = ++run;
      const started = performance.now();
      const text = input.value;
      const f = filters();
      if (!termsOf(input.value).length && !Object.values(f).some(Boolean)) {
        results.replaceChildren();
        status.textContent = "输入词语（多个词用空格分开）";
        more.hidden = true;
        return;
      }
      panel.hidden = false;
      status.textContent = "正在搜索…";
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
          status.textContent = "已显示前 " + shown + " 篇，正在核对其余 …";
          await result.count((done, all) => {
            if (mine === run) status.textContent = "正在核对 " + Math.min(done, all) + " / " + all + " …";
          });
          if (mine !== run) return;
        }
        status.textContent = result.list.length
          ? "共 " + result.list.length + " 篇" + (result.terms.length ? "（标题含词的在前，其后按出现次数）" : "（按日期）")
          : "没有找到包含该词的文章";
        more.hidden = shown >= result.list.length;
        box.dataset.query = text;
        box.dataset.done = String(mine);
        box.dispatchEvent(new CustomEvent("rdkb-search:done", { detail: { total: result.list.length } }));
      } catch (error) {
        if (mine === run) status.textContent = "搜索出错：" + error.message;
        throw error;
      }
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
      const s = snippet(d, current.terms);
      const li = document.createElement("li");
      li.className = "rdkb-search__item";
      li.id = "rdkb-search-" + results.children.length;
      li.setAttribute("role", "option");
      const a = document.createElement("a");
      a.href = site + d.u + (s.anchor ? "#" + s.anchor : "");
      a.tabIndex = -1;
      const title = document.createElement("div");
      title.className = "rdkb-search__title";
      render(title, d.t, current.terms, 0, 200);
      const meta = document.createElement("div");
      meta.className = "rdkb-search__meta";
      meta.textContent = [d.d, d.r.join(" "), d.a.join("、")].filter(Boolean).join(" · ");
      const body = document.createElement("div");
      body.className = "rdkb-search__snippet";
      render(body, s.text, current.terms, s.at, 120);
      a.append(title, meta, body);
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

    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(search, 60);
    };
    input.addEventListener("input", later);
    input.addEventListener("focus", () => { if (input.value || results.children.length) panel.hidden = false; });
    for (const select of selects) {
      select.addEventListener(select.tagName === "SELECT" ? "change" : "input", later);
    }
    more.addEventListener("click", async () => { await showMore(run); input.focus(); });
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
      else if (event.key === "Enter") {
        event.preventDefault();
        const target = results.children[Math.max(active, 0)];
        if (target) location.href = target.querySelector("a").href;
      } else if (event.key === "Escape") {
        panel.hidden = true;
        input.blur();
      }
    });
    document.addEventListener("keydown", (event) => {
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
      if (!box.contains(event.target)) panel.hidden = true;
    });
    return engine;
  }

  const boxes = [...document.querySelectorAll("[data-rdkb-search]")];
  if (typeof DecompressionStream === "undefined") {
    for (const box of boxes) {
      const input = box.querySelector(".rdkb-search__input");
      input.disabled = true;
      input.placeholder = "浏览器版本过旧，无法使用站内搜索";
    }
    return;
  }
  const engines = boxes.map(setup);
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
