// record-view.js: one explained record, drawn as mxplain's annotated view.
// An ES module with no dependencies, shared by the page (app.js) and the
// embeddable element (embed.js).
//
//   import { renderRecord, renderExplanation, chooseFinding } from './record-view.js';
//
//   const card = renderRecord(rec.value, rec, { id: 'spf-0' });
//   container.append(card);
//
// What a card holds: a header (type badge, owner, verdict), the engine's
// summary, the record's text with every field a focusable, marked part
// (its meaning shown on hover, focus or tap, and read by screen readers
// through aria-describedby), the findings worst first (choosing one marks
// its bytes in the text), and the list of all parts (built when opened).
//
// Rules this module keeps:
// - Text from the record (and everything derived from it) is inserted only
//   with textContent / createTextNode, never as HTML: pages using it may
//   enforce Trusted Types ("require-trusted-types-for 'script'"), and record
//   text from DNS is hostile input.
// - Spans are UTF-8 byte offsets into `input` (the engine's contract); they
//   are turned into string indexes with a byte → UTF-16 table.
// - Control characters (ESC, BEL, the other C0 and C1 controls, DEL) and
//   invisible or reordering format characters (bidi embeddings, overrides
//   and isolates, zero-width ones) in any text el() inserts are shown as
//   visible escapes (a "\x1b" or "U+202E" chip, shown()), never as
//   themselves: such bytes in a TXT record must neither hide nor reorder
//   what is shown. A segment keeps its byte span (data-s, data-e).
// - Ids are prefixed with options.id, so several cards (and several
//   embedded elements) live in one document.

export const severities = ['error', 'warning', 'info'];
export const sevLabel = { error: 'Error', warning: 'Warning', info: 'Info' };

/**
 * labeller(types) → label(type): the badge of a record type, from the
 * engine's list of types (mxplain.types(), [{ type, label, … }]); a type
 * it does not list reads as its name in capitals ("unknown": "Not
 * recognised").
 */
export function labeller(types) {
  const labels = new Map(types.map((t) => [t.type, t.label]));
  return (type) => labels.get(type) || (type === 'unknown' ? 'Not recognised' : String(type || '').toUpperCase());
}

// ---- DOM helpers: elements from data, text always as text ---------------

/**
 * el(tag, attrs, ...children) → HTMLElement. attrs: "class", "text" (its
 * text, through shown()), "on<event>" (a listener), anything else an
 * attribute (true → present, false/null/undefined → absent). String
 * children become text (through shown()); null/false children are skipped.
 */
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.append(shown(String(v)));
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(typeof c === 'string' ? shown(c) : c);
  }
  return e;
}

// Characters that are invisible or act on the text around them: C0
// controls but tab and newline, DEL, C1 controls, the Arabic letter mark,
// zero-width spaces and joiners, LRM/RLM, line and paragraph separators,
// bidi embeddings and overrides (U+202A–U+202E), word joiner and invisible
// operators, bidi isolates (U+2066–U+2069), and the zero-width no-break
// space (BOM).
const invisible = /[\0-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const controlNames = {
  0x00: 'NUL', 0x07: 'BEL (bell)', 0x08: 'BS (backspace)', 0x0b: 'VT (vertical tab)', 0x0c: 'FF (form feed)',
  0x0d: 'CR (carriage return)', 0x1b: 'ESC (escape: starts terminal control sequences)', 0x7f: 'DEL',
  0x061c: 'ARABIC LETTER MARK', 0x200b: 'ZERO WIDTH SPACE', 0x200c: 'ZERO WIDTH NON-JOINER', 0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK', 0x200f: 'RIGHT-TO-LEFT MARK', 0x2028: 'LINE SEPARATOR', 0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING', 0x202b: 'RIGHT-TO-LEFT EMBEDDING', 0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE', 0x202e: 'RIGHT-TO-LEFT OVERRIDE', 0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE', 0x2067: 'RIGHT-TO-LEFT ISOLATE', 0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE', 0xfeff: 'ZERO WIDTH NO-BREAK SPACE (BOM)',
};

/** escapeChar(c) is the visible form of one such character: "\x1b" for C0 controls and DEL, "U+202E" otherwise. */
export function escapeChar(c) {
  const n = c.codePointAt(0);
  return n < 0x20 || n === 0x7f ? '\\x' + n.toString(16).padStart(2, '0') : 'U+' + n.toString(16).toUpperCase().padStart(4, '0');
}

/** visible(s) is s with each control or invisible format character replaced by its escape (for live regions and attributes). */
export function visible(s) {
  return s.replace(invisible, escapeChar);
}

/**
 * shown(s) → a Text node of s, or, when s holds control or invisible
 * format characters, a fragment where each is a <span class="ctl"> chip
 * with its escape as text and its name as title.
 */
export function shown(s) {
  if (s.search(invisible) < 0) return document.createTextNode(s);
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const m of s.matchAll(invisible)) {
    if (m.index > at) frag.append(s.slice(at, m.index));
    const chip = document.createElement('span');
    chip.className = 'ctl';
    const n = m[0].codePointAt(0);
    chip.title = `${escapeChar(m[0])} ${controlNames[n] || (n < 0xa0 ? 'control character' : 'invisible format character')}`;
    chip.textContent = escapeChar(m[0]);
    frag.append(chip);
    at = m.index + m[0].length;
  }
  if (at < s.length) frag.append(s.slice(at));
  return frag;
}

/** rfcLink("RFC 7208 §5.6") → a link to the RFC Editor's section (null for ""). */
export function rfcLink(ref) {
  if (!ref) return null;
  const m = /^RFC (\d+)(?: §([0-9A-Z][0-9.]*))?/.exec(ref);
  if (!m) return el('span', { class: 'ref', text: ref });
  let href = 'https://www.rfc-editor.org/rfc/rfc' + m[1];
  if (m[2]) href += (/^[A-Z]/.test(m[2]) ? '#appendix-' : '#section-') + m[2].replace(/\.$/, '');
  return el('a', { class: 'ref', href, rel: 'noopener', text: ref });
}

/**
 * byteIndex(s) maps UTF-8 byte offsets of s to string (UTF-16) indexes:
 * { at(offset) → index, length (bytes) }. An offset inside a character maps
 * to the character's start.
 */
export function byteIndex(s) {
  const map = [];
  let b = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i);
    const n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map[b + k] = i;
    b += n;
    if (c >= 0x10000) i++;
  }
  map[b] = s.length;
  const at = (off) => map[Math.max(0, Math.min(off, b))];
  return { at, length: b };
}

// indexOf is byteIndex(input), kept for the last input: the cards of one
// explanation share it.
let lastIndex = { input: null, idx: null };
function indexOf(input) {
  if (lastIndex.input !== input) lastIndex = { input, idx: byteIndex(input) };
  return lastIndex.idx;
}

function overlaps(a, b) { return a[0] < b[1] && b[0] < a[1]; }
// firstAbove is the index of the first item of sorted whose key is above x
// (sorted.length when none is).
function firstAbove(sorted, x, key) {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(sorted[mid]) > x) hi = mid; else lo = mid + 1;
  }
  return lo;
}
// within: a finding is a field's problem when it lies inside the field (a
// finding about the whole record is nobody's in particular).
function within(d, f) { return d[0] >= f[0] && d[1] <= f[1]; }

function describe(f, probs) {
  let s = f.meaning || '';
  if (f.ref) s += ` (${f.ref})`;
  for (const d of probs) s += ` ${sevLabel[d.severity]}: ${d.message}`;
  return s;
}

// chunk is how many top-level fields one block of a long record's text
// holds (an SPF record of 50 KB has about 3000), and how many findings are
// listed in one job.
const chunk = 40;

/**
 * workQueue(budget) → { next(fn), flush(), cancel(), done }: drawing cut
 * into jobs, run in slices of about budget milliseconds. next(fn) queues
 * fn: at the end, or, when called from a running job, right after that job
 * (after the others it queued). flush() runs a first slice now and the
 * rest in later tasks; done resolves when the queue is empty; cancel()
 * drops what is left.
 */
export function workQueue(budget = 8) {
  const jobs = [];
  let at = 0, ins = -1, timer = 0, cancelled = false;
  let finish;
  const done = new Promise((resolve) => { finish = resolve; });
  const slice = () => {
    timer = 0;
    const t0 = performance.now();
    while (at < jobs.length && !cancelled) {
      const fn = jobs[at++];
      ins = at;
      try { fn(); } finally { ins = -1; }
      if (performance.now() - t0 > budget) break;
    }
    if (cancelled) return;
    if (at < jobs.length) timer = setTimeout(slice, 0);
    else finish();
  };
  return {
    next(fn) { if (ins < 0) jobs.push(fn); else jobs.splice(ins++, 0, fn); },
    flush() { if (!timer) slice(); return done; },
    cancel() { cancelled = true; clearTimeout(timer); },
    done,
  };
}

// Each card's state, for chooseFinding and the meaning panel.
const cards = new WeakMap();
let unnamed = 0;

/**
 * renderRecord(input, record, options) → HTMLElement (an <article class="record">).
 *
 * input: the string record's spans index into (UTF-8 byte offsets): the
 *   explained text for the page's paste view, record.value for a record
 *   that came from DNS (its span is then [0, bytes of value]).
 * record: one ExplainedRecord of the engine's JSON (see mxplain.d.ts).
 * options (all optional):
 *   id         unique prefix of the card's ids (default "rec-<n>"); the
 *              card's id is options.id, its title's options.id + "-title".
 *   key        the finding keys' prefix: finding k of this card has
 *              data-finding="<key>.<k>" (default "0").
 *   heading    the title's element: "h3" (default) or "h4".
 *   label      label(type) → the badge's text (labeller(types) of the
 *              engine's types; default: the type in capitals).
 *   meaning    an element to show meanings in (moved below the text of the
 *              record it explains); default: the card gets its own.
 *   scope      the element in which one part at most is "current" and one
 *              finding marked (default: the card). Give the container of
 *              several cards to have one marked part across them.
 *   onFieldFocus(field, problems, partElement)
 *              called when a part is hovered, focused or tapped.
 *   onFindingChoose(finding, k, markedText, card)
 *              called when the user chooses finding k (click, Enter, Space).
 *   announce   a live region (role="status"): told which bytes a finding
 *              chosen by the user marks.
 *   showList   false to leave out the "All N parts, listed" disclosure.
 *   queue      a workQueue to draw a long record's text in (renderExplanation
 *              gives one); default: the card's own, flushed at once. The
 *              text of a long record is complete once the queue is done.
 */
export function renderRecord(input, record, options = {}) {
  const rec = record;
  const id = options.id || `rec-${++unnamed}`;
  const key = options.key === undefined ? '0' : String(options.key);
  const idx = indexOf(input);
  const textOf = (a, b) => input.slice(idx.at(a), idx.at(b));
  const findings = rec.findings || [];
  const span = rec.span || [0, idx.length];

  const counts = {};
  for (const f of findings) counts[f.severity] = (counts[f.severity] || 0) + 1;
  const verdictParts = severities.filter((s) => counts[s]).map((s) => `${counts[s]} ${s}${counts[s] > 1 ? 's' : ''}`);
  const ok = rec.valid && rec.type !== 'unknown';
  // A pending record waits for zone software's verdict on its line.
  const head = rec.pending ? '… Checking the line as zone software would' : ok ? '✓ Valid' : '✗ Has errors';
  const verdict = head + (verdictParts.length ? ' · ' + verdictParts.join(', ') : rec.pending ? '' : ' · no findings');

  const card = el('article', { class: 'record', id, 'aria-labelledby': id + '-title', 'data-type': rec.type });
  const title = el(options.heading || 'h3', { id: id + '-title', tabindex: '-1' },
    el('span', { class: 'badge t-' + rec.type, text: (options.label || labeller([]))(rec.type) }),
    rec.owner ? el('span', { class: 'owner', text: rec.owner }) : null,
  );
  card.append(
    el('header', { class: 'record-head' }, title,
      el('p', { class: 'verdict ' + (rec.pending ? 'pending' : ok ? 'ok' : 'bad'), text: verdict })),
    el('p', { class: 'summary', text: rec.summary || '' }),
  );

  // The annotated text.
  const descs = el('div', { hidden: true });
  const segs = [];
  const pre = el('pre', { class: 'annotated', role: 'group', 'aria-label': 'The record, part by part' });
  // Where findings start and end cut the text into segments; both lists
  // are sorted so that each field finds its own in O(log n).
  const bounds = [...new Set(findings.flatMap((f) => f.span))].sort((a, b) => a - b);
  const problems = findings.filter((d) => d.severity !== 'info').sort((a, b) => a.span[0] - b.span[0]);
  const fieldInfo = new Map();
  let n = 0;
  const emitText = (parent, s, e) => {
    if (s >= e) return;
    const cuts = [s];
    for (let k = firstAbove(bounds, s, (b) => b); k < bounds.length && bounds[k] < e; k++) cuts.push(bounds[k]);
    cuts.push(e);
    for (let k = 0; k + 1 < cuts.length; k++) {
      const a = cuts[k], b = cuts[k + 1];
      const seg = el('span', { class: 'seg' }, textOf(a, b));
      seg.dataset.s = a; seg.dataset.e = b;
      segs.push(seg);
      parent.append(seg);
    }
  };
  // Each block is built detached (its descriptions too), then added: a
  // node added to the document one by one costs many times more.
  let descOut = descs;
  const sortFields = (fields) => [...fields].sort((a, b) => a.span[0] - b.span[0] || b.span[1] - a.span[1]);
  // place lays the sorted fields over the text from cursor to e into
  // parent, and returns the cursor after the last (the rest of the text is
  // the caller's).
  const place = (parent, cursor, e, sorted, kindOf) => {
    for (const f of sorted) {
      const fs = Math.max(f.span[0], cursor), fe = Math.min(f.span[1], e);
      if (fe <= fs) continue;
      emitText(parent, cursor, fs);
      const fid = `${id}-f${n++}`;
      const kind = kindOf(f);
      const probs = [];
      for (let k = firstAbove(problems, f.span[0] - 1, (d) => d.span[0]); k < problems.length && problems[k].span[0] < f.span[1]; k++) {
        const d = problems[k];
        if (overlaps(d.span, f.span) && within(d.span, f.span)) probs.push(d);
      }
      // The mark goes on the innermost part a problem lies in.
      const own = probs.filter((d) => !(f.children || []).some((c) => within(d.span, c.span)));
      const worst = severities.find((sv) => own.some((d) => d.severity === sv));
      const part = el('span', {
        class: `field k-${kind}` + (worst ? ' has-' + worst : ''),
        tabindex: '0', 'data-field': fid, 'aria-describedby': fid + '-d',
      });
      fieldInfo.set(fid, { f, kind, probs });
      descOut.append(el('span', { id: fid + '-d', text: describe(f, probs) }));
      const inner = place(part, fs, fe, sortFields(f.children || []), () => 'part');
      emitText(part, inner, fe);
      parent.append(part);
      cursor = fe;
    }
    return cursor;
  };
  // The header fields (owner, TTL, class, type) and the value's fields,
  // laid over the record's text in the input, `chunk` top-level fields per
  // job of the work queue, so the page stays responsive. A very long
  // record's text is cut into blocks of that many fields: a block off
  // screen is not laid out (content-visibility in the style sheets).
  let alt = 0;
  const topKind = (f) => {
    if (rec.header && rec.header.includes(f)) return 'head';
    if (f.name === 'v') return 'ver';
    return (alt++ % 2) ? 'b' : 'a';
  };
  const top = sortFields([...(rec.header || []), ...(rec.fields || [])]);
  const queue = options.queue || workQueue();
  let cursor = span[0];
  for (let i = 0; i < top.length || i === 0; i += chunk) {
    const fields = top.slice(i, i + chunk);
    const next = i + chunk < top.length ? Math.min(top[i + chunk].span[0], span[1]) : span[1];
    queue.next(() => {
      const block = top.length > 10 * chunk ? el('span', { class: 'chunk' }) : document.createDocumentFragment();
      descOut = document.createDocumentFragment();
      cursor = place(block, cursor, span[1], fields, topKind);
      emitText(block, cursor, next);
      cursor = Math.max(cursor, next);
      pre.append(block);
      descs.append(descOut);
    });
  }
  card.append(pre, descs);

  let meaning = options.meaning;
  if (!meaning) {
    meaning = el('div', { class: 'meaning', hidden: true });
    card.append(meaning);
  }
  const state = { rec, input, idx, card, pre, segs, key, meaning, options };
  cards.set(card, state);

  // The findings, worst first; choosing one marks its bytes.
  const sorted = findings.map((f, k) => ({ f, k }))
    .sort((a, b) => severities.indexOf(a.f.severity) - severities.indexOf(b.f.severity) || a.f.span[0] - b.f.span[0]);
  if (sorted.length) {
    const list = el('ol', { class: 'findings', 'aria-label': 'Findings, worst first' });
    for (let i = 0; i < sorted.length; i += chunk) {
      queue.next(() => {
        const items = document.createDocumentFragment();
        for (const { f, k } of sorted.slice(i, i + chunk)) {
          const btn = el('button', { type: 'button', class: 'finding sev-' + f.severity, 'aria-pressed': 'false', 'data-finding': `${key}.${k}` },
            el('span', { class: 'sev', text: sevLabel[f.severity] || f.severity }),
            el('span', { class: 'msg', text: f.message }));
          btn.addEventListener('click', () => chooseFinding(card, k, { fromUser: true }));
          items.append(el('li', {}, btn, el('span', { class: 'code' }, el('code', { text: f.code }), ' ', rfcLink(f.ref))));
        }
        list.append(items);
      });
    }
    card.append(el('h4', { text: 'Findings' }), list);
  } else {
    card.append(el('p', { class: 'none', text: 'No findings: nothing is wrong or worth a remark.' }));
  }

  if (rec.proposal && options.showFix !== false) card.append(renderProposal(textOf(span[0], span[1]), rec.proposal, id));
  if (rec.plans && rec.plans.length && options.showFix !== false) card.append(renderPlans(rec.plans));

  // Every field as a list too: the names, for reading without the colours.
  // Built when first opened, so typing stays fast.
  const all = [...(rec.header || []), ...(rec.fields || [])];
  if (all.length && options.showList !== false) {
    const details = el('details', { class: 'fields' }, el('summary', { text: `All ${all.length} parts, listed` }));
    details.addEventListener('toggle', () => {
      if (!details.open || details.querySelector('dl')) return;
      const dl = el('dl', { class: 'field-list' });
      const add = (f, depth) => {
        dl.append(el('dt', { class: 'd' + depth }, el('code', { text: f.text || f.name }), f.name && f.name !== f.text ? el('span', { class: 'name', text: ' ' + f.name }) : null));
        dl.append(el('dd', { class: 'd' + depth }, f.meaning || '', f.ref ? ' ' : '', rfcLink(f.ref)));
        for (const c of f.children || []) add(c, depth + 1);
      };
      all.forEach((f) => add(f, 0));
      details.append(dl);
    });
    card.append(details);
  }

  if (!options.queue) queue.flush();
  const show = (e) => showField(state, e.target.closest('.field'), fieldInfo);
  pre.addEventListener('focusin', show);
  pre.addEventListener('mouseover', show);
  pre.addEventListener('click', show); // a tap on a phone
  return card;
}

function scopeOf(state) { return state.options.scope || state.card; }

// ---- The corrected record ------------------------------------------------

/**
 * renderProposal(original, proposal, id) → the engine's corrected record
 * (rec.proposal): a word diff against the record as written, the record in
 * the form it was written and in a DNS panel's three boxes, each with a
 * copy button, the slots the owner must fill in and what is left for them
 * to decide. The engine wrote every text here; this only draws it.
 */
export function renderProposal(original, proposal, id) {
  const n = proposal.fixes.length;
  const box = el('section', { class: 'proposal', 'aria-labelledby': id + '-fix' },
    el('h4', { id: id + '-fix', text: `Corrected record · fixes ${n} finding${n > 1 ? 's' : ''}` }),
    el('pre', { class: 'diff', 'aria-label': 'Changes: removed text struck through, added text underlined' }, ...diffWords(original, proposal.text)),
    copyRow('As you wrote it', proposal.text, 'copy-record'),
  );
  if (proposal.panel.type) box.append(renderPanel(proposal.panel));
  if (proposal.slots.length) box.append(...renderSlots(proposal.slots));
  if (proposal.remaining.length) {
    box.append(el('p', { class: 'remaining' }, 'Still for you to decide: ',
      ...proposal.remaining.flatMap((c, i) => [i ? ', ' : '', el('code', { text: c })]), '.'));
  }
  return box;
}

/** renderPlans(plans) → each plan (rec.plans) folded to its title, its steps inside. */
export function renderPlans(plans) {
  return el('div', { class: 'plans' }, ...plans.map((plan) =>
    el('details', { class: 'plan', 'data-plan': plan.code },
      el('summary', {}, el('span', { text: plan.title }), plan.ref ? ' ' : '', rfcLink(plan.ref)),
      el('ol', {}, ...plan.steps.map((st) => el('li', {}, el('p', { text: st.text }),
        st.value ? copyRow('Publish', st.value, 'copy-step') : null))))));
}

/** renderPanel(panel) → a record in a DNS panel's three boxes ({ name, type, value }), each with a copy button. */
export function renderPanel(p) {
  return el('table', { class: 'panel' },
    el('caption', { text: 'In a DNS panel' }),
    el('tbody', {}, ...[['Name', p.name], ['Type', p.type], ['Value', p.value]].map(([k, v]) =>
      el('tr', {}, el('th', { scope: 'row', text: k }), el('td', {}, withSlots(v)), el('td', {}, copyButton(v, k))))));
}

/** renderSlots(slots) → what the owner must fill in before publishing: a heading and a list. */
export function renderSlots(slots) {
  return [el('p', { class: 'slots-head', text: 'Fill in before you publish it:' }),
    el('ul', { class: 'slots' }, ...slots.map((s) =>
      el('li', {}, el('code', { class: 'slot', text: `{{${s.name}}}` }), ` ${s.label}; for example ${s.example}.`)))];
}

/** copyRow(label, text, cls) → a label, the text (its slots marked) and a copy button. */
export function copyRow(label, text, cls) {
  return el('div', { class: 'copy-row ' + cls }, el('span', { class: 'copy-label', text: label }),
    el('code', { class: 'copy-text' }, withSlots(text)), copyButton(text, label));
}

// copyButton copies text to the clipboard and says so.
function copyButton(text, what) {
  const b = el('button', { type: 'button', class: 'copy', 'aria-label': 'Copy ' + what.toLowerCase(), text: 'Copy' });
  b.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      b.textContent = 'Copied';
    } catch {
      b.textContent = 'Select and copy';
    }
    setTimeout(() => { b.textContent = 'Copy'; }, 2000);
  });
  return b;
}

// withSlots: text as a fragment, each {{slot}} in a mark of its own.
function withSlots(text) {
  const out = document.createDocumentFragment();
  let last = 0;
  for (const m of text.matchAll(/\{\{[a-z0-9-]+\}\}/g)) {
    out.append(shown(text.slice(last, m.index)), el('mark', { class: 'slot', text: m[0] }));
    last = m.index + m[0].length;
  }
  out.append(shown(text.slice(last)));
  return out;
}

/**
 * diffWords(a, b) → nodes showing b against a, word by word (runs of
 * blanks, of ; = : " and of anything else are words; runs of blanks are
 * all alike): <del> for what a had, <ins> for what b adds. A longest-common-subsequence table, capped at
 * maxDiffWords words a side; past it the whole of b is shown as added.
 */
export function diffWords(a, b) {
  const split = (s) => s.match(/\s+|[;=:"]|[^\s;=:"]+/g) || [];
  const x = split(a), y = split(b);
  // A run of blanks is a run of blanks: spacing is no change worth marking.
  const same = (p, q) => p === q || (/^\s/.test(p) && /^\s/.test(q));
  if (x.length > maxDiffWords || y.length > maxDiffWords) return [el('del', { text: a }), el('ins', { text: b })];
  const m = x.length, n = y.length;
  const lcs = Array.from({ length: m + 1 }, () => new Uint16Array(n + 1));
  for (let i = m - 1; i >= 0; i--) for (let j = n - 1; j >= 0; j--) {
    lcs[i][j] = same(x[i], y[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const out = [];
  const push = (tag, t) => {
    const prev = out[out.length - 1];
    if (prev && prev.tag === tag) prev.text += t; else out.push({ tag, text: t });
  };
  let i = 0, j = 0;
  while (i < m || j < n) {
    if (i < m && j < n && same(x[i], y[j])) { push('same', y[j]); i++; j++; }
    else if (j < n && (i === m || lcs[i][j + 1] >= lcs[i + 1][j])) { push('ins', y[j]); j++; }
    else { push('del', x[i]); i++; }
  }
  return out.map((r) => r.tag === 'same' ? shown(r.text) : el(r.tag, {}, withSlots(r.text)));
}
const maxDiffWords = 600;

function showField(state, part, fieldInfo) {
  if (!part || part.classList.contains('current')) return;
  const info = fieldInfo.get(part.dataset.field);
  if (!info) return;
  for (const s of scopeOf(state).querySelectorAll('.field.current')) s.classList.remove('current');
  part.classList.add('current');
  const { f, probs } = info;
  const body = el('div', { class: 'meaning-body' },
    el('p', { class: 'meaning-head' },
      el('code', { text: f.text || f.name }),
      f.name && f.name !== f.text ? el('span', { class: 'name', text: f.name }) : null,
      rfcLink(f.ref)),
    el('p', { class: 'meaning-text', text: f.meaning || 'No explanation for this part.' }));
  for (const d of probs) body.append(el('p', { class: 'meaning-prob sev-' + d.severity }, el('span', { class: 'sev', text: sevLabel[d.severity] }), ' ' + d.message));
  placeMeaning(state, body);
  if (state.options.onFieldFocus) state.options.onFieldFocus(f, probs, part);
}

// placeMeaning shows body in the meaning panel, right below the record text
// it explains.
function placeMeaning(state, body) {
  const { meaning, pre } = state;
  meaning.replaceChildren(body);
  meaning.hidden = false;
  if (meaning.previousElementSibling !== pre) pre.after(meaning);
}

/**
 * chooseFinding(card, k, {fromUser}) marks the bytes of finding k of a card
 * from renderRecord, presses its button and shows it in the meaning panel;
 * k = -1 (or a finding that does not exist) clears the marks in the card's
 * scope. Returns the marked text, or null. fromUser: also call
 * onFindingChoose, scroll the mark into view and tell the live region.
 */
export function chooseFinding(card, k, { fromUser = false } = {}) {
  const state = cards.get(card);
  if (!state) return null;
  const scope = scopeOf(state);
  for (const s of scope.querySelectorAll('.seg.marked')) s.classList.remove('marked');
  for (const b of scope.querySelectorAll('.finding[aria-pressed="true"]')) b.setAttribute('aria-pressed', 'false');
  const f = (state.rec.findings || [])[k];
  if (!f) return null;
  const [s, e] = f.span;
  let marked = state.segs.filter((g) => +g.dataset.s < e && +g.dataset.e > s);
  if (!marked.length && s === e) marked = state.segs.filter((g) => +g.dataset.e === s || +g.dataset.s === s).slice(0, 1);
  for (const g of marked) g.classList.add('marked');
  const btn = card.querySelector(`.finding[data-finding="${state.key}.${k}"]`);
  if (btn) btn.setAttribute('aria-pressed', 'true');
  const text = state.input.slice(state.idx.at(s), state.idx.at(e));
  placeMeaning(state, el('div', { class: 'meaning-body' },
    el('p', { class: 'meaning-head' }, el('span', { class: 'sev sev-' + f.severity, text: sevLabel[f.severity] }), el('code', { text: f.code }), rfcLink(f.ref)),
    el('p', { class: 'meaning-text' }, 'Marked in the record: ', el('code', { class: 'marked-text', text: text || '(the end of the record)' })),
    el('p', { class: 'meaning-text', text: f.message })));
  if (fromUser) {
    if (marked[0]) marked[0].scrollIntoView({ block: 'nearest' });
    if (state.options.announce) state.options.announce.textContent = visible(`${sevLabel[f.severity]} marked in the record: ${text || 'the end of the record'}. ${f.message}`);
    if (state.options.onFindingChoose) state.options.onFindingChoose(f, k, text, card);
  }
  return text;
}

/**
 * renderExplanation(explanation, options) → { element, cards, drawn, cancel }:
 * every record of an engine answer (mxplain.explain's JSON, parsed) as cards
 * in one <div class="explanation">, preceded by the answer's error if any.
 * options are renderRecord's, applied to each card with id
 * "<options.idPrefix || 'rec'>-<i>" and key "<i>"; scope defaults to the
 * returned element, so one finding is marked at a time across the cards.
 * The cards are drawn in one work queue: what fits in a first slice
 * (a few milliseconds: every explanation of a record or a few) at once, the
 * rest in later tasks, so that a pasted zone of a thousand records never
 * holds the page. cards fills as they are drawn; drawn resolves when all
 * are; cancel() stops drawing (a newer explanation replaces this one).
 */
export function renderExplanation(explanation, options = {}) {
  const element = el('div', { class: 'explanation' });
  const prefix = options.idPrefix || 'rec';
  if (explanation.error) {
    element.append(el('p', { class: 'empty', role: 'alert', text: explanationError(explanation.error) }));
  }
  const queue = workQueue();
  const cards = [];
  (explanation.records || []).forEach((rec, i) => queue.next(() => {
    const card = renderRecord(explanation.input, rec, { scope: element, ...options, queue, id: `${prefix}-${i}`, key: String(i) });
    cards.push(card);
    element.append(card);
  }));
  // The text around the records (prose, Markdown) the engine left out.
  const skipped = (explanation.skipped || []).length;
  if (skipped) {
    queue.next(() => element.append(el('p', { class: 'skipped', text: skipped === 1
      ? '1 line of text that is not a record was left out.'
      : `${skipped} lines of text that are not records were left out.` })));
  }
  const drawn = queue.flush();
  return { element, cards, drawn, cancel: queue.cancel };
}

/** explanationError turns the engine's error into a sentence for people. */
export function explanationError(err) {
  if (/no record/.test(err)) return 'There is no record in this text: only blanks or comments.';
  return 'mxplain could not explain this: ' + err;
}
