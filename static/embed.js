// embed.js: the <mxplain-record> element, for documentation sites (issue 6).
//
//   <script src="https://mxplain.example/embed.js"></script>
//   <mxplain-record type="dmarc">v=DMARC1; p=quarantine</mxplain-record>
//   <mxplain-record domain="example.com" show="spf"></mxplain-record>
//
// The script tag may be plain, defer, async or type="module": this file
// parses as a classic script and as a module (no import/export statements,
// no import.meta; everything inside one block, so nothing leaks into the
// page's globals).
//
// Attributes: the record as text content or record="…"; type (any type the
// engine lists, mxplain.types(); detected when absent or not one); domain
// with show (any part of the lookup report the engine lists in its "parts",
// or "path" for the path of a message drawn as a diagram, path-view.js:
// all the parts when absent or not one) for a live lookup over DNS over
// HTTPS, with resolver (a DoH URL; default Cloudflare's) and selector (a
// DKIM selector: only it is looked up); compact; theme (light, dark, auto).
//
// How it behaves:
// - Until it is explained, the element shows the record as plain text.
// - The explain engine (explain.wasm, loaded by engine.js, the page's
//   loader too; lookup.wasm only for a domain element), the
//   views (record-view.js, and report-view.js for lookups: the page's own)
//   and the record stylesheet (record.css, the page's own) are loaded once
//   per page, however many elements there are, and only when the first
//   element comes near the viewport; each element is explained when it
//   comes near the viewport itself.
// - Explaining runs in engine.js's Web Worker when this script is of the
//   page's own origin (the /embed frame, a site serving mxplain's files
//   itself). A page of another origin may not start a worker from our
//   origin (and a blob: worker needs the site's CSP to allow it), so there
//   engine.js runs it on the page's thread: an element's record is small, a
//   few milliseconds. Lookups run in a worker of lookup.wasm in the same
//   way, or on the page's thread.
// - A lookup element draws the report's sections with report-view.js, as
//   the page's lookup view does: statuses and counts are the engine's.
// - It draws in a shadow root: the page's CSS does not reach inside and
//   its own CSS does not leak out. record.css is adopted in it as a
//   constructed stylesheet, with the element's frame's few rules. Theme it
//   with the --mxplain-* custom properties (README.md, "Embedding").
// - Its files are found next to this script, whose URL is
//   document.currentScript's while a classic script runs (plain, defer or
//   async), and for a module the one its stack trace names; so the script
//   can be served from another origin. "./explain.wasm" and the other sibling
//   names are rewritten to content-hashed names by the server.
// - Record text is only ever inserted as text (textContent), never as HTML.
'use strict';
{
  const files = { wasm: "./explain.wasm", lookupWasm: "./lookup.wasm", exec: "./wasm_exec.js", engine: "./engine.js", view: "./record-view.js", report: "./report-view.js", path: "./path-view.js", css: "./record.css", worker: "./engine-worker.js" };
  const base = scriptURL();
  const at = (f) => new URL(f, base).href;
  const DEFAULT_RESOLVER = 'https://cloudflare-dns.com/dns-query';

  // One of everything per page, even when this script is loaded twice.
  const shared = globalThis[Symbol.for('mxplain.embed')] ||= {};

  // scriptURL is this script's own URL: document.currentScript while a
  // classic script runs; a module has none, and its URL is the first one in
  // the stack of an Error made here (every engine names the file).
  function scriptURL() {
    if (document.currentScript && document.currentScript.src) return document.currentScript.src;
    const m = /((?:https?|file):\/\/[^\s)]+?)(?::\d+){2}/.exec(new Error().stack || '');
    if (m) return m[1];
    throw new Error('mxplain: embed.js cannot tell where it was loaded from; load it with a <script src> tag');
  }

  // load loads the engine (engine.js's loadEngine), the record view and
  // the record stylesheet, once per page; it resolves once the engine
  // explains. The report's view is loaded by the first lookup element.
  function load() {
    return shared.loaded ||= (async () => {
      const [{ loadEngine }, view, sheet] = await Promise.all([import(at(files.engine)), import(at(files.view)), recordSheet()]);
      const engine = loadEngine({ wasm: at(files.wasm), lookupWasm: at(files.lookupWasm), exec: at(files.exec), worker: at(files.worker) });
      const types = await engine.types();
      return { engine, view, sheet, types, label: view.labeller(types) };
    })();
  }

  // recordSheet is record.css as a constructed stylesheet.
  async function recordSheet() {
    const r = await fetch(at(files.css));
    if (!r.ok) throw new Error(`${files.css} answered ${r.status}`);
    const s = new CSSStyleSheet();
    return s.replace(await r.text());
  }

  // Elements are explained when they come near the viewport.
  const near = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      near.unobserve(e.target);
      e.target.explain();
    }
  }, { rootMargin: '300px 0px' });

  // The element's frame; the record's own rules are record.css's.
  const frameSheet = new CSSStyleSheet();
  frameSheet.replaceSync(`
:host{display:block!important;margin:1em 0}
:host([hidden]){display:none!important}
.frame{all:initial;display:block;box-sizing:border-box;color-scheme:inherit;color:var(--_fg);background:var(--_bg);border:1px solid var(--_line);border-radius:var(--mxplain-radius,8px);padding:.75em .9em;font:var(--mxplain-font-size,15px)/1.5 var(--mxplain-font,system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif);text-align:left;overflow-wrap:anywhere}
.frame *,.frame *::before{box-sizing:border-box}
.compact{padding:.5em .7em}
.compact .summary,.compact .fields,.compact .by,.compact h4{display:none}
pre,code{font-family:var(--_mono);font-size:.92em}
.raw{margin:0;padding:.6em;background:var(--_code-bg);border:1px solid var(--_line);border-radius:6px;white-space:pre-wrap;line-height:1.6}
.status,.by,.empty,.lookup{color:var(--_muted)}
.status,.by{font-size:.85em;margin:.4em 0 0}
.lookup{margin:0 0 .5em;font-size:.9em}
.lookup strong{color:var(--_fg)}
a{color:var(--_accent)}
p{margin:.4em 0}
h3,h4{margin:0;font-size:1em}
h3{display:flex;gap:.5em;align-items:baseline;flex-wrap:wrap}
h4{margin:.8em 0 .3em;font-size:.92em}
.record+.record,.lk-section .record{margin-top:1em;padding-top:1em;border-top:1px solid var(--_line)}
.lk-section:first-of-type{border-top:0;margin-top:0;padding-top:0}
button.finding{margin:0}
:focus-visible{outline:3px solid var(--_focus);outline-offset:2px}
[hidden]{display:none!important}
  `);

  // h makes an element; string children become text nodes.
  function h(tag, cls, ...children) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    e.append(...children.filter((c) => c != null));
    return e;
  }

  // dedent removes the blank lines around text and the indentation its lines
  // share, which HTML source gives an element's text.
  function dedent(text) {
    const lines = text.replace(/^\s*\n|\n\s*$/g, '').split('\n');
    const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)[0].length));
    return lines.map((l) => l.slice(indent)).join('\n').trim();
  }

  let serial = 0;

  class MxplainRecord extends HTMLElement {
    static observedAttributes = ['record', 'type', 'domain', 'show', 'resolver', 'selector', 'compact', 'theme'];

    constructor() {
      super();
      this.attachShadow({ mode: 'open' }).adoptedStyleSheets = shared.sheet ? [frameSheet, shared.sheet] : [frameSheet];
      this.id_ = 'm' + ++serial;
      this.near_ = false;
      // Frameworks may set the text after the element is created.
      new MutationObserver(() => this.update_()).observe(this, { childList: true, characterData: true, subtree: true });
    }

    connectedCallback() {
      this.update_();
      if (!this.near_) near.observe(this);
    }

    disconnectedCallback() { near.unobserve(this); }

    attributeChangedCallback() { if (this.isConnected) this.update_(); }

    /** The record to explain: record="…" or the element's text. */
    get record() {
      return dedent(this.getAttribute('record') ?? this.textContent ?? '');
    }

    // update_ shows the plain text now, and the explanation once the element
    // has come near the viewport.
    update_() {
      const frame = h('div', 'frame' + (this.compact_() ? ' compact' : ''));
      frame.setAttribute('part', 'frame');
      const domain = this.getAttribute('domain');
      if (domain) {
        frame.append(h('p', 'lookup', 'The records of ', h('strong', null, domain), ', looked up live.'));
      } else {
        frame.append(h('pre', 'raw', this.record));
      }
      frame.append(h('p', 'status', this.near_ ? 'Explaining…' : ''));
      this.shadowRoot.replaceChildren(frame);
      this.frame_ = frame;
      delete this.dataset.state;
      if (this.near_) this.explain();
    }

    /** explain loads the engine if need be, then draws the explanation. */
    async explain() {
      this.near_ = true;
      const frame = this.frame_;
      const status = frame.querySelector('.status');
      status.textContent = 'Explaining…';
      let out;
      try {
        const loaded = await load();
        shared.sheet = loaded.sheet;
        this.shadowRoot.adoptedStyleSheets = [frameSheet, loaded.sheet];
        out = this.hasAttribute('domain') ? await this.lookup_(loaded) : await this.explainText_(loaded);
      } catch (err) {
        // The record stays readable as text.
        if (frame !== this.frame_) return;
        status.textContent = 'mxplain could not explain this: ' + (err && err.message || err);
        this.dataset.state = 'failed';
        return;
      }
      if (frame !== this.frame_) return; // changed meanwhile: a newer call draws
      status.remove();
      frame.querySelector('.raw')?.remove();
      frame.append(...out, this.by_());
      this.dataset.state = 'explained';
      this.dispatchEvent(new CustomEvent('mxplain-explained', { bubbles: true }));
    }

    async explainText_({ engine, view, types, label }) {
      const type = (this.getAttribute('type') || '').toLowerCase();
      const draw = (ex) => view.renderExplanation(ex, { idPrefix: this.id_, heading: 'h3', showList: !this.compact_(), showFix: !this.compact_(), label }).element;
      const frame = this.frame_;
      let element = null;
      // A pending record's final word, from the lookup engine, replaces the
      // first one once that is in the frame.
      const onChecked = (full) => {
        if (frame !== this.frame_) return;
        if (!element?.isConnected) return void setTimeout(onChecked, 20, full);
        const next = draw(full);
        element.replaceWith(next);
        element = next;
      };
      const ex = await engine.explain(this.record, types.some((t) => t.type === type) ? type : '', { onChecked });
      element = draw(ex);
      return [element];
    }

    // compact_: the attribute present, unless it says "false" (as JSX and
    // templates may write it).
    compact_() {
      const c = this.getAttribute('compact');
      return c !== null && c !== 'false';
    }

    // lookup_ draws the report's parts (the one show= names, or all) with
    // report-view.js.
    async lookup_({ engine, label }) {
      const view = await (shared.report ||= import(at(files.report)));
      const domain = this.getAttribute('domain');
      const show = (this.getAttribute('show') || '').toLowerCase();
      const selector = this.getAttribute('selector');
      const opts = { resolver: new URL(this.getAttribute('resolver') || DEFAULT_RESOLVER, document.baseURI).href };
      if (selector) Object.assign(opts, { selectors: [selector], noProbe: true });
      // Elements showing parts of the same domain share one lookup.
      const key = JSON.stringify([domain, opts.resolver, selector]);
      const reports = shared.reports ||= new Map();
      if (!reports.has(key)) reports.set(key, engine.lookup(domain, opts).then(JSON.parse));
      const report = await reports.get(key);
      if (report.error) return [h('p', 'empty', report.error)];
      if (show === 'path') {
        // The path of a message, drawn from the report's steps.
        const { renderPath } = await (shared.path ||= import(at(files.path)));
        this.frame_.querySelector('.lookup').replaceChildren('The path of a message for ', h('strong', null, report.domain), ', looked up live.');
        return [renderPath(report, { idPrefix: this.id_, links: false })]; // no sections to link to
      }
      const part = report.parts.find((p) => p.part === show);
      this.frame_.querySelector('.lookup').replaceChildren(`The ${part ? part.label + ' record' : 'records'} of `, h('strong', null, report.domain), ', looked up live.');
      const ctx = view.reportContext({ idPrefix: this.id_, showList: !this.compact_(), label });
      return view.renderParts(report, ctx, part ? [part.part] : null);
    }

    by_() {
      const a = h('a', null, 'mxplain');
      a.href = new URL('./', base).href;
      a.target = '_blank';
      a.rel = 'noopener';
      return h('p', 'by', 'Explained in your browser by ', a, '. Hover or focus a part to see what it means.');
    }
  }

  if (!customElements.get('mxplain-record')) customElements.define('mxplain-record', MxplainRecord);
}
