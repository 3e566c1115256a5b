// The lookup report's checklist and its exports, in Debian's chromium
// against ./bin/mxplain serve --zones e2e/zones (nothing reaches the
// internet): the verdicts are the engine's (report.verdicts), drawn first,
// each linking to its section; the report downloads as JSON, copies as
// Markdown (the engine's, inspect.Markdown) and as a link that runs the
// same lookup again. The clipboard is read back with its permissions
// granted to the page's origin.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serveAndLaunch, lookupJSON } from './harness.mjs';

const env = serveAndLaunch();

async function open(hash = '#view=lookup') {
  const page = await env.browser.context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(env.server.url + '/' + hash);
  await page.waitForFunction(() => document.documentElement.dataset.engine, null, { timeout: 30000 });
  return page;
}

async function lookUp(page, domain) {
  await page.fill('#domain', domain);
  await page.click('#lookup-go');
  await page.waitForSelector('#lookup-results .report-title', { timeout: 20000 });
}

// drawn returns the checklist as the page shows it.
const drawn = (page) => page.$$eval('#lookup-results nav.verdicts li', (lis) => lis.map((li) => ({
  part: li.dataset.part, status: li.dataset.status,
  mark: li.querySelector('.mark').textContent, label: li.querySelector('a').textContent,
  href: li.querySelector('a').getAttribute('href'), text: li.querySelector('.verdict-text').textContent,
})));

describe('the checklist', () => {
  test('a domain with errors: first, the engine\'s lines, ✗ where a part has an error, each linking to its section', async () => {
    // example.org includes _spf.example.net, which has no SPF record: an SPF error.
    const want = lookupJSON(env.server.url, 'example.org');
    assert.ok(want.verdicts.some((v) => v.status === 'error'), 'the fixture has an error');
    const page = await open();
    await lookUp(page, 'example.org');

    const lines = await drawn(page);
    assert.deepEqual(lines.map((l) => l.part), want.parts.map((p) => p.part), 'one line per part, in the report\'s order');
    for (const [i, l] of lines.entries()) {
      const v = want.verdicts[i];
      assert.equal(l.status, v.status, `${l.part}: the engine's status`);
      assert.equal(l.mark, { ok: '✓', warning: '!', error: '✗' }[v.status]);
      assert.equal(l.label, v.label);
      assert.equal(l.href, '#lk-' + v.anchor);
      assert.ok(await page.locator(l.href).count(), `${l.href} is a section of the report`);
    }
    const spf = lines.find((l) => l.part === 'spf');
    assert.equal(spf.status, 'error');
    assert.equal(spf.mark, '✗');
    // An error part's line and its section's status agree.
    assert.equal(await page.getAttribute('#lk-spf', 'data-status'), 'error');

    // Drawn before any section.
    const order = await page.$$eval('#lookup-results > *', (els) => els.map((e) => e.matches('nav.verdicts') ? 'checklist' : e.matches('.lk-section') ? 'section' : ''));
    assert.ok(order.indexOf('checklist') >= 0 && order.indexOf('checklist') < order.indexOf('section'));

    // Sections fold to their summary where the engine counted nothing to
    // act on; where it counted an error or a warning, or a query failed,
    // they are open.
    const opened = await page.$$eval('#lookup-results .lk-section[data-part]', (ss) => Object.fromEntries(ss.map((s) => [s.dataset.part, s.querySelector('details.part-fold').open])));
    for (const p of want.parts) {
      assert.equal(opened[p.part], p.errors > 0 || p.warnings > 0 || p.status === 'partial' || p.status === 'error', `${p.part} (${p.status}, ${p.errors} errors, ${p.warnings} warnings) open or folded`);
    }
    assert.ok(Object.values(opened).includes(false), 'the fixture has a folded section');
    // A folded section shows its heading and the checklist's sentence.
    const folded = want.parts.find((p) => !opened[p.part]);
    assert.ok(await page.locator(`#lk-${folded.part} summary h3`).isVisible());
    assert.equal(await page.locator(`#lk-${folded.part} summary .part-verdict`).textContent(), want.verdicts.find((v) => v.part === folded.part).text);
    assert.equal(await page.locator(`#lk-${folded.part} .part-body`).isVisible(), false);

    // A link moves focus to its section's heading, opening it if folded;
    // the view's state stays in the URL.
    const before = await page.evaluate(() => location.hash);
    await page.click(`nav.verdicts li[data-part="${folded.part}"] a`);
    assert.equal(await page.evaluate(() => document.activeElement.id), `lk-${folded.part}-title`);
    assert.ok(await page.locator(`#lk-${folded.part} .part-body`).isVisible(), 'the link opened its section');
    await page.click('nav.verdicts li[data-part="dmarc"] a');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'lk-dmarc-title');

    // One button opens every section, and folds them all again.
    await page.click('.unfold-all');
    assert.deepEqual(await page.$$eval('#lookup-results details.part-fold, #lookup-results details.node-fold', (ds) => ds.filter((d) => !d.open).length), 0);
    await page.click('.unfold-all');
    assert.deepEqual(await page.$$eval('#lookup-results details.part-fold', (ds) => ds.filter((d) => d.open).length), 0);
    assert.equal(await page.evaluate(() => location.hash), before);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('a domain without errors: no ✗', async () => {
    const want = lookupJSON(env.server.url, 'shop.acme.test');
    assert.ok(!want.verdicts.some((v) => v.status === 'error'), 'the fixture has no error');
    const page = await open();
    await lookUp(page, 'shop.acme.test');
    const lines = await drawn(page);
    assert.deepEqual(lines.map((l) => [l.part, l.status]), want.verdicts.map((v) => [v.part, v.status]));
    assert.ok(!lines.some((l) => l.mark === '✗'));
    assert.equal(lines.find((l) => l.part === 'mx').mark, '✓');
    assert.equal(lines.find((l) => l.part === 'mx').text, want.verdicts.find((v) => v.part === 'mx').text);
    await page.close();
  });
});

describe('an SPF policy over 10 lookups', () => {
  test('the plan is the engine\'s, drawn in the SPF section, its values as text', async () => {
    const want = lookupJSON(env.server.url, 'big.acme.test');
    assert.ok(want.spf.dns_lookups > 10 && want.spf.plan, 'the fixture is over the limit');
    const page = await open();
    await lookUp(page, 'big.acme.test');
    assert.equal((await drawn(page)).find((l) => l.part === 'spf').mark, '✗');
    assert.match(await page.locator('#lk-spf .plan h4').textContent(), new RegExp(`from ${want.spf.dns_lookups} to at most 10`));
    const steps = await page.$$eval('#lk-spf .plan-steps > li', (lis) => lis.map((li) => ({
      text: li.querySelector('p').textContent, value: li.querySelector('.plan-value')?.textContent })));
    assert.deepEqual(steps, want.spf.plan.steps.map((s) => ({ text: s.text, value: s.value })));
    assert.ok(steps.some((s) => s.value && s.value.startsWith('v=spf1 ')), 'a record to publish');
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});

describe('exports', () => {
  test('download JSON, copy as Markdown, copy the link', async () => {
    await env.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
    const page = await open();
    await lookUp(page, 'shop.acme.test');

    // The JSON download is the report the page drew.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button.export-json')]);
    assert.equal(download.suggestedFilename(), 'mxplain-shop.acme.test.json');
    const report = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(report.domain, 'shop.acme.test');
    assert.deepEqual((await drawn(page)).map((l) => l.text), report.verdicts.map((v) => v.text));

    // The Markdown is the engine's: the checklist first, each line linking to its part's heading.
    await page.click('button.export-markdown');
    await page.waitForFunction(() => /Markdown copied/.test(document.querySelector('.export-status').textContent), null, { timeout: 20000 });
    const md = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(md.startsWith('# Mail DNS of `shop.acme.test`\n'), md.slice(0, 80));
    const checklist = md.indexOf('## Checklist\n');
    assert.ok(checklist > 0 && checklist < md.indexOf('## MX: '));
    for (const v of report.verdicts) assert.ok(md.includes(`- ${v.mark} [${v.label}](#`), `the Markdown has the ${v.label} line`);
    assert.ok(!/<[a-z]/i.test(md.replace(/`[^`]*`/g, '')), 'no HTML outside code spans');

    // The link runs the same lookup again.
    await page.click('button.export-link');
    await page.waitForFunction(() => /Link copied/.test(document.querySelector('.export-status').textContent));
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(link, env.server.url + '/#view=lookup&domain=shop.acme.test');
    const again = await open(new URL(link).hash);
    await again.waitForSelector('#lookup-results nav.verdicts', { timeout: 20000 });
    assert.equal(await again.inputValue('#domain'), 'shop.acme.test');
    assert.deepEqual(page.errors, []);
    await again.close();
    await page.close();
  });
});
