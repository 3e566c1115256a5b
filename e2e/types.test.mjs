// The newer record types (MTA-STS record and policy file, TLS-RPT, BIMI,
// TLSA, SRV)
// everywhere the page shows records, in Debian's chromium against
// ./bin/mxplain serve --zones e2e/zones: the paste view, the lookup view
// (secure.test, e2e/zones/secure.zone) and the <mxplain-record> element on
// a docs page of another origin. No script of the page lists these types
// (static/typelist_test.go): what is checked here is that they come from
// the engine (its types, the report's parts) and are drawn as the others.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root, startServer, launch, openPage, explainJSON, lookupJSON, spanText, fullPageShot } from './harness.mjs';
import { startDocs } from './embed/docs-server.mjs';

const shots = join(root, 'build', 'screenshots');

let server;
let docs;
let browser;

before(async () => {
  server = await startServer();
  docs = await startDocs(server.url);
  browser = await launch();
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await docs?.close();
  if (server) assert.equal(await server.stop(), 0, 'mxplain serve exits 0 on SIGTERM');
});

// open returns a page of the server, its engine loaded.
async function open(hash = '') {
  const page = await openPage(browser, server.url + '/' + hash);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.engine), 'ready');
  return page;
}

// recordsIn is every explained record in a value of the report JSON, each
// once (a section lists the records at a name and the one in use).
function recordsIn(v, out = new Map()) {
  if (!v || typeof v !== 'object') return [...out.values()];
  if (Array.isArray(v)) v.forEach((x) => recordsIn(x, out));
  else if (Array.isArray(v.fields) && Array.isArray(v.findings) && typeof v.value === 'string') out.set(JSON.stringify([v.type, v.owner, v.value]), v);
  else Object.values(v).forEach((x) => recordsIn(x, out));
  return [...out.values()];
}

const secure = {
  'mta-sts': 'v=STSv1; id=20261202T0100;',
  'tls-rpt': 'v=TLSRPTv1; rua=mailto:tls-reports@secure.test',
  bimi: 'v=BIMI1; l=https://secure.test/brand/logo.svg;',
};

describe('the paste view', () => {
  const cases = [
    { name: 'an MTA-STS record', type: 'mta-sts', input: '_mta-sts.example.org. 300 IN TXT "v=STSv1; id=20261202T0100;"' },
    { name: 'a pasted MTA-STS policy file', type: 'mta-sts-policy', input: 'version: STSv1\nmode: enforce\nmx: mx1.example.org\nmx: *.mail.example.net\nmax_age: 604800\n' },
    { name: 'a TLS-RPT record', type: 'tls-rpt', input: '_smtp._tls.example.org. 300 IN TXT "v=TLSRPTv1; rua=mailto:tls@example.org,https://reports.example.net/v1/tlsrpt"' },
    { name: 'a BIMI value, read as BIMI with the type picker', type: 'bimi', pick: true, input: 'v=BIMI1; l=https://example.org/brand/logo.svg; a=;' },
    { name: 'a DANE TLSA record, usage PKIX-EE (unusable for SMTP)', type: 'tlsa', input: '_25._tcp.mx1.example.org. 300 IN TLSA 1 1 1 845f5365118daaa4d38f76739fe7c12b9d813e271f7b1740f28852e7f3f0a567' },
    { name: 'an SRV record of a mail client service on the wrong port', type: 'srv', input: '_imaps._tcp.example.org. 300 IN SRV 0 1 143 imap.example.org.' },
    { name: 'a bare TLSA value', type: 'tlsa', input: '3 1 1 845f5365118daaa4d38f76739fe7c12b9d813e271f7b1740f28852e7f3f0a567' },
  ];
  for (const c of cases) {
    test(`${c.name}: the engine's type, summary, fields and findings`, async () => {
      const want = explainJSON(c.input, c.pick ? c.type : '');
      assert.equal(want.records.length, 1, JSON.stringify(want.records.map((r) => r.type)));
      const rec = want.records[0];
      assert.equal(rec.type, c.type, 'the engine reads it as ' + c.type);
      const page = await open();
      // The type picker offers the type, named by the engine.
      const option = page.locator(`#type option[value="${c.type}"]`);
      assert.equal(await option.count(), 1, `the type picker offers ${c.type}`);
      const label = (await option.textContent()).trim();
      assert.ok(label.length > 0);
      await page.fill('#record', c.input);
      if (c.pick) await page.selectOption('#type', c.type);
      await page.waitForSelector('#results:not([aria-busy]) .record');
      const card = page.locator('#results .record');
      assert.equal(await card.count(), 1);
      assert.equal(await card.getAttribute('data-type'), c.type);
      assert.equal((await card.locator('.badge').textContent()).trim(), label, 'the badge is the engine\'s label');
      assert.equal(await card.locator('.summary').textContent(), rec.summary);
      assert.equal(await card.locator('.annotated').textContent(), spanText(c.input, rec.span), 'the whole text, annotated');
      assert.ok(await card.locator('.annotated .field[tabindex="0"]').count() >= rec.fields.length, 'every field a part');
      assert.equal(await card.locator('.finding').count(), rec.findings.length);
      assert.match(await card.locator('.verdict').textContent(), rec.valid ? /Valid/ : /Has errors/);
      // A part's meaning is the engine's (the longest part's: a short one,
      // "1", is in other parts' text too).
      const field = rec.fields.filter((f) => f.meaning).sort((a, b) => b.text.length - a.text.length)[0];
      const part = card.locator('.annotated .field').filter({ hasText: field.text }).first();
      await part.focus();
      assert.match(await page.locator('#meaning').textContent(), new RegExp(field.meaning.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      if (c.pick) await page.waitForFunction((type) => new URLSearchParams(location.hash.slice(1)).get('type') === type, c.type);
      assert.deepEqual(page.errors, []);
      await fullPageShot(page, join(shots, `types-paste-${c.type}.png`));
      await page.close();
    });
  }
});

describe('the lookup view', () => {
  test('secure.test: a section per part of the report, the newer ones included', async () => {
    const want = lookupJSON(server.url, 'secure.test');
    const parts = want.parts.map((p) => p.part);
    for (const p of Object.keys(secure)) assert.ok(parts.includes(p), `the report has a ${p} part: ${parts.join(', ')}`);
    const page = await open('#view=lookup&domain=secure.test');
    await page.waitForSelector('#lookup-results .report-title', { timeout: 20000 });
    const sections = await page.$$eval('#lookup-results .lk-section[data-part]', (ss) => ss.map((s) => ({ part: s.dataset.part, status: s.dataset.status, title: s.querySelector('h3').textContent })));
    assert.deepEqual(sections.map((s) => s.part), parts, 'the parts, in the report\'s order');
    for (const [i, p] of want.parts.entries()) {
      assert.equal(sections[i].status, p.status, `${p.part}: the engine's status`);
      assert.ok(sections[i].title.startsWith(p.label), `${p.part}: titled ${p.label}: ${sections[i].title}`);
    }
    for (const [part, value] of Object.entries(secure)) {
      const recs = recordsIn(want[want.parts.find((p) => p.part === part).section]);
      assert.ok(recs.some((r) => r.value === value), `the report's ${part} section holds the zone's record`);
      const texts = await page.$$eval(`#lk-${part} .record .annotated`, (ps) => ps.map((p) => p.textContent));
      assert.deepEqual(texts.sort(), recs.map((r) => r.value).sort(), `${part}: every record of its section, annotated`);
      const types = await page.$$eval(`#lk-${part} .record`, (rs) => rs.map((r) => r.dataset.type));
      assert.deepEqual(types.sort(), recs.map((r) => r.type).sort());
    }
    // The status line sums up the engine's counts.
    const errors = want.parts.reduce((n, p) => n + p.errors, 0);
    if (errors) assert.match(await page.locator('#lookup-status').textContent(), new RegExp(`${errors} errors?`));
    assert.deepEqual(page.errors, []);
    await fullPageShot(page, join(shots, 'types-lookup.png'));
    await page.close();
  });
});

describe('the element', () => {
  test('type="mta-sts", show="tls-rpt", show="bimi" and show="mta-sts" render', async () => {
    const page = await browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(docs.url + '/bare.html');
    await page.addScriptTag({ url: server.url + '/embed.js' });
    await page.waitForFunction(() => customElements.get('mxplain-record'));
    const got = await page.evaluate(async ({ resolver, record }) => {
      // Each is explained once it nears the viewport.
      const make = async (attrs, text) => {
        const e = document.createElement('mxplain-record');
        for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
        if (text) e.textContent = text;
        const drawn = new Promise((resolve, reject) => {
          e.addEventListener('mxplain-explained', () => resolve(e));
          setTimeout(() => reject(new Error(`not explained: ${e.outerHTML} ${e.shadowRoot.textContent}`)), 20000);
        });
        document.body.append(e);
        e.scrollIntoView();
        return drawn;
      };
      const els = [];
      for (const [attrs, text] of [[{ type: 'mta-sts' }, record], [{ domain: 'secure.test', show: 'tls-rpt', resolver }],
        [{ domain: 'secure.test', show: 'bimi', resolver }], [{ domain: 'secure.test', show: 'mta-sts', resolver }]]) {
        els.push(await make(attrs, text));
      }
      return els.map((e) => ({
        records: [...e.shadowRoot.querySelectorAll('.record')].map((r) => ({ type: r.dataset.type, text: r.querySelector('.annotated').textContent, badge: r.querySelector('.badge').textContent })),
        parts: [...e.shadowRoot.querySelectorAll('.lk-section')].map((s) => s.dataset.part),
        head: e.shadowRoot.querySelector('.lookup')?.textContent || '',
        styled: getComputedStyle(e.shadowRoot.querySelector('.annotated')).whiteSpace,
      }));
    }, { resolver: server.url + '/dns-query', record: secure['mta-sts'] });
    const [typed, tls, bimi, sts] = got;
    assert.deepEqual(typed.records.map((r) => [r.type, r.text]), [['mta-sts', secure['mta-sts']]], 'type="mta-sts"');
    assert.equal(typed.records[0].badge, 'MTA-STS', 'the engine\'s label');
    for (const [part, e] of [['tls-rpt', tls], ['bimi', bimi], ['mta-sts', sts]]) {
      assert.deepEqual(e.parts, [part], `show="${part}": its section only`);
      assert.ok(e.records.some((r) => r.type === part && r.text === secure[part]), `show="${part}": the zone's record, annotated: ${JSON.stringify(e.records)}`);
      assert.match(e.head, /record of secure\.test, looked up live/);
    }
    assert.ok(got.every((e) => e.styled === 'pre-wrap'), 'record.css adopted in every shadow root');
    assert.deepEqual(errors, []);
    await page.setViewportSize({ width: 900, height: 1000 });
    const n = await page.locator('mxplain-record').count();
    for (const [i, name] of ['mta-sts-record', 'tls-rpt', 'bimi', 'mta-sts'].entries()) {
      await page.locator('mxplain-record').nth(n - 4 + i).screenshot({ path: join(shots, `types-element-${name}.png`) });
    }
    await page.close();
  });
});

describe('report-view.js: report JSON in, DOM out', () => {
  test('a part with no renderer of its own is drawn from its section: records, findings, failed queries', async () => {
    const page = await open();
    const got = await page.evaluate(async () => {
      const rv = await import('/report-view.js');
      const rec = (type, value) => ({
        type, owner: '', ttl: null, value, span: [0, new TextEncoder().encode(value).length], summary: `a ${type} record`, valid: true,
        fields: [{ span: [0, new TextEncoder().encode(value).length], text: value, name: 'all', value, meaning: 'all of it' }], findings: [],
      });
      const hostile = '3 1 1 <img src=x onerror="window.__pwned=1">';
      // A part the engine might add tomorrow: nothing in the page knows it.
      const report = {
        domain: 'future.test', errors: [{ part: 'arc', name: '_25._tcp.mx2.future.test.', type: 'TLSA', kind: 'timeout', kind_label: 'no answer in time', message: 'doh: timed out' }],
        parts: [{ part: 'arc', section: 'arc', label: 'ARC', title: 'TLSA records', status: 'partial', errors: 0, warnings: 1 }],
        findings: [{ severity: 'warning', code: 'report.arc.some', part: 'arc', message: 'about the ARC records' }],
        arc: {
          hosts: [{ name: '_25._tcp.mx1.future.test.', records: [rec('tlsa', hostile)], record: rec('tlsa', hostile) }],
          notes: [{ severity: 'info', code: 'arc.note', message: 'a note of the section', span: [0, 0] }],
          fetch: { kind: 'unavailable', kind_label: 'not fetched here', message: 'not fetched' },
        },
      };
      const [s] = rv.renderParts(report, rv.reportContext({ idPrefix: 't' }));
      document.body.append(s);
      return {
        id: s.id, status: s.dataset.status, title: s.querySelector('h3').textContent,
        records: [...s.querySelectorAll('.record')].map((r) => [r.dataset.type, r.querySelector('.annotated').textContent]),
        findings: [...s.querySelectorAll('.report-finding .msg')].map((m) => m.textContent).sort(),
        failed: [...s.querySelectorAll('.failed li')].map((l) => l.textContent),
        made: s.querySelectorAll('img').length, pwned: window.__pwned,
      };
    });
    assert.equal(got.id, 't-arc');
    assert.equal(got.status, 'partial');
    assert.match(got.title, /^ARC: TLSA records/);
    assert.deepEqual(got.records, [['tlsa', '3 1 1 <img src=x onerror="window.__pwned=1">']], 'its record, once, as text');
    assert.deepEqual(got.findings, ['a note of the section', 'about the ARC records']);
    assert.equal(got.failed.length, 2, 'the part\'s failed query and the failure its section holds');
    assert.match(got.failed[0], /_25\._tcp\.mx2\.future\.test\. TLSA \(ARC\): no answer in time\. doh: timed out/);
    assert.match(got.failed[1], /\(ARC\): not fetched here\. not fetched/);
    assert.equal(got.made, 0);
    assert.equal(got.pwned, undefined);
    await page.close();
  });

  test('MTA-STS: the policy\'s URL, and which MX hosts its patterns cover', async () => {
    const page = await open();
    const got = await page.evaluate(async () => {
      const rv = await import('/report-view.js');
      const rec = (type, value) => ({ type, owner: '', ttl: null, value, span: [0, value.length], summary: '', valid: true, fields: [], findings: [] });
      const record = rec('mta-sts', 'v=STSv1; id=1;');
      const report = {
        domain: 'x.test', errors: [], findings: [],
        parts: [{ part: 'mta-sts', section: 'mta_sts', label: 'MTA-STS', title: 'MTA-STS policy', status: 'ok', errors: 0, warnings: 0 }],
        mta_sts: {
          name: '_mta-sts.x.test.', records: [record], record, policy_url: 'https://mta-sts.x.test/.well-known/mta-sts.txt',
          policy: rec('mta-sts-policy', 'version: STSv1\nmode: enforce\nmx: mx1.x.test\nmax_age: 86400\n'),
          hosts: [{ exchange: 'mx1.x.test.', pattern: 'mx1.x.test', covered: true }, { exchange: 'mx2.y.test.', pattern: '', covered: false }],
        },
      };
      const [s] = rv.renderParts(report, rv.reportContext({ idPrefix: 't' }));
      return {
        url: s.querySelector('.policy-url').textContent,
        hosts: [...s.querySelectorAll('.sts-hosts li')].map((l) => [l.className, l.textContent]),
        records: [...s.querySelectorAll('.record')].map((r) => r.dataset.type),
      };
    });
    assert.equal(got.url, 'https://mta-sts.x.test/.well-known/mta-sts.txt');
    // The host not covered on its own line; those covered, with nothing to say, on one.
    assert.deepEqual(got.hosts, [
      ['bad', 'mx2.y.test. not covered by any mx pattern: senders enforcing the policy do not deliver to it'],
      ['covered', 'Covered (1): mx1.x.test. by mx1.x.test'],
    ]);
    assert.deepEqual(got.records, ['mta-sts', 'mta-sts-policy'], 'the record once, and the policy');
    await page.close();
  });
});
