// report-view.js: the sections of a lookup report (mxplain.lookup's JSON,
// parsed: a LookupReport of mxplain.d.ts) as pure render functions, shared
// by the page's lookup view (lookup-view.js) and the <mxplain-record>
// element (embed.js). Report JSON in, DOM out: no engine calls, no state
// outside the context a caller passes.
//
//   import { renderParts, reportCounts } from './report-view.js';
//
//   const ctx = reportContext({ idPrefix: 'lk', meaning, scope, announce, label });
//   container.append(...renderParts(report, ctx));          // every part, in the report's order
//   container.append(...renderParts(report, ctx, ['spf'])); // one part
//
// The report's "parts" list (computed by the engine) says which parts there
// are, in which order, what to call them and their status and counts; a
// part is drawn by its renderer in `renderers`, or, when it has none, by
// renderGeneric: its records (with renderRecord), its findings and its
// failed queries. So a part the engine adds shows up with no change here.
//
// Rules this module keeps (as record-view.js does):
// - Everything from DNS is inserted as text (el(), textContent), never as
//   HTML, and never becomes a link: a rua= URI is shown, not followed.
// - Validity, statuses and counts are the engine's (the parts list, each
//   record's findings); nothing here works them out from codes or text.
import { el, rfcLink, renderRecord, severities, sevLabel } from "./record-view.js";

/**
 * reportContext(options) → the context the renderers draw with: options
 * are renderRecord's (meaning, scope, announce, label, showList), plus
 * idPrefix, the prefix of the sections' ids ("lk": sections "lk-<part>",
 * cards "lk-<n>"), and fold: true for the page's scannable report: a
 * section with nothing to act on (no error, no warning, nothing unknown)
 * folded to its heading and its checklist sentence, an SPF include folded
 * to its one line unless the domain must act on it, and records with
 * nothing to say (valid, no findings) as one line where a part lists them
 * otherwise (the MX hosts). An element (fold unset) draws everything open.
 */
export function reportContext(options = {}) {
  return { idPrefix: 'rp', ...options, cards: 0 };
}

// card draws one record of the report: its spans index its own value.
function card(ctx, rec, heading = 'h4') {
  const id = `${ctx.idPrefix}-${++ctx.cards}`;
  return renderRecord(rec.value || '', rec, { ...ctx, id, key: id, heading });
}

/**
 * renderParts(report, ctx, only) → the report's sections: one <section>
 * per part of report.parts (only those named in only, when given), each
 * with its title, its status and its renderer's body.
 */
export function renderParts(report, ctx, only = null) {
  return (report.parts || []).filter((p) => !only || only.includes(p.part)).map((p) => renderPart(report, p, ctx));
}

/** renderPart(report, part, ctx) → the <section> of one entry of report.parts. */
export function renderPart(report, part, ctx) {
  const id = `${ctx.idPrefix}-${part.part}`;
  const render = renderers[part.part] || renderGeneric;
  const own = (report.findings || []).filter((f) => f.part === part.part);
  const heading = el('h3', { id: id + '-title', tabindex: '-1' },
    el('span', { text: part.title ? `${part.label}: ${part.title}` : part.label }),
    el('span', { class: 'part-status status-' + part.status, text: statusText(part) }),
    part.dnssec_label ? el('span', { class: 'part-dnssec dnssec-' + part.dnssec, text: part.dnssec_label }) : null);
  const body = [own.length ? renderFindings(own, `Findings about the ${part.label} records of the domain, worst first`) : null, ...render(report, ctx, part)];
  const section = el('section', { class: 'lk-section', id, 'aria-labelledby': id + '-title', 'data-part': part.part, 'data-status': part.status });
  if (!ctx.fold) {
    section.append(heading, ...body.filter(Boolean));
    return section;
  }
  // The page's report: the section folds to its heading and the
  // checklist's sentence (the engine's), open where there is something
  // to act on or something unknown.
  const verdict = (report.verdicts || []).find((v) => v.part === part.part);
  section.append(el('details', { class: 'part-fold', open: actionable(part) },
    el('summary', {}, heading, verdict ? el('p', { class: 'part-verdict', text: verdict.text }) : null),
    el('div', { class: 'part-body' }, ...body.filter(Boolean))));
  return section;
}

// actionable says whether a part needs the reader: the engine counted an
// error or a warning, or a query it needed failed.
function actionable(part) {
  return part.errors > 0 || part.warnings > 0 || part.status === 'partial' || part.status === 'error';
}

/**
 * openSection(target) opens the folded section (and SPF include) holding
 * target, so that a link to it shows it. Returns target.
 */
export function openSection(target) {
  for (let d = target.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) d.open = true;
  return target;
}

/** foldAll(container, open) opens (true) or folds (false) every section and SPF include of a report. */
export function foldAll(container, open) {
  for (const d of container.querySelectorAll('details.part-fold, details.node-fold')) d.open = open;
}

/**
 * goToSection(e, id) is the click handler of a link to a section of the
 * report (its id, "<idPrefix>-<anchor>"): it opens the folded section,
 * moves focus to its heading and leaves the URL's fragment (the view's
 * state) alone.
 */
export function goToSection(e, id) {
  const scope = e.currentTarget.getRootNode();
  const target = (scope.getElementById ? scope : document).getElementById(id + '-title');
  if (!target) return;
  e.preventDefault();
  openSection(target);
  target.scrollIntoView({ block: 'start' });
  target.focus({ preventScroll: true });
}

/**
 * renderVerdicts(report, ctx) → the report's checklist (report.verdicts,
 * the engine's: one line per part, its mark and sentence), each line a
 * link to its part's section ("<idPrefix>-<anchor>"). A link moves focus to
 * the section's heading and leaves the URL's fragment (the view's state)
 * alone. Null when the report has none.
 */
export function renderVerdicts(report, ctx) {
  const verdicts = report.verdicts || [];
  if (!verdicts.length) return null;
  return el('nav', { class: 'verdicts', 'aria-label': 'Checklist' },
    el('ol', {}, ...verdicts.map((v) => {
      const id = `${ctx.idPrefix}-${v.anchor}`;
      return el('li', { class: 'verdict-line status-' + v.status, 'data-part': v.part, 'data-status': v.status },
        el('span', { class: 'mark', 'aria-hidden': 'true', text: v.mark }),
        el('span', { class: 'sr-only', text: statusWords[v.status] || '' }),
        el('a', { href: '#' + id, 'data-section': id, onclick: (e) => goToSection(e, id), text: v.label }), ' ',
        el('span', { class: 'verdict-text', text: v.text }));
    })));
}

/** statusWords say a checklist line's (or a path step's) status to a screen reader, before its mark. */
export const statusWords = { ok: 'OK: ', warning: 'Warning: ', error: 'Error: ', skipped: 'Not reached: ' };

/** statusText(part) is a part's status in words, with the engine's counts. */
export function statusText(p) {
  const n = [p.errors && plural(p.errors, 'error'), p.warnings && plural(p.warnings, 'warning')].filter(Boolean).join(', ');
  switch (p.status) {
    case 'ok': return '✓ no problems';
    case 'missing': return n ? `none found · ${n}` : 'none found';
    case 'partial': return 'unknown: a query failed' + (n ? ` · ${n}` : '');
    default: return n;
  }
}

/** reportCounts(report) → "2 errors, 1 warning" (or "no errors or warnings"): the parts' counts, summed. */
export function reportCounts(report) {
  let errors = 0, warnings = 0;
  for (const p of report.parts || []) { errors += p.errors; warnings += p.warnings; }
  return [errors && plural(errors, 'error'), warnings && plural(warnings, 'warning')].filter(Boolean).join(', ') || 'no errors or warnings';
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** renderFindings(findings, label) → a list of report findings, worst first. */
export function renderFindings(findings, label) {
  const sorted = [...findings].sort((a, b) => severities.indexOf(a.severity) - severities.indexOf(b.severity));
  return el('ul', { class: 'report-findings', 'aria-label': label },
    ...sorted.map((f) => el('li', { class: 'report-finding sev-' + f.severity },
      el('span', { class: 'sev', text: sevLabel[f.severity] || f.severity }),
      el('span', { class: 'msg', text: f.message }),
      el('span', { class: 'code' }, el('code', { text: f.code }), f.ref ? ' ' : '', rfcLink(f.ref)))));
}

/**
 * renderError(e, report) → one failed query as a list item: its name and
 * type, the part it was for (the label report.parts gives it) and its
 * kind (the engine's kind_label), then the message.
 */
export function renderError(e, report) {
  const part = (report.parts || []).find((p) => p.part === e.part);
  const asked = [e.name, e.type].filter(Boolean).join(' ');
  return el('li', {}, asked ? el('code', { text: asked }) : null, asked ? ' ' : null,
    `(${part ? part.label : e.part}): ${e.kind_label || e.kind}. `, el('span', { class: 'muted', text: e.message }));
}

// ---- The generic renderer ------------------------------------------------

/**
 * renderGeneric(report, ctx, part) → the body of a part with no renderer of
 * its own: every explained record in its section of the report (the
 * report's field the part's section names: "mta_sts" for "mta-sts"),
 * once however often the section holds it, the findings
 * listed there, and the part's failed queries and those the section holds
 * (DNSError-shaped: a kind and a message).
 */
export function renderGeneric(report, ctx, part) {
  const section = report[part.section];
  const records = [], findings = [], errors = [];
  const drawn = new Set(); // a record the section holds twice (its records, the one in use) is drawn once
  const walk = (v) => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) { v.forEach(walk); return; }
    if (Array.isArray(v.fields) && Array.isArray(v.findings) && typeof v.value === 'string') {
      const key = JSON.stringify([v.type, v.owner, v.value]);
      if (!drawn.has(key)) { drawn.add(key); records.push(v); }
      return;
    }
    if (typeof v.severity === 'string' && typeof v.message === 'string') { findings.push(v); return; }
    if (typeof v.kind === 'string' && typeof v.message === 'string') { errors.push(v); return; }
    Object.values(v).forEach(walk);
  };
  walk(section);
  const failed = (report.errors || []).filter((e) => e.part === part.part && !e.optional);
  for (const e of errors) if (!failed.some((f) => f.message === e.message)) failed.push({ part: part.part, ...e });
  const body = [];
  if (!records.length) {
    body.push(el('p', { class: 'lead' + (failed.length ? ' bad' : ''), text: failed.length
      ? `Unknown: the ${part.label} records of ${report.domain} could not be read.`
      : `No ${part.label} record found for ${report.domain}.` }));
  }
  if (findings.length) body.push(renderFindings(findings, `Findings of the ${part.label} part, worst first`));
  if (failed.length) body.push(el('ul', { class: 'failed', 'aria-label': 'Failed queries' }, ...failed.map((e) => renderError(e, report))));
  records.forEach((rec) => body.push(card(ctx, rec)));
  return body;
}

// ---- Parts with renderers of their own -------------------------------------

// MX: where mail for the domain goes, hosts in delivery order.
function renderMX(r, ctx) {
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
        ...(h.addresses.length ? h.addresses.map((a) => el('code', { text: a })) : [el('span', { class: 'bad', text: h.nxdomain ? 'does not exist (NXDOMAIN)' : (h.errors.length ? 'address unknown: the query failed' : 'no address') })]))))));
  }
  // With ctx.fold (the page's report), records with nothing to say are one
  // line: the hosts above show them. An element showing the MX part draws
  // each.
  const quiet = ctx.fold ? mx.records.filter((rec) => rec.valid && !(rec.findings || []).length) : [];
  mx.records.filter((rec) => !quiet.includes(rec)).forEach((rec) => body.push(card(ctx, rec)));
  if (quiet.length) {
    body.push(el('p', { class: 'quiet-records muted' }, `${quiet.length} MX record${quiet.length > 1 ? 's' : ''} with nothing to say (valid, no findings): `,
      ...join(quiet.map((rec) => el('code', { text: rec.value })))));
  }
  return body;
}

// SPF: the include tree, its lookup count, the networks, the check path.
function renderSPF(r, ctx, part) {
  const spf = r.spf;
  const body = [];
  const over = spf.dns_lookups > 10, voidOver = spf.void_lookups > 2;
  const root = spf.tree;
  const unknown = part.status === 'partial' && !(root && root.record);
  if (unknown) {
    // Why is the tree's problem (listed below), else the root's error.
    const why = !spf.problems.length && root && root.error ? ` (${root.error})` : '';
    body.push(el('p', { class: 'lead bad', text: `Unknown: the SPF record of ${r.domain} could not be read${why}.` }));
  } else {
    body.push(el('p', { class: 'counts' },
      el('span', { class: 'lookups' + (over ? ' bad' : ''), 'data-lookups': spf.dns_lookups, text: `${spf.dns_lookups}/10 DNS lookups` }), ' · ',
      el('span', { class: 'voids' + (voidOver ? ' bad' : ''), text: `${spf.void_lookups}/2 void lookups` }), ' ',
      rfcLink('RFC 7208 §4.6.4')));
    const meter = el('div', { class: 'meter', role: 'img', 'aria-label': `${spf.dns_lookups} of 10 DNS lookups used` }, el('span', { class: over ? 'over' : '' }));
    meter.firstChild.style.width = Math.min(100, spf.dns_lookups * 10) + '%';
    body.push(meter);
    if (!root || (!root.record && (part.status === 'missing' || !root.error))) {
      body.push(el('p', { class: 'lead', text: `${r.domain} publishes no SPF record: receivers get "none" for mail from it, and DMARC can pass only with DKIM.` }));
    } else if (!root.record) {
      body.push(el('p', { class: 'lead bad', text: `${r.domain}'s SPF cannot be used (${root.error}): receivers get "permerror", and DMARC can pass only with DKIM.` }));
    }
  }
  // Over 10 lookups: the plan first, before the tree it is made from.
  if (spf.plan) body.push(renderPlan(spf.plan));
  // An error at a term is drawn on its record's card, at the term (at_term).
  const treeProblems = spf.problems.filter((p) => !p.at_term);
  if (treeProblems.length) body.push(renderFindings(treeProblems, 'Problems of the SPF tree'));
  if (root && (root.record || root.children.length)) body.push(el('ol', { class: 'spf-tree', 'aria-label': 'The SPF record and what it includes' }, spfNode(ctx, root)));
  if (spf.networks.length) {
    body.push(el('h4', { text: `Authorised networks (${spf.networks.length})` }),
      el('p', { class: 'networks' }, ...spf.networks.map((n) => el('code', { text: n }))));
  }
  if (spf.check) body.push(renderCheck(spf.check));
  return body;
}

/** renderPlan(plan) → a plan (explain.Plan: title, steps, values to publish) as an ordered list. */
export function renderPlan(plan) {
  return el('section', { class: 'plan', 'data-code': plan.code, 'aria-label': 'Plan' },
    el('h4', {}, 'Plan: ', el('span', { text: plan.title }), plan.ref ? ' ' : '', rfcLink(plan.ref)),
    el('ol', { class: 'plan-steps' }, ...plan.steps.map((st) => el('li', {},
      el('p', { text: st.text }),
      st.value ? el('pre', { class: 'plan-value' }, el('code', { text: st.value })) : null))));
}

function spfNode(ctx, n) {
  const head = el('p', { class: 'node-head' },
    n.via ? el('code', { class: 'via', text: n.via }) : el('span', { class: 'via', text: 'The domain\u2019s record' }),
    ' → ', el('code', { text: n.domain }));
  // A provider's record (another organization's): its owner fixes it.
  if (n.provider) head.append(' ', el('span', { class: 'provider', text: `${n.provider}'s record: its findings are for ${n.provider} to fix` }));
  if (n.spends.length) head.append(el('span', { class: 'spends', text: ` lookups: ${n.spends.map((s) => `${s.term} (#${s.lookup}${s.void ? ', void' : ''})`).join(', ')}` }));
  const li = el('li', {});
  if (ctx.fold && n.via && n.record) {
    // An include, compact: its line and the record's verdict, the card on
    // demand; open when the domain's own record there has an error or a
    // warning (a provider's record is the provider's to fix).
    const sev = (n.record.findings || []).map((f) => f.severity);
    const act = !n.provider && (!n.record.valid || sev.includes('error') || sev.includes('warning'));
    head.append(' ', el('span', { class: 'node-verdict ' + (n.record.valid ? 'ok' : 'bad'), text: nodeVerdict(n.record) }));
    li.append(el('details', { class: 'node-fold', open: act }, el('summary', { class: 'node-head' }, ...head.childNodes), card(ctx, n.record)));
    if (n.error) li.append(el('p', { class: 'bad', text: n.error }));
  } else {
    li.append(head);
    if (n.error) li.append(el('p', { class: 'bad', text: n.error }));
    if (n.record) li.append(card(ctx, n.record));
  }
  if (n.children.length) li.append(el('ol', { class: 'spf-tree' }, ...n.children.map((c) => spfNode(ctx, c))));
  return li;
}

// nodeVerdict is an include's record in a few words: valid or not, and its
// error and warning findings counted.
function nodeVerdict(rec) {
  const count = (sev) => (rec.findings || []).filter((f) => f.severity === sev).length;
  const n = [count('error') && plural(count('error'), 'error'), count('warning') && plural(count('warning'), 'warning')].filter(Boolean).join(', ');
  return (rec.valid ? '✓ valid' : '✗ has errors') + (n ? ' · ' + n : '');
}

function renderCheck(c) {
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
function renderDMARC(r, ctx, part) {
  const d = r.dmarc;
  const body = [];
  const unknown = !d.record && part.status === 'partial';
  const sourceText = {
    domain: `${r.domain}'s own record`,
    organizational: `the record of its organizational domain ${d.organizational_domain} (${r.domain} has none of its own)`,
    psd: `the record of the public suffix domain ${d.policy_domain}`,
  };
  const policyStep = d.walk.find((s) => s.valid && s.domain === d.policy_domain);
  if (d.record) {
    body.push(el('p', { class: 'lead' }, 'Policy ', el('strong', { class: 'policy', text: d.policy || '(none)' }), ` for mail from ${r.domain}, from `,
      el('span', { class: 'policy-source', text: sourceText[d.source] || d.policy_domain }), ': ', el('code', { class: 'policy-domain', text: policyStep ? policyStep.name.replace(/\.$/, '') : d.policy_domain }), '.'));
  } else if (unknown) {
    body.push(el('p', { class: 'lead bad', text: `Unknown: a query of the tree walk failed, so which DMARC record applies to ${r.domain} is not known (see the walk below).` }));
  } else {
    body.push(el('p', { class: 'lead', text: `No DMARC record applies to ${r.domain}: receivers apply no DMARC policy to mail from it, and send no reports.` }));
  }
  body.push(el('dl', { class: 'dmarc-facts' },
    el('dt', { text: 'Policy domain' }), el('dd', { class: 'mono', text: d.policy_domain || '(none)' }),
    el('dt', { text: 'Organizational domain' }), el('dd', {}, el('span', { class: 'mono', text: d.organizational_domain }), ' ', rfcLink('RFC 9989 §4.10.2')),
    el('dt', { text: 'RFC 7489 receivers' }), el('dd', { class: 'legacy' }, legacyText(d, unknown))));
  body.push(el('h4', {}, 'The DNS tree walk ', rfcLink('RFC 9989 §4.10')),
    el('ol', { class: 'walk', 'aria-label': 'Names queried, longest first' }, ...d.walk.map((s) => el('li', { class: s.valid ? 'found' : '' },
      el('code', { text: s.name }), ' ', el('span', { class: 'walk-state', text: walkState(s, d) })))));
  if (d.record) body.push(card(ctx, d.record));
  // Every other TXT record at the names of the walk: a second DMARC
  // record, or text that is not one, is worth seeing.
  const others = d.walk.flatMap((s) => s.records.filter((rec) => !(d.record && s.domain === d.policy_domain && rec.value === d.record.value)));
  if (others.length) {
    body.push(el('h4', { text: `Other TXT records at these names (${others.length})` }), ...others.map((rec) => card(ctx, rec)));
  }
  if (d.report_authorizations.length) {
    body.push(el('h4', {}, 'Report addresses outside the organization ', rfcLink('RFC 9990 §3')),
      el('ul', { class: 'reports' }, ...d.report_authorizations.map((a) => el('li', { class: a.authorized ? '' : 'bad' },
        el('code', { text: a.uri }), ` (${a.tag}): `,
        a.error ? `unknown, the query failed (${a.error.message})` : (a.authorized ? 'authorised by ' : 'not authorised: no TXT record starting v=DMARC1 at '),
        a.error ? null : el('code', { text: a.name }), a.error ? null : (a.authorized ? '' : '; receivers skip this address.')))));
  }
  return body;
}

function legacyText(d, unknown) {
  const l = d.rfc7489;
  if (l.error) return `unknown: ${l.error.message}`;
  const same = l.policy_domain === d.policy_domain && l.organizational_domain === d.organizational_domain;
  const s = `organizational domain ${l.organizational_domain || '(none)'} (public suffix list), ${l.policy_domain ? 'policy from the record of ' + l.policy_domain : 'no policy record found'}`;
  if (unknown) return s + '.';
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
function renderDKIM(r, ctx) {
  const body = [];
  const probes = r.dkim_selectors;
  const found = probes.filter((p) => p.found);
  const named = probes.filter((p) => p.named && !p.found);
  const absent = probes.filter((p) => !p.named && !p.found && !p.skipped && !p.error);
  const skipped = probes.filter((p) => p.skipped);
  const failed = probes.filter((p) => p.error && !p.found);
  body.push(el('p', { class: 'lead', text: found.length
    ? `Keys found at ${found.length} selector${found.length > 1 ? 's' : ''}: ${found.map((p) => p.selector).join(', ')}. Receivers fetch the key named by each signature's s= and d= tags.`
    : 'No DKIM key was found. Keys live at <selector>._domainkey.<domain>, and the selector is chosen by the signer: give it (the s= of a DKIM-Signature header) if it is not a common one.' }));
  for (const p of found) {
    if (r.dkim[p.selector]) body.push(card(ctx, r.dkim[p.selector]));
  }
  if (named.length) body.push(el('p', { class: 'bad' }, 'No key at the selector' + (named.length > 1 ? 's' : '') + ' you named: ', ...join(named.map((p) => el('code', { text: p.name })))));
  if (absent.length) body.push(el('p', { class: 'absent muted' }, `Probed, no key (${absent.length}): `, ...join(absent.map((p) => el('code', { text: p.selector })))));
  if (failed.length) body.push(el('p', { class: 'muted' }, 'Probe failed: ', ...join(failed.map((p) => el('code', { text: p.selector })))));
  if (skipped.length) body.push(el('p', { class: 'muted' }, 'Not probed, to stay within 50 queries: ', ...join(skipped.map((p) => el('code', { text: p.selector })))));
  return body;
}

// MTA-STS: the record, where its policy is and whether it was read, and
// which MX hosts the policy's mx patterns cover (RFC 8461 §4.1).
function renderMTASTS(r, ctx, part) {
  const s = r.mta_sts;
  const body = [];
  if (s.record) {
    body.push(el('p', { class: 'lead' }, 'Senders that support MTA-STS fetch the policy at ', el('code', { class: 'policy-url', text: s.policy_url }), ' ', rfcLink('RFC 8461 §3.2'), '.'));
  } else if (!s.records.length) {
    body.push(el('p', { class: 'lead' + (s.error ? ' bad' : ''), text: s.error
      ? `Unknown: the MTA-STS record of ${r.domain} could not be read (${s.error.message}).`
      : `${r.domain} publishes no MTA-STS record: senders deliver to it over TLS only when they can, and fall back to plain text.` }));
  }
  if (s.fetch_error) {
    body.push(el('p', { class: 'fetch-error' + (s.record ? ' bad' : ' muted') }, 'The policy was not read: ', `${s.fetch_error.kind_label || s.fetch_error.kind}. `, el('span', { class: 'muted', text: s.fetch_error.message })));
  }
  if (s.hosts.length) {
    // The hosts not covered one a line; those covered, with nothing to say, on one.
    const covered = s.hosts.filter((h) => h.covered);
    body.push(el('h4', {}, 'MX hosts and the policy ', rfcLink('RFC 8461 §4.1')),
      el('ul', { class: 'sts-hosts', 'aria-label': 'MX hosts, covered or not by the policy' },
        ...s.hosts.filter((h) => !h.covered).map((h) => el('li', { class: 'bad' },
          el('code', { class: 'exchange', text: h.exchange }), ' not covered by any mx pattern: senders enforcing the policy do not deliver to it')),
        covered.length ? el('li', { class: 'covered' }, `Covered (${covered.length}): `,
          ...join(covered.map((h) => el('span', {}, el('code', { class: 'exchange', text: h.exchange }), ' by ', el('code', { text: h.pattern }))))) : null));
  }
  return [...body, ...renderGeneric(r, ctx, part).filter((n) => n.matches('.record, .report-findings'))];
}

// DNSSEC: the domain's keys, and for each part how many of its answers
// the resolver validated (the AD bit).
function renderDNSSEC(r, ctx, part) {
  const d = r.dnssec;
  const labels = Object.fromEntries(r.parts.map((p) => [p.part, p.label]));
  const body = [el('p', { class: 'lead' }, el('code', { text: d.name }), `: ${plural(d.ds, 'DS record')} at its parent${d.dnskey ? `, ${plural(d.dnskey, 'DNSKEY record')}` : ''}. The resolver marks each answer it validated (the AD bit, `, rfcLink('RFC 4035 §3.2.3'), '):')];
  if (d.sections.length) {
    body.push(el('table', { class: 'dnssec-sections', 'aria-label': 'Answers validated, by section' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Section' }), el('th', { scope: 'col', text: 'Answers validated' }))),
      el('tbody', {}, ...d.sections.map((v) => el('tr', { 'data-part': v.part, class: v.validated === v.answers ? 'validated' : (v.validated ? 'partly' : 'unvalidated') },
        el('td', { text: labels[v.part] || v.part }), el('td', { text: `${v.validated} of ${v.answers}` }))))));
  }
  return [...body, ...renderGeneric(r, ctx, part).filter((n) => n.matches('.failed'))];
}

// DANE: each MX host with the engine's sentence on it, then its TLSA
// records.
function renderDANE(r, ctx, part) {
  const d = r.dane;
  const body = [];
  if (d.hosts.length) {
    body.push(el('ul', { class: 'dane-hosts', 'aria-label': 'MX hosts and DANE' }, ...d.hosts.map((h) => el('li', { class: 'dane-host', 'data-status': h.status },
      el('code', { class: 'exchange', text: h.host }), ' ', el('span', { class: h.status === 'protected' ? 'ok' : (h.status === 'none' ? 'muted' : 'bad'), text: h.says }),
      h.records.length ? el('span', { class: 'muted' }, ' at ', el('code', { text: h.name })) : null))));
  }
  return [...body, ...renderGeneric(r, ctx, part).filter((n) => n.matches('.record, .failed'))];
}

// SRV: the servers a client uses to send and to read mail, in the order
// it tries them, then every SRV record.
function renderSRV(r, ctx, part) {
  const s = r.srv;
  const body = [];
  const list = (label, servers) => servers.length ? el('div', { class: 'srv-group' },
    el('h4', {}, label),
    el('ol', { class: 'srv-servers', 'aria-label': label }, ...servers.map((v) => el('li', { 'data-service': v.service },
      el('code', { text: v.service }), ' ', el('span', { text: v.says }), ' ',
      el('span', { class: 'addrs' }, ...(!v.resolved ? [el('span', { class: 'muted', text: 'not looked up' })]
        : v.addresses.length ? v.addresses.map((a) => el('code', { text: a })) : [el('span', { class: 'bad', text: v.nxdomain ? 'does not exist (NXDOMAIN)' : 'no address' })])))))) : null;
  body.push(list('Sending: submission servers, in the order a client tries them', s.submit),
    list('Reading: IMAP and POP3 servers, in the order a client tries them', s.read));
  return [...body.filter(Boolean), ...renderGeneric(r, ctx, part).filter((n) => n.matches('.record, .failed, .lead'))];
}

function join(nodes) {
  const out = [];
  nodes.forEach((n, i) => { if (i) out.push(', '); out.push(n); });
  return out;
}

/**
 * renderers maps a part's name (report.parts[].part) to the renderer of its
 * section's body, (report, ctx, part) → nodes, for the parts that draw more
 * than their records (a tree, a walk, a delivery order). The one table of
 * its kind: a part not in it is drawn by renderGeneric.
 */
export const renderers = {
  mx: renderMX,
  spf: renderSPF,
  dmarc: renderDMARC,
  dkim: renderDKIM,
  'mta-sts': renderMTASTS,
  dnssec: renderDNSSEC,
  dane: renderDANE,
  srv: renderSRV,
};
