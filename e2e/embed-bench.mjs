// The embeddable element's numbers (make bench-embed, after make build):
//
//  1. what a docs page that embeds <mxplain-record> downloads, by file and
//     encoding as mxplain serve sends it: embed.js up front (the one file
//     every visitor of the docs page pays for, aim < 10 KB gzip), then,
//     only when the first element nears the viewport, the files it names
//     (engine.js, record-view.js, record.css, wasm_exec.js, explain.wasm;
//     lookup.wasm and report-view.js for a lookup element only);
//  2. time from navigation of e2e/embed/docs.html (another origin, cold
//     profile, cache disabled, 10 Mbit/s and 40 ms RTT as in bench.mjs)
//     with the first element scrolled into view to that element explained.
//
// Results are printed and written to build/bench-embed.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, startServer, launch, throttledPage } from './harness.mjs';
import { startDocs } from './embed/docs-server.mjs';

const RUNS = Number(process.env.RUNS || 3);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const kb = (n) => (n / 1024).toFixed(1) + ' KiB';

const server = await startServer();
const docs = await startDocs(server.url);
const out = { files: {}, firstExplainedMs: [] };
try {
  // 1: the sizes, as served.
  const embed = await (await fetch(server.url + '/embed.js')).text();
  const siblings = [...embed.matchAll(/"\.\/([^"]+)"/g)].map((m) => m[1]);
  for (const path of ['embed.js', ...siblings]) {
    const f = {};
    for (const enc of ['identity', 'gzip', 'br']) {
      const r = await fetch(`${server.url}/${path}`, { headers: { 'Accept-Encoding': enc } });
      f[enc] = Number(r.headers.get('content-length'));
      await r.arrayBuffer();
    }
    out.files[path.replace(/\.[0-9a-f]{12}\./, '.')] = f;
  }

  // 2: cold, throttled, the first element in view from the start.
  for (let run = 0; run < RUNS; run++) {
    const b = await launch();
    try {
      const { page } = await throttledPage(b);
      // Without the 3000-pixel introduction: the first element is in view.
      await page.addInitScript(() => addEventListener('DOMContentLoaded', () => document.querySelector('canvas')?.remove()));
      await page.goto(docs.url + '/docs.html', { waitUntil: 'commit' });
      await page.waitForFunction(() => document.querySelector('mxplain-record')?.dataset.state === 'explained', null, { timeout: 60000, polling: 20 });
      out.firstExplainedMs.push(Math.round(await page.evaluate(() => performance.now())));
    } finally {
      await b.close();
    }
  }
} finally {
  await docs.close();
  await server.stop();
}

mkdirSync(join(root, 'build'), { recursive: true });
writeFileSync(join(root, 'build', 'bench-embed.json'), JSON.stringify(out, null, 2) + '\n');
const e = out.files['embed.js'];
console.log(`embed: embed.js ${kb(e.identity)} raw, ${kb(e.gzip)} gzip, ${kb(e.br)} brotli (aim: under 10 KB gzip)${e.gzip < 10000 ? '' : ' — OVER THE AIM'}`);
const lookupOnly = (n) => n === 'lookup.wasm' || n === 'report-view.js';
const list = (keep) => Object.entries(out.files).filter(([n]) => n !== 'embed.js' && keep(n)).map(([n, f]) => `${n} ${kb(f.gzip)} gzip / ${kb(f.br)} br`).join(', ');
console.log(`embed: loaded when the first element nears the viewport: ${list((n) => !lookupOnly(n))}; for a lookup element only: ${list(lookupOnly)}`);
console.log(`embed: docs page of another origin, cold, 10 Mbit/s and 40 ms RTT, first element explained: median ${median(out.firstExplainedMs)} ms over ${RUNS} runs (${out.firstExplainedMs.join(', ')} ms)`);
