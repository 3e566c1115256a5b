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
//
// The annotated view of one record lives in record-view.js (shared with the
// embeddable element); this file is the page: the engine, the views, the
// state in the URL.
import { el, renderExplanation, chooseFinding as markFinding, typeLabel } from './record-view.js';
import { createLookupView } from './lookup-view.js';

{
  const $ = (id) => document.getElementById(id);

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
    const hash = pasteHash(s);
    history.replaceState(null, '', hash || location.pathname + location.search);
  }

  // pasteHash is the fragment of the paste view's state ("" when empty).
  function pasteHash(s) {
    const p = new URLSearchParams();
    if (s.record) p.set('record', s.record);
    if (s.type) p.set('type', s.type);
    if (s.finding) p.set('finding', s.finding);
    const hash = p.toString();
    return hash ? '#' + hash : '';
  }

  // ---- Views -------------------------------------------------------------
  //
  // Each view is a <section class="view"> of index.html, chosen by the URL's
  // "view" parameter ("paste" when absent). Each keeps its own state in the
  // fragment; the navigation links go back to a view as it was left.
  const views = [
    { id: 'paste', label: 'Explain a record', section: $('view-paste'), hash: () => pasteHash(state) },
    { id: 'lookup', label: 'Look up a domain', section: $('view-lookup'), hash: () => lookup.hash() },
  ];

  function showView(id) {
    const active = views.find((v) => v.id === id) || views[0];
    for (const v of views) v.section.hidden = v !== active;
    document.body.dataset.view = active.id;
    const nav = $('views');
    nav.replaceChildren(...views.map((v) => el('a', {
      href: '#view=' + v.id, 'aria-current': v === active ? 'page' : false, text: v.label,
      onclick: (e) => { e.preventDefault(); if (v !== active) location.hash = v.hash(); },
    })));
    nav.hidden = false;
    return active.id;
  }

  // ---- The paste view ----------------------------------------------------

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
  let current = null; // { ex, cards: [HTMLElement from renderRecord] }
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
    const { element, cards } = renderExplanation(ex, {
      meaning,
      announce: $('announce'),
      onFindingChoose: (f, k, text, card) => {
        state.finding = `${current.cards.indexOf(card)}.${k}`;
        writeState(state);
      },
    });
    current = { ex, cards };
    results.replaceChildren(element);
    meaning.hidden = true;
    updatePath();
    if (ex.records.length && !firstBreakdown) {
      firstBreakdown = true;
      performance.mark('mxplain:first-breakdown');
    }
  }

  // chooseFinding marks finding "<record>.<finding>" (the URL's "finding").
  function chooseFinding(key) {
    if (!current) return;
    const [ri, fi] = key.split('.').map(Number);
    const card = current.cards[ri];
    if (card) markFinding(card, fi);
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

  const lookup = createLookupView({
    section: $('view-lookup'),
    path: $('path'),
    serverResolver: document.querySelector('meta[name="mxplain-resolver"]').content,
    writeHash: (hash) => history.replaceState(null, '', hash),
  });

  let view = showView(state.view);
  if (view === 'lookup') lookup.setState(new URLSearchParams(location.hash.replace(/^#/, '')));
  else {
    textarea.value = state.record;
    typeSelect.value = ['mx', 'spf', 'dkim', 'dmarc'].includes(state.type) ? state.type : '';
  }

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
      const next = readState();
      view = showView(next.view);
      if (view === 'lookup') {
        // A link to a lookup runs it (unless it is the one shown).
        lookup.setState(new URLSearchParams(location.hash.replace(/^#/, '')));
        lookup.runIfChanged();
        return;
      }
      state = next;
      textarea.value = state.record;
      typeSelect.value = state.type;
      explainNow(api);
      if (state.finding) chooseFinding(state.finding);
    });
    if (view === 'paste') {
      explainNow(api);
      if (state.finding) chooseFinding(state.finding);
    }
    lookup.ready(api);
    document.documentElement.dataset.engine = 'ready';
  }, (err) => {
    showEngineError(err);
    document.documentElement.dataset.engine = 'failed';
  });
}
