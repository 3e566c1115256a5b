// path-view.js: the path of a message for the domain looked up, drawn as
// an SVG diagram from the report's "path" (the engine's steps: actor,
// title, what the actor does, what this domain's records make of it, its
// status and the parts it rests on), with a text alternative that says the
// same. Shared by the page's lookup view and the <mxplain-record> element
// (show="path").
//
//   import { renderPath } from './path-view.js';
//   container.append(renderPath(report, { idPrefix: 'lk' }));
//
// The diagram is one column of steps joined by arrows, so that it fits a
// phone; each step's parts are links to their sections ("<idPrefix>-<part>").
// Everything from the report is text (textContent of SVG <text>), never
// markup; nothing here decides a status: the engine's "status" and "mark"
// are drawn as given.
import { el, shown } from "./record-view.js";
import { goToSection, statusWords } from "./report-view.js";

const SVG = 'http://www.w3.org/2000/svg';

// The diagram's geometry, in SVG units (1 unit = 1 CSS px at 100 %).
const W = 340;          // width of the drawing
const X = 44;           // left edge of a step's text
const LINE = 16;        // height of a line of text
const CHARS = 42;       // characters per line of a step's text (13 px sans)
const GAP = 22;         // room for the arrow between two steps

/** svg(tag, attrs, ...children) → an SVG element; strings become text nodes. */
function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) e.setAttribute(k, String(v));
  for (const c of children) if (c !== null && c !== undefined) e.append(typeof c === 'string' ? shown(c) : c);
  return e;
}

/** wrap(text, n) → text in lines of at most n characters, broken at blanks (a longer word gets a line of its own). */
export function wrap(text, n = CHARS) {
  const lines = [];
  let line = '';
  for (const word of String(text).split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > n) { lines.push(line); line = word; } else line = line ? line + ' ' + word : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * renderPath(report, { idPrefix, links }) → a <figure class="mail-path">
 * holding the diagram and its text alternative, or null when the report
 * has no path (no lookup was made). With links false (an element showing
 * the path alone, without the sections) the parts are named, not linked.
 */
export function renderPath(report, { idPrefix = 'lk', links = true } = {}) {
  const steps = report.path || [];
  if (!steps.length) return null;
  const labels = Object.fromEntries((report.parts || []).map((p) => [p.part, p]));
  const capId = `${idPrefix}-path-caption`;
  const href = (part) => `#${idPrefix}-${part}`; // the section's id, as renderPart gives it
  const drawing = svg('svg', { class: 'path-diagram', 'aria-labelledby': capId, width: '100%' });
  let y = 8;
  steps.forEach((s, i) => {
    const g = svg('g', { class: `path-step status-${s.status}`, 'data-step': s.step, 'data-status': s.status });
    const top = y;
    // The actor, then the title, wrapped like the sentences below.
    wrap(`${s.actor} ${s.title}`, CHARS - 8).forEach((line, k) => { // bold: wider characters, shorter lines
      const text = svg('text', { x: X, y: y + 13, class: 'path-title' });
      if (k === 0) text.append(svg('tspan', { class: 'path-actor' }, s.actor + ' '), svg('tspan', {}, line.slice(s.actor.length + 1)));
      else text.append(line);
      g.append(text);
      y += LINE;
    });
    y += 4;
    for (const say of s.says) {
      for (const line of wrap(say)) {
        g.append(svg('text', { x: X, y: y + 12, class: 'path-says' }, line));
        y += LINE;
      }
    }
    // The parts it rests on, as links to their sections.
    let cx = X;
    const chips = s.parts.filter((p) => labels[p]);
    if (chips.length) {
      y += 4;
      for (const p of chips) {
        const label = labels[p].label;
        const w = 16 + label.length * 8.2; // 13 px sans: about 8 px a character, with room
        if (cx + w > W - 4) { cx = X; y += 24; }
        const chip = svg(links ? 'a' : 'g', { href: links ? href(p) : null, class: `path-chip status-${labels[p].status}`, 'data-part': p },
          svg('rect', { x: cx, y, width: w, height: 20, rx: 10 }),
          svg('text', { x: cx + 8, y: y + 14 }, label));
        if (links) chip.addEventListener('click', (e) => goToSection(e, `${idPrefix}-${p}`));
        g.append(chip);
        cx += w + 6;
      }
      y += 20;
    }
    const bottom = y + 6;
    g.prepend(svg('rect', { class: 'path-box', x: 2, y: top - 4, width: W - 4, height: bottom - top + 8, rx: 8 }),
      svg('circle', { class: 'path-mark', cx: 22, cy: top + 10, r: 12 }),
      svg('text', { class: 'path-mark-text', x: 22, y: top + 15, 'text-anchor': 'middle', 'aria-hidden': 'true' }, s.mark));
    drawing.append(g);
    y = bottom + 4;
    if (i < steps.length - 1) {
      drawing.append(svg('path', { class: 'path-arrow', d: `M22 ${y - 2} V${y + GAP - 8} M16 ${y + GAP - 14} L22 ${y + GAP - 8} L28 ${y + GAP - 14}` }));
      y += GAP;
    }
  });
  drawing.setAttribute('viewBox', `0 0 ${W} ${y + 4}`);
  drawing.setAttribute('height', String(y + 4));

  return el('figure', { class: 'mail-path', 'data-domain': report.domain },
    el('figcaption', { id: capId }, 'The path of a message to and from ', el('span', { class: 'mono', text: report.domain }),
      ', step by step, with what its records make of each step.'),
    drawing,
    el('details', { class: 'path-text' },
      el('summary', {}, 'The path as text'),
      el('ol', { 'aria-label': `The path of a message for ${report.domain}` }, ...steps.map((s) => el('li', { 'data-step': s.step, 'data-status': s.status },
        el('span', { class: 'mark', 'aria-hidden': 'true', text: s.mark }), ' ',
        el('span', { class: 'sr-only', text: statusWords[s.status] || '' }),
        el('strong', { text: `${s.title} (${s.actor}).` }), ' ', s.does,
        s.says.length ? el('ul', {}, ...s.says.map((t) => el('li', { text: t }))) : null,
        links && s.parts.some((p) => labels[p]) ? el('p', { class: 'path-see' }, 'See ', ...join(s.parts.filter((p) => labels[p]).map((p) => el('a', { href: href(p), onclick: (e) => goToSection(e, `${idPrefix}-${p}`), text: labels[p].label }))), '.') : null)))));
}

function join(nodes) {
  const out = [];
  nodes.forEach((n, i) => { if (i) out.push(', '); out.push(n); });
  return out;
}
