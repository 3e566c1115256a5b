// lookup-view.js: the page's live lookup view. A domain is looked up over
// DNS-over-HTTPS by the engine (mxplain.lookup, in the wasm: the browser's
// fetch asks the resolver, nothing goes through mxplain's server), and the
// report is drawn with report-view.js's sections (the element draws them
// too; loaded with the first lookup, as the paste view needs none of it);
// this file is the form, the progress, the report's head and the path of a
// message.
//
// Rules this module keeps:
// - Everything from DNS is inserted as text (el(), textContent), never as
//   HTML, and never becomes a link: a rua= URI is shown, not followed.
//   Control and bidi characters in it are shown as visible marks (el()
//   does it; plain textContent goes through visible()).
// - The view's state (domain, resolver, selectors, ip, sender, helo) lives
//   in the URL's fragment: a link reopens the view and runs the lookup again.
import { el, visible } from "./record-view.js";
import { renderPath } from "./path-view.js";

/** The public resolvers the page offers; the CSP's connect-src allows them. */
export const resolvers = {
  cloudflare: { label: 'Cloudflare', url: 'https://cloudflare-dns.com/dns-query' },
  google: { label: 'Google', url: 'https://dns.google/dns-query' },
  quad9: { label: 'Quad9', url: 'https://dns.quad9.net/dns-query' },
};

/**
 * createLookupView wires the lookup form of index.html.
 *   section: the <section id="view-lookup">
 *   path: the "path of a message" <aside>
 *   serverResolver: the resolver the server was configured with (meta tag)
 *   writeHash(hash): puts the view's state in the URL (no history entry)
 * Returns { setState(params), run(), runIfChanged(), hash(), ready(api, label) }:
 * api.lookup is the engine's; label(type) is a record type's badge
 * (record-view.js's labeller of the engine's types).
 */
export function createLookupView({ section, path, serverResolver, writeHash }) {
  const $ = (id) => section.querySelector('#' + id);
  const form = $('lookup-form');
  const domainIn = $('domain');
  const resolverSel = $('resolver');
  const resolverURL = $('resolver-url');
  const selectorsIn = $('selectors');
  const ipIn = $('ip');
  const senderIn = $('sender');
  const heloIn = $('helo');
  const more = $('lookup-more');
  const status = $('lookup-status');
  const progressEl = $('lookup-progress');
  const results = $('lookup-results');
  const meaning = el('div', { class: 'meaning', hidden: true });
  const pathDomain = path.querySelector('#path-domain');

  // The server's resolver is the default, offered as its own choice unless
  // it is one of the public ones.
  let defaultKey = 'cloudflare';
  const known = Object.entries(resolvers).find(([, r]) => r.url === serverResolver);
  if (known) defaultKey = known[0];
  else if (serverResolver && !serverResolver.startsWith('{{')) {
    defaultKey = 'server';
    resolverSel.prepend(el('option', { value: 'server', text: `This server's (${serverResolver})` }));
  }
  resolverSel.value = defaultKey;

  let api = null;
  let label;
  let reportView = null; // report-view.js, imported by the first lookup
  let runSeq = 0;
  let lastRun = '';

  const showCustom = () => {
    const custom = resolverSel.value === 'custom';
    resolverURL.hidden = !custom;
    resolverURL.required = custom;
  };
  resolverSel.addEventListener('change', () => {
    showCustom();
    if (resolverSel.value === 'custom') resolverURL.focus();
    else warmResolver();
  });
  resolverURL.addEventListener('change', () => warmResolver());

  /**
   * warmResolver opens a connection to the chosen resolver while the view
   * is shown (a preconnect hint for its origin), so that a lookup's first
   * query does not wait for DNS, TCP and TLS: in a fresh browser that is
   * 100–300 ms of a lookup. No query is sent before a lookup is asked for;
   * the resolver sees a connection from a visitor of the lookup view.
   */
  function warmResolver() {
    let origin;
    try {
      origin = new URL(resolverFor(readForm().resolver)).origin;
    } catch {
      return; // a custom URL being typed
    }
    if (origin === location.origin || !origin.startsWith('https:')) return;
    let link = document.head.querySelector('link[rel=preconnect][data-resolver]');
    if (!link) {
      link = document.createElement('link');
      link.rel = 'preconnect';
      link.crossOrigin = 'anonymous'; // as the engine's fetch: no credentials
      link.dataset.resolver = '';
      document.head.append(link);
    }
    if (link.href !== origin + '/') link.href = origin;
  }

  function readForm() {
    return {
      domain: domainIn.value.trim(),
      resolver: resolverSel.value === 'custom' ? resolverURL.value.trim() : resolverSel.value,
      selectors: selectorsIn.value.trim(),
      ip: ipIn.value.trim(),
      sender: senderIn.value.trim(),
      helo: heloIn.value.trim(),
    };
  }

  // resolverFor turns the state's resolver (a key or a URL) into a URL.
  function resolverFor(key) {
    if (!key || key === defaultKey) key = defaultKey;
    if (key === 'server') return new URL(serverResolver, location.href).href;
    if (resolvers[key]) return resolvers[key].url;
    return key;
  }

  /** hash is the URL fragment of the view's state. */
  function hash() {
    const s = readForm();
    const p = new URLSearchParams({ view: 'lookup' });
    if (s.domain) p.set('domain', s.domain);
    if (s.resolver && s.resolver !== defaultKey) p.set('resolver', s.resolver);
    for (const k of ['selectors', 'ip', 'sender', 'helo']) if (s[k]) p.set(k, s[k]);
    return '#' + p.toString();
  }

  /** setState fills the form from the URL's parameters (URLSearchParams). */
  function setState(p) {
    domainIn.value = p.get('domain') || '';
    const r = p.get('resolver') || defaultKey;
    if (r === 'server' && defaultKey !== 'server') resolverSel.value = defaultKey;
    else if (resolvers[r] || r === 'server') resolverSel.value = r;
    else { resolverSel.value = 'custom'; resolverURL.value = r; }
    showCustom();
    selectorsIn.value = p.get('selectors') || '';
    ipIn.value = p.get('ip') || '';
    senderIn.value = p.get('sender') || '';
    heloIn.value = p.get('helo') || '';
    if (ipIn.value || senderIn.value || heloIn.value || selectorsIn.value) more.open = true;
    warmResolver();
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!domainIn.value.trim()) {
      status.textContent = 'Enter a domain to look up, such as example.com.';
      domainIn.focus();
      return;
    }
    writeHash(hash());
    run();
  });

  /** ready gives the view the engine; a lookup waiting for it starts. */
  function ready(engine, labelOf) {
    api = engine;
    label = labelOf;
    $('lookup-go').disabled = false;
    if (!section.hidden) runIfChanged();
  }

  /** runIfChanged runs the lookup unless the report shown is of this state. */
  function runIfChanged() {
    if (domainIn.value.trim() && lastRun !== hash()) run();
  }

  /** run looks the form's domain up and draws the report. */
  async function run() {
    const s = readForm();
    if (!s.domain) { results.replaceChildren(); drawPath(null); return; }
    if (!api) { status.textContent = 'Waiting for the engine to load…'; return; }
    lastRun = hash();
    const seq = ++runSeq;
    const url = resolverFor(s.resolver);
    const pending = drawPending(s.domain);
    results.replaceChildren(); // the report of another domain must not look current
    drawPath(null);
    status.textContent = visible(`Looking up ${s.domain} through ${url}…`);
    results.setAttribute('aria-busy', 'true');
    const blocked = [];
    const onCSP = (e) => { if (/^connect-src/.test(e.violatedDirective)) blocked.push(e.blockedURI); };
    document.addEventListener('securitypolicyviolation', onCSP);
    const t0 = performance.now();
    const view = reportView ||= import("./report-view.js");
    let json;
    try {
      json = await api.lookup(s.domain, {
        resolver: url, selectors: s.selectors, ip: s.ip, sender: s.sender, helo: s.helo,
        // The origin's API fetches the MTA-STS policy (mxplain serve, the Worker); a static host answers 404, said in the report.
        policyEndpoint: '/api/v1/mta-sts-policy',
        onProgress: (p) => { if (seq === runSeq) pending.update(JSON.parse(p)); },
      });
    } catch (err) {
      json = JSON.stringify({ input: s.domain, error: 'the lookup failed: ' + (err && err.message ? err.message : String(err)) });
    }
    // A violation is reported in a task of its own: let it arrive.
    await new Promise((r) => setTimeout(r, 0));
    document.removeEventListener('securitypolicyviolation', onCSP);
    if (seq !== runSeq) return; // a newer lookup replaced this one
    performance.measure('mxplain:lookup', { start: t0, end: performance.now() });
    let report;
    try {
      report = JSON.parse(json);
    } catch (err) {
      report = { input: s.domain, error: 'the engine answered something that is not JSON' };
    }
    let rv = null;
    try {
      rv = await view;
    } catch (err) {
      reportView = null; // the next lookup tries again
      status.textContent = `The report could not be drawn: ${err && err.message || err}`;
    }
    if (seq !== runSeq) return;
    progressEl.hidden = true;
    results.removeAttribute('aria-busy');
    if (rv) drawReport(report, rv, { url, blocked, json });
  }

  // ---- Progress ------------------------------------------------------------

  // drawPending shows a chip per part of the report (the progress's parts:
  // their labels, queries pending and whether each is done), and the names
  // asked.
  function drawPending(domain) {
    const chips = el('ul', { class: 'chips', 'aria-label': 'Parts' });
    const byPart = new Map();
    const count = el('span', { class: 'count', text: '0 queries' });
    const list = el('p', { class: 'pending-names' });
    const spinner = el('span', { class: 'spinner', 'aria-hidden': 'true' });
    progressEl.replaceChildren(el('p', { class: 'progress-head' }, spinner, `Asking about ${domain}: `, count), chips, list);
    progressEl.hidden = false;
    const update = (p) => {
      for (const part of p.parts || []) {
        if (!byPart.has(part.part)) { byPart.set(part.part, el('li', { class: 'chip', 'data-part': part.part })); chips.append(byPart.get(part.part)); }
        const chip = byPart.get(part.part);
        chip.dataset.state = part.done ? 'done' : 'pending';
        chip.textContent = part.done ? `${part.label}: answered` : `${part.label}: waiting${part.pending ? ` for ${part.pending}` : ''}`;
      }
      count.textContent = `${p.queries} ${p.queries === 1 ? 'query' : 'queries'} sent, ${p.answered} answered`;
      const names = p.pending.slice(0, 4).map((q) => `${q.name} ${q.type}`);
      list.textContent = visible(p.pending.length ? `Waiting for ${names.join(', ')}${p.pending.length > 4 ? ` and ${p.pending.length - 4} more` : ''}.` : '');
    };
    update({ queries: 0, answered: 0, pending: [], parts: [] });
    return { update };
  }

  // ---- The report ----------------------------------------------------------

  // resolverFailed: no query got an answer from the resolver: every part
  // is unknown or found nothing, and every failed query failed for want of
  // an answer.
  function resolverFailed(r) {
    const dead = ['transport', 'http', 'malformed', 'timeout'];
    const failed = r.errors.filter((e) => !e.optional);
    return failed.length > 0 && failed.every((e) => dead.includes(e.kind))
      && r.parts.every((p) => p.status === 'partial' || p.status === 'missing');
  }

  // drawReport draws report r with report-view.js (rv).
  function drawReport(r, rv, { url, blocked, json }) {
    meaning.hidden = true;
    const out = [];
    const asked = (r.input || '').trim();
    const title = el('h3', { class: 'report-title', id: 'lk-title', tabindex: '-1' }, 'Report for ', el('span', { class: 'mono', text: r.domain || asked }));
    out.push(title);
    // How the engine read the domain from what was typed (report.from).
    const typed = { address: 'the mail address ', url: 'the web address ' }[r.from] || '';
    if (r.domain && (typed || r.domain !== asked.toLowerCase().replace(/\.$/, ''))) {
      out.push(el('p', { class: 'idn' }, 'You typed ', typed, el('code', { text: asked }), '; the DNS was asked for ', el('code', { class: 'a-label', text: r.domain }),
        typed ? ', its domain' : '',
        r.domain.split('.').some((l) => l.startsWith('xn--')) ? ' in A-label form (RFC 5891 §4.4).' : '.'));
    }
    if (!r.error) {
      out.push(el('p', { class: 'report-meta', text: `${r.queries} DNS ${r.queries === 1 ? 'query' : 'queries'} to ${url}, ${Math.round(r.elapsed_ms)} ms.` }));
    }
    const ctx = rv.reportContext({ idPrefix: 'lk', fold: true, meaning, scope: results, announce: $('lookup-announce'), label });
    // The checklist first (the engine's verdicts), then the ways to take the report away.
    if (!r.error && !resolverFailed(r)) {
      out.push(rv.renderVerdicts(r, ctx));
      out.push(exportBar(r, json, rv));
    }

    if (r.error) {
      out.push(el('div', { class: 'alert bad', role: 'alert' }, el('strong', { text: 'No lookup was made. ' }), reportError(r.error)));
      finish(out, r, `No lookup: ${reportError(r.error)}`);
      return;
    }
    if (resolverFailed(r)) {
      const first = r.errors.find((e) => !e.optional);
      const box = el('div', { class: 'alert bad', role: 'alert' });
      if (blocked.length) {
        box.append(el('strong', { text: 'The browser blocked the resolver. ' }),
          `This page may only ask the resolvers its Content-Security-Policy allows (${allowedList()}); ${url} is not one of them. Choose one of those, or serve the page with `,
          el('code', { text: `mxplain serve --resolver ${url}` }), '.');
      } else {
        box.append(el('strong', { text: 'The resolver could not be reached. ' }),
          `No query to ${url} got an answer (${first.kind_label || first.kind}: `, el('span', { text: first.message }),
          '). Check the resolver\u2019s URL and your connection, or choose another resolver; a network filter or extension may block DNS-over-HTTPS.');
      }
      out.push(box);
      finish(out, r, box.textContent);
      return;
    }
    if (r.nxdomain) {
      out.push(el('div', { class: 'alert bad', role: 'alert' }, el('strong', { text: `${r.domain} does not exist. ` }),
        'The resolver answered NXDOMAIN: there is no such name in the DNS, so mail to it cannot be delivered. Check the spelling. What receivers would do with mail claiming to be from it is below (DMARC\u2019s np= is for such names).'));
    }
    const failed = r.errors.filter((e) => !e.optional);
    if (failed.length) {
      out.push(el('div', { class: 'alert warn', role: 'alert' },
        el('strong', { text: `Partial report: ${failed.length} ${failed.length === 1 ? 'query' : 'queries'} failed. ` }),
        'What depends on them is unknown, not absent:',
        el('ul', { class: 'failed' }, ...failed.map((e) => rv.renderError(e, r)))));
    }
    // Findings about no one part; each part's own are in its section.
    const across = r.findings.filter((f) => !r.parts.some((p) => p.part === f.part));
    if (across.length) {
      out.push(el('section', { class: 'lk-section across', 'aria-labelledby': 'lk-across-title' },
        el('h3', { id: 'lk-across-title', text: 'Across the records' }),
        rv.renderFindings(across, 'Findings about the domain as a whole, worst first')));
    }
    out.push(...rv.renderParts(r, ctx));
    finish(out, r, `Report for ${r.domain}: ${rv.reportCounts(r)}${failed.length ? `; ${failed.length} queries failed` : ''}.`);
  }

  // exportBar: the report as JSON (a download), as Markdown (copied; the
  // engine writes it, as `mxplain lookup --markdown` does) and a link that
  // runs the same lookup again (copied: the page's URL with the view's
  // state in its fragment); and a button that opens (and folds again)
  // every section of the report (rv: report-view.js).
  function exportBar(r, json, rv) {
    const said = el('span', { class: 'export-status', role: 'status', 'aria-live': 'polite' });
    const base = `mxplain-${(r.domain || 'report').replace(/[^a-z0-9.-]/gi, '_')}`;
    const copy = async (text, what) => {
      try {
        await navigator.clipboard.writeText(text);
        said.textContent = `${what} copied.`;
      } catch (err) {
        // No clipboard (permission, an insecure origin): show the text to copy by hand.
        const box = el('textarea', { class: 'export-text', readonly: true, rows: 6, 'aria-label': what });
        box.value = text;
        said.replaceChildren(`The browser did not let the page copy; select the ${what.toLowerCase()} below and copy it: `, box);
        box.select();
      }
    };
    const download = el('button', { type: 'button', class: 'export-json', onclick: () => {
      const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      const a = el('a', { href: url, download: base + '.json', hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
      said.textContent = `${base}.json downloaded.`;
    } }, 'Download JSON');
    const markdown = el('button', { type: 'button', class: 'export-markdown', onclick: async () => {
      said.textContent = 'Writing the Markdown…';
      let md;
      try {
        md = await api.markdown(json);
      } catch (err) {
        said.textContent = `The Markdown could not be written: ${err && err.message || err}`;
        return;
      }
      await copy(md, 'Markdown');
    } }, 'Copy as Markdown');
    const link = el('button', { type: 'button', class: 'export-link', onclick: () => copy(shareURL(), 'Link') }, 'Copy link');
    // Sections fold to their summary where nothing needs doing; one button
    // opens them all (to read or print the whole report) and folds them again.
    const unfold = el('button', { type: 'button', class: 'unfold-all', 'aria-pressed': 'false', onclick: () => {
      const open = unfold.getAttribute('aria-pressed') !== 'true';
      rv.foldAll(results, open);
      unfold.setAttribute('aria-pressed', String(open));
      unfold.textContent = open ? 'Fold all sections' : 'Open all sections';
    } }, 'Open all sections');
    return el('p', { class: 'export-bar', role: 'group', 'aria-label': 'Export the report' }, download, ' ', markdown, ' ', link, ' ', unfold, ' ', said);
  }

  /** shareURL is the page's URL that runs this lookup again. */
  function shareURL() {
    return location.origin + location.pathname + lastRun;
  }

  function finish(out, r, announce) {
    results.replaceChildren(...out);
    status.textContent = visible(announce);
    drawPath(r && !r.error && !resolverFailed(r) ? r : null);
  }

  function allowedList() {
    return Object.values(resolvers).map((x) => new URL(x.url).origin).join(', ') + ', this server';
  }

  function reportError(err) {
    if (/invalid domain/.test(err)) return err.replace(/^inspect: /, '') + '. Give a domain name such as example.com.';
    if (/^doh: /.test(err)) return `the resolver's URL is not usable: ${err.replace(/^doh: /, '')}. Give an https:// URL of a DNS-over-HTTPS resolver.`;
    return err.replace(/^(wasm|inspect): /, '') + '.';
  }

  // ---- The path of a message, for this domain --------------------------------

  // The engine's steps (report.path), drawn as a diagram with its text
  // alternative; the article's general list stands in for it until a
  // domain is looked up.
  function drawPath(r) {
    if (!pathDomain) return;
    const figure = r ? renderPath(r, { idPrefix: 'lk' }) : null;
    pathDomain.replaceChildren(...(figure ? [figure] : []));
    pathDomain.hidden = !figure;
    path.classList.toggle('has-domain', !!figure);
  }

  return { setState, run, runIfChanged, hash, ready };
}
