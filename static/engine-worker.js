// engine-worker.js: mxplain's explain engine in a dedicated Web Worker
// (started by engine.js). A classic worker script: it loads Go's
// wasm_exec.js with importScripts and instantiates the engine from the
// WebAssembly.Module the page compiled, so a restarted worker compiles
// nothing.
//
// Messages in:  { module, exec }            first: the module, wasm_exec.js's URL
//               { id, input, type }         explain input (type "" detects it)
// Messages out: { ready: version } | { failed: reason }
//               { id, json, ms } | { id, error }   the Explanation's JSON, the engine's time
let api = null;
const waiting = [];

self.onmessage = async ({ data }) => {
  if (data.module) {
    try {
      importScripts(data.exec);
      const go = new Go();
      const instance = await WebAssembly.instantiate(data.module, go.importObject);
      go.run(instance).catch(() => {}); // main blocks forever
      api = self.mxplain;
      if (!api || typeof api.explain !== 'function') throw new Error('the engine started but did not set mxplain');
    } catch (err) {
      self.postMessage({ failed: err && err.message || String(err) });
      return;
    }
    self.postMessage({ ready: api.version });
    for (const m of waiting.splice(0)) answer(m);
    return;
  }
  if (api) answer(data);
  else waiting.push(data);
};

function answer({ id, input, type }) {
  const t0 = performance.now();
  try {
    const json = api.explain(input, type);
    self.postMessage({ id, json, ms: performance.now() - t0 });
  } catch (err) {
    self.postMessage({ id, error: 'the explainer failed: ' + (err && err.message || String(err)) });
  }
}
