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
// Attributes: the record as text content or record="…"; type (mx, spf, dkim,
// dmarc; detected when absent); domain with show (mx, spf, dkim, dmarc) for
// a live lookup over DNS over HTTPS, with resolver (a DoH URL; default
// Cloudflare's) and selector (DKIM); compact; theme (light, dark, auto).
//
// How it behaves:
// - Until it is explained, the element shows the record as plain text.
// - The engine (app.wasm and engine.js, with Go's wasm_exec.js and
//   record-view.js) is loaded once per page, however many elements there
//   are, and only when the first element comes near the viewport; each
//   element is explained when it comes near the viewport itself.
// - Explaining runs in engine.js's Web Worker when this script is of the
//   page's own origin (the /embed frame, a site serving mxplain's files
//   itself). A page of another origin may not start a worker from our
//   origin (and a blob: worker needs the site's CSP to allow it), so there
//   the engine runs on the page's thread: an element's record is small, a
//   few milliseconds. Lookups run on the page's thread in both cases.
// - It draws in a shadow root: the page's CSS does not reach inside and
//   its own CSS does not leak out. Theme it with the --mxplain-* custom
//   properties (README.md, "Embedding").
// - Its files are found next to this script, whose URL is
//   document.currentScript's while a classic script runs (plain, defer or
//   async), and for a module the one its stack trace names; so the script
//   can be served from another origin. "./app.wasm" and the other sibling
//   names are rewritten to content-hashed names by the server.
// - Record text is only ever inserted as text (textContent), never as HTML.
'use strict';
{
  const files = { wasm: "./app.wasm", exec: "./wasm_exec.js", view: "./record-view.js", engine: "./engine.js", worker: "./engine-worker.js" };
  const base = scriptURL();
  const at = (f) => new URL(f, base).href;
  const DEFAULT_RESOLVER = 'https://cloudflare-dns.com/dns-query';
  const SHOW = ['mx', 'spf', 'dkim', 'dmarc'];
  const LABEL = { mx: 'MX', spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC' };

  // One engine per page, even when this script is loaded twice.
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

  // loadEngine loads the engine (engine.js, the wasm, Go's wasm_exec.js) and
  // record-view.js, once per page.
  function loadEngine() {
    return shared.engine ||= (async () => {
      const [view, { loadEngine: load }] = await Promise.all([import(at(files.view)), import(at(files.engine)), goRuntime()]);
      // A Worker must come from the page's origin.
      const worker = new URL(base).origin === location.origin ? at(files.worker) : null;
      const engine = load({ wasm: at(files.wasm), exec: at(files.exec), worker, credentials: 'omit' });
      await engine.ready;
      return { engine, view };
    })();
  }

  // goRuntime loads wasm_exec.js (a classic script defining Go) unless the
  // page already has it.
  function goRuntime() {
    if (typeof Go === 'function') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.crossOrigin = 'anonymous';
      s.onload = resolve;
      s.onerror = () => reject(new Error(`${files.exec} did not load`));
      s.src = at(files.exec);
      document.head.append(s);
    });
  }

  // Elements are explained when they come near the viewport.
  const near = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      near.unobserve(e.target);
      e.target.explain();
    }
  }, { rootMargin: '300px 0px' });

  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`
:host{display:block!important;margin:1em 0;--_bg:var(--mxplain-bg,#fff);--_code-bg:var(--mxplain-code-bg,#f6f7f5);--_fg:var(--mxplain-fg,#1d1f21);--_muted:var(--mxplain-muted,#575b61);--_line:var(--mxplain-line,#d8dadd);--_accent:var(--mxplain-accent,#0b5cad);--_focus:var(--mxplain-focus,#1a73e8);--_error:var(--mxplain-error,#b3261e);--_error-bg:var(--mxplain-error-bg,#fdecea);--_warning:var(--mxplain-warning,#8a5300);--_warning-bg:var(--mxplain-warning-bg,#fff4e0);--_info:var(--mxplain-info,#2f5f8a);--_info-bg:var(--mxplain-info-bg,#eaf2f9);--_mark:var(--mxplain-mark,#ffe066);--_ok:var(--mxplain-ok,#1b7a3a);--_a:#0b5cad;--_a-bg:#e8f0fb;--_b:#8a3ab9;--_b-bg:#f4eafa;--_part:#a05a00;--_scheme:light}
:host([hidden]){display:none!important}
${dark(':host([theme=dark])')}
@media (prefers-color-scheme:dark){${dark(':host(:not([theme=light]))')}}
.mx{all:initial;display:block;box-sizing:border-box;color-scheme:var(--_scheme);color:var(--_fg);background:var(--_bg);border:1px solid var(--_line);border-radius:var(--mxplain-radius,8px);padding:.75em .9em;font:var(--mxplain-font-size,15px)/1.5 var(--mxplain-font,system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif);text-align:left;overflow-wrap:anywhere}
.mx *,.mx *::before{box-sizing:border-box}
.compact{padding:.5em .7em}
.compact .summary,.compact .fields,.compact .by,.compact h4{display:none}
pre,code{font-family:var(--mxplain-mono,ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace);font-size:.92em}
pre{margin:0;padding:.6em;background:var(--_code-bg);color:var(--_fg);border:1px solid var(--_line);border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere}
.raw{line-height:1.6}
.chunk{display:block;content-visibility:auto;contain-intrinsic-size:auto 20em}
.ctl{font-family:var(--mxplain-mono,ui-monospace,monospace);font-size:.8em;font-style:normal;padding:0 .2em;margin:0 .05em;border-radius:3px;color:var(--_error);background:var(--_error-bg);border:1px solid currentColor;unicode-bidi:isolate;white-space:nowrap}
.status,.by,.name,.code,.none,.empty,.lookup{color:var(--_muted)}
.status,.by{font-size:.85em;margin:.4em 0 0}
.lookup{margin:0 0 .5em;font-size:.9em}
.lookup strong{color:var(--_fg)}
.by a,a{color:var(--_accent)}
p{margin:.4em 0}
h3,h4{margin:0;font-size:1em}
h3{display:flex;gap:.5em;align-items:baseline;flex-wrap:wrap}
h4{margin:.8em 0 .3em;font-size:.92em}
.record+.record{margin-top:1em;padding-top:1em;border-top:1px solid var(--_line)}
.record-head{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.2em 1em;align-items:baseline}
.badge{font-size:.78em;font-weight:700;letter-spacing:.04em;padding:.05em .45em;border-radius:4px;border:1px solid currentColor}
.owner{font-family:var(--mxplain-mono,monospace);font-size:.92em}
.verdict{margin:0;font-size:.88em;font-weight:600}
.verdict.ok{color:var(--_ok)}
.verdict.bad{color:var(--_error)}
.summary{margin:.4em 0 .6em}
.annotated{line-height:2.2}
.field{border-radius:3px;cursor:help;padding-bottom:2px}
.field.k-head{color:var(--_muted);border-bottom:2px dotted var(--_muted)}
.field.k-ver{color:var(--_ok);border-bottom:3px double var(--_ok)}
.field.k-a{color:var(--_a);background:var(--_a-bg);border-bottom:2px solid var(--_a)}
.field.k-b{color:var(--_b);background:var(--_b-bg);border-bottom:2px dashed var(--_b)}
.field .field.k-part{color:inherit;background:none;border-bottom:0;text-decoration:underline dotted var(--_part);text-underline-offset:.2em}
.field.has-warning{text-decoration:underline wavy var(--_warning);text-underline-offset:.25em}
.field.has-error{text-decoration:underline wavy var(--_error);text-decoration-thickness:2px;text-underline-offset:.25em}
.field.has-error::before,.field.has-warning::before{content:"!";display:inline-block;font:700 .7em/1.6em system-ui,sans-serif;width:1.6em;text-align:center;border-radius:50%;margin-right:.15em;vertical-align:.15em;color:var(--_bg);background:var(--_error)}
.field.has-warning::before{content:"?";background:var(--_warning)}
.field.current{outline:2px solid var(--_focus);outline-offset:1px}
.seg.marked{background:var(--_mark);color:#1d1f21;box-shadow:0 0 0 2px var(--_mark);border-radius:2px}
:focus-visible{outline:3px solid var(--_focus);outline-offset:2px}
.meaning{margin:.5em 0 0;padding:.5em .8em;border:2px solid var(--_focus);border-radius:8px}
.meaning-head{display:flex;flex-wrap:wrap;gap:.5em;align-items:baseline}
.meaning-head code{font-weight:700}
.marked-text{background:var(--_mark);color:#1d1f21;padding:0 .2em}
.findings{list-style:none;padding:0;margin:0;display:grid;gap:.35em}
.findings li{display:grid;gap:.1em}
li.finding{display:block}
.finding{display:block;width:100%;text-align:left;font:inherit;color:var(--_fg);cursor:pointer;border:1px solid var(--_line);border-left:6px solid;border-radius:6px;padding:.4em .6em;line-height:1.4}
.finding.sev-error{border-color:var(--_error);background:var(--_error-bg)}
.finding.sev-warning{border-color:var(--_warning);background:var(--_warning-bg);border-left-style:double}
.finding.sev-info{border-color:var(--_info);background:var(--_info-bg);border-left-style:dotted}
.finding[aria-pressed=true]{outline:3px solid var(--_mark)}
.sev{font-weight:700;margin-right:.4em;text-transform:uppercase;font-size:.76em;letter-spacing:.05em}
.sev-error .sev,.sev.sev-error{color:var(--_error)}
.sev-warning .sev,.sev.sev-warning{color:var(--_warning)}
.sev-info .sev,.sev.sev-info{color:var(--_info)}
.code{font-size:.8em;padding-left:.6em}
.fields{margin-top:.6em}
summary{cursor:pointer;color:var(--_accent)}
dt{font-weight:600;margin-top:.35em}
dd{margin:0 0 0 1em}
dt.d1,dd.d1{margin-left:1.5em}
dt.d2,dd.d2{margin-left:3em}
[hidden]{display:none!important}
  `);

  // dark is the dark palette for the selector sel.
  function dark(sel) {
    return `${sel}{--_bg:var(--mxplain-bg,#1f2226);--_code-bg:var(--mxplain-code-bg,#16181b);--_fg:var(--mxplain-fg,#e6e6e3);--_muted:var(--mxplain-muted,#a5a9ae);--_line:var(--mxplain-line,#3a3f45);--_accent:var(--mxplain-accent,#8cb8ff);--_focus:var(--mxplain-focus,#8cb8ff);--_error:var(--mxplain-error,#ff8a80);--_error-bg:var(--mxplain-error-bg,#3b1f1d);--_warning:var(--mxplain-warning,#ffc266);--_warning-bg:var(--mxplain-warning-bg,#3a2c12);--_info:var(--mxplain-info,#9cc7f0);--_info-bg:var(--mxplain-info-bg,#1c2a38);--_mark:var(--mxplain-mark,#ffd43b);--_ok:var(--mxplain-ok,#6fd08f);--_a:#8cb8ff;--_a-bg:#1d2a3b;--_b:#d5a6f5;--_b-bg:#2d2136;--_part:#f2b562;--_scheme:dark}`;
  }

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
      this.attachShadow({ mode: 'open' }).adoptedStyleSheets = [sheet];
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
      const frame = h('div', 'mx' + (this.compact_() ? ' compact' : ''));
      frame.setAttribute('part', 'frame');
      const show = (this.getAttribute('show') || '').toLowerCase();
      const domain = this.getAttribute('domain');
      if (domain) {
        frame.append(h('p', 'lookup', `The ${LABEL[show] || ''} record${LABEL[show] ? '' : 's'} of `, h('strong', null, domain), ', looked up live.'));
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
        const { engine, view } = await loadEngine();
        out = this.hasAttribute('domain') ? await this.lookup_(await engine.main(), view) : await this.explainText_(engine, view);
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

    async explainText_(engine, view) {
      const type = (this.getAttribute('type') || '').toLowerCase();
      const ex = await engine.explain(this.record, SHOW.includes(type) ? type : '');
      return [view.renderExplanation(ex, this.cardOptions_()).element];
    }

    cardOptions_() {
      return { idPrefix: this.id_, heading: 'h3', showList: !this.compact_() };
    }

    // compact_: the attribute present, unless it says "false" (as JSX and
    // templates may write it).
    compact_() {
      const c = this.getAttribute('compact');
      return c !== null && c !== 'false';
    }

    async lookup_(api, view) {
      if (typeof api.lookup !== 'function') throw new Error('this build of the engine cannot look domains up');
      const show = (this.getAttribute('show') || '').toLowerCase();
      const selector = this.getAttribute('selector');
      const opts = { resolver: new URL(this.getAttribute('resolver') || DEFAULT_RESOLVER, document.baseURI).href };
      if (selector) opts.selectors = [selector];
      // Elements showing parts of the same domain share one lookup.
      const key = JSON.stringify([this.getAttribute('domain'), opts.resolver, selector]);
      const reports = shared.reports ||= new Map();
      if (!reports.has(key)) reports.set(key, api.lookup(this.getAttribute('domain'), opts).then(JSON.parse));
      const report = await reports.get(key);
      if (report.error) return [h('p', 'empty', report.error)];
      const parts = SHOW.includes(show) ? [show] : SHOW;
      const out = [];
      let n = 0;
      const card = (rec) => out.push(view.renderRecord(rec.value, { ...rec, span: [0, new TextEncoder().encode(rec.value).length] },
        { ...this.cardOptions_(), id: `${this.id_}-${n}`, key: String(n++) }));
      for (const part of parts) {
        const before = out.length;
        if (part === 'mx') report.mx.records.forEach(card);
        if (part === 'spf' && report.spf.tree && report.spf.tree.record) card(report.spf.tree.record);
        if (part === 'dmarc' && report.dmarc.record) card(report.dmarc.record);
        if (part === 'dkim') {
          for (const [sel, rec] of Object.entries(report.dkim)) {
            if (!selector || sel === selector) card({ ...rec, owner: rec.owner || `${sel}._domainkey.${report.domain}` });
          }
        }
        const failed = report.errors.some((e) => e.part === part && !e.optional);
        if (out.length === before) out.push(h('p', 'none', failed ? `The ${LABEL[part]} record of ${report.domain} could not be read: see below.` : `No ${LABEL[part]} record found for ${report.domain}${part === 'dkim' && selector ? ` with the selector ${selector}` : ''}.`));
      }
      // What the lookup says about the domain, and what it could not learn
      // (DNS text in messages shown with its control characters escaped).
      const notes = [];
      const said = new Set();
      const note = (sev, label, message) => {
        if (said.has(message)) return;
        said.add(message);
        notes.push(h('li', 'finding sev-' + sev, h('span', 'sev', label), view.shown(message)));
      };
      for (const f of report.findings) {
        if (parts.includes(f.code.split('.')[1]) || f.code.startsWith('report.domain.')) note(f.severity, f.severity, f.message);
      }
      if (parts.includes('spf')) for (const p of report.spf.problems) note(p.severity, p.severity, p.message);
      for (const e of report.errors) if (parts.includes(e.part) && !e.optional) note('warning', 'DNS', e.message);
      if (notes.length) out.push(h('h4', null, 'About the domain'), h('ul', 'findings', ...notes));
      return out;
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
