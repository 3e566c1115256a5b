// Shared by the browser tests and the page benchmark: start ./bin/mxplain
// serve on a free loopback port, and launch Debian's chromium with a fresh
// profile through playwright-core (never a downloaded browser).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, readdirSync, copyFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const root = fileURLToPath(new URL('..', import.meta.url));

// slowZones makes a folder for `mxplain serve --zones` with
// inspect/testdata's zones, every answer 50 ms late (the faults file's
// "slow", doh/zoneserver), and key.pem and cert.pem: a certificate for
// 127.0.0.1 made for the run, for a loopback HTTP/2 resolver in front of
// it. The caller removes the folder.
export function slowZones(prefix) {
  const zones = mkdtempSync(join(tmpdir(), prefix));
  for (const f of readdirSync(join(root, 'inspect', 'testdata')).filter((f) => f.endsWith('.zone'))) {
    copyFileSync(join(root, 'inspect', 'testdata', f), join(zones, f));
  }
  writeFileSync(join(zones, 'faults'), '*  slow\n');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    '-keyout', join(zones, 'key.pem'), '-out', join(zones, 'cert.pem')], { stdio: 'ignore' });
  return zones;
}

// forwardDoH answers a DoH GET (RFC 8484 §4.1, what mxplain sends) that
// reached a loopback proxy by asking target (mxplain serve's /dns-query),
// with CORS open as public resolvers have it.
export async function forwardDoH(target, req, res) {
  try {
    const r = await fetch(target + req.url, { headers: { accept: req.headers.accept || '' } });
    const body = Buffer.from(await r.arrayBuffer());
    res.writeHead(r.status, { 'access-control-allow-origin': '*', 'content-type': r.headers.get('content-type') || '', 'cache-control': r.headers.get('cache-control') || 'no-store' });
    res.end(body);
  } catch (err) {
    res.writeHead(502).end(String(err));
  }
}
// MXPLAIN_BIN: another build of the CLI (default ./bin/mxplain, from make build).
export const binary = process.env.MXPLAIN_BIN || join(root, 'bin', 'mxplain');
export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

// The launch flags from shared/RECIPES.md.
export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // Loopback only: a name (a public resolver the lookup view preconnects
  // to, say) resolves to nothing.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// startServer runs `mxplain serve --zones e2e/zones` (and args, such as
// --resolver URL) and waits for /healthz.
export async function startServer(args = []) {
  if (!existsSync(binary)) throw new Error(`${binary} is missing: run make build`);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = spawn(binary, ['serve', '--addr', `127.0.0.1:${port}`, '--zones', join(root, 'e2e', 'zones'), ...args], {
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  // Never leave the server behind, even when the test process dies.
  const reap = () => { if (proc.exitCode === null) proc.kill('SIGTERM'); };
  process.once('exit', reap);
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  const deadline = Date.now() + 15000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`mxplain serve exited ${proc.exitCode}: ${log}`);
    try {
      const r = await fetch(url + '/healthz');
      const health = await r.json();
      if (!health.wasm) throw new Error('bin/mxplain was built without the wasm: run make build');
      break;
    } catch (err) {
      if (/without the wasm/.test(err.message)) { proc.kill('SIGTERM'); throw err; }
      if (Date.now() > deadline) { proc.kill('SIGTERM'); throw new Error(`mxplain serve did not answer: ${log}`); }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    log: () => log,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGTERM');
      return exited; // a graceful shutdown exits 0
    },
  };
}

// serveAndLaunch starts ./bin/mxplain serve and chromium before a test
// file's tests and, after them, closes chromium and stops the server, which
// must exit 0 on SIGTERM. The tests read env.server and env.browser.
export function serveAndLaunch() {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    if (env.server) assert.equal(await env.server.stop(), 0, 'mxplain serve exits 0 on SIGTERM');
  });
  return env;
}

// launch starts chromium with a fresh --user-data-dir; close() removes it.
export async function launch(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'mxplain-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1200, height: 900 },
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// throttledPage opens a page of browser b (from launch) with its cache off and
// the network the published numbers are measured on: 10 Mbit/s each way and
// 40 ms round trips. It returns the page and its CDP session.
export async function throttledPage(b) {
  const page = b.context.pages()[0] || await b.context.newPage();
  const cdp = await b.context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8,
  });
  return { page, cdp };
}

// explainJSON is what `mxplain explain --json [--type T]` says about input:
// the tests check the page shows the engine's own answer.
export function explainJSON(input, type = '') {
  const args = ['explain', '--json'];
  if (type) args.push('--type', type);
  let out;
  try {
    out = execFileSync(binary, [...args, '-'], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  } catch (err) {
    if (err.status === 1) out = err.stdout; // error findings: still an explanation
    else throw err;
  }
  return JSON.parse(out);
}

// openPage opens url (the page of mxplain serve) in a new page of browser b
// (from launch), with page.errors collecting its script errors, and waits
// until the engine has loaded or failed.
export async function openPage(b, url) {
  const page = await b.context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.engine, null, { timeout: 30000 });
  return page;
}

// fullPageShot saves a screenshot of the whole page at path, or of the
// element selector names, whole however tall it is. The page skips laying
// out what is off screen (content-visibility: auto), which a full-page
// screenshot would show as empty boxes; for the shot, everything is laid
// out.
export async function fullPageShot(page, path, selector = null) {
  // The page's Content-Security-Policy allows no inline style sheet; the
  // CSSOM is not subject to it.
  const lazy = await page.evaluateHandle(() => [...document.querySelectorAll('*')].filter((e) => getComputedStyle(e).contentVisibility === 'auto'));
  await lazy.evaluate((es) => es.forEach((e) => { e.style.contentVisibility = 'visible'; }));
  const clip = selector ? await page.evaluate((sel) => {
    const r = document.querySelector(sel).getBoundingClientRect();
    return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height };
  }, selector) : undefined;
  await page.screenshot({ path, fullPage: true, clip });
  await lazy.evaluate((es) => es.forEach((e) => { e.style.contentVisibility = ''; }));
}

// spanText is the text of a byte span of input (UTF-8 offsets).
export function spanText(input, [s, e]) {
  return Buffer.from(input, 'utf8').subarray(s, e).toString('utf8');
}

// lookupJSON is what `mxplain lookup --json` says about domain when it asks
// the server's DoH endpoint: the lookup tests check the page shows the
// engine's own report.
export function lookupJSON(serverURL, domain, args = []) {
  let out;
  try {
    out = execFileSync(binary, ['lookup', '--json', '--resolver', serverURL + '/dns-query', ...args, domain], { encoding: 'utf8' });
  } catch (err) {
    if (err.stdout) out = err.stdout; // error findings or failed queries: still a report
    else throw err;
  }
  return JSON.parse(out);
}
