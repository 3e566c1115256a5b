// The page in Debian's chromium against ./bin/mxplain serve --zones e2e/zones
// (run by `make test-e2e`, after `make build`). Nothing here reaches the
// internet.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root, startServer, launch, explainJSON, spanText } from './harness.mjs';

// The seed document is read from ../shared at test time, never copied.
const seedPath = join(root, '..', 'shared', 'seed', '000_3ba6b5d80f5b8c8e.txt');
const seedBlocks = [...readFileSync(seedPath, 'utf8').matchAll(/```\n([\s\S]*?)\n```/g)].map((m) => m[1].trim());

// What each seed record must show, and the bytes its named problem is about.
const seedCases = [
  { type: 'mx', badge: 'MX', find: /MX\s+10 mail\.example\.com\./ },
  { type: 'spf', badge: 'SPF', find: /v=spf1 ip4:abc/, problem: 'abc.d.efg.h', code: 'spf.ip4.placeholder' },
  { type: 'dkim', badge: 'DKIM', find: /v=DKIM1/, problem: 'MIIBIjANBgkqh...Ab (your public key) ...IDAQAB', code: 'dkim.p.placeholder' },
  { type: 'dmarc', badge: 'DMARC', find: /v=DMARC1/, problem: 'mailto:[email protected]', code: 'dmarc.uri.obfuscated' },
];

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (server) assert.equal(await server.stop(), 0, 'mxplain serve exits 0 on SIGTERM');
});

// open returns a new page that fails the test on any script error.
async function open(hash = '') {
  const page = await browser.context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(server.url + '/' + hash);
  await page.waitForFunction(() => document.documentElement.dataset.engine, null, { timeout: 30000 });
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

describe('the seed records', () => {
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

    const again = await browser.context.newPage();
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
    const page = await browser.context.newPage();
    await page.route('**/*.wasm', (route) => route.abort());
    await page.goto(server.url + '/#record=v%3Dspf1+-all');
    const alert = page.locator('#engine-error');
    await alert.waitFor({ state: 'visible' });
    assert.equal(await alert.getAttribute('role'), 'alert');
    assert.match(await alert.textContent(), /could not be loaded/);
    assert.match(await alert.textContent(), /make build/);
    assert.equal(await page.locator('#engine-status').isVisible(), false);
    await page.close();
  });

  test('a server answering 404 for the wasm is quoted', async () => {
    const page = await browser.context.newPage();
    await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'mxplain: app.wasm was not built' }));
    await page.goto(server.url + '/');
    await page.locator('#engine-error').waitFor({ state: 'visible' });
    assert.match(await page.locator('#engine-error-reason').textContent(), /404: mxplain: app\.wasm was not built/);
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
      const page = await browser.context.newPage();
      const dialogs = [];
      page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
      await page.addInitScript(() => {
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      await page.goto(server.url + '/#record=' + encodeURIComponent(payload));
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

describe('screenshots', () => {
  const sizes = { desktop: { width: 1200, height: 900 }, phone: { width: 390, height: 844 } };
  for (const scheme of ['light', 'dark']) {
    for (const [name, viewport] of Object.entries(sizes)) {
      test(`${scheme}, ${name}`, async () => {
        const dir = join(root, 'build', 'screenshots');
        mkdirSync(dir, { recursive: true });
        const page = await browser.context.newPage();
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme: scheme });
        const spf = seedBlocks.find((b) => /v=spf1/.test(b));
        await page.goto(server.url + '/#record=' + encodeURIComponent(spf));
        await page.waitForSelector('.annotated .field');
        await page.locator('.finding.sev-error').first().click();
        await page.locator('.annotated .field').nth(1).focus();
        await page.evaluate(() => window.scrollTo(0, 0));
        const file = join(dir, `paste-${scheme}-${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        // Nothing overflows sideways on a phone.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `page wider than the ${name} viewport by ${overflow}px`);
        await page.close();
      });
    }
  }
});
