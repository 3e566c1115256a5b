// engine.js: mxplain's two engines (the wasm of ./wasm/explain and of
// ./wasm) for the page and the embeddable element, both off the main
// thread. An ES module with no dependencies, and the one loader of the
// engines: app.js and embed.js both call loadEngine.
//
//   import { loadEngine } from './engine.js';
//
//   const engine = loadEngine({ wasm, lookupWasm, exec, worker });
//   await engine.ready;                        // the version, once explaining works
//   const types = await engine.types();        // [{ type, label, title, ref }], the engine's registry
//   const ex = await engine.explain(input, type, { onChecked }); // an Explanation, or null
//   engine.restart();                          // drop what is being explained
//   const json = await engine.lookup(domain, opts); // an inspect.Report's JSON
//   engine.warmLookup();                       // fetch and start the lookup engine now
//
// How it runs:
// - Two engines: explain.wasm (wasm), which the first breakdown needs, and
//   lookup.wasm (lookupWasm), about as large again, which explains too and
//   looks domains up, with miekg/dns's verdict on zone lines. lookup.wasm
//   is fetched on the first lookup() or warmLookup(), or for an explanation
//   with a pending record (a zone line the first engine cannot judge),
//   never before: an element with a plain record never fetches it.
// - One engine per page and wasm URL, however often loadEngine is called
//   and however many copies of this module run (a page's and an
//   element's): the second call gets the first engine.
// - Each wasm is fetched and compiled once (streaming, off the main
//   thread), into a WebAssembly.Module that every instance shares. Cookies
//   go only to the page's own origin (credentials "same-origin"), so a page
//   of another origin fetches it as a public file.
// - Each engine runs in a dedicated Web Worker (engine-worker.js) holding
//   its own instance: the main thread only draws, and a key press never
//   waits for the engine. A lookup's queries go from its worker to the
//   resolver (fetch), and its progress comes back as messages, as do
//   the worker's Content-Security-Policy violations (dispatched on the
//   page's document, as if they were its own). Requests are
//   answered in order. restart() terminates the explain worker and starts a
//   new one from the compiled module (tens of milliseconds): whatever it was
//   explaining resolves to null, so the page cancels a long explanation
//   when the input changes.
// - Without a worker (none given; one of another origin than the page's,
//   which a browser does not start; or the browser refused it) an engine
//   runs on the main thread's instance instead; Go's wasm_exec.js is loaded
//   for it unless the page has it already.
// - Under Trusted Types the worker's URL passes the "mxplain" policy, which
//   accepts only the URL it was given and only from this page's origin.

/**
 * loadEngine({ wasm, lookupWasm, exec, worker }) → Engine. wasm: the URL of
 * explain.wasm; lookupWasm: the URL of lookup.wasm (without it lookup()
 * rejects); exec: Go's wasm_exec.js (loaded by the workers, and on the main
 * thread when an engine runs there and the page has no global Go); worker:
 * engine-worker.js, or null to run the engines on the main thread.
 */
export function loadEngine({ wasm, lookupWasm = null, exec, worker = null }) {
  const engines = globalThis[Symbol.for('mxplain.engines')] ||= new Map();
  const key = new URL(wasm, document.baseURI).href;
  if (!engines.has(key)) engines.set(key, newEngine(wasm, lookupWasm, exec, sameOrigin(worker) ? worker : null));
  return engines.get(key);
}

function sameOrigin(url) {
  return Boolean(url) && new URL(url, document.baseURI).origin === location.origin;
}

function newEngine(wasm, lookupWasm, exec, worker) {
  const explainer = runner(compile(wasm), exec, worker);
  let looker = null;
  const lookupEngine = () => {
    if (!lookupWasm) return Promise.reject(engineError('this page names no lookup engine'));
    if (!looker) {
      looker = runner(compile(lookupWasm), exec, worker);
      looker.started.then(() => performance.mark('mxplain:lookup-engine-started'), () => {});
    }
    return looker.started;
  };
  const ready = explainer.started.then((s) => s.version);
  ready.then(() => performance.mark('mxplain:engine-started'), () => {});
  return {
    ready,
    /** types() → Promise<TypeInfo[]>: the record types the engine explains, in its registry's order. */
    types: () => explainer.started.then((s) => JSON.parse(s.types)),
    /**
     * explain(input, type, { onChecked }) → Promise<Explanation | null>: the
     * first engine's answer, parsed; null when restart() dropped it. When a
     * record in it is pending (a zone line only zone software can judge,
     * which the first engine does without), the lookup engine explains the
     * input again and onChecked gets its answer.
     */
    async explain(input, type = '', { onChecked = null } = {}) {
      await explainer.started;
      const ex = await explainer.explain(input, type);
      if (ex && onChecked && lookupWasm && ex.records.some((r) => r.pending)) {
        lookupEngine().then(() => looker.explain(input, type)).then((full) => full && onChecked(full), () => {});
      }
      return ex;
    },
    /** restart drops every explanation not yet answered (they resolve to null). */
    restart: () => explainer.restart(),
    /**
     * lookup(domain, opts) → Promise<string>: the JSON of an inspect.Report
     * (mxplain.d.ts, LookupOptions); opts.onProgress gets each progress JSON.
     * The first call fetches and starts the lookup engine.
     */
    async lookup(domain, opts = {}) {
      await lookupEngine();
      return looker.lookup(domain, opts);
    },
    /**
     * markdown(reportJSON) → Promise<string>: a report lookup() gave, as
     * Markdown written by the engine (inspect.Markdown, the text of
     * `mxplain lookup --markdown`).
     */
    async markdown(reportJSON) {
      await lookupEngine();
      return looker.call('lookupMarkdown', [reportJSON]);
    },
    /**
     * forms() → Promise<Form[]>: the record builder's form for each type,
     * in the registry's order (mxplain.d.ts, Form).
     */
    async forms() {
      await lookupEngine();
      return JSON.parse(await looker.call('forms', []));
    },
    /**
     * build(request) → Promise<Built>: the record a filled-in form says,
     * explained (mxplain.d.ts, BuildRequest and Built).
     */
    async build(request) {
      await lookupEngine();
      return JSON.parse(await looker.call('build', [JSON.stringify(request)]));
    },
    /** warmLookup fetches, compiles and starts the lookup engine, once. */
    warmLookup() { lookupEngine().catch(() => {}); },
  };
}

// runner runs the engine of module in a worker, or on the main thread when
// there is none or it cannot start. Its started resolves to { version,
// types } once the engine answers.
function runner(module, exec, worker) {
  let main = null; // the main thread's API, when the engine runs there
  const onMain = () => module.then((m) => start(m, exec)).then((api) => {
    main = api;
    return { version: api.version, types: typesOf(api) };
  });
  const w = worker ? new EngineWorker(module, worker, exec) : null;
  const started = w
    ? w.start().catch((err) => {
      // A worker that cannot start (refused by the browser, not by a
      // missing engine) leaves the engine to the main thread.
      if (err.engine) throw err;
      return onMain();
    })
    : onMain();
  return {
    started,
    explain: (input, type) => main ? JSON.parse(main.explain(input, type)) : w.explain(input, type),
    lookup(domain, opts) {
      if (!main) return w.lookup(domain, opts);
      if (typeof main.lookup !== 'function') return Promise.reject(engineError('this build of the engine cannot look domains up'));
      return main.lookup(domain, opts);
    },
    // call is the engine's function name on args (strings), its answer
    // a string.
    call(name, args) {
      if (!main) return w.call(name, args);
      if (typeof main[name] !== 'function') return Promise.reject(engineError(`this build of the engine has no ${name}`));
      return Promise.resolve(main[name](...args));
    },
    restart() { if (!main) w.restart(); },
  };
}

// typesOf is the engine's list of types, as JSON ("[]" from a build
// without mxplain.types).
function typesOf(api) {
  return typeof api.types === 'function' ? api.types() : '[]';
}

// compile fetches and compiles the wasm; errors say what the server said.
async function compile(url) {
  let r;
  try {
    r = await fetch(url, { credentials: 'same-origin' });
  } catch (err) {
    throw engineError(`${url} did not load: ${err && err.message || err}`);
  }
  performance.mark('mxplain:wasm-response');
  if (!r.ok) throw engineError(`${url} answered ${r.status}: ${(await r.text()).trim()}`);
  try {
    // A static host may send the wasm without its media type, which
    // streaming compilation requires.
    const m = /^application\/wasm/.test(r.headers.get('content-type'))
      ? await WebAssembly.compileStreaming(r)
      : await WebAssembly.compile(await r.arrayBuffer());
    performance.mark('mxplain:wasm-compiled');
    return m;
  } catch (err) {
    throw engineError(err && err.message || String(err));
  }
}

// start runs an instance of module on this thread and returns its API.
async function start(module, exec) {
  await goRuntime(exec);
  const go = new Go();
  const instance = await WebAssembly.instantiate(module, go.importObject);
  go.run(instance).catch(() => {}); // main blocks forever; it never resolves
  const api = globalThis.mxplain;
  if (!api || typeof api.explain !== 'function') throw engineError('the engine started but did not set globalThis.mxplain');
  return api;
}

// goRuntime loads wasm_exec.js (a classic script defining Go) unless the
// page already has it.
function goRuntime(exec) {
  if (typeof Go === 'function') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.crossOrigin = 'anonymous';
    s.onload = resolve;
    s.onerror = () => reject(engineError(`${exec} did not load`));
    s.src = exec;
    document.head.append(s);
  });
}

// engineError marks a failure of the engine itself (as opposed to the
// worker's): no fallback can help.
function engineError(message) {
  const err = new Error(message);
  err.engine = true;
  return err;
}

// EngineWorker runs an engine in a worker: explanations in order, lookups
// side by side; restart() replaces the worker.
class EngineWorker {
  constructor(module, url, exec) {
    this.module = module;
    this.url = url;
    this.exec = exec;
    this.jobs = new Map(); // id → { resolve, reject }
    this.seq = 0;
  }

  // start makes a worker and resolves to the engine's { version, types }
  // once it has its instance.
  start() {
    this.worker?.terminate();
    let w;
    try {
      w = new Worker(scriptURL(this.url), { name: 'mxplain engine' });
    } catch (err) {
      return Promise.reject(err); // refused: by a policy, or no workers here
    }
    this.worker = w;
    const started = new Promise((resolve, reject) => {
      w.onmessage = ({ data }) => {
        if ('violation' in data) violated(data.violation);
        else if ('ready' in data) resolve({ version: data.ready, types: data.types });
        else if ('failed' in data) reject(engineError(data.failed));
        else this.answer(data);
      };
      w.onerror = (e) => {
        e.preventDefault();
        const err = new Error(`the engine's worker failed: ${e.message || 'it did not load'}`);
        reject(err);
        for (const job of this.jobs.values()) job.reject(err);
        this.jobs.clear();
      };
    });
    w.postMessage({ exec: this.exec });
    this.module.then((module) => w.postMessage({ module }), () => {});
    return Promise.all([this.module, started]).then(([, s]) => s);
  }

  explain(input, type) {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.jobs.set(id, { resolve, reject });
      this.worker.postMessage({ id, input, type });
    });
  }

  // lookup asks the worker's engine for a report; the worker sends its
  // progress, then the report.
  lookup(domain, opts) {
    const id = ++this.seq;
    const { onProgress, ...rest } = opts;
    return new Promise((resolve, reject) => {
      this.jobs.set(id, { resolve, reject, onProgress, lookup: true });
      this.worker.postMessage({ id, lookup: domain, opts: rest });
    });
  }

  // call asks the worker's engine for mxplain[name](...args); the answer
  // comes back as a report. Like a lookup, an edit does not drop it.
  call(name, args) {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.jobs.set(id, { resolve, reject, lookup: true });
      this.worker.postMessage({ id, call: name, args });
    });
  }

  // answer takes one message of the worker's answer (engine-worker.js):
  // a lookup's progress or report; an explanation's head, then its
  // pieces. A job resolves once all of it has come.
  answer({ id, head, pieces, ms, records, fields, progress, report, error }) {
    const job = this.jobs.get(id);
    if (!job) return;
    if (progress !== undefined) {
      try { job.onProgress?.(progress); } catch { /* the caller's error must not stop the lookup */ }
      return;
    }
    if (report !== undefined) {
      this.jobs.delete(id);
      job.resolve(report);
      return;
    }
    if (head) {
      job.ex = head;
      job.left = pieces;
      performance.measure('mxplain:engine', { start: performance.now() - ms, duration: ms });
    } else if (records) {
      job.ex.records.push(...records);
      job.left--;
    } else if (fields) {
      job.ex.records[job.ex.records.length - 1].fields.push(...fields);
      job.left--;
    }
    if (!error && job.left > 0) return;
    this.jobs.delete(id);
    if (error) {
      job.reject(new Error(error));
      // The explainer threw (a Go panic ends its program): a new worker
      // answers what comes next.
      if (!job.lookup) this.restart(true);
      return;
    }
    job.resolve(job.ex);
  }

  // restart replaces the worker when it is explaining (or when forced).
  restart(force = false) {
    if (!force && !this.jobs.size) return;
    // An explanation dropped resolves to null; a lookup cannot be dropped
    // by an edit, only lost with its worker.
    for (const job of this.jobs.values()) {
      if (job.lookup) job.reject(new Error('the engine stopped during the lookup'));
      else job.resolve(null);
    }
    this.jobs.clear();
    this.start().catch(() => {});
  }
}

// violated dispatches a policy violation of a worker on the page's
// document, where the page listens for its own (the lookup view names the
// resolver the policy blocked).
function violated(init) {
  try {
    document.dispatchEvent(new SecurityPolicyViolationEvent('securitypolicyviolation', init));
  } catch { /* a browser without the constructor: the lookup says only that the resolver failed */ }
}

// scriptURL passes url through the "mxplain" Trusted Types policy when the
// page enforces Trusted Types (the Worker constructor is a script-URL sink).
function scriptURL(url) {
  const tt = globalThis.trustedTypes;
  if (!tt || !tt.createPolicy) return url;
  const shared = globalThis[Symbol.for('mxplain.trustedTypes')] ||= {};
  shared.policy ||= tt.createPolicy('mxplain', {
    createScriptURL: (u) => {
      const abs = new URL(u, document.baseURI);
      if (abs.origin !== location.origin || !/\/engine-worker(\.[0-9a-f]{12})?\.js$/.test(abs.pathname)) {
        throw new TypeError(`mxplain: ${u} is not the engine's worker`);
      }
      return abs.href;
    },
  });
  return shared.policy.createScriptURL(url);
}
