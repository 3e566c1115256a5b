// The page asks its own origin's API for the MTA-STS policy
// (/api/v1/mta-sts-policy, the lookup option policyEndpoint): a browser
// cannot read https://mta-sts.<domain>/ across origins. Served by mxplain
// serve, the page's lookup of secure.test sends that one request, and the
// report says what the API answered (a name under .test is refused, no
// connection made), not that the page is on a static host.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveAndLaunch, openPage } from './harness.mjs';

const env = serveAndLaunch();

test('the lookup view asks the origin for the MTA-STS policy', async () => {
  const asked = [];
  const onRequest = (r) => { if (new URL(r.url()).pathname === '/api/v1/mta-sts-policy') asked.push(r.url()); };
  env.browser.context.on('request', onRequest);
  const page = await openPage(env.browser, env.server.url + '/#view=lookup&domain=secure.test');
  await page.waitForSelector('#lookup-results .report-title', { timeout: 20000 });
  assert.deepEqual(asked.map((u) => new URL(u).search), ['?domain=secure.test'], 'one request, for the domain only');
  const text = await page.locator('#lk-mta-sts').textContent();
  assert.match(text, /The policy was not read: refused: not a public name/);
  assert.match(text, /under \.test/);
  assert.doesNotMatch(text, /static host/);
  assert.deepEqual(page.errors, []);
  env.browser.context.off('request', onRequest);
  await page.close();
});
