// The embeddable element (static/embed.js) on a documentation page served
// from ANOTHER origin: ./bin/mxplain serve --zones e2e/zones on one loopback
// port, and e2e/embed/docs-server.mjs on another serving e2e/embed/docs.html
// with the Content-Security-Policy README.md's "Embedding" section asks such
// a site for. Screenshots go to build/screenshots/embed-*.png.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root, startServer, launch, explainJSON, fullPageShot } from './harness.mjs';
import { startDocs, tags } from './embed/docs-server.mjs';

const shots = join(root, 'build', 'screenshots');

let mx; // mxplain serve
let docs; // { url, close }
let browser;

before(async () => {
  mx = await startServer();
  docs = await startDocs(mx.url);
  assert.notEqual(new URL(docs.url).origin, new URL(mx.url).origin, 'two origins');
  browser = await launch();
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await docs?.close();
  if (mx) assert.equal(await mx.stop(), 0);
});

// open loads a docs page and records its requests, script errors, dialogs
// and policy violations (the console says "Refused to …").
async function open(path) {
  const page = await browser.context.newPage();
  const seen = { requests: [], errors: [], dialogs: [], refused: [] };
  page.on('request', (r) => { if (r.frame() === page.mainFrame()) seen.requests.push(r.url()); });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('dialog', (d) => { seen.dialogs.push(d.message()); d.dismiss(); });
  page.on('console', (m) => { if (/Refused|Content Security Policy|Trusted Type/i.test(m.text())) seen.refused.push(m.text()); });
  await page.goto(docs.url + path);
  return { page, seen };
}

const count = (urls, re) => urls.filter((u) => re.test(new URL(u).pathname)).length;

// explainAll scrolls to every element in turn and waits until it is drawn.
async function explainAll(page) {
  const n = await page.locator('mxplain-record').count();
  for (let i = 0; i < n; i++) {
    const e = page.locator('mxplain-record').nth(i);
    await e.scrollIntoViewIfNeeded();
    await page.waitForFunction((k) => document.querySelectorAll('mxplain-record')[k].dataset.state === 'explained', i, { timeout: 30000 });
  }
  return n;
}

describe('<mxplain-record> on a docs page of another origin', () => {
  let page;
  let seen;

  test('before it nears the viewport: the raw record as text, and no engine', async () => {
    ({ page, seen } = await open('/docs.html'));
    await page.waitForFunction(() => customElements.get('mxplain-record'));
    await page.waitForTimeout(1000);
    assert.equal(count(seen.requests, /\.wasm$/), 0, 'no wasm fetched while every element is below the fold');
    const first = await page.evaluate(() => {
      const e = document.querySelector('mxplain-record');
      return { raw: e.shadowRoot.querySelector('.raw')?.textContent, state: e.dataset.state || '' };
    });
    assert.deepEqual(first, { raw: 'v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com', state: '' });
  });

  test('twenty elements, all explained, with one engine of each kind', async () => {
    const n = await explainAll(page);
    assert.equal(n, 20);
    assert.equal(count(seen.requests, /\/explain\.[0-9a-f]{12}\.wasm$/), 1, 'the explain engine, by its hashed name, once: ' + seen.requests.join(' '));
    assert.equal(count(seen.requests, /\/lookup\.[0-9a-f]{12}\.wasm$/), 1, 'the lookup engine once, for the domain= element');
    assert.equal(count(seen.requests, /\.wasm$/), 2);
    assert.equal(count(seen.requests, /\/wasm_exec\.[0-9a-f]{12}\.js$/), 1, 'wasm_exec.js once');
    for (const file of ['record-view', 'report-view', 'engine']) {
      assert.equal(count(seen.requests, new RegExp(`/${file}\\.[0-9a-f]{12}\\.js$`)), 1, `${file}.js once, by its hashed name`);
      assert.equal(count(seen.requests, new RegExp(`/${file}\\.js$`)), 0, `${file}.js never by its plain name`);
    }
    assert.equal(count(seen.requests, /\/record\.[0-9a-f]{12}\.css$/), 1, 'record.css once');
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.refused, [], 'the CSP the README asks for is enough');
  });

  test('elements with records only: the explain engine alone is fetched', async () => {
    const { page: p, seen: s } = await open('/records.html');
    assert.equal(await explainAll(p), 19);
    assert.equal(count(s.requests, /\/explain\.[0-9a-f]{12}\.wasm$/), 1, 'the explain engine once: ' + s.requests.join(' '));
    assert.equal(count(s.requests, /\.wasm$/), 1, 'no lookup engine: ' + s.requests.join(' '));
    assert.deepEqual(s.errors, []);
    // A zone line only zone software can judge: "checking" from the first
    // engine, then the lookup engine's verdict (its wasm fetched for it).
    await p.evaluate(() => {
      const e = document.createElement('mxplain-record');
      e.id = 'pending';
      e.setAttribute('record', 'example.com. IN A 192.0.2.300');
      document.body.prepend(e);
      e.scrollIntoView();
    });
    await p.waitForFunction(() => document.getElementById('pending').shadowRoot.querySelector('.verdict.bad'), null, { timeout: 30000 });
    assert.match(await p.evaluate(() => document.getElementById('pending').shadowRoot.textContent), /Zone software would reject this line: bad A A/);
    assert.equal(count(s.requests, /\/lookup\.[0-9a-f]{12}\.wasm$/), 1, 'the lookup engine, for the pending record');
    assert.deepEqual(s.errors, []);
    await p.close();
  });

  test('each element shows the engine\'s own explanation of its record', async () => {
    const els = await page.evaluate(() => [...document.querySelectorAll('mxplain-record:not([domain])')].map((e) => ({
      record: e.record, type: e.getAttribute('type') || '',
      text: [...e.shadowRoot.querySelectorAll('.annotated')].map((p) => p.textContent),
      summary: [...e.shadowRoot.querySelectorAll('.summary')].map((p) => p.textContent),
      findings: e.shadowRoot.querySelectorAll('.finding').length,
      dataType: e.shadowRoot.querySelector('.record')?.dataset.type,
    })));
    assert.equal(els.length, 19);
    for (const e of els) {
      const want = explainJSON(e.record, e.type);
      assert.equal(want.records.length, 1, e.record);
      assert.deepEqual(e.text, [e.record], 'the record\'s text, whole');
      assert.equal(e.dataType, want.records[0].type, e.record);
      assert.deepEqual(e.summary, [want.records[0].summary], e.record);
      assert.equal(e.findings, want.records[0].findings.length, e.record);
    }
    // The indented text of a docs page's source is dedented.
    assert.ok(els.some((e) => e.record === 'v=spf1 ip4:abc.d.efg.h include:_spf.google.com -all'));
  });

  test('hostile record text stays text', async () => {
    const hostile = await page.evaluate(() => [...document.querySelectorAll('mxplain-record')].map((e) => ({
      record: e.record, tags: e.shadowRoot.querySelectorAll('img, script, iframe, object').length,
    })).filter((e) => /</.test(e.record)));
    assert.deepEqual(hostile.map((e) => e.record), [
      'v=spf1 ip4:<img src=x onerror=alert(1)> -all',
      'v=spf1 a:"><script>alert(2)</script> -all',
    ]);
    assert.ok(hostile.every((e) => e.tags === 0), 'no element made from record text');
    assert.deepEqual(seen.dialogs, [], 'no script ran');
  });

  test('a finding marks its bytes inside the shadow root', async () => {
    const e = page.locator('mxplain-record').nth(2);
    await e.scrollIntoViewIfNeeded();
    await e.locator('.finding.sev-error').first().click();
    const marked = await e.evaluate((h) => [...h.shadowRoot.querySelectorAll('.seg.marked')].map((s) => s.textContent).join(''));
    assert.equal(marked, 'abc.d.efg.h');
  });

  test('a lookup element (domain=… show=spf) against mxplain serve --zones', async () => {
    const got = await page.evaluate(() => {
      const e = document.querySelector('mxplain-record[domain]');
      return {
        types: [...e.shadowRoot.querySelectorAll('.record')].map((r) => r.dataset.type),
        text: e.shadowRoot.querySelector('.annotated')?.textContent,
        owner: e.shadowRoot.querySelector('.owner')?.textContent,
        lookup: e.shadowRoot.querySelector('.lookup')?.textContent,
        about: [...e.shadowRoot.querySelectorAll('.report-finding, .record .findings li')].map((li) => li.textContent),
        verdict: e.shadowRoot.querySelector('.record .verdict')?.textContent,
      };
    });
    assert.deepEqual(got.types, ['spf'], 'the SPF record only');
    assert.equal(got.text, 'v=spf1 ip4:192.0.2.0/24 include:_spf.example.net ~all');
    assert.match(got.lookup, /SPF record of example\.org/);
    assert.ok(got.about.some((t) => /_spf\.example\.net does not exist/.test(t)), 'what the lookup learnt: ' + got.about.join(' | '));
    assert.match(got.verdict, /^✗ Has errors/, 'the record whose include does not exist is not valid, as in the page');
  });

  test('a second element for the same domain shares the lookup', async () => {
    const queries = () => seen.requests.filter((u) => new URL(u).pathname === '/dns-query').length;
    const before = queries();
    assert.ok(before > 0, 'the first lookup queried the DoH server');
    const types = await page.evaluate(async () => {
      const first = document.querySelector('mxplain-record[domain]');
      const e = document.createElement('mxplain-record');
      e.setAttribute('domain', 'example.org');
      e.setAttribute('show', 'mx');
      e.setAttribute('resolver', first.getAttribute('resolver'));
      const drawn = new Promise((r) => e.addEventListener('mxplain-explained', r));
      first.after(e);
      e.scrollIntoView();
      await drawn;
      const out = [...e.shadowRoot.querySelectorAll('.record')].map((r) => r.dataset.type);
      e.remove();
      return out;
    });
    assert.deepEqual(types, ['mx', 'mx'], 'the two MX records of example.org');
    assert.equal(queries(), before, 'no new DNS query');
  });

  test('show="path" draws the path of a message for the domain, with its text alternative', async () => {
    const got = await page.evaluate(async () => {
      const first = document.querySelector('mxplain-record[domain]');
      const e = document.createElement('mxplain-record');
      e.setAttribute('domain', 'example.org');
      e.setAttribute('show', 'path');
      e.setAttribute('resolver', first.getAttribute('resolver'));
      const drawn = new Promise((r) => e.addEventListener('mxplain-explained', r));
      first.after(e);
      e.scrollIntoView();
      await drawn;
      const root = e.shadowRoot;
      const out = {
        lookup: root.querySelector('.lookup')?.textContent,
        steps: [...root.querySelectorAll('svg .path-step')].map((g) => g.dataset.step),
        text: [...root.querySelectorAll('.path-text > ol > li')].map((li) => li.dataset.step),
        links: root.querySelectorAll('a').length,
        chips: [...root.querySelectorAll('svg .path-chip')].map((c) => c.dataset.part),
        records: root.querySelectorAll('.record').length,
      };
      e.remove();
      return out;
    });
    const steps = ['submit', 'mx', 'tls', 'checks', 'deliver', 'read'];
    assert.match(got.lookup, /path of a message for example\.org/);
    assert.deepEqual(got.steps, steps);
    assert.deepEqual(got.text, steps, 'the text alternative has every step');
    assert.ok(got.chips.includes('mx') && got.chips.includes('dane'), 'each step names its parts: ' + got.chips.join(' '));
    assert.equal(got.links, 1, 'no link to sections the element does not show (only its "mxplain" credit)');
    assert.equal(got.records, 0, 'the diagram, not the records');
  });

  test('the host page\'s CSS does not break it', async () => {
    const s = await page.evaluate(() => {
      const e = document.querySelector('mxplain-record[type="spf"]');
      const cs = (el) => getComputedStyle(el);
      const pre = e.shadowRoot.querySelector('.annotated');
      const field = e.shadowRoot.querySelector('.field.k-a');
      const finding = e.shadowRoot.querySelector('.finding');
      const frame = e.shadowRoot.querySelector('.frame');
      return {
        host: cs(e).display, width: e.getBoundingClientRect().width,
        preBg: cs(pre).backgroundColor, preSize: cs(pre).fontSize, preWhite: cs(pre).whiteSpace, preDisplay: cs(pre).display,
        fieldColor: cs(field).color, fieldBorder: cs(field).borderTopWidth,
        findingDisplay: cs(finding).display,
        transform: cs(frame).textTransform, font: cs(frame).fontStyle, align: cs(frame).textAlign, spacing: cs(frame).letterSpacing,
        size: cs(frame).fontSize, color: cs(frame).color, frameDisplay: cs(frame).display,
      };
    });
    assert.equal(s.host, 'block', 'display:block beats * { display:inline !important }');
    assert.ok(s.width > 600, `as wide as the text column (${s.width}px)`);
    assert.notEqual(s.preBg, 'rgb(255, 0, 0)');
    assert.notEqual(s.preSize, '40px');
    assert.equal(s.preWhite, 'pre-wrap');
    assert.equal(s.preDisplay, 'block');
    assert.notEqual(s.fieldColor, 'rgb(0, 255, 0)', 'the host\'s span rule does not reach the parts');
    assert.equal(s.fieldBorder, '0px');
    assert.equal(s.findingDisplay, 'block', 'the host\'s button rule does not hide the findings');
    assert.deepEqual([s.transform, s.font, s.align, s.spacing], ['none', 'normal', 'left', 'normal'], 'inherited text styles are reset');
    assert.deepEqual([s.size, s.color, s.frameDisplay], ['15px', 'rgb(29, 31, 33)', 'block'], 'body * { font-size, color !important } and div { all: unset } stop at the shadow root');
  });

  test('its styles do not leak into the host page', async () => {
    const probe = () => {
      const props = ['display', 'color', 'backgroundColor', 'fontSize', 'fontFamily', 'lineHeight', 'margin', 'padding', 'borderTopWidth', 'whiteSpace', 'boxSizing'];
      const out = {};
      for (const id of ['probe-h1', 'probe-p', 'probe-pre', 'probe-span']) {
        const cs = getComputedStyle(document.getElementById(id));
        out[id] = Object.fromEntries(props.map((p) => [p, cs[p]]));
      }
      out.sheets = document.styleSheets.length + document.adoptedStyleSheets.length;
      out.styleElements = document.querySelectorAll('style, link[rel="stylesheet"]').length;
      return out;
    };
    const after = await page.evaluate(probe);
    const { page: bare } = await open('/bare.html');
    const before = await bare.evaluate(probe);
    await bare.close();
    assert.deepEqual(after, before);
  });

  test('themes: dark, and the --mxplain-* custom properties', async () => {
    const got = await page.evaluate(() => {
      const dark = document.querySelector('mxplain-record[theme="dark"]');
      const light = document.querySelector('mxplain-record[type="mx"]');
      light.style.setProperty('--mxplain-bg', 'rgb(1, 2, 3)');
      light.style.setProperty('--mxplain-accent', 'rgb(4, 5, 6)');
      const bg = (e) => getComputedStyle(e.shadowRoot.querySelector('.frame')).backgroundColor;
      return { dark: bg(dark), themed: bg(light), link: getComputedStyle(light.shadowRoot.querySelector('.by a')).color };
    });
    assert.equal(got.dark, 'rgb(31, 34, 38)');
    assert.equal(got.themed, 'rgb(1, 2, 3)');
    assert.equal(got.link, 'rgb(4, 5, 6)');
  });

  test('screenshots', async () => {
    await page.setViewportSize({ width: 900, height: 1000 });
    await page.locator('mxplain-record').nth(0).evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(shots, 'embed-docs.png') });
    await page.locator('mxplain-record').nth(2).screenshot({ path: join(shots, 'embed-element.png') });
    await page.locator('mxplain-record[theme="dark"]').screenshot({ path: join(shots, 'embed-dark.png') });
    await page.locator('mxplain-record[domain]').screenshot({ path: join(shots, 'embed-lookup.png') });
    await page.locator('mxplain-record[compact]').screenshot({ path: join(shots, 'embed-compact.png') });
  });

  test('the iframe form (/embed?record=…&type=…)', async () => {
    const frameEl = page.locator('#frame');
    await frameEl.scrollIntoViewIfNeeded();
    const frame = await (await frameEl.elementHandle()).contentFrame();
    await frame.waitForFunction(() => document.querySelector('mxplain-record')?.dataset.state === 'explained', null, { timeout: 30000 });
    const got = await frame.evaluate(() => {
      const e = document.querySelector('mxplain-record');
      return {
        text: e.shadowRoot.querySelector('.annotated').textContent,
        type: e.shadowRoot.querySelector('.record').dataset.type,
        tags: e.shadowRoot.querySelectorAll('img, script').length + document.querySelectorAll('img').length,
      };
    });
    assert.deepEqual(got, { text: 'v=DMARC1; p=none; rua=mailto:"><img src=x onerror=alert(3)>', type: 'dmarc', tags: 0 });
    // The frame is of mxplain's origin: it explains in engine.js's worker
    // (which measures each answer); the docs page of another origin cannot
    // start one, and explains on its own thread.
    assert.ok(await frame.evaluate(() => performance.getEntriesByName('mxplain:engine').length) > 0, 'the frame explained in the worker');
    assert.equal(await page.evaluate(() => performance.getEntriesByName('mxplain:engine').length), 0, 'the docs page explained on its thread');
    const res = await fetch(new URL('/embed?type=spf&record=v%3Dspf1', mx.url));
    assert.match(res.headers.get('content-security-policy'), /frame-ancestors \*;/);
    assert.match((await fetch(mx.url + '/')).headers.get('content-security-policy'), /frame-ancestors 'none'/, 'the page itself is not framed');
    await frameEl.screenshot({ path: join(shots, 'embed-iframe.png') });
    assert.deepEqual(seen.dialogs, []);
    assert.deepEqual(seen.errors, []);
    assert.deepEqual(seen.refused, []);
  });
});

// The globals embed.js would leak if its declarations were not inside its
// block (a classic script's top-level const and function are the page's).
const ownNames = ['files', 'base', 'at', 'shared', 'scriptURL', 'load', 'recordSheet', 'near', 'frameSheet', 'h', 'dedent', 'serial', 'MxplainRecord', 'DEFAULT_RESOLVER'];

describe('every way of writing the script tag: plain, defer, async, type="module"', () => {
  for (const [tag, markup] of Object.entries(tags)) {
    test(markup.replace('$1', '…/embed.js'), async () => {
      const { page, seen } = await open('/docs.html?tag=' + tag);
      const script = await page.evaluate(() => {
        const s = [...document.scripts].find((e) => /\/embed\.js$/.test(e.src));
        return { type: s.type, async: s.async, defer: s.defer };
      });
      assert.deepEqual(script, { type: tag === 'module' ? 'module' : '', async: tag === 'async', defer: tag === 'defer' }, 'the tag as the docs page writes it');
      // Three elements with records, and the lookup one.
      for (const sel of ['mxplain-record >> nth=0', 'mxplain-record >> nth=1', 'mxplain-record >> nth=2', 'mxplain-record[domain]']) {
        const e = page.locator(sel);
        await e.scrollIntoViewIfNeeded();
        await page.waitForFunction((h) => h.dataset.state === 'explained', await e.elementHandle(), { timeout: 30000 });
      }
      const got = await page.evaluate(() => [...document.querySelectorAll('mxplain-record')].slice(0, 3).map((e) => ({
        record: e.record, text: e.shadowRoot.querySelector('.annotated')?.textContent,
      })));
      for (const g of got) assert.equal(g.text, g.record, 'explained: the record\'s text, annotated');
      assert.match(await page.locator('mxplain-record[domain]').evaluate((h) => h.shadowRoot.querySelector('.annotated')?.textContent), /^v=spf1 /, 'the lookup element too');
      assert.equal(count(seen.requests, /\/explain\.[0-9a-f]{12}\.wasm$/), 1, 'its siblings found next to it, by their hashed names');
      assert.deepEqual(await page.evaluate((names) => names.filter((n) => n in window), ownNames), [], 'nothing leaks into the page\'s globals');
      assert.deepEqual([seen.errors, seen.refused, seen.dialogs], [[], [], []]);
      await page.close();
    });
  }
});

test('examples/docs-page.html works as written', async () => {
  const { page, seen } = await open('/example.html');
  const n = await explainAll(page);
  assert.equal(n, 4);
  const got = await page.evaluate(() => [...document.querySelectorAll('mxplain-record')].map((e) => ({
    cards: e.shadowRoot.querySelectorAll('.record').length, text: e.shadowRoot.querySelector('.frame').textContent,
  })));
  assert.deepEqual(got.map((g) => g.cards), [1, 1, 0, 1], 'no SPF record for example.com in the fixtures');
  assert.match(got[2].text, /SPF record of example\.com could not be read/, 'the fixtures do not serve example.com');
  assert.equal(got[2].text.split('failed with REFUSED').length, 2, 'the failure said once');
  assert.deepEqual([seen.errors, seen.refused, seen.dialogs], [[], [], []]);
  await fullPageShot(page, join(shots, 'embed-example.png'));
  await page.close();
});

test('without the engine, the records stay readable text', async () => {
  const page = await browser.context.newPage();
  await page.route(/\/explain\.[0-9a-f]{12}\.wasm$/, (r) => r.abort());
  await page.goto(docs.url + '/docs.html');
  const e = page.locator('mxplain-record').first();
  await e.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('mxplain-record').dataset.state === 'failed', null, { timeout: 30000 });
  const got = await e.evaluate((h) => ({ raw: h.shadowRoot.querySelector('.raw')?.textContent, status: h.shadowRoot.querySelector('.status').textContent }));
  assert.equal(got.raw, 'v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com');
  assert.match(got.status, /^mxplain could not explain this: /);
  await page.close();
});
