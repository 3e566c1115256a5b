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
// The annotated view of one record lives in record-view.js, the report's
// sections in report-view.js, the engine's loader in engine.js (all shared
// with the embeddable element); this file is the page: the views, the
// state in the URL. The lookup view (lookup-view.js) is imported when it is
// first shown, or at idle after the first breakdown. The record types (the type picker, the badges) are the
// engine's (mxplain.types()).
import { el, renderExplanation, chooseFinding as markFinding, labeller } from "./record-view.js";
import { loadEngine } from "./engine.js";

{
  const $ = (id) => document.getElementById(id);

  // ---- Engine ------------------------------------------------------------
  //
  // Both engines run in Web Workers (engine.js): the main thread only
  // draws. The first breakdown needs only explain.wasm; lookup.wasm is
  // fetched when the lookup view needs it, or once the page is idle after
  // its first breakdown (prefetchLookup), unless the browser asks to save
  // data.

  const meta = (name) => document.querySelector(`meta[name="${name}"]`).content;
  const engine = loadEngine({ wasm: meta('mxplain-wasm'), lookupWasm: meta('mxplain-lookup-wasm'), exec: meta('mxplain-exec'), worker: meta('mxplain-worker') });
  const prefetchLookup = () => {
    if (navigator.connection?.saveData) return;
    const idle = globalThis.requestIdleCallback || ((f) => setTimeout(f, 200));
    idle(() => { engine.warmLookup(); lookupView(); }, { timeout: 5000 });
  };

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
    $('state-note').hidden = s.record.length <= urlLimit;
  }

  // A record longer than urlLimit characters is not written into the
  // address: browsers take hundreds of milliseconds, and more each time,
  // to store a URL of hundreds of kilobytes in their history (a 400 KB
  // record: 60 ms, then 300 ms, then 2 s), and the page would freeze.
  const urlLimit = 32 * 1024;

  // pasteHash is the fragment of the paste view's state ("" when empty).
  function pasteHash(s) {
    const p = new URLSearchParams();
    if (s.record && s.record.length <= urlLimit) p.set('record', s.record);
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
    { id: 'lookup', label: 'Look up a domain', section: $('view-lookup'), hash: () => lookup ? lookup.hash() : '#view=lookup' },
    { id: 'build', label: 'Build a record', section: $('view-build'), hash: () => builder ? builder.hash() : '#view=build' },
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

  const textarea = $('record');
  const typeSelect = $('type');
  const results = $('results');
  const meaning = $('meaning');
  let state = readState();
  let current = null; // { ex, cards: [HTMLElement from renderRecord], cancel() }
  let types = []; // the engine's: [{ type, label, title, ref }]
  let label = labeller(types);
  let firstBreakdown = false;

  // ---- Explaining, off the main thread ------------------------------------
  //
  // Every change of the input or the type starts a generation; only the
  // answer to the latest is drawn. A small input is explained at once (a
  // key press is a few milliseconds of the worker's time); a large one once
  // typing pauses, for longer the larger it is, with a progress line, and
  // an explanation still running when the input changes is cancelled (the
  // worker is restarted) rather than waited for.

  const status = $('explain-status');
  let generation = 0;
  let pauseTimer = 0;
  let running = null; // { generation, since } while the worker explains

  /** pauseFor is how long typing must pause before an input of n characters is explained. */
  function pauseFor(n) {
    return n < 4096 ? 0 : Math.min(1000, Math.round(n / 100));
  }

  const sizeText = (n) => (n < 1024 ? `${n} characters` : `${Math.round(n / 1024)} KB`);

  function showStatus(text) {
    status.textContent = text;
    status.hidden = !text;
  }

  // explainSoon explains the textarea: at once when now is set (a link) or
  // the input is small, else once typing pauses. It resolves to true when
  // this generation is drawn, false when a newer one replaced it.
  function explainSoon({ now = false } = {}) {
    const g = ++generation;
    const input = textarea.value;
    state.record = input;
    state.type = typeSelect.value;
    clearTimeout(pauseTimer);
    results.setAttribute('aria-busy', 'true');
    // The explanation under way is for text that no longer exists.
    if (running && performance.now() - running.since > 50) engine.restart();
    if (input.trim() === '') {
      showStatus('');
      results.removeAttribute('aria-busy');
      current?.cancel();
      current = null;
      results.replaceChildren(el('p', { class: 'empty', text: 'Paste a record above, or try one of the examples.' }));
      meaning.hidden = true;
      updatePath();
      return Promise.resolve(true);
    }
    const wait = now ? 0 : pauseFor(input.length);
    if (!wait) return explainNow(g, input, state.type);
    showStatus(`${sizeText(input.length)}: explained once typing pauses…`);
    return new Promise((resolve) => { pauseTimer = setTimeout(() => explainNow(g, input, state.type).then(resolve), wait); });
  }

  async function explainNow(g, input, type) {
    const since = performance.now();
    running = { generation: g, since };
    // A progress line for what takes more than a moment.
    const tick = setInterval(() => {
      if (g === generation) showStatus(`Explaining ${sizeText(input.length)}… ${((performance.now() - since) / 1000).toFixed(1)} s`);
    }, 250);
    let ex;
    try {
      // A pending record's final word comes from the lookup engine.
      ex = await engine.explain(input, type, { onChecked: (full) => { if (g === generation) render(full); } });
    } catch (err) {
      ex = { input, records: [], error: 'the explainer failed: ' + (err && err.message || err) };
    } finally {
      clearInterval(tick);
      if (running && running.generation === g) running = null;
    }
    if (ex === null || g !== generation) return false; // cancelled, or a newer input
    showStatus('');
    if (!await render(ex) || g !== generation) return false;
    results.removeAttribute('aria-busy');
    return true;
  }

  // render draws an explanation (in slices: a long one over several
  // tasks) and resolves when it is drawn, to false if a newer one replaced it.
  function render(ex) {
    current?.cancel();
    const { element, cards, drawn, cancel } = renderExplanation(ex, {
      meaning,
      label,
      announce: $('announce'),
      onFindingChoose: (f, k, text, card) => {
        state.finding = `${current.cards.indexOf(card)}.${k}`;
        writeState(state);
      },
    });
    const mine = { ex, cards, cancel };
    current = mine;
    results.replaceChildren(element);
    meaning.hidden = true;
    updatePath();
    if (ex.records.length && !firstBreakdown) {
      firstBreakdown = true;
      performance.mark('mxplain:first-breakdown');
      prefetchLookup();
    }
    return drawn.then(() => current === mine);
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
        }, `your ${label(t)} record`);
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

  // ---- The lookup view --------------------------------------------------
  //
  // lookup-view.js, imported on first use: the paste view never waits for it.

  let lookup = null; // the view, once its script has loaded
  let lookupLoad = null;
  let lookupEngine = null; // its ready()'s arguments, once the engine is up
  function lookupView() {
    lookupLoad ||= import("./lookup-view.js").then(({ createLookupView }) => {
      lookup = createLookupView({
        section: $('view-lookup'),
        path: $('path'),
        serverResolver: document.querySelector('meta[name="mxplain-resolver"]').content,
        writeHash: (hash) => history.replaceState(null, '', hash),
      });
      if (lookupEngine) lookup.ready(...lookupEngine);
      return lookup;
    });
    return lookupLoad;
  }

  // showLookup fills the lookup view from the URL and runs the lookup it
  // names, unless it is the one shown (or once the engine is ready).
  function showLookup() {
    lookupView().then((l) => {
      if (view !== 'lookup') return;
      l.setState(new URLSearchParams(location.hash.replace(/^#/, '')));
      l.runIfChanged();
    }, showEngineError);
  }

  // ---- The record builder -------------------------------------------------
  //
  // builder-view.js, imported on first use; its forms and records are the
  // lookup engine's (mxplain.forms(), mxplain.build()).

  let builder = null;
  let builderLoad = null;
  function showBuilder() {
    builderLoad ||= import("./builder-view.js").then(({ createBuilderView }) => {
      builder = createBuilderView({ section: $('view-build'), writeHash: (hash) => { if (view === 'build') history.replaceState(null, '', hash); } });
      engine.ready.then(() => builder.ready({ forms: engine.forms, build: engine.build }, (t) => label(t)), () => {});
      return builder;
    });
    builderLoad.then((b) => b.setState(new URLSearchParams(location.hash.replace(/^#/, ''))), showEngineError);
  }

  let view = showView(state.view);
  if (view === 'lookup') showLookup();
  else if (view === 'build') showBuilder();
  else textarea.value = state.record;

  const warmLookup = () => { if (view === 'lookup' || view === 'build') engine.warmLookup(); };

  Promise.all([engine.ready, engine.types()]).then(([version, list]) => {
    types = list;
    label = labeller(types);
    // The type picker: "detected type", then every type the engine explains.
    typeSelect.append(...types.map((t) => el('option', { value: t.type, title: `${t.title} (${t.ref})`, text: t.label })));
    if (view === 'paste') typeSelect.value = types.some((t) => t.type === state.type) ? state.type : '';
    $('types-cited').textContent = ' · Explains ' + types.map((t) => `${t.label} (${t.ref})`).join(', ') + '.';
    // The lookup view's engine: lookup.wasm, fetched on first use.
    lookupEngine = [{ lookup: engine.lookup, markdown: engine.markdown }, label];
    lookup?.ready(...lookupEngine);
    $('engine-status').hidden = true;
    $('version').textContent = version;
    // The measures are for `make bench`: from the input event to the DOM
    // updated, and the handler's own time.
    const update = (ev) => {
      const t0 = performance.now();
      state.finding = '';
      explainSoon().then((drawn) => {
        if (drawn && ev && ev.timeStamp) performance.measure('mxplain:reexplain', { start: ev.timeStamp, end: performance.now() });
      });
      writeStateSoon(state);
      performance.measure('mxplain:handler', { start: t0, end: performance.now() });
    };
    textarea.addEventListener('input', update);
    typeSelect.addEventListener('change', update);
    for (const b of document.querySelectorAll('[data-example]')) {
      b.addEventListener('click', () => {
        textarea.value = b.dataset.example;
        typeSelect.value = '';
        update();
        textarea.focus();
      });
    }
    const explainLink = () => explainSoon({ now: true }).then((drawn) => { if (drawn && state.finding) chooseFinding(state.finding); });
    window.addEventListener('hashchange', () => {
      const next = readState();
      view = showView(next.view);
      if (view === 'lookup') {
        // A link to a lookup runs it (unless it is the one shown).
        showLookup();
        warmLookup();
        return;
      }
      if (view === 'build') {
        showBuilder();
        warmLookup();
        return;
      }
      // A record too long for the address stays when the view comes back.
      if (!next.record && state.record.length > urlLimit) next.record = state.record;
      state = next;
      textarea.value = state.record;
      typeSelect.value = state.type;
      explainLink();
    });
    if (view === 'paste') explainLink();
    if (view !== 'paste' || !state.record.trim()) prefetchLookup(); // nothing to break down first
    document.documentElement.dataset.engine = 'ready';
  }, (err) => {
    showEngineError(err);
    document.documentElement.dataset.engine = 'failed';
  });
  warmLookup();
}
