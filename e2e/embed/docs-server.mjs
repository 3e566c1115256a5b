// A documentation site on another origin than mxplain, for the embed tests
// and benchmark: a tiny node server on a free loopback port serving
// docs.html (its {{MXPLAIN}} replaced by mxplain's origin; ?tag=plain,
// defer, async or module chooses how its script tag loads embed.js,
// module when absent), bare.html
// (the same page without embed.js: the host page untouched), records.html
// (the same page without its lookup element: records only) and
// example.html (examples/docs-page.html), with the
// Content-Security-Policy that README.md's "Embedding" section asks such a
// site for.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const docsHTML = readFileSync(new URL('docs.html', import.meta.url), 'utf8');
const exampleHTML = readFileSync(new URL('../../examples/docs-page.html', import.meta.url), 'utf8');

// tags are the ways a docs site writes the script tag of embed.js.
export const tags = {
  plain: '<script src="$1"></script>',
  defer: '<script defer src="$1"></script>',
  async: '<script async src="$1"></script>',
  module: '<script type="module" src="$1"></script>',
};

function withTag(page, tag) {
  return page.replace(/<script type="module" src="([^"]*)"><\/script>/, tags[tag] || tags.module);
}

export function startDocs(mxOrigin) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${mxOrigin} 'wasm-unsafe-eval'`,
    `connect-src ${mxOrigin}`,
    "style-src 'self' 'unsafe-inline'",
    `frame-src ${mxOrigin}`,
    "img-src 'self'",
  ].join('; ');
  const page = docsHTML.replaceAll('{{MXPLAIN}}', mxOrigin);
  const bare = page.replace(/<script type="module" src="[^"]*"><\/script>/, '');
  const records = page.replace(/<mxplain-record domain=[^>]*><\/mxplain-record>/g, '');
  // examples/docs-page.html as written, pointed at this mxplain and its
  // zones (lookups never reach the internet).
  const example = exampleHTML.replaceAll('https://mxplain.example', mxOrigin)
    .replaceAll('<mxplain-record domain=', `<mxplain-record resolver="${mxOrigin}/dns-query" domain=`);
  const srv = createServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    const body = { '/docs.html': withTag(page, u.searchParams.get('tag')), '/bare.html': bare, '/records.html': records, '/example.html': example }[u.pathname];
    if (!body) { res.writeHead(404).end('not found'); return; }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' });
    res.end(body);
  });
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${srv.address().port}`,
    close: () => new Promise((r) => srv.close(r)),
  })));
}
