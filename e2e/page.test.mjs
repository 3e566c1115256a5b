// The page in Debian's chromium against ./bin/mxplain serve --zones e2e/zones
// (run by `make test-e2e`, after `make build`). Nothing here reaches the
// internet.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { root, serveAndLaunch, openPage, explainJSON, spanText, fullPageShot } from './harness.mjs';

// The seed document is read from ../shared at test time, never copied;
// without it the tests that need it say SKIPPED.
const seedPath = join(root, '..', 'shared', 'seed', '000_3ba6b5d80f5b8c8e.txt');
const haveSeed = existsSync(seedPath);
const noSeed = haveSeed ? false : `SKIPPED: ${seedPath} is absent (the seed article of ../shared)`;
const seedBlocks = haveSeed ? [...readFileSync(seedPath, 'utf8').matchAll(/```\n([\s\S]*?)\n```/g)].map((m) => m[1].trim()) : [];

// What each seed record must show, and the bytes its named problem is about.
const seedCases = [
  { type: 'mx', badge: 'MX', find: /MX\s+10 mail\.example\.com\./ },
  { type: 'spf', badge: 'SPF', find: /v=spf1 ip4:abc/, problem: 'abc.d.efg.h', code: 'spf.ip4.placeholder' },
  { type: 'dkim', badge: 'DKIM', find: /v=DKIM1/, problem: 'MIIBIjANBgkqh...Ab (your public key) ...IDAQAB', code: 'dkim.p.placeholder' },
  { type: 'dmarc', badge: 'DMARC', find: /v=DMARC1/, problem: 'mailto:[email protected]', code: 'dmarc.uri.obfuscated' },
];

const env = serveAndLaunch();

// open returns a new page that fails the test on any script error.
async function open(hash = '') {
  const page = await openPage(env.browser, env.server.url + '/' + hash);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.engine), 'ready');
  return page;
}

// paste fills the textarea and waits for its explanation: the results are
// aria-busy from the input event until the worker's answer is drawn.
async function paste(page, text) {
  await page.fill('#record', text);
  await page.waitForSelector('#results:not([aria-busy]) :is(.record, .empty)');
}

// markedText is the text of the bytes the page marks.
async function markedText(page) {
  return page.$$eval('.seg.marked', (segs) => segs.map((s) => s.textContent).join(''));
}

describe('the seed records', { skip: noSeed }, () => {
  test('the seed document has the four records', () => {
    assert.equal(seedBlocks.length, 4, 'four code blocks in the seed');
  });
  for (const c of seedCases) {
    test(`${c.type}: type, summary and the named problem at its bytes`, async () => {
      const input = seedBlocks.find((b) => c.find.test(b));
      assert.ok(input, `a ${c.type} record in the seed`);
      const want = explainJSON(input).records[0];
      const page = await open();
      await paste(page, input);
      const card = page.locator('#results .record').first();
      assert.equal(await card.getAttribute('data-type'), c.type);
      assert.equal((await card.locator('.badge').textContent()).trim(), c.badge);
      assert.equal(await card.locator('.summary').textContent(), want.summary, 'the engine\'s summary, on top');
      assert.equal(await card.locator('.finding').count(), want.findings.length);
      // Every field of the engine's answer is a focusable part of the text.
      assert.ok(await card.locator('.annotated .field[tabindex="0"]').count() >= want.fields.length);
      if (c.problem) {
        const k = want.findings.findIndex((f) => f.code === c.code);
        assert.ok(k >= 0, `finding ${c.code}`);
        assert.equal(spanText(input, want.findings[k].span), c.problem, 'the engine points at the problem');
        await card.locator(`.finding[data-finding="0.${k}"]`).click();
        assert.equal(await markedText(page), c.problem, 'the page marks exactly those bytes');
        assert.equal(await card.locator(`.finding[data-finding="0.${k}"]`).getAttribute('aria-pressed'), 'true');
        assert.match(await page.locator('#meaning').textContent(), new RegExp(c.code.replace(/\./g, '\\.')));
      }
      assert.deepEqual(page.errors, []);
      await page.close();
    });
  }

  test('the article pasted whole: exactly its four records, the rest one quiet line', async () => {
    const article = readFileSync(seedPath, 'utf8');
    const want = explainJSON(article);
    assert.deepEqual(want.records.map((r) => r.type), ['mx', 'spf', 'dkim', 'dmarc']);
    const page = await open();
    await paste(page, article);
    assert.deepEqual(await page.locator('#results .record').evaluateAll((cards) => cards.map((c) => c.dataset.type)), ['mx', 'spf', 'dkim', 'dmarc']);
    assert.equal(await page.locator('#results .skipped').textContent(), `${want.skipped.length} lines of text that are not records were left out.`);
    const shownCodes = await page.locator('#results .findings .code code').allTextContents();
    for (const code of ['spf.ip4.placeholder', 'dkim.p.placeholder', 'dmarc.uri.obfuscated']) {
      assert.ok(shownCodes.includes(code), `the page names ${code}`);
    }
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('all four pasted together: one card each, linked from the path of a message', async () => {
    const page = await open();
    await paste(page, seedBlocks.join('\n'));
    const types = await page.$$eval('#results .record', (cs) => cs.map((c) => c.dataset.type));
    assert.deepEqual(types.sort(), ['dkim', 'dmarc', 'mx', 'spf']);
    const links = await page.$$eval('#path .see button', (bs) => bs.map((b) => b.textContent));
    assert.deepEqual(links, ['your MX record', 'your SPF record', 'your DKIM record', 'your DMARC record']);
    await page.click('#path .see button >> text=your DMARC record');
    const focused = await page.evaluate(() => document.activeElement.closest('.record')?.dataset.type);
    assert.equal(focused, 'dmarc');
    await page.close();
  });
});

describe('the corrected record', () => {
  test('a record with a fix: the diff, both forms, and the copy buttons copy the engine\'s text', async () => {
    const input = 'example.com. 300 IN TXT "v=DMARC1; p=reject; rua=mailto:d@example.com"';
    const want = explainJSON(input).records[0].proposal;
    assert.equal(want.panel.name, '_dmarc.example.com');
    await env.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
    const page = await open();
    await paste(page, input);
    const box = page.locator('#results .record .proposal');
    assert.match(await box.locator('h4').textContent(), /Corrected record · fixes 1 finding$/);
    assert.equal(await box.locator('.diff del').allTextContents().then((t) => t.join('')), 'example.com.');
    assert.equal(await box.locator('.diff ins').allTextContents().then((t) => t.join('')), '_dmarc.example.com.');
    assert.equal(await box.locator('.copy-record .copy-text').textContent(), want.text);
    assert.deepEqual(await box.locator('table.panel td:nth-child(2)').allTextContents(), [want.panel.name, want.panel.type, want.panel.value]);
    await box.locator('.copy-record button.copy').click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), want.text);
    assert.equal(await box.locator('.copy-record button.copy').textContent(), 'Copied');
    await box.locator('button[aria-label="Copy value"]').click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), want.panel.value);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('a slot is marked and named, never filled with an invented value', async () => {
    // A bare value names no domain: the panel's name holds a slot.
    const input = '"v=DMARC1; p=reject; rua=mailto:d@example.com';
    const want = explainJSON(input).records[0].proposal;
    assert.equal(want.panel.name, '_dmarc.{{domain}}');
    const page = await open();
    await paste(page, input);
    const box = page.locator('#results .record .proposal');
    assert.deepEqual(await box.locator('table.panel mark.slot').allTextContents(), ['{{domain}}']);
    assert.deepEqual(await box.locator('.slots li').allTextContents(), want.slots.map((s) => `{{${s.name}}} ${s.label}; for example ${s.example}.`));
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});

describe('keyboard and screen readers', () => {
  test('tab to a field: its meaning is described and shown', async () => {
    const input = 'v=spf1 ip4:192.0.2.0/24 -all';
    const want = explainJSON(input).records[0];
    const page = await open();
    await page.focus('#record');
    await page.keyboard.type(input);
    await page.waitForSelector('.annotated .field');
    // From the textarea, Tab goes through the form's controls, then the parts.
    let onField = false;
    for (let i = 0; i < 12 && !onField; i++) {
      await page.keyboard.press('Tab');
      onField = await page.evaluate(() => document.activeElement.classList.contains('field'));
    }
    assert.ok(onField, 'a field is reachable with Tab');
    const text = await page.evaluate(() => document.activeElement.textContent);
    const field = want.fields.find((f) => f.text === text);
    assert.ok(field, `the focused part ${JSON.stringify(text)} is a field of the engine's answer`);
    // Announced: aria-describedby names the meaning; the panel shows it.
    const described = await page.evaluate(() => {
      const id = document.activeElement.getAttribute('aria-describedby');
      return document.getElementById(id)?.textContent;
    });
    assert.ok(described.startsWith(field.meaning), 'aria-describedby carries the meaning');
    const panel = page.locator('#meaning');
    assert.ok(await panel.isVisible());
    assert.ok((await panel.textContent()).includes(field.ref));
    assert.ok((await panel.textContent()).includes(field.meaning));
    await page.close();
  });

  test('choose a finding with Enter', async () => {
    const input = 'v=spf1 ip4:abc.d.efg.h -all';
    const page = await open();
    await paste(page, input);
    await page.focus('.finding.sev-error');
    await page.keyboard.press('Enter');
    assert.equal(await markedText(page), 'abc.d.efg.h');
    assert.match(page.url(), /finding=0\.\d/);
    // The live region tells a screen reader which bytes are marked.
    const live = page.locator('#announce');
    assert.equal(await live.getAttribute('aria-live'), 'polite');
    assert.match(await live.textContent(), /^Error marked in the record: abc\.d\.efg\.h\./);
    await page.close();
  });
});

describe('state in the URL', () => {
  test('a shared link restores the record, the type and the chosen finding', async () => {
    const input = '_dmarc.example.com. IN TXT "v=DMARC1; p=none; rua=mailto:[email protected]"';
    const page = await open();
    await paste(page, input);
    await page.selectOption('#type', 'dmarc');
    await page.locator('.finding.sev-error').first().click();
    const marked = await markedText(page);
    assert.ok(marked.length > 0);
    const link = page.url();
    await page.close();

    const again = await env.browser.context.newPage();
    await again.goto(link);
    await again.waitForSelector('.seg.marked');
    assert.equal(await again.inputValue('#record'), input);
    assert.equal(await again.inputValue('#type'), 'dmarc');
    assert.equal(await markedText(again), marked);
    assert.equal(await again.locator('.finding[aria-pressed="true"]').count(), 1);
    await again.close();
  });
});

describe('when the wasm does not load', () => {
  test('the page says so clearly', async () => {
    const page = await env.browser.context.newPage();
    await page.route('**/*.wasm', (route) => route.abort());
    await page.goto(env.server.url + '/#record=v%3Dspf1+-all');
    const alert = page.locator('#engine-error');
    await alert.waitFor({ state: 'visible' });
    assert.equal(await alert.getAttribute('role'), 'alert');
    assert.match(await alert.textContent(), /could not be loaded/);
    assert.match(await alert.textContent(), /make build/);
    assert.equal(await page.locator('#engine-status').isVisible(), false);
    await page.close();
  });

  test('a server answering 404 for the wasm is quoted', async () => {
    const page = await env.browser.context.newPage();
    await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'mxplain: explain.wasm was not built' }));
    await page.goto(env.server.url + '/');
    await page.locator('#engine-error').waitFor({ state: 'visible' });
    assert.match(await page.locator('#engine-error-reason').textContent(), /404: mxplain: explain\.wasm was not built/);
    await page.close();
  });
});

describe('hostile content is shown as text and never runs', () => {
  const payloads = [
    'v=spf1 include:<img src=x onerror="window.__pwned=1;alert(1)"> -all',
    '"><script>window.__pwned=2;alert(2)</script> v=spf1 -all',
    '_dmarc.example.com. IN TXT "v=DMARC1; p=reject; rua=javascript:window.__pwned=3//,mailto:<svg/onload=window.__pwned=4>@x.example"',
    'v=DKIM1; k=rsa; p=<iframe src="javascript:parent.__pwned=5"></iframe>',
    '10 <a href="javascript:window.__pwned=6">x</a>.example.',
  ];
  for (const [i, payload] of payloads.entries()) {
    test(`payload ${i + 1}`, async () => {
      const page = await env.browser.context.newPage();
      const dialogs = [];
      page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
      await page.addInitScript(() => {
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      await page.goto(env.server.url + '/#record=' + encodeURIComponent(payload));
      await page.waitForSelector('#results .record');
      // Hover and focus every part, choose every finding, open the list.
      for (const f of await page.locator('.annotated .field').all()) { await f.hover(); await f.focus(); }
      for (const b of await page.locator('.finding').all()) await b.click();
      for (const d of await page.locator('details.fields summary').all()) await d.click();
      await page.waitForTimeout(200);
      const state = await page.evaluate(() => ({
        pwned: window.__pwned,
        csp: window.__csp,
        text: document.querySelector('.annotated').textContent,
        elements: document.querySelectorAll('#results img, #results script, #results iframe, #results svg, #results a[href^="javascript"]').length,
      }));
      assert.equal(state.pwned, undefined, 'no payload ran');
      assert.deepEqual(dialogs, [], 'no dialog opened');
      assert.deepEqual(state.csp, [], 'no Content-Security-Policy violation');
      assert.equal(state.elements, 0, 'no element was made from the text');
      const want = explainJSON(payload).records[0];
      assert.equal(state.text, spanText(payload, want.span), 'the record is shown as its text');
      await page.close();
    });
  }
});

// Inputs far larger than any record: a 50 KB SPF value (about 3000 terms)
// and a 400 KB pasted zone (past the engine's 1000-record limit).
function spf50k() {
  let r = 'v=spf1';
  for (let i = 0; r.length < 50 * 1024; i++) r += ` ip4:198.51.${(i >> 8) & 255}.${i & 255}`;
  return r + ' -all';
}
function zone400k() {
  let z = '';
  for (let i = 0; z.length < 400 * 1024; i++) z += `h${i}.example.org. 300 IN TXT "v=spf1 ip4:192.0.2.${i % 256} include:_spf.example.net ~all"\n`;
  return z;
}

// observeMainThread records, from the start, every long task (over 50 ms)
// of the page's main thread, and the input delay of every key press (from
// the event's time stamp to its handler).
function observeMainThread(page) {
  return page.addInitScript(() => {
    window.__long = [];
    window.__keyDelay = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
    addEventListener('keydown', (e) => window.__keyDelay.push(performance.now() - e.timeStamp), true);
  });
}

const drawn = '#results:not([aria-busy]) .record';

// setText puts text in the textarea as a paste does (one input event);
// page.fill is too slow for hundreds of kilobytes.
function setText(page, text) {
  return page.evaluate((t) => {
    const ta = document.getElementById('record');
    ta.value = t;
    ta.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste' }));
  }, text);
}

// The page's response preloads the wasm in a Link header (web.preloads):
// engine.js's fetch must take that preload, not fetch the wasm again, which
// a mismatch of credentials mode would cause (chromium then warns).
describe('the engine is fetched once, from the Link header\'s preload', () => {
  const cases = [
    { name: 'the page', path: '/', drawn: () => document.documentElement.dataset.engine === 'ready' },
    { name: 'the page with no <link rel=preload>: the header alone', path: '/', strip: true, drawn: () => document.documentElement.dataset.engine === 'ready' },
    { name: 'the iframe form', path: '/embed?type=spf&record=v%3Dspf1+-all', drawn: () => document.querySelector('mxplain-record')?.dataset.state === 'explained' },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const page = await env.browser.context.newPage();
      const fetched = [];
      const warnings = [];
      // The first engine's requests (lookup.wasm, fetched at idle, has no preload).
      page.on('request', (r) => { if (/\/explain\.[0-9a-f]{12}\.wasm$/.test(r.url())) fetched.push(new URL(r.url()).pathname); });
      page.on('console', (m) => { if (m.type() === 'warning' && /preload/i.test(m.text())) warnings.push(m.text()); });
      if (c.strip) {
        await page.route(env.server.url + c.path, async (route) => {
          const res = await route.fetch();
          const body = (await res.text()).replace(/<link rel="preload"[^>]*>/g, '');
          await route.fulfill({ response: res, body });
        });
      }
      const res = await page.goto(env.server.url + c.path);
      const link = /^<(\/explain\.[0-9a-f]{12}\.wasm)>; rel=preload; as=fetch; type="application\/wasm"; crossorigin$/.exec(res.headers().link);
      assert.ok(link, `Link: ${res.headers().link}`);
      await page.waitForFunction(c.drawn, null, { timeout: 30000 });
      const entries = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\/explain\.[0-9a-f]{12}\.wasm$/.test(e.name)).map((e) => `${new URL(e.name).pathname} ${e.initiatorType}`));
      assert.deepEqual(fetched, [link[1]], 'one request for the wasm, the preloaded one');
      assert.deepEqual(entries, [`${link[1]} link`], 'the engine took the preload');
      assert.deepEqual(warnings, []);
      await page.close();
    });
  }
});

describe('the lookup engine is fetched only when it is needed', () => {
  const lookupWasm = /\/lookup\.[0-9a-f]{12}\.wasm$/;

  test('the first breakdown needs only the explain engine; lookup.wasm and lookup-view.js come at idle after it', async () => {
    const page = await env.browser.context.newPage();
    const asked = []; // for each request of either: which, and had the first breakdown been drawn?
    // Both are held until the test ends: nothing the paste view does may wait for them.
    let release;
    const held = new Promise((r) => { release = r; });
    const forLookup = /\/(lookup\.[0-9a-f]{12}\.wasm|lookup-view\.[0-9a-f]{12}\.js)$/;
    await page.route(forLookup, async (route) => {
      const file = route.request().url().match(forLookup)[1].replace(/\.[0-9a-f]{12}\./, '.');
      asked.push(`${file} after: ${await page.evaluate(() => performance.getEntriesByName('mxplain:first-breakdown').length > 0)}`);
      await held;
      await route.continue().catch(() => {});
    });
    await page.goto(env.server.url + '/#record=' + encodeURIComponent('v=spf1 ip4:192.0.2.0/24 -all'));
    await page.waitForSelector('#results:not([aria-busy]) .record[data-type="spf"]', { timeout: 30000 });
    await page.fill('#record', 'v=DMARC1; p=reject');
    await page.waitForSelector('#results:not([aria-busy]) .record[data-type="dmarc"]');
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /\/explain\.[0-9a-f]{12}\.wasm$/.test(e.name)));
    await page.waitForTimeout(6000); // the idle prefetch's deadline is 5 s
    assert.deepEqual(asked.sort(), ['lookup-view.js after: true', 'lookup.wasm after: true'], 'each asked for once, after the first breakdown');
    release();
    await page.close();
  });

  test('with Save-Data, not until a lookup is asked for; then the lookup works', async () => {
    const page = await env.browser.context.newPage();
    await page.addInitScript(() => Object.defineProperty(navigator, 'connection', { value: { saveData: true } }));
    const fetched = [];
    page.on('request', (r) => { if (/\.wasm$/.test(r.url())) fetched.push(new URL(r.url()).pathname); });
    await page.goto(env.server.url + '/#record=' + encodeURIComponent('v=spf1 -all'));
    await page.waitForSelector('#results:not([aria-busy]) .record[data-type="spf"]', { timeout: 30000 });
    await page.waitForTimeout(6000);
    assert.equal(fetched.filter((p) => lookupWasm.test(p)).length, 0, 'no lookup engine yet: ' + fetched.join(' '));
    await page.goto(env.server.url + '/#view=lookup&domain=example.org');
    await page.waitForSelector('#lookup-results .report-title', { timeout: 30000 });
    assert.equal(fetched.filter((p) => lookupWasm.test(p)).length, 1, 'the lookup engine, once: ' + fetched.join(' '));
    assert.equal(await page.evaluate(() => typeof globalThis.mxplain), 'undefined', 'no engine ran on the main thread: the lookup ran in a worker');
    await page.close();
  });
});

describe('zone lines only zone software can judge', () => {
  test('the first engine says "checking", then the lookup engine gives miekg/dns\'s verdict', async () => {
    const page = await open();
    // Held, so that the first engine's answer is seen on its own.
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route(/\/lookup\.[0-9a-f]{12}\.wasm$/, async (route) => { await held; await route.continue().catch(() => {}); });
    await page.fill('#record', 'example.com. 300 IN TXT "v=spf1 -all"\nexample.com. IN A 192.0.2.300');
    await page.waitForSelector('#results:not([aria-busy]) .record[data-type="other"] .verdict.pending', { timeout: 30000 });
    assert.match(await page.textContent('.record[data-type="other"] .verdict'), /Checking the line as zone software would/);
    assert.match(await page.textContent('.record[data-type="spf"] .verdict'), /✓ Valid/, 'a plain line has its verdict at once');
    release();
    await page.waitForSelector('.record[data-type="other"] .verdict.bad', { timeout: 30000 });
    assert.match(await page.textContent('.record[data-type="other"]'), /Zone software would reject this line: bad A A/);
    assert.equal(await page.locator('.verdict.pending').count(), 0);
    await page.close();
  });
});

describe('the page never blocks: explaining runs in a worker', () => {
  test('a 400 KB #record= link: the input stays responsive while it is explained, and the limit is said', async () => {
    const big = zone400k();
    const page = await env.browser.context.newPage();
    page.errors = [];
    page.on('pageerror', (e) => page.errors.push(e.message));
    await observeMainThread(page);
    await page.goto(env.server.url + '/#record=' + encodeURIComponent(big));
    await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready', null, { timeout: 30000 });
    // While the worker explains, key presses in the textarea are handled at once.
    await page.focus('#record');
    await page.keyboard.press('End');
    await page.keyboard.type('; a');
    const busy = await page.evaluate(() => document.getElementById('results').hasAttribute('aria-busy'));
    assert.ok(busy, 'the key presses came while the explanation was under way');
    const delays = await page.evaluate(() => window.__keyDelay);
    assert.equal(delays.length, 4);
    assert.ok(Math.max(...delays) < 100, `every key press handled within 100 ms: ${delays.map(Math.round).join(', ')} ms`);
    assert.match(await page.locator('#explain-status').textContent(), /400 KB: explained once typing pauses/);
    // Once typing pauses the text is explained once, and drawn whole.
    await page.waitForSelector(drawn, { timeout: 120000 });
    const input = big + '; a';
    assert.equal(await page.inputValue('#record'), input);
    const want = explainJSON(input);
    const got = await page.evaluate(() => ({
      cards: document.querySelectorAll('#results .record').length,
      last: [...document.querySelectorAll('#results .record')].at(-1).querySelector('.finding')?.textContent,
      engine: performance.getEntriesByName('mxplain:engine').length,
      long: Math.max(0, ...window.__long),
    }));
    assert.equal(got.cards, want.records.length, 'one card per record of the engine\'s answer');
    const cut = want.records.at(-1).findings[0];
    assert.equal(cut.code, 'input.not_explained', 'the engine says where it stopped');
    assert.ok(got.last.includes(cut.message), 'and the page says it as a finding');
    assert.ok(got.engine <= 2, `explained at most twice (the link, then the edit): ${got.engine}`);
    // Browsers freeze storing URLs of hundreds of kilobytes: the text is not
    // kept in the address, and the page says so.
    assert.ok(page.url().length < 200, `the address holds no 400 KB record (${page.url().length} characters)`);
    assert.ok(await page.locator('#state-note').isVisible(), 'the page says the link does not hold it');
    console.log(`# 400 KB link: longest main-thread task ${Math.round(got.long)} ms; key press input delay max ${Math.round(Math.max(...delays))} ms`);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('a 50 KB paste: no main-thread task over 50 ms, explained once typing pauses', async () => {
    const text = spf50k();
    const page = await env.browser.context.newPage();
    await observeMainThread(page);
    await page.goto(env.server.url + '/');
    await page.waitForFunction(() => document.documentElement.dataset.engine === 'ready', null, { timeout: 30000 });
    await page.waitForTimeout(300);
    await page.evaluate(() => { window.__long = []; performance.clearMeasures('mxplain:engine'); });
    await setText(page, text);
    // Three more key presses before the pause: explained once, after them.
    await page.focus('#record');
    await page.keyboard.press('End');
    await page.keyboard.type(' a:');
    assert.match(await page.locator('#explain-status').textContent(), /50 KB: explained once typing pauses/, 'the progress line');
    const shots = join(root, 'build', 'screenshots');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'paste-50k-pausing.png') });
    await page.waitForSelector(drawn, { timeout: 60000 });
    await page.screenshot({ path: join(shots, 'paste-50k.png') });
    await page.waitForTimeout(500);
    const want = explainJSON(text + ' a:').records[0];
    const got = await page.evaluate(() => ({
      long: window.__long,
      engine: performance.getEntriesByName('mxplain:engine').length,
      findings: document.querySelectorAll('#results .finding').length,
      text: document.querySelector('#results .annotated').textContent,
      status: document.getElementById('explain-status').hidden,
    }));
    assert.equal(got.engine, 1, 'explained once, not per key press');
    assert.equal(got.findings, want.findings.length, 'every finding of the engine\'s answer');
    assert.equal(got.text, spanText(text + ' a:', want.span), 'the whole text');
    assert.ok(got.status, 'the progress line is gone');
    assert.deepEqual(got.long.map(Math.round), [], 'no long task on the main thread');
    await page.close();
  });

  test('an edit cancels the explanation under way: the worker is restarted, the stale answer never drawn', async () => {
    const page = await open();
    await setText(page, zone400k());
    await page.waitForFunction(() => /Explaining/.test(document.getElementById('explain-status').textContent), null, { timeout: 30000 });
    const small = 'v=spf1 ip4:192.0.2.1 -all';
    await page.fill('#record', small);
    await page.waitForSelector(drawn);
    await page.waitForTimeout(1000);
    const got = await page.evaluate(() => ({ cards: document.querySelectorAll('#results .record').length, text: document.querySelector('#results .annotated').textContent }));
    assert.deepEqual(got, { cards: 1, text: small });
    await page.close();
  });
  test('without its worker (the script refused), the page explains on its own thread', async () => {
    const page = await env.browser.context.newPage();
    page.errors = [];
    page.on('pageerror', (e) => page.errors.push(e.message));
    let asked = 0;
    await page.route(/\/engine-worker\.[0-9a-f]{12}\.js$/, (r) => { asked++; r.fulfill({ status: 404, body: 'no' }); });
    const input = 'v=spf1 ip4:abc.d.efg.h -all';
    await page.goto(env.server.url + '/#record=' + encodeURIComponent(input));
    await page.waitForSelector(drawn, { timeout: 30000 });
    assert.ok(asked >= 1, 'the worker was asked for');
    assert.equal(await page.locator('#results .annotated').textContent(), input);
    assert.equal(await page.locator('#results .finding').count(), explainJSON(input).records[0].findings.length);
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});

describe('control characters in record text are shown, not obeyed', () => {
  // ESC (a terminal's clear screen), BEL, a C1 control, a right-to-left
  // override that would show "evil.example" reversed, a zero-width space.
  const hostile = 'v=spf1 a:mail\x1b[2J.example.net include:\u202eelpmaxe.live ip4:192.0.2.1\x07 a:x\u0085y.example \u200b-all';
  const marks = ['\\x1b', 'U+202E', '\\x07', 'U+0085', 'U+200B'];
  const hidden = /[\0-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

  test('the record view: each is a visible mark, and every segment keeps its bytes', async () => {
    const want = explainJSON(hostile).records[0];
    const page = await open('#record=' + encodeURIComponent(hostile));
    await page.waitForSelector(drawn);
    const got = await page.evaluate(() => ({
      chips: [...document.querySelectorAll('#results .annotated .ctl')].map((c) => c.textContent),
      titles: [...document.querySelectorAll('#results .annotated .ctl')].map((c) => c.title),
      text: document.querySelector('#results .annotated').textContent,
      segs: [...document.querySelectorAll('#results .annotated .seg')].map((g) => ({ s: +g.dataset.s, e: +g.dataset.e, text: g.textContent })),
      page: document.getElementById('results').textContent,
    }));
    assert.deepEqual(got.chips, marks);
    assert.match(got.titles[0], /ESC/);
    assert.match(got.titles[1], /RIGHT-TO-LEFT OVERRIDE/);
    assert.doesNotMatch(got.page, hidden, 'no control or bidi character reaches the results as itself');
    // The segments cover the record's bytes in order, each showing its bytes.
    const show = (t) => t.replace(/[\0-\x08\x0b-\x1f\x7f]/g, (c) => '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0'))
      .replace(/[\x80-\x9f\u200b\u202e]/g, (c) => 'U+' + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'));
    let at = want.span[0];
    for (const g of got.segs) {
      assert.equal(g.s, at, 'contiguous');
      assert.equal(g.text, show(spanText(hostile, [g.s, g.e])));
      at = g.e;
    }
    assert.equal(at, want.span[1]);
    // A finding still marks its exact bytes.
    const k = want.findings.findIndex((f) => f.severity === 'error' && spanText(hostile, f.span).includes('\x1b'));
    assert.ok(k >= 0, 'a finding about the ESC term: ' + want.findings.map((f) => f.code).join(' '));
    await page.locator(`.finding[data-finding="0.${k}"]`).click();
    assert.equal(await markedText(page), show(spanText(hostile, want.findings[k].span)));
    assert.match(await page.locator('#meaning .marked-text').textContent(), /\\x1b/);
    assert.doesNotMatch(await page.locator('#announce').textContent(), hidden, 'the live region hears the marks too');
    await page.locator('.annotated .ctl').first().scrollIntoViewIfNeeded();
    mkdirSync(join(root, 'build', 'screenshots'), { recursive: true });
    await page.locator('#results .record').first().screenshot({ path: join(root, 'build', 'screenshots', 'paste-controls.png') });
    await page.close();
  });

  test('the lookup view: a TXT record from DNS with ESC, BEL and U+202E', async () => {
    const page = await open('#view=lookup&domain=ctl.hostile.test&resolver=' + encodeURIComponent(env.server.url + '/dns-query'));
    await page.waitForSelector('#lookup-results .record', { timeout: 30000 });
    const got = await page.evaluate(() => ({
      chips: [...document.querySelectorAll('#lookup-results .annotated .ctl')].map((c) => c.textContent),
      text: document.getElementById('lookup-results').textContent,
    }));
    assert.deepEqual(got.chips, ['\\x1b', 'U+202E', '\\x07']);
    assert.doesNotMatch(got.text, hidden);
    await page.close();
  });
});

describe('screenshots', () => {
  const sizes = { desktop: { width: 1200, height: 900 }, phone: { width: 390, height: 844 } };
  for (const scheme of ['light', 'dark']) {
    for (const [name, viewport] of Object.entries(sizes)) {
      test(`${scheme}, ${name}`, async () => {
        const dir = join(root, 'build', 'screenshots');
        mkdirSync(dir, { recursive: true });
        const page = await env.browser.context.newPage();
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme: scheme });
        const spf = seedBlocks.find((b) => /v=spf1/.test(b)) || 'example.com.   3600   IN   TXT   "v=spf1 ip4:abc.d.efg.h include:_spf.google.com -all"';
        await page.goto(env.server.url + '/#record=' + encodeURIComponent(spf));
        await page.waitForSelector('.annotated .field');
        await page.locator('.finding.sev-error').first().click();
        await page.locator('.annotated .field').nth(1).focus();
        await page.evaluate(() => window.scrollTo(0, 0));
        const file = join(dir, `paste-${scheme}-${name}.png`);
        await fullPageShot(page, file);
        // Nothing overflows sideways on a phone.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `page wider than the ${name} viewport by ${overflow}px`);
        await page.close();
      });
    }
  }
});
