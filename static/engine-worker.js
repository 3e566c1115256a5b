// engine-worker.js: one of mxplain's engines (explain.wasm or lookup.wasm)
// in a dedicated Web Worker (started by engine.js). A classic worker script: it loads Go's
// wasm_exec.js with importScripts while the page compiles the wasm, then
// instantiates the engine from the WebAssembly.Module the page sends, so a
// restarted worker compiles nothing.
//
// Messages in:  { exec }                    first: wasm_exec.js's URL, loaded at once
//               { module }                  the compiled engine, once the page has it
//               { id, input, type }         explain input (type "" detects it)
//               { id, lookup, opts }        look the domain lookup up (lookup.wasm)
//               { id, call, args }          mxplain[call](...args), one of calls (lookup.wasm)
// Messages out: { ready: version, types } | { failed: reason }   types: mxplain.types()'s JSON;
//                                           ready comes after mxplain.warm(), when the engine has it
//               { id, head, pieces, ms }    the Explanation without its records, the engine's time,
//               { id, records } | { id, fields }   then its records in pieces: records to add,
//                                           or fields to add to the last record
//               { id, progress }            a lookup's progress JSON (inspect.Progress)
//               { id, report }              a lookup's report JSON (inspect.Report),
//                                           or what a call returned
//               { id, error }
//               { violation }               a Content-Security-Policy violation here (the
//                                           worker has its own policy: its response's), for
//                                           the page to see as its own
//
// The answer is parsed here and sent in pieces of about `piece` fields, each
// its own message: the page takes each in a task of its own, so even a
// record of thousands of fields never holds its main thread for long.
const piece = 200;
let api = null;
let failed = null; // why wasm_exec.js did not load
const waiting = [];

self.addEventListener('securitypolicyviolation', (e) => self.postMessage({
  violation: {
    violatedDirective: e.violatedDirective, effectiveDirective: e.effectiveDirective, blockedURI: e.blockedURI,
    originalPolicy: e.originalPolicy, disposition: e.disposition, statusCode: e.statusCode,
  },
}));

self.onmessage = async ({ data }) => {
  if (data.exec) {
    try {
      importScripts(data.exec);
    } catch (err) {
      failed = err;
    }
    return;
  }
  if (data.module) {
    try {
      if (failed) throw failed;
      const go = new Go();
      const instance = await WebAssembly.instantiate(data.module, go.importObject);
      go.run(instance).catch(() => {}); // main blocks forever
      api = self.mxplain;
      if (!api || typeof api.explain !== 'function') throw new Error('the engine started but did not set mxplain');
      // The lookup engine runs one lookup in memory first (no query leaves
      // it), so that a person's first lookup does not pay for the first
      // run of its code.
      if (typeof api.warm === 'function') await api.warm();
    } catch (err) {
      self.postMessage({ failed: err && err.message || String(err) });
      return;
    }
    self.postMessage({ ready: api.version, types: typeof api.types === 'function' ? api.types() : '[]' });
    for (const m of waiting.splice(0)) answer(m);
    return;
  }
  if (api) answer(data);
  else waiting.push(data);
};

function answer(job) {
  if ('lookup' in job) lookup(job);
  else if ('call' in job) call(job);
  else explain(job);
}

// calls are the lookup engine's functions a call message may name, each
// what it is for in an error: they take strings and return one at once.
const calls = {
  lookupMarkdown: 'write Markdown',
  forms: 'list the builder\'s forms',
  build: 'build records',
};

// call answers mxplain[name](...args) as a report.
function call({ id, call: name, args = [] }) {
  if (!Object.hasOwn(calls, name)) {
    self.postMessage({ id, error: `the engine has no function ${name}` });
    return;
  }
  if (typeof api[name] !== 'function') {
    self.postMessage({ id, error: `this build of the engine cannot ${calls[name]}` });
    return;
  }
  try {
    self.postMessage({ id, report: api[name](...args.map(String)) });
  } catch (err) {
    self.postMessage({ id, error: `the engine failed to ${calls[name]}: ` + (err && err.message || String(err)) });
  }
}

// lookup runs a lookup; the engine's promise never rejects (a bad option
// gives a report that says so), but an engine without lookup does.
function lookup({ id, lookup: domain, opts }) {
  if (typeof api.lookup !== 'function') {
    self.postMessage({ id, error: 'this build of the engine cannot look domains up' });
    return;
  }
  api.lookup(domain, { ...opts, onProgress: (progress) => self.postMessage({ id, progress }) })
    .then((report) => self.postMessage({ id, report }), (err) => self.postMessage({ id, error: 'the lookup failed: ' + (err && err.message || String(err)) }));
}

function explain({ id, input, type }) {
  const t0 = performance.now();
  let ex;
  try {
    ex = JSON.parse(api.explain(input, type));
  } catch (err) {
    self.postMessage({ id, error: 'the explainer failed: ' + (err && err.message || String(err)) });
    return;
  }
  const ms = performance.now() - t0;
  const pieces = [];
  let batch = null;
  let size = 0;
  for (const rec of ex.records) {
    const fields = rec.fields || [];
    if (fields.length > piece) {
      rec.fields = [];
      pieces.push({ records: [rec] });
      for (let i = 0; i < fields.length; i += piece) pieces.push({ fields: fields.slice(i, i + piece) });
      batch = null;
      continue;
    }
    if (!batch || size + fields.length > piece) {
      batch = { records: [] };
      pieces.push(batch);
      size = 0;
    }
    batch.records.push(rec);
    size += fields.length + 1;
  }
  ex.records = [];
  self.postMessage({ id, head: ex, pieces: pieces.length, ms });
  for (const p of pieces) self.postMessage({ id, ...p });
}
