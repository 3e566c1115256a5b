// mxplain's page. Plain JavaScript, no dependencies.
//
// Rules this file keeps:
// - Text from the user (and everything derived from it) is inserted with
//   textContent / createTextNode, never as HTML. The page's Content-Security-
//   Policy enforces Trusted Types, so an HTML sink would throw anyway.
// - Spans from the engine are UTF-8 byte offsets into the input; they are
//   turned into string indexes with a byte → UTF-16 table.
// - The view's state (record, type, chosen finding) lives in the URL's
//   fragment, so a link reopens the same view and nothing reaches a server.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);

  // ---- DOM helpers: elements from data, text always as text ------------

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined || c === false) continue;
      e.append(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return e;
  }

  // rfcLink turns "RFC 7208 §5.6" into a link to the RFC Editor's page.
  function rfcLink(ref) {
    if (!ref) return null;
    const m = /^RFC (\d+)(?: §([0-9A-Z][0-9.]*))?/.exec(ref);
    if (!m) return el('span', { class: 'ref', text: ref });
    let href = 'https://www.rfc-editor.org/rfc/rfc' + m[1];
    if (m[2]) href += (/^[A-Z]/.test(m[2]) ? '#appendix-' : '#section-') + m[2].replace(/\.$/, '');
    return el('a', { class: 'ref', href, rel: 'noopener', text: ref });
  }

  // ---- Byte offsets ----------------------------------------------------

  // byteIndex maps UTF-8 byte offsets of s to string (UTF-16) indexes. An
  // offset inside a character maps to the character's start.
  function byteIndex(s) {
    const map = [];
    let b = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.codePointAt(i);
      const n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      for (let k = 0; k < n; k++) map[b + k] = i;
      b += n;
      if (c >= 0x10000) i++;
    }
    map[b] = s.length;
    const at = (off) => map[Math.max(0, Math.min(off, b))];
    return { at, length: b };
  }

  // ---- Engine ------------------------------------------------------------

  const engineReady = (async () => {
    const url = document.querySelector('meta[name="mxplain-wasm"]').content;
    const response = fetch(url);
    if (typeof Go !== 'function') {
      throw new Error('wasm_exec.js did not load' + await serverSays('/wasm_exec.js'));
    }
    const go = new Go();
    let result;
    try {
      const r = await response;
      performance.mark('mxplain:wasm-response');
      if (!r.ok) throw new Error(`${url} answered ${r.status}: ${(await r.text()).trim()}`);
      result = await WebAssembly.instantiateStreaming(r, go.importObject);
    } catch (err) {
      throw new Error(err && err.message ? err.message : String(err));
    }
    performance.mark('mxplain:wasm-compiled');
    go.run(result.instance).catch(() => {}); // main blocks forever; it never resolves
    performance.mark('mxplain:engine-started');
    const api = globalThis.mxplain;
    if (!api || typeof api.explain !== 'function') throw new Error('the module started but did not set globalThis.mxplain');
    return api;
  })();

  async function serverSays(path) {
    try {
      const r = await fetch(path);
      if (!r.ok) return ` (${path} answered ${r.status}: ${(await r.text()).trim()})`;
    } catch (err) {
      return ` (${err.message})`;
    }
    return '';
  }

  // ---- State in the URL ------------------------------------------------

  function readState() {
    const p = new URLSearchParams(location.hash.replace(/^#/, ''));
    return {
      view: p.get('view') || 'paste',
      record: p.get('record') || '',
      type: p.get('type') || '',
      finding: p.get('finding') || '',
    };
  }

  // writeStateSoon writes the state once typing pauses: history.replaceState
  // costs milliseconds, and browsers ignore it when called too often.
  let stateTimer = 0;
  function writeStateSoon(s) {
    clearTimeout(stateTimer);
    stateTimer = setTimeout(() => writeState(s), 250);
  }

  function writeState(s) {
    clearTimeout(stateTimer);
    const p = new URLSearchParams();
    if (s.view && s.view !== 'paste') p.set('view', s.view);
    if (s.record) p.set('record', s.record);
    if (s.type) p.set('type', s.type);
    if (s.finding) p.set('finding', s.finding);
    const hash = p.toString();
    history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
  }

  // ---- Views -------------------------------------------------------------
  //
  // Each view is a <section class="view"> of index.html, chosen by the URL's
  // "view" parameter ("paste" when absent). A live lookup will be a second
  // entry here ({ id: 'lookup', label: 'Look up a domain', section: … });
  // the navigation between views appears once there are two.
  const views = [
    { id: 'paste', label: 'Explain a record', section: $('view-paste') },
  ];

  function showView(id) {
    const active = views.find((v) => v.id === id) || views[0];
    for (const v of views) v.section.hidden = v !== active;
    const nav = $('views');
    if (views.length < 2) { nav.hidden = true; return; }
    nav.replaceChildren(...views.map((v) => el('a', {
      href: '#view=' + v.id, 'aria-current': v === active ? 'page' : false, text: v.label,
    })));
    nav.hidden = false;
  }

  // ---- The paste view ----------------------------------------------------

  const severities = ['error', 'warning', 'info'];
  const sevLabel = { error: 'Error', warning: 'Warning', info: 'Info' };
  const typeLabel = { mx: 'MX', spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC', unknown: 'Not recognised', other: 'Other' };

  const examples = {
    mx: 'example.org.  3600  IN  MX  10 mx1.example.org.\nexample.org.  3600  IN  MX  20 mx2.example.org.',
    spf: 'example.org.  3600  IN  TXT  "v=spf1 ip4:192.0.2.0/24 include:_spf.example.net ~all"',
    dkim: 'mail._domainkey.example.org. 3600 IN TXT "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAntNMNUNvU+MUanyQNf14qWpUi9QquFR7ThNo5ZJzBr0r2WNjOAfNOp3XDTbeg5yC3laq/tSarz3ABYCjfpnEihg/gldygeeICAsEMBtVhl9yQ4Qb6L+mXUWrPSSsVr40HhqE0Obzlb94PaQ6AGWlR3ni1qjP8GGoLzMSNwn4s1FU7F9" "wjYODki3Pd74qzgbfL/FasqbtXxViO4vpRH1QEg9yXbF2UOQg8HAraj4zBaHrmV1ZZ/n4oGfycJSJdicLhsbYC6H3TwhPpUFGOEVCGYWkmyQn1DJPgikBe0DveKi2rXksd8fwf0ZkXShEZDNnqSetG6mC6Q3t8DeTMzcRgQIDAQAB"',
    dmarc: '_dmarc.example.org.  3600  IN  TXT  "v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@example.org; pct=50"',
  };

  const textarea = $('record');
  const typeSelect = $('type');
  const results = $('results');
  const meaning = $('meaning');
  let state = readState();
  let current = null; // { ex, idx, cards: [{rec, card, segs}] }
  let firstBreakdown = false;

  // explainNow runs the engine on the textarea and redraws the results.
  function explainNow(api) {
    const input = textarea.value;
    state.record = input;
    state.type = typeSelect.value;
    if (input.trim() === '') {
      current = null;
      results.replaceChildren(el('p', { class: 'empty', text: 'Paste a record above, or try one of the examples.' }));
      meaning.hidden = true;
      updatePath();
      return;
    }
    let ex;
    try {
      const t0 = performance.now();
      const json = api.explain(input, state.type);
      performance.measure('mxplain:engine', { start: t0, end: performance.now() });
      ex = JSON.parse(json);
    } catch (err) {
      ex = { input, records: [], error: 'the explainer failed: ' + err.message };
    }
    render(ex);
  }

  function render(ex) {
    const frag = document.createDocumentFragment();
    current = { ex, idx: byteIndex(ex.input), cards: [] };
    if (ex.error) {
      frag.append(el('p', { class: 'empty', role: 'alert', text: messageFor(ex.error) }));
    }
    ex.records.forEach((rec, i) => frag.append(renderRecord(rec, i)));
    results.replaceChildren(frag);
    meaning.hidden = true;
    updatePath();
    if (ex.records.length && !firstBreakdown) {
      firstBreakdown = true;
      performance.mark('mxplain:first-breakdown');
    }
  }

  function messageFor(err) {
    if (/no record/.test(err)) return 'There is no record in this text: only blanks or comments.';
    return 'mxplain could not explain this: ' + err;
  }

  function renderRecord(rec, i) {
    const id = 'rec-' + i;
    const counts = {};
    for (const f of rec.findings) counts[f.severity] = (counts[f.severity] || 0) + 1;
    const verdictParts = severities.filter((s) => counts[s]).map((s) => `${counts[s]} ${s}${counts[s] > 1 ? 's' : ''}`);
    const ok = rec.valid && rec.type !== 'unknown';
    const verdict = (ok ? '✓ Valid' : '✗ Has errors') + (verdictParts.length ? ' · ' + verdictParts.join(', ') : ' · no findings');

    const card = el('article', { class: 'record', id, 'aria-labelledby': id + '-title', 'data-type': rec.type });
    const title = el('h3', { id: id + '-title', tabindex: '-1' },
      el('span', { class: 'badge t-' + rec.type, text: typeLabel[rec.type] || rec.type.toUpperCase() }),
      rec.owner ? el('span', { class: 'owner', text: rec.owner }) : null,
    );
    card.append(
      el('header', { class: 'record-head' }, title,
        el('p', { class: 'verdict ' + (ok ? 'ok' : 'bad'), text: verdict })),
      el('p', { class: 'summary', text: rec.summary || '' }),
    );

    // The annotated text.
    const descs = el('div', { hidden: true });
    const segs = [];
    const pre = el('pre', { class: 'annotated', role: 'group', 'aria-label': 'The record, part by part' });
    const bounds = new Set();
    for (const f of rec.findings) { bounds.add(f.span[0]); bounds.add(f.span[1]); }
    const fieldInfo = new Map();
    let n = 0;
    const emitText = (parent, s, e) => {
      if (s >= e) return;
      const cuts = [s, ...[...bounds].filter((b) => b > s && b < e).sort((a, b) => a - b), e];
      for (let k = 0; k + 1 < cuts.length; k++) {
        const a = cuts[k], b = cuts[k + 1];
        const seg = el('span', { class: 'seg' }, textOf(a, b));
        seg.dataset.s = a; seg.dataset.e = b;
        segs.push(seg);
        parent.append(seg);
      }
    };
    const textOf = (a, b) => current.ex.input.slice(current.idx.at(a), current.idx.at(b));
    const build = (parent, s, e, fields, depth, kindOf) => {
      let cursor = s;
      const sorted = [...fields].sort((a, b) => a.span[0] - b.span[0] || b.span[1] - a.span[1]);
      for (const f of sorted) {
        const fs = Math.max(f.span[0], cursor), fe = Math.min(f.span[1], e);
        if (fe <= fs) continue;
        emitText(parent, cursor, fs);
        const fid = `${id}-f${n++}`;
        const kind = kindOf(f);
        const probs = rec.findings.filter((d) => overlaps(d.span, f.span) && d.severity !== 'info' && within(d.span, f.span));
        // The mark goes on the innermost part a problem lies in.
        const own = probs.filter((d) => !(f.children || []).some((c) => within(d.span, c.span)));
        const worst = severities.find((s) => own.some((d) => d.severity === s));
        const span = el('span', {
          class: `field k-${kind}` + (worst ? ' has-' + worst : ''),
          tabindex: '0', 'data-field': fid, 'aria-describedby': fid + '-d',
        });
        fieldInfo.set(fid, { f, kind, probs });
        descs.append(el('span', { id: fid + '-d', text: describe(f, probs) }));
        build(span, fs, fe, f.children || [], depth + 1, () => 'part');
        parent.append(span);
        cursor = fe;
      }
      emitText(parent, cursor, e);
    };
    // The header fields (owner, TTL, class, type) and the value's fields,
    // laid over the record's text in the input.
    let alt = 0;
    const topKind = (f) => {
      if (rec.header && rec.header.includes(f)) return 'head';
      if (f.name === 'v') return 'ver';
      return (alt++ % 2) ? 'b' : 'a';
    };
    build(pre, rec.span[0], rec.span[1], [...(rec.header || []), ...rec.fields], 0, topKind);
    card.append(pre, descs);

    // The findings, worst first; choosing one marks its bytes.
    const sorted = rec.findings.map((f, k) => ({ f, k }))
      .sort((a, b) => severities.indexOf(a.f.severity) - severities.indexOf(b.f.severity) || a.f.span[0] - b.f.span[0]);
    if (sorted.length) {
      const list = el('ol', { class: 'findings', 'aria-label': 'Findings, worst first' });
      for (const { f, k } of sorted) {
        const key = `${i}.${k}`;
        const btn = el('button', { type: 'button', class: 'finding sev-' + f.severity, 'aria-pressed': 'false', 'data-finding': key },
          el('span', { class: 'sev', text: sevLabel[f.severity] || f.severity }),
          el('span', { class: 'msg', text: f.message }));
        btn.addEventListener('click', () => chooseFinding(key, true));
        list.append(el('li', {}, btn, el('span', { class: 'code' }, el('code', { text: f.code }), ' ', rfcLink(f.ref))));
      }
      card.append(el('h4', { text: 'Findings' }), list);
    } else {
      card.append(el('p', { class: 'none', text: 'No findings: nothing is wrong or worth a remark.' }));
    }

    // Every field as a list too: the names, for reading without the colours.
    // Built when first opened, so typing stays fast.
    const all = [...(rec.header || []), ...rec.fields];
    if (all.length) {
      const details = el('details', { class: 'fields' }, el('summary', { text: `All ${all.length} parts, listed` }));
      details.addEventListener('toggle', () => {
        if (!details.open || details.querySelector('dl')) return;
        const dl = el('dl', { class: 'field-list' });
        const add = (f, depth) => {
          dl.append(el('dt', { class: 'd' + depth }, el('code', { text: f.text || f.name }), f.name && f.name !== f.text ? el('span', { class: 'name', text: ' ' + f.name }) : null));
          dl.append(el('dd', { class: 'd' + depth }, f.meaning || '', f.ref ? ' ' : '', rfcLink(f.ref)));
          for (const c of f.children || []) add(c, depth + 1);
        };
        all.forEach((f) => add(f, 0));
        details.append(dl);
      });
      card.append(details);
    }

    pre.addEventListener('focusin', (e) => showField(e.target.closest('.field'), fieldInfo));
    pre.addEventListener('mouseover', (e) => showField(e.target.closest('.field'), fieldInfo));
    current.cards[i] = { rec, card, segs };
    return card;
  }

  function overlaps(a, b) { return a[0] < b[1] && b[0] < a[1]; }
  // within: a finding is a field's problem when it lies inside the field (a
  // finding about the whole record is nobody's in particular).
  function within(d, f) { return d[0] >= f[0] && d[1] <= f[1]; }

  function describe(f, probs) {
    let s = f.meaning || '';
    if (f.ref) s += ` (${f.ref})`;
    for (const d of probs) s += ` ${sevLabel[d.severity]}: ${d.message}`;
    return s;
  }

  let shown = null;
  function showField(span, fieldInfo) {
    if (!span || span === shown) return;
    const info = fieldInfo.get(span.dataset.field);
    if (!info) return;
    shown = span;
    for (const s of results.querySelectorAll('.field.current')) s.classList.remove('current');
    span.classList.add('current');
    const { f, probs } = info;
    const body = el('div', { class: 'meaning-body' },
      el('p', { class: 'meaning-head' },
        el('code', { text: f.text || f.name }),
        f.name && f.name !== f.text ? el('span', { class: 'name', text: f.name }) : null,
        rfcLink(f.ref)),
      el('p', { class: 'meaning-text', text: f.meaning || 'No explanation for this part.' }));
    for (const d of probs) body.append(el('p', { class: 'meaning-prob sev-' + d.severity }, el('span', { class: 'sev', text: sevLabel[d.severity] }), ' ' + d.message));
    meaning.replaceChildren(body);
    meaning.hidden = false;
    // Show it right below the record text it explains.
    const pre = span.closest('.annotated');
    if (pre && meaning.previousElementSibling !== pre) pre.after(meaning);
  }

  function chooseFinding(key, fromUser) {
    if (!current) return;
    const [ri, fi] = key.split('.').map(Number);
    const c = current.cards[ri];
    const f = c && c.rec.findings[fi];
    for (const s of results.querySelectorAll('.seg.marked')) s.classList.remove('marked');
    for (const b of results.querySelectorAll('.finding[aria-pressed="true"]')) b.setAttribute('aria-pressed', 'false');
    if (!f) { state.finding = ''; return; }
    let [s, e] = f.span;
    let marked = c.segs.filter((g) => +g.dataset.s < e && +g.dataset.e > s);
    if (!marked.length && s === e) marked = c.segs.filter((g) => +g.dataset.e === s || +g.dataset.s === s).slice(0, 1);
    for (const g of marked) g.classList.add('marked');
    const btn = c.card.querySelector(`.finding[data-finding="${key}"]`);
    if (btn) btn.setAttribute('aria-pressed', 'true');
    state.finding = key;
    if (fromUser) writeState(state);
    const text = current.ex.input.slice(current.idx.at(s), current.idx.at(e));
    meaning.replaceChildren(el('div', { class: 'meaning-body' },
      el('p', { class: 'meaning-head' }, el('span', { class: 'sev sev-' + f.severity, text: sevLabel[f.severity] }), el('code', { text: f.code }), rfcLink(f.ref)),
      el('p', { class: 'meaning-text' }, 'Marked in the record: ', el('code', { class: 'marked-text', text: text || '(the end of the record)' })),
      el('p', { class: 'meaning-text', text: f.message })));
    meaning.hidden = false;
    const pre = c.card.querySelector('.annotated');
    if (meaning.previousElementSibling !== pre) pre.after(meaning);
    if (marked[0]) marked[0].scrollIntoView({ block: 'nearest' });
    if (fromUser) $('announce').textContent = `${sevLabel[f.severity]} marked in the record: ${text || 'the end of the record'}. ${f.message}`;
  }

  // ---- The path of a message, linked to the records shown --------------

  function updatePath() {
    const types = new Map();
    if (current) current.ex.records.forEach((r, i) => { if (!types.has(r.type)) types.set(r.type, i); });
    for (const li of document.querySelectorAll('#path li[data-type]')) {
      li.querySelector('.see')?.remove();
      const links = li.dataset.type.split(' ').filter((t) => types.has(t)).map((t) => {
        const i = types.get(t);
        return el('button', {
          type: 'button', class: 'linkish', 'data-record': i,
          onclick: () => { const h = $(`rec-${i}-title`); h.scrollIntoView({ block: 'start' }); h.focus(); },
        }, `your ${typeLabel[t]} record`);
      });
      if (links.length) {
        const see = el('span', { class: 'see' }, ' See ');
        links.forEach((l, k) => { if (k) see.append(k === links.length - 1 ? ' and ' : ', '); see.append(l); });
        see.append('.');
        li.append(see);
      }
    }
  }

  // ---- Wiring ----------------------------------------------------------

  function showEngineError(err) {
    $('engine-status').hidden = true;
    $('engine-error-reason').textContent = err.message || String(err);
    $('engine-error').hidden = false;
    results.replaceChildren();
  }

  showView(state.view);
  textarea.value = state.record;
  typeSelect.value = ['mx', 'spf', 'dkim', 'dmarc'].includes(state.type) ? state.type : '';

  engineReady.then((api) => {
    $('engine-status').hidden = true;
    $('version').textContent = api.version;
    // The measures are for `make bench`: from the input event to the DOM
    // updated, and the handler's own time.
    const update = (ev) => {
      const t0 = performance.now();
      state.finding = '';
      explainNow(api);
      writeStateSoon(state);
      const t1 = performance.now();
      performance.measure('mxplain:handler', { start: t0, end: t1 });
      if (ev && ev.timeStamp) performance.measure('mxplain:reexplain', { start: ev.timeStamp, end: t1 });
    };
    textarea.addEventListener('input', update);
    typeSelect.addEventListener('change', update);
    for (const b of document.querySelectorAll('[data-example]')) {
      b.addEventListener('click', () => {
        textarea.value = examples[b.dataset.example];
        typeSelect.value = '';
        update();
        textarea.focus();
      });
    }
    window.addEventListener('hashchange', () => {
      state = readState();
      showView(state.view);
      textarea.value = state.record;
      typeSelect.value = state.type;
      explainNow(api);
      if (state.finding) chooseFinding(state.finding, false);
    });
    explainNow(api);
    if (state.finding) chooseFinding(state.finding, false);
    document.documentElement.dataset.engine = 'ready';
  }, (err) => {
    showEngineError(err);
    document.documentElement.dataset.engine = 'failed';
  });
})();
