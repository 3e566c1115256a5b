// The page's lookup in Debian's chromium against a real DoH server: Knot
// DNS behind Unbound (internal/realdns, started by `go run ./e2e/realdns`),
// answering from the same fixtures as `mxplain serve --zones e2e/zones`.
// The page must show what `mxplain lookup` reports through the same server.
//
// Chromium trusts the test CA's server certificate by its public key
// (--ignore-certificate-errors-spki-list; nothing else is trusted that way).
// Unbound sends no CORS headers (Access-Control-Allow-Origin), so a page on
// another origin cannot read its answers in a browser; the public resolvers
// the page offers do send them. The test lifts the browser's CORS check
// (--disable-web-security) and nothing else: TLS, HTTP/2 and the DNS answers
// are Unbound's own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { root, binary, startServer, launch, chromiumArgs } from './harness.mjs';

let dns; // { url, ca, spki, proc }
let server;
let browser;

// startRealDNS runs the Go helper and reads the JSON line it prints once
// Knot and Unbound answer. Closing its stdin stops them.
async function startRealDNS() {
  const proc = spawn('go', ['run', './e2e/realdns', '-zones', 'e2e/zones', '-logs'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (d) => { log += d; });
  process.once('exit', () => { if (proc.exitCode === null) proc.kill('SIGTERM'); });
  const line = await new Promise((resolve, reject) => {
    const rl = createInterface({ input: proc.stdout });
    rl.once('line', resolve);
    proc.once('exit', (code) => reject(new Error(`go run ./e2e/realdns exited ${code}: ${log}`)));
    setTimeout(() => reject(new Error(`go run ./e2e/realdns did not start in 120 s: ${log}`)), 120000).unref();
  });
  return { ...JSON.parse(line), proc, log: () => log };
}

before(async () => {
  dns = await startRealDNS();
  server = await startServer(['--resolver', dns.url]);
  browser = await launch({
    args: [...chromiumArgs, `--ignore-certificate-errors-spki-list=${dns.spki}`, '--disable-web-security'],
  });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (dns) {
    const exited = new Promise((resolve) => dns.proc.once('exit', resolve));
    dns.proc.stdin.end();
    await exited;
  }
});

// lookupReal is `mxplain lookup --json` through Unbound, trusting its CA
// only (SSL_CERT_FILE replaced, not appended to).
function lookupReal(domain, args = []) {
  const out = execFileSync(binary, ['lookup', '--json', '--resolver', dns.url, ...args, domain], {
    encoding: 'utf8', env: { ...process.env, SSL_CERT_FILE: dns.ca },
  });
  return JSON.parse(out);
}

test('the page looks a domain up through Knot behind Unbound', async () => {
  const want = lookupReal('shop.acme.test', ['--selector', 's2026']);
  assert.equal(want.errors.length, 0, 'Unbound answers every query of the CLI');

  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const asked = [];
  page.on('request', (r) => { if (r.url().startsWith(dns.url)) asked.push(r.url()); });
  await page.goto(server.url + '/#view=lookup');
  await page.waitForFunction(() => document.documentElement.dataset.engine, null, { timeout: 30000 });
  await page.fill('#domain', 'shop.acme.test');
  await page.locator('#lookup-more summary').click();
  await page.fill('#selectors', 's2026');
  await page.click('#lookup-go');
  await page.waitForSelector('#lookup-results .report-title', { timeout: 30000 });

  assert.ok(asked.length >= 20, `the page asked Unbound (${asked.length} queries)`);
  assert.equal(await page.locator('#lookup-results .alert.warn').count(), 0, 'no query failed');
  const hosts = await page.$$eval('#lk-mx .mx-hosts li', (ls) => ls.map((l) => l.querySelector('.exchange').textContent));
  assert.deepEqual(hosts, want.mx.hosts.map((h) => h.exchange));
  assert.equal(await page.locator('#lk-spf .lookups').textContent(), `${want.spf.dns_lookups}/10 DNS lookups`);
  assert.deepEqual(await page.$$eval('#lk-spf .networks code', (cs) => cs.map((c) => c.textContent)), want.spf.networks);
  assert.equal(await page.locator('#lk-dmarc .policy-domain').textContent(), '_dmarc.acme.test');
  assert.equal(await page.locator('#lk-dmarc .policy').textContent(), want.dmarc.policy);
  const owners = await page.$$eval('#lk-dkim .record .owner', (os) => os.map((o) => o.textContent));
  assert.deepEqual(owners.sort(), Object.keys(want.dkim).map((s) => `${s}._domainkey.shop.acme.test.`).sort());
  assert.deepEqual(errors, []);
  await page.close();
});
