// lookup-view.js: the page's live lookup view. A domain is looked up over
// DNS-over-HTTPS by the engine (mxplain.lookup, in the wasm: the browser's
// fetch asks the resolver, nothing goes through mxplain's server), and the
// report is drawn section by section with record-view.js's annotated
// records.
//
// Rules this module keeps:
// - Everything from DNS is inserted as text (el(), textContent), never as
//   HTML, and never becomes a link: a rua= URI is shown, not followed.
//   Control and bidi characters in it are shown as visible marks (el()
//   does it; plain textContent goes through visible()).
// - The view's state (domain, resolver, selectors, ip, sender, helo) lives
//   in the URL's fragment: a link reopens the view and runs the lookup again.
import { el, rfcLink, renderRecord, severities, sevLabel, visible } from './record-view.js';

/** The public resolvers the page offers; the CSP's connect-src allows them. */
export const resolvers = {
  cloudflare: { label: 'Cloudflare', url: 'https://cloudflare-dns.com/dns-query' },
  google: { label: 'Google', url: 'https://dns.google/dns-query' },
  quad9: { label: 'Quad9', url: 'https://dns.quad9.net/dns-query' },
};

const partLabel = { mx: 'MX', spf: 'SPF', dmarc: 'DMARC', dkim: 'DKIM' };
const kindLabel = {
  rcode: 'error answer', timeout: 'no answer in time', http: 'HTTP error', malformed: 'not a DNS answer',
  transport: 'not reachable', name: 'invalid name', budget: 'over the query budget', internal: 'internal error',
  truncated: 'truncated answer', redirect: 'redirect refused', cname: 'CNAME chain cut', limit: 'cut at a limit',
};

// Which section a question in flight is for, from its name and type.
function sectionOf(q) {
  const n = q.name.toLowerCase();
  if (n.startsWith('_dmarc.') || n.includes('._report._dmarc.')) return 'dmarc';
  if (n.includes('._domainkey.')) return 'dkim';
  if (q.type === 'MX') return 'mx';
  if (q.type === 'TXT') return 'spf';
  return 'addresses';
}

/**
 * createLookupView wires the lookup form of index.html.
 *   section: the <section id="view-lookup">
 *   path: the "path of a message" <aside>
 *   serverResolver: the resolver the server was configured with (meta tag)
 *   writeHash(hash): puts the view's state in the URL (no history entry)
 * Returns { setState(params), run(), runIfChanged(), hash(), ready(api) }.
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
  });

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
  function ready(engine) {
    api = engine;
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
    let json;
    try {
      json = await api.lookup(s.domain, {
        resolver: url, selectors: s.selectors, ip: s.ip, sender: s.sender, helo: s.helo,
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
    progressEl.hidden = true;
    results.removeAttribute('aria-busy');
    drawReport(report, { url, blocked });
  }

  // ---- Progress ------------------------------------------------------------

  function drawPending(domain) {
    const sections = ['mx', 'spf', 'dmarc', 'dkim'];
    const chips = Object.fromEntries([...sections, 'addresses'].map((k) => [k, el('li', { class: 'chip', 'data-section': k })]));
    const count = el('span', { class: 'count', text: '0 queries' });
    const list = el('p', { class: 'pending-names' });
    const spinner = el('span', { class: 'spinner', 'aria-hidden': 'true' });
    progressEl.replaceChildren(
      el('p', { class: 'progress-head' }, spinner, `Asking about ${domain}: `, count),
      el('ul', { class: 'chips', 'aria-label': 'Sections' }, ...Object.values(chips)),
      list);
    progressEl.hidden = false;
    const label = (k) => (k === 'addresses' ? 'addresses' : partLabel[k]);
    const update = (p) => {
      const waiting = {};
      for (const q of p.pending) { const k = sectionOf(q); waiting[k] = (waiting[k] || 0) + 1; }
      count.textContent = `${p.queries} ${p.queries === 1 ? 'query' : 'queries'} sent, ${p.answered} answered`;
      for (const [k, chip] of Object.entries(chips)) {
        const n = waiting[k] || 0;
        chip.dataset.state = n ? 'pending' : (chip.dataset.state ? 'done' : '');
        chip.textContent = n ? `${label(k)}: waiting for ${n}` : `${label(k)}${chip.dataset.state === 'done' ? ': answered' : ''}`;
      }
      const names = p.pending.slice(0, 4).map((q) => `${q.name} ${q.type}`);
      list.textContent = visible(p.pending.length ? `Waiting for ${names.join(', ')}${p.pending.length > 4 ? ` and ${p.pending.length - 4} more` : ''}.` : '');
    };
    update({ queries: 0, answered: 0, pending: [] });
    for (const k of sections) { chips[k].dataset.state = 'pending'; chips[k].textContent = `${partLabel[k]}: waiting`; }
    chips.addresses.hidden = true;
    const origUpdate = update;
    return { update: (p) => { chips.addresses.hidden = false; origUpdate(p); } };
  }

  // ---- The report ----------------------------------------------------------

  let cardSeq = 0;
  function card(rec, heading) {
    const id = `lk-${++cardSeq}`;
    return renderRecord(rec.value || '', rec, { id, key: id, heading: heading || 'h4', meaning, scope: results, announce: $('lookup-announce') });
  }

  function findingList(findings, label) {
    const sorted = [...findings].sort((a, b) => severities.indexOf(a.severity) - severities.indexOf(b.severity));
    return el('ul', { class: 'report-findings', 'aria-label': label },
      ...sorted.map((f) => el('li', { class: 'report-finding sev-' + f.severity },
        el('span', { class: 'sev', text: sevLabel[f.severity] || f.severity }),
        el('span', { class: 'msg', text: f.message }),
        el('span', { class: 'code' }, el('code', { text: f.code }), f.ref ? ' ' : '', rfcLink(f.ref)))));
  }

  function sectionEl(id, title, ...children) {
    return el('section', { class: 'lk-section', id: 'lk-' + id, 'aria-labelledby': `lk-${id}-title` },
      el('h3', { id: `lk-${id}-title`, tabindex: '-1' }, title), ...children);
  }

  function errorLine(e) {
    return el('li', {}, el('code', { text: `${e.name} ${e.type || ''}`.trim() }), ` (${partLabel[e.part] || e.part}): ${kindLabel[e.kind] || e.kind}. `, el('span', { class: 'muted', text: e.message }));
  }

  // resolverFailed: no query got an answer from the resolver.
  // (The MX query, the SPF record's and every DMARC one went unanswered.)
  function resolverFailed(r) {
    const dead = ['transport', 'http', 'malformed', 'timeout'];
    return Boolean(r.mx.error && dead.includes(r.mx.error.kind)
      && !(r.spf.tree && r.spf.tree.record) && r.dmarc.walk.length && r.dmarc.walk.every((s) => s.error));
  }

  function drawReport(r, { url, blocked }) {
    cardSeq = 0;
    meaning.hidden = true;
    const out = [];
    const asked = (r.input || '').trim();
    const title = el('h3', { class: 'report-title', id: 'lk-title', tabindex: '-1' }, 'Report for ', el('span', { class: 'mono', text: r.domain || asked }));
    out.push(title);
    if (r.domain && r.domain !== asked.toLowerCase().replace(/\.$/, '')) {
      out.push(el('p', { class: 'idn' }, 'You typed ', el('code', { text: asked }), '; the DNS was asked for ', el('code', { class: 'a-label', text: r.domain }), r.domain.split('.').some((l) => l.startsWith('xn--')) ? ', its A-label form (RFC 5891 §4.4).' : '.'));
    }
    if (!r.error) {
      out.push(el('p', { class: 'report-meta', text: `${r.queries} DNS ${r.queries === 1 ? 'query' : 'queries'} to ${url}, ${Math.round(r.elapsed_ms)} ms.` }));
    }

    if (r.error) {
      out.push(el('div', { class: 'alert bad', role: 'alert' }, el('strong', { text: 'No lookup was made. ' }), reportError(r.error)));
      finish(out, r, `No lookup: ${reportError(r.error)}`);
      return;
    }
    if (resolverFailed(r)) {
      const first = r.mx.error || r.errors[0];
      const box = el('div', { class: 'alert bad', role: 'alert' });
      if (blocked.length) {
        box.append(el('strong', { text: 'The browser blocked the resolver. ' }),
          `This page may only ask the resolvers its Content-Security-Policy allows (${allowedList()}); ${url} is not one of them. Choose one of those, or serve the page with `,
          el('code', { text: `mxplain serve --resolver ${url}` }), '.');
      } else {
        box.append(el('strong', { text: 'The resolver could not be reached. ' }),
          `No query to ${url} got an answer (${kindLabel[first.kind] || first.kind}: `, el('span', { text: first.message }),
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
        el('ul', { class: 'failed' }, ...failed.map(errorLine))));
    }
    if (r.findings.length) {
      out.push(el('section', { class: 'lk-section across', 'aria-labelledby': 'lk-across-title' },
        el('h3', { id: 'lk-across-title', text: 'Across the records' }),
        findingList(r.findings, 'Findings about the domain as a whole, worst first')));
    }
    out.push(drawMX(r), drawSPF(r), drawDMARC(r), drawDKIM(r));
    const counts = {};
    const all = allFindings(r);
    for (const f of all) counts[f.severity] = (counts[f.severity] || 0) + 1;
    const summary = severities.filter((s) => counts[s]).map((s) => `${counts[s]} ${s}${counts[s] > 1 ? 's' : ''}`).join(', ') || 'no findings';
    finish(out, r, `Report for ${r.domain}: ${summary}${failed.length ? `; ${failed.length} queries failed` : ''}.`);
  }

  function finish(out, r, announce) {
    results.replaceChildren(...out);
    status.textContent = visible(announce);
    drawPath(r && !r.error && !resolverFailed(r) ? r : null);
  }

  function allFindings(r) {
    const out = [...r.findings];
    const add = (rec) => { if (rec) out.push(...rec.findings); };
    r.mx.records.forEach(add);
    const walk = (n) => { if (!n) return; add(n.record); n.children.forEach(walk); };
    walk(r.spf.tree);
    out.push(...r.spf.problems);
    add(r.dmarc.record);
    Object.values(r.dkim).forEach(add);
    return out;
  }

  function allowedList() {
    return Object.values(resolvers).map((x) => new URL(x.url).origin).join(', ') + ', this server';
  }

  function reportError(err) {
    if (/invalid domain/.test(err)) return err.replace(/^inspect: /, '') + '. Give a domain name such as example.com.';
    if (/^doh: /.test(err)) return `the resolver's URL is not usable: ${err.replace(/^doh: /, '')}. Give an https:// URL of a DNS-over-HTTPS resolver.`;
    return err.replace(/^(wasm|inspect): /, '') + '.';
  }

  // MX: where mail for the domain goes, hosts in delivery order.
  function drawMX(r) {
    const mx = r.mx;
    const body = [];
    if (mx.alias && mx.alias.length) body.push(el('p', { text: `${r.domain} is an alias (CNAME) of ${mx.alias[mx.alias.length - 1]}; senders use that name's MX records (RFC 5321 §5.1).` }));
    if (mx.error) body.push(el('p', { class: 'alert warn' }, 'The MX query failed: ', el('span', { text: mx.error.message })));
    else if (mx.null_mx) body.push(el('p', { class: 'lead' }, 'Null MX: this domain accepts no mail; senders report the failure at once instead of queuing and retrying (', rfcLink('RFC 7505 §3'), ', ', rfcLink('RFC 7505 §4.1'), ').'));
    else if (mx.implicit) body.push(el('p', { class: 'lead' }, 'No MX records: senders deliver to the domain\u2019s own address instead (implicit MX, ', rfcLink('RFC 5321 §5.1'), ').'));
    else if (!mx.nxdomain && mx.hosts.length > 1) body.push(el('p', { class: 'lead', text: 'Senders try the hosts in this order, the lowest preference first; hosts of equal preference in random order.' }));
    else if (!mx.nxdomain && mx.hosts.length) body.push(el('p', { class: 'lead', text: 'Senders deliver to this one host.' }));
    if (mx.hosts.length && !mx.null_mx) {
      body.push(el('ol', { class: 'mx-hosts', 'aria-label': 'Mail hosts in delivery order' }, ...mx.hosts.map((h) => el('li', {},
        el('span', { class: 'pref', text: h.implicit ? 'implicit' : String(h.preference) }), ' ',
        el('code', { class: 'exchange', text: h.exchange }),
        h.alias && h.alias.length ? el('span', { class: 'muted', text: ` (an alias of ${h.alias[h.alias.length - 1]})` }) : null,
        el('span', { class: 'addrs' },
          ...(h.addresses.length ? h.addresses.map((a) => el('code', { text: a })) : [ el('span', { class: 'bad', text: h.nxdomain ? 'does not exist (NXDOMAIN)' : (h.errors.length ? 'address unknown: the query failed' : 'no address') })]))))));
    }
    mx.records.forEach((rec) => body.push(card(rec)));
    return sectionEl('mx', 'MX: where mail to this domain goes', ...body);
  }

  // SPF: the include tree, its lookup count, the networks, the check path.
  function drawSPF(r) {
    const spf = r.spf;
    const body = [];
    const over = spf.dns_lookups > 10, voidOver = spf.void_lookups > 2;
    const root = spf.tree;
    const rootFailed = Boolean(root && !root.record && /^DNS failure/.test(root.error || ''));
    if (rootFailed) {
      body.push(el('p', { class: 'lead bad', text: `Unknown: the SPF record of ${r.domain} could not be read (${spf.tree.error}).` }));
    } else {
      body.push(el('p', { class: 'counts' },
        el('span', { class: 'lookups' + (over ? ' bad' : ''), 'data-lookups': spf.dns_lookups, text: `${spf.dns_lookups}/10 DNS lookups` }), ' · ',
        el('span', { class: 'voids' + (voidOver ? ' bad' : ''), text: `${spf.void_lookups}/2 void lookups` }), ' ',
        rfcLink('RFC 7208 §4.6.4')));
      const meter = el('div', { class: 'meter', role: 'img', 'aria-label': `${spf.dns_lookups} of 10 DNS lookups used` }, el('span', { class: over ? 'over' : '' }));
      meter.firstChild.style.width = Math.min(100, spf.dns_lookups * 10) + '%';
      body.push(meter);
    }
    if (!root || (!root.record && !rootFailed && /^no SPF record/.test(root.error || ''))) {
      body.push(el('p', { class: 'lead', text: `${r.domain} publishes no SPF record: receivers get "none" for mail from it, and DMARC can pass only with DKIM.` }));
    } else if (!root.record && !rootFailed) {
      body.push(el('p', { class: 'lead bad', text: `${r.domain}'s SPF cannot be used (${root.error}): receivers get "permerror", and DMARC can pass only with DKIM.` }));
    }
    if (spf.problems.length) body.push(findingList(spf.problems, 'Problems of the SPF tree'));
    if (root && (root.record || root.children.length)) body.push(el('ol', { class: 'spf-tree', 'aria-label': 'The SPF record and what it includes' }, spfNode(spf.tree)));
    if (spf.networks.length) {
      body.push(el('h4', { text: `Authorised networks (${spf.networks.length})` }),
        el('p', { class: 'networks' }, ...spf.networks.map((n) => el('code', { text: n }))));
    }
    if (spf.check) body.push(drawCheck(spf.check));
    return sectionEl('spf', 'SPF: who may send as this domain', ...body);
  }

  function spfNode(n) {
    const head = el('p', { class: 'node-head' },
      n.via ? el('code', { class: 'via', text: n.via }) : el('span', { class: 'via', text: 'The domain\u2019s record' }),
      ' → ', el('code', { text: n.domain }));
    if (n.spends.length) head.append(el('span', { class: 'spends', text: ` lookups: ${n.spends.map((s) => `${s.term} (#${s.lookup}${s.void ? ', void' : ''})`).join(', ')}` }));
    const li = el('li', {}, head);
    if (n.error) li.append(el('p', { class: 'bad', text: n.error }));
    if (n.record) li.append(card(n.record, 'h4'));
    if (n.children.length) li.append(el('ol', { class: 'spf-tree' }, ...n.children.map(spfNode)));
    return li;
  }

  function drawCheck(c) {
    const box = el('div', { class: 'check' },
      el('h4', {}, 'check_host() for ', el('code', { text: c.ip }), ': ', el('span', { class: 'result r-' + c.result, text: c.result })),
      el('p', { class: 'muted' }, 'MAIL FROM ', el('code', { text: c.sender }), c.helo ? ', HELO ' : '', c.helo ? el('code', { text: c.helo }) : null,
        `; ${c.dns_lookups} DNS lookups, ${c.void_lookups} void (`, rfcLink('RFC 7208 §4'), ')'));
    if (c.problem) box.append(el('p', { class: 'bad', text: c.problem }));
    if (c.explanation) box.append(el('p', {}, 'Explanation: ', el('span', { text: c.explanation })));
    box.append(el('ol', { class: 'check-path', 'aria-label': 'The terms evaluated, in order' }, ...c.path.map((s) => {
      const li = el('li', { class: s.match ? 'match' : '' },
        el('code', { text: s.term }), el('span', { class: 'muted', text: ` at ${s.domain}` }),
        s.match ? el('strong', { text: ` matches${s.result ? ': ' + s.result : ''}` }) : el('span', { class: 'muted', text: ' no match' }),
        s.note ? el('span', { class: 'muted', text: ` (${s.note})` }) : null);
      li.style.marginLeft = (s.depth * 1.25) + 'rem';
      return li;
    })));
    return box;
  }

  // DMARC: which name the policy came from, and how.
  function drawDMARC(r) {
    const d = r.dmarc;
    const body = [];
    const sourceText = {
      domain: `${r.domain}'s own record`,
      organizational: `the record of its organizational domain ${d.organizational_domain} (${r.domain} has none of its own)`,
      psd: `the record of the public suffix domain ${d.policy_domain}`,
    };
    if (d.record) {
      body.push(el('p', { class: 'lead' }, 'Policy ', el('strong', { class: 'policy', text: d.policy || '(none)' }), ` for mail from ${r.domain}, from `,
        el('span', { class: 'policy-source', text: sourceText[d.source] || d.policy_domain }), ': ', el('code', { class: 'policy-domain', text: '_dmarc.' + d.policy_domain }), '.'));
    } else if (dmarcUnknown(d)) {
      body.push(el('p', { class: 'lead bad', text: `Unknown: a query of the tree walk failed, so which DMARC record applies to ${r.domain} is not known (see the walk below).` }));
    } else {
      body.push(el('p', { class: 'lead', text: `No DMARC record applies to ${r.domain}: receivers apply no DMARC policy to mail from it, and send no reports.` }));
    }
    body.push(el('dl', { class: 'dmarc-facts' },
      el('dt', { text: 'Policy domain' }), el('dd', { class: 'mono', text: d.policy_domain || '(none)' }),
      el('dt', { text: 'Organizational domain' }), el('dd', {}, el('span', { class: 'mono', text: d.organizational_domain }), ' ', rfcLink('RFC 9989 §4.10.2')),
      el('dt', { text: 'RFC 7489 receivers' }), el('dd', { class: 'legacy' }, legacyText(d))));
    body.push(el('h4', {}, 'The DNS tree walk ', rfcLink('RFC 9989 §4.10')),
      el('ol', { class: 'walk', 'aria-label': 'Names queried, longest first' }, ...d.walk.map((s) => el('li', { class: s.valid ? 'found' : '' },
        el('code', { text: s.name }), ' ', el('span', { class: 'walk-state', text: walkState(s, d) })))));
    if (d.record) body.push(card(d.record));
    // Every other TXT record at the names of the walk: a second DMARC
    // record, or text that is not one, is worth seeing.
    const others = d.walk.flatMap((s) => s.records.filter((rec) => !(d.record && s.domain === d.policy_domain && rec.value === d.record.value)));
    if (others.length) {
      body.push(el('h4', { text: `Other TXT records at these names (${others.length})` }), ...others.map((rec) => card(rec)));
    }
    if (d.report_authorizations.length) {
      body.push(el('h4', {}, 'Report addresses outside the organization ', rfcLink('RFC 9990 §3')),
        el('ul', { class: 'reports' }, ...d.report_authorizations.map((a) => el('li', { class: a.authorized ? '' : 'bad' },
          el('code', { text: a.uri }), ` (${a.tag}): `,
          a.error ? `unknown, the query failed (${a.error.message})` : (a.authorized ? 'authorised by ' : 'not authorised: no TXT record starting v=DMARC1 at '),
          a.error ? null : el('code', { text: a.name }), a.error ? null : (a.authorized ? '' : '; receivers skip this address.')))));
    }
    return sectionEl('dmarc', 'DMARC: what receivers do with mail that fails', ...body);
  }

  // dmarcUnknown: no record applies, but a name the walk needed went unanswered.
  function dmarcUnknown(d) {
    return !d.record && d.walk.some((s) => s.error && !s.after_stop);
  }

  function legacyText(d) {
    const l = d.rfc7489;
    if (l.error) return `unknown: ${l.error.message}`;
    const same = l.policy_domain === d.policy_domain && l.organizational_domain === d.organizational_domain;
    const s = `organizational domain ${l.organizational_domain || '(none)'} (public suffix list), ${l.policy_domain ? 'policy from _dmarc.' + l.policy_domain : 'no policy record found'}`;
    if (dmarcUnknown(d)) return s + '.';
    return s + (same ? ': the same as RFC 9989.' : ': different from RFC 9989.');
  }

  function walkState(s, d) {
    if (s.error) return `query failed: ${s.error.message}`;
    if (s.after_stop) return 'not consulted (the walk stopped above)';
    let t = s.valid ? 'a DMARC record' : (s.records.length ? `${s.records.length} TXT record${s.records.length > 1 ? 's' : ''}, none a single valid DMARC record` : 'no record');
    if (s.psd) t += `, psd=${s.psd}`;
    if (s.valid && s.domain === d.policy_domain) t += ': the policy comes from here';
    return t;
  }

  // DKIM: each found selector annotated; probed-but-absent compactly.
  function drawDKIM(r) {
    const body = [];
    const probes = r.dkim_selectors;
    const found = probes.filter((p) => p.found);
    const named = probes.filter((p) => p.named && !p.found);
    const absent = probes.filter((p) => !p.named && !p.found && !p.skipped && !p.error);
    const skipped = probes.filter((p) => p.skipped);
    const failed = probes.filter((p) => p.error && !p.found);
    body.push(el('p', { class: 'lead', text: found.length
      ? `Keys found at ${found.length} selector${found.length > 1 ? 's' : ''}: ${found.map((p) => p.selector).join(', ')}. Receivers fetch the key named by each signature's s= and d= tags.`
      : 'No DKIM key was found. Keys live at <selector>._domainkey.<domain>, and the selector is chosen by the signer: give it above (the s= of a DKIM-Signature header) if it is not a common one.' }));
    for (const p of found) {
      if (r.dkim[p.selector]) body.push(card(r.dkim[p.selector]));
    }
    if (named.length) body.push(el('p', { class: 'bad' }, 'No key at the selector' + (named.length > 1 ? 's' : '') + ' you named: ', ...join(named.map((p) => el('code', { text: p.name })))));
    if (absent.length) body.push(el('p', { class: 'absent muted' }, `Probed, no key (${absent.length}): `, ...join(absent.map((p) => el('code', { text: p.selector })))));
    if (failed.length) body.push(el('p', { class: 'muted' }, 'Probe failed: ', ...join(failed.map((p) => el('code', { text: p.selector })))));
    if (skipped.length) body.push(el('p', { class: 'muted' }, `Not probed, to stay within 50 queries: `, ...join(skipped.map((p) => el('code', { text: p.selector })))));
    return sectionEl('dkim', 'DKIM: keys that verify signatures', ...body);
  }

  function join(nodes) {
    const out = [];
    nodes.forEach((n, i) => { if (i) out.push(', '); out.push(n); });
    return out;
  }

  // ---- The path of a message, for this domain --------------------------------

  function drawPath(r) {
    if (!pathDomain) return;
    if (!r) { pathDomain.hidden = true; pathDomain.replaceChildren(); return; }
    const mx = r.mx;
    let toLine;
    if (r.nxdomain) toLine = [`${r.domain} does not exist: senders cannot deliver to it.`];
    else if (mx.null_mx) toLine = ['Null MX: it takes no mail, and senders report the failure at once, without queuing or retrying (RFC 7505 §4.1).'];
    else if (mx.error) toLine = ['The MX query failed, so where its mail goes is unknown.'];
    else {
      const bare = (n) => n.replace(/\.$/, '');
      const hosts = mx.hosts.map((h) => h.implicit ? `${bare(h.exchange)} (its own address: implicit MX)` : `${bare(h.exchange)} (${h.preference})`);
      toLine = ['The sender\u2019s MTA looks up MX ', el('code', { text: r.domain }), hosts.length ? ` and delivers to ${hosts.join(', else ')}.` : ': no host to deliver to.'];
    }
    const spf = r.spf.tree && !r.spf.tree.record && r.spf.tree.error
      ? `SPF: unknown, the query for ${r.domain}'s record failed.`
      : r.spf.tree && r.spf.tree.record
      ? `SPF checks the sending IP against ${r.domain}'s SPF record when it is the MAIL FROM domain (${r.spf.dns_lookups}/10 lookups${r.spf.check ? `; ${r.spf.check.ip} gets ${r.spf.check.result}` : ''}).`
      : `SPF finds no record at ${r.domain}: "none".`;
    const found = r.dkim_selectors.filter((p) => p.found).map((p) => p.selector);
    const dkim = `DKIM verifies each signature with the key at <s=>._domainkey.<d=>; keys found for ${r.domain}: ${found.length ? found.join(', ') : 'none'}.`;
    const dmarc = r.dmarc.record
      ? `DMARC, for mail whose From: is at ${r.domain}: policy ${r.dmarc.policy || 'none'} from _dmarc.${r.dmarc.policy_domain} when neither SPF nor DKIM passes aligned.`
      : dmarcUnknown(r.dmarc) ? 'DMARC: unknown, a query of the tree walk failed.' : `DMARC: no policy applies to ${r.domain}.`;
    pathDomain.replaceChildren(
      el('h3', {}, 'For ', el('span', { class: 'mono', text: r.domain })),
      el('ol', {},
        el('li', { 'data-step': 'mx' }, el('strong', { text: 'Mail to it. ' }), ...toLine),
        el('li', { 'data-step': 'checks' }, el('strong', { text: 'Mail from it, at any receiver. ' }), `${spf} ${dkim} ${dmarc}`)));
    pathDomain.hidden = false;
  }

  return { setState, run, runIfChanged, hash, ready };
}
