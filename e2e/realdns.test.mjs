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
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { root, binary, startServer, launch, chromiumArgs, fullPageShot } from './harness.mjs';

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
  // Exit status 1 is a report with error findings: it is still the report.
  let out;
  try {
    out = execFileSync(binary, ['lookup', '--json', '--resolver', dns.url, ...args, domain], {
      encoding: 'utf8', env: { ...process.env, SSL_CERT_FILE: dns.ca },
    });
  } catch (e) {
    if (e.status !== 1) throw e;
    out = e.stdout;
  }
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

// lookUpReal opens the page's lookup of domain through Unbound and waits
// for its report.
async function lookUpReal(domain, viewport = { width: 1200, height: 900 }) {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize(viewport);
  await page.goto(server.url + '/#view=lookup&domain=' + encodeURIComponent(domain));
  await page.waitForSelector('#lookup-results .report-title', { timeout: 30000 });
  await page.waitForSelector('#path-domain .mail-path');
  return { page, errors };
}

// pathState reads the diagram and its text alternative as drawn.
async function pathState(page) {
  return page.evaluate(() => {
    const fig = document.querySelector('#path-domain .mail-path');
    const steps = [...fig.querySelectorAll('svg .path-step')];
    return {
      svgSteps: steps.map((g) => ({ step: g.dataset.step, status: g.dataset.status, text: [...g.querySelectorAll('text')].map((t) => t.textContent).join(' ') })),
      chips: steps.map((g) => [...g.querySelectorAll('a.path-chip')].map((a) => a.getAttribute('href'))),
      textSteps: [...fig.querySelectorAll('.path-text > ol > li')].map((li) => ({ step: li.dataset.step, status: li.dataset.status, text: li.textContent })),
      labelledBy: fig.querySelector('svg').getAttribute('aria-labelledby'),
      caption: fig.querySelector('figcaption').id,
      width: fig.querySelector('svg').getBoundingClientRect().width,
      generalListShown: getComputedStyle(document.querySelector('#path > ol')).display !== 'none',
    };
  });
}

// checkPath checks that the page draws the engine's path of want (the
// CLI's report through the same server): each step in the diagram and in
// the text alternative, with its status, its sentences and links to the
// sections it rests on.
function checkPath(state, want) {
  assert.equal(state.svgSteps.length, want.path.length);
  assert.equal(state.labelledBy, state.caption, 'the diagram is labelled by its caption');
  assert.equal(state.generalListShown, false, 'the diagram takes the general list\u2019s place');
  want.path.forEach((s, i) => {
    for (const drawn of [state.svgSteps[i], state.textSteps[i]]) {
      assert.equal(drawn.step, s.step);
      assert.equal(drawn.status, s.status, `${s.step}: status`);
      assert.ok(drawn.text.replace(/\s+/g, ' ').includes(s.title), `${s.step}: title`);
      for (const say of s.says) assert.ok(drawn.text.replace(/\s+/g, ' ').includes(say.replace(/\s+/g, ' ')), `${s.step}: says ${say}`);
    }
    assert.ok(state.textSteps[i].text.includes(s.does), `${s.step}: the text alternative says what the actor does`);
    assert.deepEqual(state.chips[i], s.parts.map((p) => `#lk-${p}`), `${s.step}: links to its sections`);
  });
}

test('the path of a message for a domain with everything: DNSSEC, DANE, SRV', async () => {
  const want = lookupReal('dane.test');
  assert.equal(want.dnssec.status, 'validated', 'Unbound validates dane.test');
  assert.deepEqual(want.dane.hosts.map((h) => h.status), ['protected', 'protected']);
  assert.deepEqual(want.srv.submit.map((s) => s.service), ['_submissions._tcp', '_submission._tcp']);
  assert.deepEqual(want.path.map((s) => s.status), ['ok', 'ok', 'ok', 'ok', 'none', 'ok']);
  const { page, errors } = await lookUpReal('dane.test');
  checkPath(await pathState(page), want);
  // Each section says how much of it the resolver validated.
  assert.equal(await page.locator('#lk-mx .part-dnssec').textContent(), 'DNSSEC-validated');
  assert.deepEqual(await page.$$eval('#lk-dane .dane-host', (ls) => ls.map((l) => l.dataset.status)), ['protected', 'protected']);
  assert.deepEqual(await page.$$eval('#lk-srv .srv-servers li', (ls) => ls.map((l) => l.dataset.service)), ['_submissions._tcp', '_submission._tcp', '_imaps._tcp']);
  // A step's link opens its section and moves focus to its heading.
  await page.locator('#path-domain a.path-chip[data-part="dane"]').click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'lk-dane-title');
  assert.equal(await page.locator('#lk-dane details.part-fold').getAttribute('open'), '');
  const shots = join(root, 'build', 'screenshots');
  mkdirSync(shots, { recursive: true });
  await fullPageShot(page, join(shots, 'path-dane-desktop.png'), '#path');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the path of a message on a phone, and for a null MX and for broken DANE', async () => {
  const shots = join(root, 'build', 'screenshots');
  mkdirSync(shots, { recursive: true });
  for (const [domain, check] of [
    ['dane.test', (want) => assert.equal(want.dnssec.status, 'validated')],
    ['nullmx.test', (want) => {
      assert.ok(want.mx.null_mx);
      assert.deepEqual(want.path.map((s) => s.status).slice(2), ['skipped', want.path[3].status, 'skipped', 'skipped']);
      assert.match(want.path[2].says[0], /takes no mail \(null MX\)/);
    }],
    ['baddane.test', (want) => {
      assert.equal(want.dnssec.status, 'unsigned');
      assert.equal(want.dane.hosts[0].status, 'tlsa_unvalidated');
      assert.equal(want.path[2].status, 'error', 'the TLS step is broken');
      assert.ok(want.findings.some((f) => f.code === 'report.dane.tlsa_unvalidated'));
    }],
  ]) {
    const want = lookupReal(domain);
    check(want);
    const { page, errors } = await lookUpReal(domain, { width: 390, height: 844 });
    const state = await pathState(page);
    checkPath(state, want);
    assert.ok(state.width <= 390, `the diagram fits a phone (${state.width}px)`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page wider than the phone by ${overflow}px`);
    await fullPageShot(page, join(shots, `path-${domain.replace('.test', '')}-phone.png`), '#path');
    assert.deepEqual(errors, []);
    await page.close();
  }
});
