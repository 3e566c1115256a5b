// The lookup view in Debian's chromium against ./bin/mxplain serve --zones
// e2e/zones (run by `make test-e2e`): the page asks the server's own DoH
// endpoint (/dns-query), which answers from the fixtures in e2e/zones and
// the faults in e2e/zones/faults. Nothing here reaches the internet.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { root, serveAndLaunch, lookupJSON, fullPageShot } from './harness.mjs';

const env = serveAndLaunch();

// open returns a page on the lookup view that records script errors,
// dialogs and Content-Security-Policy violations.
async function open(hash = '#view=lookup') {
  const page = await env.browser.context.newPage();
  page.errors = [];
  page.dialogs = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('dialog', (d) => { page.dialogs.push(d.message()); d.dismiss(); });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(env.server.url + '/' + hash);
  await page.waitForFunction(() => document.documentElement.dataset.engine, null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.engine), 'ready');
  return page;
}

// lookUp types a domain (and options) into the form, submits it and waits
// for the report.
async function lookUp(page, domain, { selectors, ip } = {}) {
  await page.fill('#domain', domain);
  if (selectors || ip) {
    await page.locator('#lookup-more summary').click();
    if (selectors) await page.fill('#selectors', selectors);
    if (ip) await page.fill('#ip', ip);
  }
  await page.click('#lookup-go');
  await report(page);
}

async function report(page) {
  await page.waitForSelector('#lookup-results .report-title', { timeout: 20000 });
}

const text = (page, sel) => page.locator(sel).first().textContent();

describe('a realistic domain', () => {
  test('sections, delivery order, x/10 lookups, policy domain, selectors, path', async () => {
    const want = lookupJSON(env.server.url, 'shop.acme.test', ['--selector', 's2026']);
    assert.equal(want.errors.length, 0, 'the fixture answers every query');
    const page = await open();
    await lookUp(page, 'shop.acme.test', { selectors: 's2026' });

    // The sections: the engine's parts, in its order.
    const sections = await page.$$eval('#lookup-results .lk-section', (ss) => ss.map((s) => s.id));
    assert.deepEqual(sections.filter((s) => s !== ''), want.parts.map((p) => 'lk-' + p.part));
    assert.deepEqual(sections.slice(0, 4), ['lk-mx', 'lk-spf', 'lk-dmarc', 'lk-dkim']);

    // MX: the hosts in delivery order, with their addresses.
    const hosts = await page.$$eval('#lk-mx .mx-hosts li', (ls) => ls.map((l) => l.querySelector('.exchange').textContent));
    assert.deepEqual(hosts, want.mx.hosts.map((h) => h.exchange));
    assert.deepEqual(hosts, ['mx1.mail.example.net.', 'mx2.mail.example.net.']);
    assert.match(await text(page, '#lk-mx .mx-hosts li'), /192\.0\.2\.25.*2001:db8::25/);
    // MX records with nothing to say are one line, the others cards.
    const quiet = want.mx.records.filter((r) => r.valid && !r.findings.length);
    assert.equal(await page.locator('#lk-mx .record').count(), want.mx.records.length - quiet.length);
    assert.deepEqual(await page.$$eval('#lk-mx .quiet-records code', (cs) => cs.map((c) => c.textContent)), quiet.map((r) => r.value));

    // SPF: the engine's count, the tree three includes deep, each record annotated.
    assert.equal(await text(page, '#lk-spf .lookups'), `${want.spf.dns_lookups}/10 DNS lookups`);
    assert.equal(await text(page, '#lk-spf .voids'), `${want.spf.void_lookups}/2 void lookups`);
    const domains = await page.$$eval('#lk-spf .node-head code:last-of-type', (cs) => cs.map((c) => c.textContent));
    assert.deepEqual(domains, ['shop.acme.test', '_spf.acme.test', '_spf2.acme.test', 'spf.mailer.example.net']);
    assert.equal(await page.locator('#lk-spf .spf-tree .spf-tree .spf-tree .record').count(), 2, 'the third level holds two records');
    assert.deepEqual(await page.$$eval('#lk-spf .networks code', (cs) => cs.map((c) => c.textContent)), want.spf.networks);

    // DMARC: from the organizational domain, by the tree walk.
    assert.equal(await text(page, '#lk-dmarc .policy-domain'), '_dmarc.acme.test');
    assert.equal(await text(page, '#lk-dmarc .policy'), want.dmarc.policy);
    assert.match(await text(page, '#lk-dmarc .policy-source'), /organizational domain acme\.test/);
    const walk = await page.$$eval('#lk-dmarc .walk li code', (cs) => cs.map((c) => c.textContent));
    assert.deepEqual(walk, want.dmarc.walk.map((s) => s.name));
    assert.match(await text(page, '#lk-dmarc .legacy'), /the same as RFC 9989/);
    assert.match(await text(page, '#lk-dmarc .reports'), /agg@reports\.example\.net.*authorised by/);

    // DKIM: the named and the probed selector annotated; absent ones listed.
    const owners = await page.$$eval('#lk-dkim .record .owner', (os) => os.map((o) => o.textContent));
    assert.deepEqual(owners.sort(), ['s2026._domainkey.shop.acme.test.', 'selector1._domainkey.shop.acme.test.']);
    assert.match(await text(page, '#lk-dkim .absent'), /Probed, no key \(\d+\): google, /);

    // Hovering a part of a record shows its meaning below it.
    const field = page.locator('#lk-spf .annotated .field').nth(1);
    await field.hover();
    const meaning = page.locator('#lookup-results .meaning');
    assert.ok(await meaning.isVisible());
    assert.match(await meaning.textContent(), /RFC 7208/);

    // The path of a message for this domain: the engine's steps, each
    // with its checklist lines, drawn and as text.
    const steps = await page.$$eval('#path-domain .path-text > ol > li', (ls) => ls.map((l) => ({ step: l.dataset.step, text: l.textContent })));
    assert.deepEqual(steps.map((s) => s.step), want.path.map((s) => s.step));
    want.path.forEach((s, i) => s.says.forEach((line) => assert.ok(steps[i].text.includes(line), `${s.step}: ${line}`)));
    assert.match(steps[1].text, /MX: Mail goes to 2 hosts/);
    assert.equal(await page.locator('#path-domain svg .path-step').count(), want.path.length);

    // The status line sums the report up for screen readers.
    assert.match(await text(page, '#lookup-status'), /^Report for shop\.acme\.test: /);
    assert.deepEqual(page.errors, []);
    assert.deepEqual(await page.evaluate(() => window.__csp), []);
    await page.close();
  });

  test('with a client IP: the check_host() path', async () => {
    const page = await open();
    await lookUp(page, 'shop.acme.test', { ip: '203.0.113.9' });
    assert.match(await text(page, '#lk-spf .check h4'), /check_host\(\) for 203\.0\.113\.9: pass/);
    const steps = await page.$$eval('#lk-spf .check-path li', (ls) => ls.map((l) => l.textContent));
    assert.ok(steps.some((s) => /ip4:203\.0\.113\.0\/24 at spf\.mailer\.example\.net matches/.test(s)), steps.join('\n'));
    assert.match(page.url(), /ip=203\.0\.113\.9/);
    await page.close();
  });

  test('progress while the answers come back', async () => {
    const page = await open();
    // Slow the resolver down so that the progress can be seen.
    await page.route('**/dns-query?**', async (route) => { await new Promise((r) => setTimeout(r, 120)); await route.continue(); });
    await page.fill('#domain', 'shop.acme.test');
    await page.press('#domain', 'Enter');
    await page.waitForSelector('#lookup-progress:not([hidden]) .chip[data-state="pending"]');
    await page.waitForFunction(() => /\d+ quer(y|ies) sent, \d+ answered/.test(document.querySelector('#lookup-progress .count').textContent) && document.querySelector('#lookup-progress .count').textContent !== '0 queries sent, 0 answered');
    assert.match(await text(page, '#lookup-status'), /Looking up shop\.acme\.test through http:\/\/127\.0\.0\.1:\d+\/dns-query/);
    await report(page);
    assert.equal(await page.locator('#lookup-progress').isVisible(), false, 'the progress goes away with the report');
    await page.close();
  });
});

describe('MX without hosts to list', () => {
  test('a null MX says the domain takes no mail', async () => {
    const page = await open();
    await lookUp(page, 'nullmx.test');
    assert.match(await text(page, '#lk-mx .lead'), /^Null MX: this domain accepts no mail/);
    assert.equal(await page.locator('#lk-mx .mx-hosts').count(), 0);
    assert.deepEqual(await page.$$eval('#path-domain svg .path-step', (gs) => gs.map((g) => g.dataset.status)).then((st) => st.filter((x) => x === 'skipped').length), 3);
    assert.match(await text(page, '#path-domain .path-text'), /takes no mail \(null MX\): senders give up at once/);
    await page.close();
  });

  test('no MX: the domain\'s own address receives', async () => {
    const page = await open();
    await lookUp(page, 'implicit.test');
    assert.match(await text(page, '#lk-mx .lead'), /^No MX records: senders deliver to the domain.s own address/);
    assert.match(await text(page, '#lk-mx .mx-hosts li'), /implicit\s*implicit\.test\.\s*192\.0\.2\.60/);
    await page.close();
  });
});

describe('internationalized names', () => {
  test('bücher.test is asked as xn--bcher-kva.test', async () => {
    const page = await open();
    await lookUp(page, 'bücher.test');
    assert.equal(await text(page, '.idn .a-label'), 'xn--bcher-kva.test');
    assert.equal(await page.locator('#lk-mx .mx-hosts li').count(), 1);
    await page.close();
  });
});

describe('one validity rule', () => {
  test('an SPF record whose term breaks the tree is not shown as valid, and its error is said once, at the term', async () => {
    const page = await open();
    // example.org includes _spf.example.net, which has no SPF record.
    await lookUp(page, 'example.org');
    const card = page.locator('#lk-spf .spf-tree .record').first();
    assert.match(await card.locator('.verdict').textContent(), /^✗ Has errors · 1 error/);
    assert.match(await card.locator('.findings').textContent(), /_spf\.example\.net does not exist/);
    assert.equal(await page.locator('#lk-spf .findings li, #lk-spf .report-finding').filter({ hasText: /_spf\.example\.net does not exist/ }).count(), 1, 'said once: on the card, not again in the problems of the tree');
    assert.equal(await page.locator('#lk-spf .record .verdict.ok').count(), 0, 'no SPF card says Valid');
    await page.close();
  });
});

describe('records the domain does not control', () => {
  test("a provider's included SPF record is labelled as the provider's", async () => {
    const page = await open();
    // acme.test → _spf.acme.test → _spf2.acme.test → spf.mailer.example.net.
    await lookUp(page, 'acme.test');
    const labels = await page.locator('#lk-spf .spf-tree .provider').allTextContents();
    assert.deepEqual(labels, ["example.net's record: its findings are for example.net to fix"]);
    assert.match(await page.locator('#lk-spf .spf-tree li').filter({ has: page.locator('.provider') }).locator('.node-head code').last().textContent(), /^spf\.mailer\.example\.net$/);
    await page.close();
  });
});

describe('what the lookup box takes', () => {
  test('a mail address or a web address looks up its domain, and the link keeps what was typed', async () => {
    const page = await open();
    await lookUp(page, 'Postmaster <postmaster@shop.acme.test>');
    assert.equal(await text(page, '#lk-title .mono'), 'shop.acme.test');
    assert.equal((await text(page, '.idn')).replace(/\s+/g, ' '), 'You typed the mail address Postmaster <postmaster@shop.acme.test>; the DNS was asked for shop.acme.test, its domain.');
    assert.equal(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('domain'), 'Postmaster <postmaster@shop.acme.test>');
    await lookUp(page, 'https://www.shop.acme.test/contact');
    assert.equal(await text(page, '#lk-title .mono'), 'shop.acme.test');
    assert.match(await text(page, '.idn'), /^You typed the web address https:\/\/www\.shop\.acme\.test\/contact; the DNS was asked for shop\.acme\.test, its domain\.$/);
    assert.ok(await page.locator('#lk-mx .mx-hosts li').count() > 0, 'the MX section of shop.acme.test');
    await page.close();
  });
});

describe('messages', () => {
  test('a domain that does not exist', async () => {
    const page = await open();
    await lookUp(page, 'no-such-domain.test');
    const alert = page.locator('#lookup-results .alert[role="alert"]');
    assert.match(await alert.first().textContent(), /no-such-domain\.test does not exist\. The resolver answered NXDOMAIN/);
    await page.close();
  });

  test('a partial report names the queries that failed', async () => {
    const want = lookupJSON(env.server.url, 'partial.test');
    const failed = want.errors.filter((e) => !e.optional);
    assert.ok(failed.length >= 2, 'the faults file makes queries fail');
    const page = await open();
    await lookUp(page, 'partial.test');
    const alert = page.locator('#lookup-results .alert.warn');
    assert.match(await alert.textContent(), new RegExp(`Partial report: ${failed.length} queries failed`));
    const lines = await alert.locator('li').allTextContents();
    assert.ok(lines.some((l) => /^partial\.test\.? (TXT )?\(SPF\): .*SERVFAIL/.test(l)), lines.join('\n'));
    assert.ok(lines.some((l) => /^_dmarc\.partial\.test\. TXT \(DMARC\): HTTP error/.test(l)), lines.join('\n'));
    await page.close();
  });

  test('the resolver cannot be reached', async () => {
    const page = await open();
    await page.route('**/dns-query?**', (route) => route.abort('connectionrefused'));
    await lookUp(page, 'shop.acme.test');
    const alert = page.locator('#lookup-results .alert[role="alert"]');
    assert.match(await alert.textContent(), /The resolver could not be reached\. No query to http:\/\/127\.0\.0\.1:\d+\/dns-query got an answer/);
    assert.equal(await page.locator('#lk-mx').count(), 0, 'no empty sections');
    await page.close();
  });

  test('the page\'s Content-Security-Policy blocks the resolver', async () => {
    const page = await open();
    await page.fill('#domain', 'shop.acme.test');
    await page.selectOption('#resolver', 'custom');
    assert.ok(await page.locator('#resolver-url').isVisible());
    await page.fill('#resolver-url', 'https://doh.example.invalid/dns-query');
    await page.click('#lookup-go');
    await report(page);
    const alert = page.locator('#lookup-results .alert[role="alert"]');
    assert.match(await alert.textContent(), /The browser blocked the resolver\. .*https:\/\/doh\.example\.invalid\/dns-query is not one of them/);
    assert.match(page.url(), /resolver=https%3A%2F%2Fdoh\.example\.invalid%2Fdns-query/);
    await page.close();
  });

  test('an invalid domain', async () => {
    const page = await open();
    await lookUp(page, 'exa mple.test');
    assert.match(await text(page, '#lookup-results .alert'), /No lookup was made\. .*invalid domain/);
    await page.close();
  });
});

describe('keyboard and screen readers', () => {
  test('the form from the keyboard, then the parts of a record', async () => {
    const page = await open();
    const focused = () => page.evaluate(() => document.activeElement.id || document.activeElement.tagName + '.' + document.activeElement.className);
    // From the top of the page, Tab reaches the domain box.
    let steps = 0;
    while ((await focused()) !== 'domain' && steps++ < 10) await page.keyboard.press('Tab');
    assert.equal(await focused(), 'domain', 'the domain box is reachable with Tab');
    await page.keyboard.type('shop.acme.test');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'lookup-go');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'resolver');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'SUMMARY.', 'then the options');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'selectors');
    await page.keyboard.type('s2026');
    await page.keyboard.press('Enter'); // submits the form
    await report(page);
    assert.match(page.url(), /domain=shop\.acme\.test&selectors=s2026/);
    // The status region announces the report.
    assert.equal(await page.locator('#lookup-status').getAttribute('role'), 'status');
    // Tab on into the report: a part of a record, described for screen readers.
    let onField = false;
    for (let i = 0; i < 30 && !onField; i++) {
      await page.keyboard.press('Tab');
      onField = await page.evaluate(() => document.activeElement.classList.contains('field'));
    }
    assert.ok(onField, 'a part of a record is reachable with Tab');
    const described = await page.evaluate(() => document.getElementById(document.activeElement.getAttribute('aria-describedby'))?.textContent);
    assert.ok(described && described.length > 10, 'aria-describedby carries the meaning');
    assert.ok(await page.locator('#lookup-results .meaning').isVisible());
    // Enter on a finding marks its bytes.
    const finding = page.locator('#lookup-results .finding').first();
    await finding.focus();
    await page.keyboard.press('Enter');
    assert.equal(await finding.getAttribute('aria-pressed'), 'true');
    assert.ok((await page.$$eval('#lookup-results .seg.marked', (s) => s.length)) > 0);
    await page.close();
  });
});

describe('state in the URL', () => {
  test('a shared link restores the form and runs the lookup again', async () => {
    const page = await open();
    await lookUp(page, 'shop.acme.test', { selectors: 's2026', ip: '192.0.2.1' });
    const link = page.url();
    assert.match(link, /#view=lookup&domain=shop\.acme\.test&selectors=s2026&ip=192\.0\.2\.1$/);
    await page.close();

    const again = await env.browser.context.newPage();
    const asked = [];
    again.on('request', (r) => { if (r.url().includes('/dns-query?')) asked.push(r.url()); });
    await again.goto(link);
    await report(again);
    assert.ok(asked.length > 10, `the lookup ran again (${asked.length} queries)`);
    assert.equal(await again.inputValue('#domain'), 'shop.acme.test');
    assert.equal(await again.inputValue('#selectors'), 's2026');
    assert.equal(await again.inputValue('#ip'), '192.0.2.1');
    assert.equal(await again.locator('#lookup-more').getAttribute('open'), '', 'the options are open when set');
    assert.equal(await again.locator('#lk-dkim .record .owner >> text=s2026._domainkey.shop.acme.test.').count(), 1);
    assert.match(await text(again, '#lk-spf .check h4'), /192\.0\.2\.1: pass/);
    await again.close();
  });

  test('the views keep their own state', async () => {
    const page = await open('#record=' + encodeURIComponent('v=spf1 -all'));
    await page.waitForSelector('#results .record');
    await page.click('#views a >> text=Look up a domain');
    await page.waitForSelector('#view-lookup:not([hidden])');
    await lookUp(page, 'shop.acme.test');
    await page.click('#views a >> text=Explain a record');
    await page.waitForSelector('#view-paste:not([hidden])');
    assert.equal(await page.inputValue('#record'), 'v=spf1 -all');
    assert.equal(await page.locator('#path-domain').isVisible(), false);
    await page.goBack();
    await page.waitForSelector('#view-lookup:not([hidden])');
    assert.equal(await page.inputValue('#domain'), 'shop.acme.test');
    await page.close();
  });

  test('the view preconnects to the chosen resolver and asks nothing before a lookup', async () => {
    const page = await open();
    const queries = [];
    page.on('request', (r) => { if (/dns-query/.test(r.url())) queries.push(r.url()); });
    const hint = () => page.evaluate(() => document.head.querySelector('link[rel=preconnect][data-resolver]')?.href || '');
    assert.equal(await hint(), '', 'the server\'s own resolver: same origin, nothing to open');
    await page.selectOption('#resolver', 'cloudflare');
    assert.equal(await hint(), 'https://cloudflare-dns.com/');
    await page.selectOption('#resolver', 'custom');
    await page.fill('#resolver-url', 'https://127.0.0.1:9/dns-query');
    await page.locator('#resolver-url').blur();
    assert.equal(await hint(), 'https://127.0.0.1:9/');
    assert.equal(await page.evaluate(() => document.head.querySelectorAll('link[rel=preconnect][data-resolver]').length), 1, 'one hint, moved');
    assert.equal(await page.evaluate(() => document.head.querySelector('link[data-resolver]').crossOrigin), 'anonymous');
    assert.deepEqual(queries, [], 'no query before a lookup');
    await page.close();
  });
});

describe('hostile DNS content is shown as text and never runs', () => {
  test('hostile.test', async () => {
    const want = lookupJSON(env.server.url, 'hostile.test', ['--selector', 'x']);
    const page = await open();
    await lookUp(page, 'hostile.test', { selectors: 'x' });
    // Open every section, hover and focus every part, choose every finding, open every list.
    await page.click('#lookup-results .unfold-all');
    for (const f of await page.locator('#lookup-results .annotated .field').all()) { await f.hover(); await f.focus(); }
    for (const b of await page.locator('#lookup-results .finding').all()) await b.click();
    for (const d of await page.locator('#lookup-results details.fields summary').all()) await d.click();
    await page.waitForTimeout(200);
    const state = await page.evaluate(() => ({
      pwned: window.__pwned,
      csp: window.__csp,
      elements: document.querySelectorAll('#view-lookup img, #view-lookup script, #view-lookup iframe, #view-lookup svg, #path img, #path script').length,
      texts: [...document.querySelectorAll('#lookup-results .annotated')].map((p) => p.textContent),
      page: document.getElementById('lookup-results').textContent,
    }));
    assert.equal(state.pwned, undefined, 'no payload ran');
    assert.deepEqual(page.dialogs, [], 'no dialog opened');
    assert.deepEqual(state.csp, [], 'no Content-Security-Policy violation');
    assert.equal(state.elements, 0, 'no element was made from DNS text');
    assert.deepEqual(page.errors, []);
    // The hostile records are there, as their text.
    assert.ok(state.texts.includes(want.dmarc.record.value), 'the DMARC record shown as text');
    assert.match(want.dmarc.record.value, /<img src=x onerror=/);
    assert.ok(state.texts.includes(want.dkim.x.value), 'the DKIM record shown as text');
    assert.ok(state.texts.some((t) => t.includes('<script>window.__pwned=1</script>')), 'the SPF record shown as text');
    assert.ok(state.texts.includes('<script>window.__pwned=2;alert(2)</script>'), 'the other TXT record at _dmarc shown as text');
    assert.ok(state.page.includes('onerror=window.__pwned=5'), 'the SRV target shown as text');
    assert.equal(await page.locator('#path svg image, #path svg foreignObject, #path img').count(), 0, 'the path of a message draws no element from DNS text');
    await page.close();
  });
});

describe('screenshots', () => {
  const sizes = { desktop: { width: 1200, height: 900 }, phone: { width: 390, height: 844 } };
  for (const scheme of ['light', 'dark']) {
    for (const [name, viewport] of Object.entries(sizes)) {
      test(`lookup view, ${scheme}, ${name}`, async () => {
        const dir = join(root, 'build', 'screenshots');
        mkdirSync(dir, { recursive: true });
        const page = await env.browser.context.newPage();
        await page.setViewportSize(viewport);
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(env.server.url + '/#view=lookup&domain=shop.acme.test&selectors=s2026&ip=203.0.113.9');
        await report(page);
        await page.locator('#lk-spf .annotated .field').nth(2).focus();
        await page.evaluate(() => window.scrollTo(0, 0));
        await fullPageShot(page, join(dir, `lookup-${scheme}-${name}.png`));
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `page wider than the ${name} viewport by ${overflow}px`);
        await page.close();
      });
    }
  }
});
