// The record builder, in Debian's chromium against ./bin/mxplain serve:
// a form for every type the engine knows (mxplain.forms()), the seed
// article's four records built from it correctly filled in, each
// explained live by the engine with no error; the state in the URL (a
// link rebuilds the record); list rows added and removed; a field the
// engine cannot use shown at its field; the copy button. Screenshots go to
// build/screenshots/builder-{desktop,phone}-{light,dark}.png.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { serveAndLaunch, root, fullPageShot } from './harness.mjs';

const env = serveAndLaunch();
const shots = join(root, 'build', 'screenshots');

// The seed article's DKIM key (../shared/seed/), whole, as a PEM block.
const seedKey = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAntNMNUNvU+MUanyQNf14qWpUi9QquFR7ThNo5ZJzBr0r2WNjOAfNOp3XDTbeg5yC3laq/tSarz3ABYCjfpnEihg/gldygeeICAsEMBtVhl9yQ4Qb6L+mXUWrPSSsVr40HhqE0Obzlb94PaQ6AGWlR3ni1qjP8GGoLzMSNwn4s1FU7F9wjYODki3Pd74qzgbfL/FasqbtXxViO4vpRH1QEg9yXbF2UOQg8HAraj4zBaHrmV1ZZ/n4oGfycJSJdicLhsbYC6H3TwhPpUFGOEVCGYWkmyQn1DJPgikBe0DveKi2rXksd8fwf0ZkXShEZDNnqSetG6mC6Q3t8DeTMzcRgQIDAQAB';
const pem = '-----BEGIN PUBLIC KEY-----\n' + seedKey.match(/.{1,64}/g).join('\n') + '\n-----END PUBLIC KEY-----\n';

async function open(hash = '#view=build') {
  const page = await env.browser.context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(env.server.url + '/' + hash);
  await page.waitForSelector('#build-type:not([disabled])', { timeout: 30000 });
  return page;
}

// built waits for the record text to read want and returns what is shown.
async function built(page, want) {
  await page.waitForFunction((w) => document.querySelector('#build-output .copy-built .copy-text')?.textContent === w, want, { timeout: 10000 })
    .catch(async () => assert.fail(`the record shown is ${JSON.stringify(await page.textContent('#build-output .copy-built .copy-text').catch(() => null))}, want ${JSON.stringify(want)}`));
  return page.evaluate(() => ({
    owner: document.querySelector('#build-output .build-owner code')?.textContent,
    errors: [...document.querySelectorAll('#build-output .finding.sev-error')].map((f) => f.textContent),
    fieldErrors: [...document.querySelectorAll('#view-build .field-error:not([hidden])')].map((e) => e.textContent),
  }));
}

// fillList writes values into a list field's lines, adding lines as needed.
async function fillList(page, name, values) {
  for (const [i, v] of values.entries()) {
    const rows = page.locator(`#build-f-${name}-rows input`);
    if (await rows.count() <= i) await page.click(`#build-f-${name}-add`);
    await rows.nth(i).fill(v);
  }
}

describe('the record builder', () => {
  test('a form for every type the engine explains, in its order', async () => {
    const page = await open();
    const options = await page.$$eval('#build-type option', (os) => os.map((o) => o.value));
    // The paste view's type picker lists the engine's types (mxplain.types()).
    await page.waitForFunction(() => document.querySelectorAll('#type option').length > 1);
    const listed = await page.$$eval('#type option', (os) => os.map((o) => o.value).filter(Boolean));
    assert.deepEqual(options, listed);
    assert.deepEqual(page.errors, []);
  });

  test('the seed\'s four records, built correctly filled in, explained with no error', async () => {
    const page = await open();
    await page.fill('#build-domain', 'example.com');

    await page.selectOption('#build-type', 'mx');
    await fillList(page, 'host', ['10 mail.example.com']);
    let b = await built(page, 'example.com. IN MX 10 mail.example.com.');
    assert.equal(b.owner, 'example.com.');
    assert.deepEqual(b.errors, []);

    await page.selectOption('#build-type', 'spf');
    await fillList(page, 'ip4', ['198.51.100.25']);
    await fillList(page, 'include', ['_spf.google.com']);
    await page.selectOption('#build-f-all', '-');
    b = await built(page, 'example.com. IN TXT "v=spf1 ip4:198.51.100.25 include:_spf.google.com -all"');
    assert.deepEqual(b.errors, []);

    await page.selectOption('#build-type', 'dkim');
    await page.fill('#build-selector', 'default');
    await page.fill('#build-f-key', pem);
    const dkim = 'v=DKIM1; k=rsa; p=' + seedKey;
    b = await built(page, `default._domainkey.example.com. IN TXT "${dkim.slice(0, 255)}" "${dkim.slice(255)}"`);
    assert.equal(b.owner, 'default._domainkey.example.com.');
    assert.deepEqual(b.errors, []);
    // The panel's value is the record's value, one string.
    assert.equal(await page.textContent('#build-output table.panel tr:nth-child(3) td'), dkim);

    await page.selectOption('#build-type', 'dmarc');
    await page.selectOption('#build-f-p', 'quarantine');
    await fillList(page, 'rua', ['dmarc-reports@example.com']);
    b = await built(page, '_dmarc.example.com. IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@example.com"');
    assert.equal(b.owner, '_dmarc.example.com.');
    assert.deepEqual(b.errors, []);
    assert.deepEqual(b.fieldErrors, []);
    assert.deepEqual(page.errors, []);
  });

  test('a mail client SRV record: the selector box is the service, its port the service\'s', async () => {
    const page = await open();
    await page.fill('#build-domain', 'example.com');
    await page.selectOption('#build-type', 'srv');
    assert.equal(await page.textContent('label[for="build-selector"]'), 'Service');
    assert.equal(await page.inputValue('#build-selector'), '_submissions');
    await page.fill('#build-f-host', 'smtp.example.com');
    let b = await built(page, '_submissions._tcp.example.com. IN SRV 0 1 465 smtp.example.com.');
    assert.deepEqual(b.errors, []);
    await page.fill('#build-selector', '_imaps');
    b = await built(page, '_imaps._tcp.example.com. IN SRV 0 1 993 smtp.example.com.');
    assert.deepEqual(b.errors, []);
    // Back to a kind with a real selector: the box is called so again.
    await page.selectOption('#build-type', 'dkim');
    assert.equal(await page.textContent('label[for="build-selector"]'), 'Selector');
    assert.deepEqual(page.errors, []);
  });

  test('the state lives in the URL: a link rebuilds the same record', async () => {
    const page = await open();
    await page.fill('#build-domain', 'example.com');
    await page.selectOption('#build-type', 'dmarc');
    await page.selectOption('#build-f-p', 'reject');
    await fillList(page, 'rua', ['a@example.com', 'b@example.com']);
    const want = '_dmarc.example.com. IN TXT "v=DMARC1; p=reject; rua=mailto:a@example.com,mailto:b@example.com"';
    await built(page, want);
    const hash = await page.evaluate(() => location.hash);
    const p = new URLSearchParams(hash.slice(1));
    assert.equal(p.get('view'), 'build');
    assert.equal(p.get('type'), 'dmarc');
    assert.deepEqual(p.getAll('rua'), ['a@example.com', 'b@example.com']);
    assert.equal(p.has('adkim'), false, 'a field at its default is left out');

    const again = await open(hash);
    await built(again, want);
    assert.equal(await again.inputValue('#build-f-p'), 'reject');

    // Removing a line rebuilds without it.
    await again.click('#build-f-rua-rows li:first-child .remove');
    await built(again, '_dmarc.example.com. IN TXT "v=DMARC1; p=reject; rua=mailto:b@example.com"');
  });

  test('what is left for the owner is a named slot; a field the engine cannot use says why, at the field', async () => {
    const page = await open('#view=build&type=tls-rpt&domain=example.com');
    const b = await built(page, '_smtp._tls.example.com. IN TXT "v=TLSRPTv1; rua=mailto:{{report-address}}"');
    assert.ok(await page.locator('#build-output ul.slots code.slot', { hasText: '{{report-address}}' }).count());
    assert.deepEqual(b.fieldErrors, []);

    await page.fill('#build-domain', 'exa mple.com');
    await page.waitForSelector('#build-domain-error:not([hidden])');
    assert.match(await page.textContent('#build-domain-error'), /not allowed|domain/);
  });

  test('the copy button copies the record', async () => {
    await env.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
    const page = await open('#view=build&type=spf&domain=example.com&mx=on&all=-');
    const want = 'example.com. IN TXT "v=spf1 mx -all"';
    await built(page, want);
    await page.click('#build-output .copy-built button.copy');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), want);
  });

  test('screenshots, desktop and phone, light and dark; no horizontal scroll on a phone', async () => {
    mkdirSync(shots, { recursive: true });
    for (const [device, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
      for (const colorScheme of ['light', 'dark']) {
        const page = await open('#view=build&type=dmarc&domain=example.com&p=quarantine&rua=dmarc-reports%40example.com');
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme });
        await built(page, '_dmarc.example.com. IN TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@example.com"');
        if (device === 'phone') {
          const [scroll, width] = await page.evaluate(() => [document.scrollingElement.scrollWidth, innerWidth]);
          assert.ok(scroll <= width, `the builder scrolls sideways on a phone: ${scroll} > ${width}`);
        }
        await fullPageShot(page, join(shots, `builder-${device}-${colorScheme}.png`));
        await page.close();
      }
    }
  });
});
