// Where a page lookup's time goes, with bench.mjs part 5's setup (50 ms per
// DoH answer, HTTP/2 and TLS proxy, news.corp.test with three selectors).
// A diagnostic, not a test (make build first; MXPLAIN_BIN picks a binary):
//   node e2e/profile-lookup.mjs [--runs N] [--mode warm|bench] [--sched]
//        [--verbose] [--profile [--interval µs] [--save]] [--fetchlog]
//        [--noprogress] [--fetchbench] [--trace] [--infra] [--json out.json]
// --mode warm (default): the lookup view open 1.5 s (resolver preconnected)
// before the form is submitted; bench: as bench.mjs, the hash sets it.
// Each run is a fresh chromium. Per run it prints the lookup's duration, the
// critical chain (news.corp.test TXT → _spf → _spf2 → _spf3: the proxy's
// time per query, the gaps between an answer and the next query) and with
// --sched every browser thread's CPU time and run-queue wait over the lookup
// (/proc/<pid>/task/<tid>/schedstat), which CPU contention on a shared
// machine skews far less than the wall time. --profile: the lookup worker's
// V8 CPU profile by category (Go wasm functions are named only in a build
// without -ldflags=-s); --fetchlog: the worker's fetch calls and responses;
// --noprogress: the lookup without progress callbacks; --trace: a chromium
// trace (heavy: it slows the lookup several times over).
import { writeFileSync, mkdtempSync, readdirSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { createSecureServer } from 'node:http2';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { root, startServer, chromiumArgs, chromiumPath, slowZones, forwardDoH } from './harness.mjs';

const require = createRequire(import.meta.url);
const { ws: WebSocket } = require('playwright-core/lib/utilsBundle');

const argv = process.argv.slice(2);
const flag = (n) => argv.includes('--' + n);
const opt = (n, d) => { const i = argv.indexOf('--' + n); return i >= 0 ? argv[i + 1] : d; };
const RUNS = Number(opt('runs', 5));
const MODE = opt('mode', 'warm');
const PROFILE = flag('profile');
const FETCHLOG = flag('fetchlog');
const NOPROGRESS = flag('noprogress');
const TRACE = flag('trace');
const NEEDCDP = TRACE || PROFILE || FETCHLOG || NOPROGRESS || flag('fetchbench');
const INTERVAL = Number(opt('interval', 100)); // µs
const now = () => performance.timeOrigin + performance.now(); // epoch ms

const latency = 50;
const zones = slowZones('mxplain-prof-zones-');

function qname(b64) {
  try {
    const b = Buffer.from(b64.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    let i = 12; const labels = [];
    while (b[i]) { labels.push(b.subarray(i + 1, i + 1 + b[i]).toString()); i += b[i] + 1; }
    const t = b.readUInt16BE(i + 1);
    const types = { 1: 'A', 28: 'AAAA', 15: 'MX', 16: 'TXT', 5: 'CNAME', 2: 'NS', 6: 'SOA', 257: 'CAA', 65: 'HTTPS', 64: 'SVCB' };
    return labels.join('.') + ' ' + (types[t] || t);
  } catch { return '?'; }
}

let target = '';
let log = [];
let sessions = 0;
const proxy = createSecureServer({ key: readFileSync(join(zones, 'key.pem')), cert: readFileSync(join(zones, 'cert.pem')) }, async (req, res) => {
  const arrive = now();
  const q = qname(new URL(req.url, 'https://x').searchParams.get('dns') || '');
  await forwardDoH(target, req, res);
  log.push({ q, arrive, answer: now() });
});
proxy.on('session', () => { sessions++; });
await new Promise((r) => proxy.listen(0, '127.0.0.1', r));
const resolver = `https://127.0.0.1:${proxy.address().port}/dns-query`;
const srv = await startServer(['--zones', zones, '--resolver', resolver]);
target = srv.url;
const selectors = 'news2024a,news2024b,news2024c';

// A minimal CDP client on the browser's websocket (flattened sessions).
function cdpConnect(url) {
  const sock = new WebSocket(url, { perMessageDeflate: false, maxPayload: 1 << 30 });
  let id = 0;
  const pending = new Map();
  const listeners = [];
  sock.on('message', (d) => {
    const m = JSON.parse(d);
    if (m.id && pending.has(m.id)) {
      const { resolve, reject } = pending.get(m.id); pending.delete(m.id);
      m.error ? reject(new Error(JSON.stringify(m.error))) : resolve(m.result);
    } else if (m.method) for (const l of listeners) l(m);
  });
  return new Promise((resolve, reject) => {
    sock.on('error', reject);
    sock.on('open', () => resolve({
      send(method, params = {}, sessionId) {
        const msg = { id: ++id, method, params };
        if (sessionId) msg.sessionId = sessionId;
        sock.send(JSON.stringify(msg));
        return new Promise((res, rej) => pending.set(msg.id, { resolve: res, reject: rej }));
      },
      on(f) { listeners.push(f); },
      close() { sock.close(); },
    }));
  });
}

function categorize(node) {
  const { functionName: f, url } = node.callFrame;
  if (f === '(idle)') return 'idle';
  if (f === '(garbage collector)') return 'v8 gc';
  if (f === '(program)') return 'program';
  if (f === '(root)') return 'root';
  if (/\.wasm|^wasm:/.test(url) || node.wasm) {
    // Go wasm function: by package.
    return 'go';
  }
  if (/wasm_exec\.js/.test(url)) return 'js glue (wasm_exec.js)';
  if (/engine-worker\.js/.test(url)) return 'js engine-worker.js';
  if (url === '') return 'native: ' + f;
  return 'js other: ' + url.split('/').pop();
}

function goPkg(f) {
  // "github.com/miekg/dns.(*Msg).Unpack" → "github.com/miekg/dns"
  let name = f.replace(/^\$/, '');
  const slash = name.lastIndexOf('/');
  const dot = name.indexOf('.', slash + 1);
  return dot > 0 ? name.slice(0, dot) : name;
}

function analyze(profile, t0Ticks, t1Ticks) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const cat = {}; const goSelf = {}; const goPkgs = {}; const incl = {};
  let t = profile.startTime;
  const timeline = [];
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const dt = (profile.timeDeltas[i + 1] ?? INTERVAL) / 1000; // ms this sample stands for
    if (t < t0Ticks || t > t1Ticks) continue;
    const n = byId.get(profile.samples[i]);
    let c = categorize(n);
    // A JS/native leaf called from Go: glue.
    cat[c] = (cat[c] || 0) + dt;
    if (c === 'go') {
      goSelf[n.callFrame.functionName] = (goSelf[n.callFrame.functionName] || 0) + dt;
      const p = goPkg(n.callFrame.functionName);
      goPkgs[p] = (goPkgs[p] || 0) + dt;
    }
    // inclusive time of interesting Go frames
    const seen = new Set();
    for (let id = n.id; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id).callFrame.functionName;
      for (const key of INCL) if (f.startsWith(key) && !seen.has(key)) { seen.add(key); incl[key] = (incl[key] || 0) + dt; }
    }
    timeline.push({ t: (t - t0Ticks) / 1000, c, f: n.callFrame.functionName });
  }
  const top = (o, k = 25) => Object.entries(o).sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, v]) => [n, +v.toFixed(1)]);
  return { cat: top(cat, 40), goSelf: top(goSelf, 30), goPkgs: top(goPkgs, 25), incl: top(incl, 40), timeline };
}

const INCL = [
  'encoding/json.Marshal', 'encoding/json.', 'github.com/miekg/dns.', 'github.com/mxplain/mxplain/inspect.', 'github.com/mxplain/mxplain/doh.',
  'github.com/mxplain/mxplain/parsers', 'syscall/js.', 'runtime.gcStart', 'runtime.gcBgMarkWorker', 'runtime.mallocgc', 'runtime.scanobject',
  'runtime.schedule', 'runtime.findRunnable', 'runtime.handleEvent', 'runtime.resume', 'runtime.wasmExit', 'main.lookupJSON', 'main.lookup',
  'github.com/mxplain/mxplain/inspect.Domain', 'github.com/mxplain/mxplain/inspect.(*Report).', 'github.com/mxplain/mxplain/inspect.crossFindings',
  'github.com/mxplain/mxplain/inspect.partFindings', 'regexp.', 'fmt.', 'sort.', 'strings.', 'net/url.', 'encoding/base64.', 'time.', 'context.',
  'runtime.gcDrain', 'runtime.memclr', 'runtime.growslice', 'runtime.mapassign', 'runtime.newobject', 'runtime.makeslice', 'runtime.sweepone', 'runtime.bgsweep',
  'runtime.gcMarkTermination', 'runtime.markroot',
];

// schedstat of every thread of the processes whose command line has one of
// marks: CPU ns run and ns waited for a CPU, by process kind and thread name.
function snap(marks) {
  const out = {};
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let cmd;
    try { cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '); } catch { continue; }
    if (!marks.some((m) => cmd.includes(m))) continue;
    const kind = pid == process.pid ? 'node-proxy' : /mxplain/.test(cmd.split(' ')[0]) ? 'mxplain-serve' : (cmd.match(/--type=(\S+)/)?.[1] || 'browser') + (cmd.includes('NetworkService') ? ':network' : '');
    let tasks; try { tasks = readdirSync(`/proc/${pid}/task`); } catch { continue; }
    for (const tid of tasks) {
      try {
        const comm = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
        const [run, wait] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
        out[`${pid}/${tid}`] = { kind, comm, run, wait };
      } catch { /* gone */ }
    }
  }
  return out;
}
function snapDiff(a, b) {
  const agg = {};
  for (const [k, v] of Object.entries(b)) {
    const r = v.run - (a[k]?.run || 0), w = v.wait - (a[k]?.wait || 0);
    if (r + w < 1e5) continue;
    const key = `${v.kind}:${v.comm.replace(/\d+$/, '#')}`;
    agg[key] ||= { run: 0, wait: 0 };
    agg[key].run += r / 1e6; agg[key].wait += w / 1e6;
  }
  return Object.entries(agg).sort((x, y) => y[1].run - x[1].run).map(([k, v]) => [k, +v.run.toFixed(1), +v.wait.toFixed(1)]);
}

async function oneRun(i) {
  const dir = mkdtempSync(join(tmpdir(), 'mxplain-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath, headless: true,
    args: [...chromiumArgs, '--ignore-certificate-errors', '--remote-debugging-port=0', ...(process.env.EXTRA_ARGS ? process.env.EXTRA_ARGS.split(' ') : [])],
    ignoreHTTPSErrors: true, viewport: { width: 1200, height: 900 },
  });
  const out = { run: i };
  let cdp;
  try {
    const page = context.pages()[0] || await context.newPage();
    // The browser's websocket, to reach the worker.
    let port;
    for (let k = 0; k < 50 && !port; k++) {
      if (existsSync(join(dir, 'DevToolsActivePort'))) port = readFileSync(join(dir, 'DevToolsActivePort'), 'utf8').split('\n');
      else await new Promise((r) => setTimeout(r, 50));
    }
    const workers = new Map(); // sessionId → url
    if (NEEDCDP) {
      cdp = await cdpConnect(`ws://127.0.0.1:${port[0]}${port[1]}`);
      cdp.on((m) => {
        if (m.method === 'Target.attachedToTarget') {
          const { sessionId, targetInfo } = m.params;
          if (targetInfo.type === 'worker') workers.set(sessionId, targetInfo);
          // Auto-attach below the page, and let it run.
          cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true }, sessionId).catch(() => {});
          cdp.send('Runtime.runIfWaitingForDebugger', {}, sessionId).catch(() => {});
        }
      });
      const { targetInfos } = await cdp.send('Target.getTargets');
      const pt = targetInfos.find((t) => t.type === 'page');
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: pt.targetId, flatten: true });
      await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true }, sessionId);
    }
    await page.goto(MODE === 'bench' ? `${srv.url}/#record=${encodeURIComponent('v=spf1 -all')}` : `${srv.url}/#view=lookup`);
    if (MODE === 'bench') {
      await page.waitForFunction(() => performance.getEntriesByName('mxplain:lookup-engine-started').length > 0, null, { timeout: 60000 });
    } else {
      await page.waitForFunction(() => !document.getElementById('lookup-go').disabled, null, { timeout: 60000 });
      await page.waitForFunction(() => performance.getEntriesByName('mxplain:lookup-engine-started').length > 0, null, { timeout: 60000 });
      await new Promise((r) => setTimeout(r, 1500));
    }
    // Which worker is the lookup engine's: the one with mxplain.lookup.
    let lookupSession = null;
    for (const [s] of workers) {
      try {
        const r = await cdp.send('Runtime.evaluate', { expression: 'typeof self.mxplain?.lookup', returnByValue: true }, s);
        if (r.result.value === 'function') lookupSession = s;
      } catch { /* not ready */ }
    }
    if (NEEDCDP && !lookupSession) throw new Error(`no lookup worker among ${workers.size}`);
    if (NOPROGRESS) {
      await cdp.send('Runtime.evaluate', { expression: `(() => { const l = self.mxplain.lookup; self.mxplain.lookup = (d, o) => l(d, { ...o, onProgress: undefined }); })()` }, lookupSession);
    }
    if (FETCHLOG) {
      await cdp.send('Runtime.evaluate', { expression: `(() => {
        const f = self.fetch; self.__fl = [];
        self.fetch = function (url, init) {
          const e = { q: url, call: performance.timeOrigin + performance.now() }; self.__fl.push(e);
          const p = f.call(this, url, init);
          p.then(() => { e.resp = performance.timeOrigin + performance.now(); }, () => {});
          return p;
        };
      })()` }, lookupSession);
    }
    let ticks0;
    if (PROFILE) {
      await cdp.send('Profiler.enable', {}, lookupSession);
      await cdp.send('Profiler.setSamplingInterval', { interval: INTERVAL }, lookupSession);
      await cdp.send('Profiler.start', {}, lookupSession);
    }
    log = [];
    const marks = [dir, zones, process.argv[1]];
    const traceEvents = [];
    let traceDone;
    if (TRACE) {
      const done = new Promise((r) => { traceDone = r; });
      cdp.on((m) => { if (m.method === 'Tracing.dataCollected') traceEvents.push(...m.params.value); if (m.method === 'Tracing.tracingComplete') traceDone(); });
      traceDone.p = done;
      await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { recordMode: 'recordAsMuchAsPossible',
        includedCategories: ['toplevel', 'v8', 'v8.wasm', 'disable-by-default-v8.gc', 'devtools.timeline', 'cc', 'blink', 'viz', 'gpu', 'loading', 'netlog', 'disable-by-default-devtools.timeline', 'v8.execute', 'disable-by-default-v8.compile', 'disable-by-default-v8.wasm.detailed', 'disable-by-default-v8.wasm.turbofan'] } });
    }
    const s0 = snap(marks);
    const t0 = await page.evaluate((hash) => {
      if (hash) { location.hash = hash; return performance.timeOrigin + performance.now(); }
      document.getElementById('domain').value = 'news.corp.test';
      document.getElementById('lookup-more').open = true;
      document.getElementById('selectors').value = 'news2024a,news2024b,news2024c';
      const t = performance.timeOrigin + performance.now();
      document.getElementById('lookup-form').requestSubmit();
      return t;
    }, MODE === 'bench' ? `#view=lookup&domain=news.corp.test&selectors=${selectors}` : '');
    await page.waitForFunction(() => performance.getEntriesByName('mxplain:lookup').length === 1, null, { timeout: 60000 });
    const s1 = snap(marks);
    if (TRACE) {
      const done = traceDone.p;
      await cdp.send('Tracing.end');
      await done;
      writeFileSync(join(tmpdir(), `trace-${i}.json`), JSON.stringify({ traceEvents }));
      // Complete events and B/E pairs: self-less total per (thread, name), top level only per thread.
      const names = {}; const tname = {};
      for (const e of traceEvents) if (e.ph === 'M' && e.name === 'thread_name') tname[e.pid + '/' + e.tid] = e.args.name;
      const t0us = (t0 - performance.timeOrigin) * 1000; // not the same clock: use min ts instead
      const agg = {};
      for (const e of traceEvents) {
        if (e.ph !== 'X' || !e.dur) continue;
        const th = (tname[e.pid + '/' + e.tid] || e.tid).replace(/\d+$/, '#');
        if (!/ThreadPool|DedicatedWorker|CrRendererMain|Compositor/.test(th)) continue;
        const k = th + ' | ' + e.name;
        agg[k] = (agg[k] || 0) + e.dur / 1000;
      }
      out.trace = Object.entries(agg).sort((a, b) => b[1] - a[1]).slice(0, 60).map(([k, v]) => [k, +v.toFixed(1)]);
    }
    out.sched = snapDiff(s0, s1);
    const m = await page.evaluate(() => { const e = performance.getEntriesByName('mxplain:lookup')[0]; return { start: performance.timeOrigin + e.startTime, dur: e.duration }; });
    const report = await page.locator('#lookup-results .report-title').textContent();
    if (!/news\.corp\.test/.test(report)) throw new Error(`not news.corp.test's report: ${report}`);
    out.ms = m.dur;
    out.start = m.start;
    const rel = (x) => +(x - m.start).toFixed(1);
    const q = log.slice().sort((a, b) => a.arrive - b.arrive);
    out.queries = q.length;
    out.firstQuery = q.length ? rel(q[0].arrive) : null;
    out.lastAnswer = q.length ? rel(Math.max(...q.map((e) => e.answer))) : null;
    out.proxy = q.map((e) => [rel(e.arrive), rel(e.answer), e.q]);
    // The critical chain: news.corp.test TXT → _spf → _spf2 → _spf3.
    const chain = ['news.corp.test TXT', '_spf.corp.test TXT', '_spf2.corp.test TXT', '_spf3.corp.test TXT'].map((n) => q.find((e) => e.q === n));
    if (chain.every(Boolean)) {
      out.chain = { first: rel(chain[0].arrive), server: chain.map((e) => +(e.answer - e.arrive).toFixed(1)),
        gaps: chain.slice(1).map((e, k) => +(e.arrive - chain[k].answer).toFixed(1)), tail: +(m.start + m.dur - chain[3].answer).toFixed(1) };
    }
    const st = q.map((e) => e.answer - e.arrive).sort((a, b) => a - b);
    out.serverMedian = +st[st.length >> 1].toFixed(1); out.serverMax = +st.at(-1).toFixed(1);
    out.pressure = readFileSync('/proc/pressure/cpu', 'utf8').split('\n')[0].split(' ')[1];
    if (FETCHLOG) {
      const r = await cdp.send('Runtime.evaluate', { expression: 'JSON.stringify(self.__fl)', returnByValue: true }, lookupSession);
      out.fetch = JSON.parse(r.result.value).map((e) => [rel(e.call), e.resp ? rel(e.resp) : null, qname(new URL(e.q, 'https://x').searchParams.get('dns') || e.q)]);
    }
    if (flag('fetchbench')) {
      const r = await cdp.send('Runtime.evaluate', { awaitPromise: true, returnByValue: true, expression: `(async () => {
        const url = ${JSON.stringify(resolver)} + '?dns=AAABAAABAAAAAAAAA25ld3MEY29ycAR0ZXN0AAAQAAE';
        const out = {};
        for (const [name, mk] of [
          ['plain', () => fetch(url)],
          ['init', () => { const ac = new AbortController(); return fetch(url, { method: 'GET', redirect: 'manual', headers: { Accept: 'application/dns-message' }, signal: ac.signal }); }],
        ]) {
          const ps = []; const t = performance.now();
          for (let i = 0; i < 30; i++) ps.push(mk());
          const sync = (performance.now() - t) / 30;
          await Promise.all(ps.map((p) => p.then((r) => r.arrayBuffer())));
          out[name] = { syncPerFetchMs: +sync.toFixed(3), allDoneMs: +(performance.now() - t).toFixed(1) };
        }
        return JSON.stringify(out);
      })()` }, lookupSession);
      out.fetchbench = r.result.value;
    }
    if (PROFILE) {
      const { profile } = await cdp.send('Profiler.stop', {}, lookupSession);
      // Profile ticks: align the lookup window by the profile's end ≈ now.
      // Better: startTime is when Profiler.start ran; we align with the
      // worker's clock through a sample-free estimate, so use the whole
      // profile and the page's window relative to its start.
      const wall = await cdp.send('Runtime.evaluate', { expression: 'performance.timeOrigin + performance.now()', returnByValue: true }, lookupSession);
      // endTime (µs ticks) corresponds roughly to the moment of stop.
      const endEpoch = wall.result.value;
      const off = endEpoch * 1000 - profile.endTime; // epoch µs - ticks
      const a = analyze(profile, m.start * 1000 - off, (m.start + m.dur) * 1000 - off);
      out.profile = a;
      if (flag('save')) writeFileSync(join(tmpdir(), `prof-${i}.cpuprofile`), JSON.stringify(profile));
    }
  } finally {
    cdp?.close();
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

const runs = [];
if (flag('infra')) {
  const { execFile } = await import('node:child_process');
  const run = (args) => new Promise((res, rej) => execFile('curl', args, { encoding: 'utf8' }, (e, o, er) => e ? rej(new Error(er)) : res(o)));
  const names = ['news.corp.test', '_dmarc.news.corp.test', 'a._domainkey.news.corp.test', 'b._domainkey.news.corp.test', 'c._domainkey.news.corp.test'];
  const wire = (n, id) => { const b = [0, id & 255, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0]; for (const l of n.split('.')) { b.push(l.length, ...Buffer.from(l)); } b.push(0, 0, 16, 0, 1); return Buffer.from(b).toString('base64url'); };
  for (let k = 0; k < 3; k++) {
    const urls = []; for (let i = 0; i < 30; i++) urls.push(resolver + '?dns=' + wire(names[i % 5], i + k * 40));
    log = [];
    const t = now();
    await run(['-sk', '--http2', '--parallel', '--parallel-immediate', '--parallel-max', '50', '-o', '/dev/null', ...urls.flatMap((u) => ['-o', '/dev/null', u])].filter((x, i, a) => !(x === '-o' && a[i + 1] === '/dev/null' && i === 3)));
    const all = now() - t;
    const q = log.sort((a, b) => a.arrive - b.arrive);
    const t1 = now();
    // 4 dependent, one connection: curl --next reuses it
    await run(['-sk', '--http2', ...[0, 1, 2, 3].flatMap((i) => ['-o', '/dev/null', resolver + '?dns=' + wire(names[i], 200 + i + k * 10)])]);
    console.log(`infra: 30 parallel curl (one h2 conn): ${all.toFixed(0)} ms incl. curl start; at proxy ${(q.at(-1).arrive - q[0].arrive).toFixed(1)} ms arrival spread, proxy time per query median ${q.map((e) => e.answer - e.arrive).sort((a, b) => a - b)[15].toFixed(1)} max ${Math.max(...q.map((e) => e.answer - e.arrive)).toFixed(1)}; 4 sequential: ${(now() - t1).toFixed(0)} ms; pressure ${readFileSync('/proc/pressure/cpu', 'utf8').split('\n')[0]}`);
  }
}
try {
  for (let i = 0; i < RUNS; i++) {
    const r = await oneRun(i);
    runs.push(r);
    console.log(`run ${i} (load ${loadavg()[0].toFixed(1)}): ${r.ms.toFixed(1)} ms, ${r.queries} queries, first query at ${r.firstQuery} ms, last answer at ${r.lastAnswer} ms`);
    if (flag('verbose')) {
      for (const p of r.proxy) console.log('   proxy', p.join('  '));
      for (const p of r.fetch || []) console.log('   fetch', p.join('  '));
    }
    console.log(`   chain ${JSON.stringify(r.chain)} proxy time per query median ${r.serverMedian} max ${r.serverMax}; cpu ${r.pressure}`);
    if (flag('sched')) console.log('   sched [thread, run ms, wait ms]', JSON.stringify(r.sched.slice(0, 12)));
    if (r.trace) for (const t of r.trace) console.log('   trace', t[1], t[0]);
    if (r.fetchbench) console.log('   fetchbench', r.fetchbench);
    if (r.profile && flag('verbose')) {
      console.log('   categories', JSON.stringify(r.profile.cat));
      console.log('   go pkgs (self)', JSON.stringify(r.profile.goPkgs));
      console.log('   go self', JSON.stringify(r.profile.goSelf));
      console.log('   inclusive', JSON.stringify(r.profile.incl));
    }
  }
} finally {
  await srv.stop();
  proxy.close();
  rmSync(zones, { recursive: true });
}
const med = (a) => { const s = a.slice().sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
console.log(`median ${med(runs.map((r) => r.ms)).toFixed(1)} ms (${runs.map((r) => Math.round(r.ms)).join(', ')}); first query median ${med(runs.map((r) => r.firstQuery)).toFixed(1)} ms; last answer median ${med(runs.map((r) => r.lastAnswer)).toFixed(1)} ms; queries ${runs.map((r) => r.queries).join(',')}`);
if (opt('json')) writeFileSync(opt('json'), JSON.stringify(runs, null, 1));
