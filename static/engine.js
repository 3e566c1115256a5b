// engine.js: mxplain's engine (the wasm of ./wasm) for the page and the
// embeddable element, with explaining off the main thread. An ES module
// with no dependencies, and the one loader of the engine: app.js and
// embed.js both call loadEngine.
//
//   import { loadEngine } from './engine.js';
//
//   const engine = loadEngine({ wasm, exec, worker });
//   await engine.ready;                        // the version, once explaining works
//   const types = await engine.types();        // [{ type, label, title, ref }], the engine's registry
//   const ex = await engine.explain(input, type); // an Explanation, or null
//   engine.restart();                          // drop what is being explained
//   const api = await engine.main();           // globalThis.mxplain on this thread
//
// How it runs:
// - One engine per page and wasm URL, however often loadEngine is called
//   and however many copies of this module run (a page's and an
//   element's): the second call gets the first engine.
// - The wasm is fetched and compiled once (streaming, off the main thread),
//   into a WebAssembly.Module that every instance shares. Cookies go only
//   to the page's own origin (credentials "same-origin"), so a page of
//   another origin fetches it as a public file.
// - explain runs in a dedicated Web Worker (engine-worker.js) holding its
//   own instance: the main thread only draws, and a key press never waits
//   for the engine. Requests are answered in order. restart() terminates
//   the worker and starts a new one from the compiled module (tens of
//   milliseconds): whatever it was explaining resolves to null, so the page
//   cancels a long explanation when the input changes.
// - Without a worker (none given; one of another origin than the page's,
//   which a browser does not start; or the browser refused it) explain
//   runs on the main thread's instance instead.
// - main() instantiates the engine on the main thread, once, when asked:
//   lookups still run there (they await fetch from inside the wasm). Go's
//   wasm_exec.js is loaded for it unless the page has it already.
// - Under Trusted Types the worker's URL passes the "mxplain" policy, which
//   accepts only the URL it was given and only from this page's origin.

/**
 * loadEngine({ wasm, exec, worker }) → Engine. wasm: the URL of app.wasm;
 * exec: Go's wasm_exec.js (loaded by the worker, and on the main thread
 * when the page has no global Go); worker: engine-worker.js, or null to
 * explain on the main thread.
 */
export function loadEngine({ wasm, exec, worker = null }) {
  const engines = globalThis[Symbol.for('mxplain.engines')] ||= new Map();
  const key = new URL(wasm, document.baseURI).href;
  if (!engines.has(key)) engines.set(key, newEngine(wasm, exec, sameOrigin(worker) ? worker : null));
  return engines.get(key);
}

function sameOrigin(url) {
  return Boolean(url) && new URL(url, document.baseURI).origin === location.origin;
}

function newEngine(wasm, exec, worker) {
  const module = compile(wasm);
  let mainAPI = null;
  const main = () => mainAPI ||= module.then((m) => start(m, exec));
  const explainer = worker ? new Explainer(module, worker, exec) : null;
  let fallback = !explainer;
  const onMain = () => main().then((api) => { fallback = true; return { version: api.version, types: typesOf(api) }; });
  const started = explainer
    ? explainer.start().catch((err) => {
      // A worker that cannot start (refused by the browser, not by a missing
      // engine) leaves explaining to the main thread.
      if (err.engine) throw err;
      return onMain();
    })
    : onMain();
  const ready = started.then((s) => s.version);
  ready.then(() => performance.mark('mxplain:engine-started'), () => {});
  return {
    ready,
    /** types() → Promise<TypeInfo[]>: the record types the engine explains, in its registry's order. */
    types: () => started.then((s) => JSON.parse(s.types)),
    /** explain(input, type) → Promise<Explanation | null>: the engine's answer, parsed; null when restart() dropped it. */
    async explain(input, type = '') {
      await ready;
      if (fallback) return JSON.parse((await main()).explain(input, type));
      return explainer.explain(input, type);
    },
    /** restart drops every explanation not yet answered (they resolve to null). */
    restart() { if (explainer && !fallback) explainer.restart(); },
    main,
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

// Explainer runs explanations in a worker, in order; restart() replaces the
// worker.
class Explainer {
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
        if ('ready' in data) resolve({ version: data.ready, types: data.types });
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

  // answer takes one message of the worker's answer (engine-worker.js):
  // its head, then its pieces; the job resolves once all have come.
  answer({ id, head, pieces, ms, records, fields, error }) {
    const job = this.jobs.get(id);
    if (!job) return;
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
      // The engine threw (a Go panic ends its program): a new worker
      // answers what comes next.
      job.reject(new Error(error));
      this.restart(true);
      return;
    }
    job.resolve(job.ex);
  }

  // restart replaces the worker when it is explaining (or when forced).
  restart(force = false) {
    if (!force && !this.jobs.size) return;
    for (const job of this.jobs.values()) job.resolve(null);
    this.jobs.clear();
    this.start().catch(() => {});
  }
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
