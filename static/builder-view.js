// builder-view.js: the page's record builder. The engine (lookup.wasm:
// mxplain.forms() and mxplain.build()) gives a form for every record type
// it knows and writes the record a filled-in form says; this file draws the
// form from that JSON, sends the values on every change and draws what
// comes back: the record as zone text and in a DNS panel's boxes with copy
// buttons, what is left to fill in, and the engine's explanation of it.
//
// Rules this module keeps:
// - No record type is named here: the types, fields, labels, choices and
//   defaults are the engine's (parsers/build's forms).
// - The values are sent as typed; the engine decides what a value means
//   and which field cannot be used (Built.errors), and JS only shows it.
// - The view's state (type, domain, selector, every field that is not at
//   its default) lives in the URL's fragment, so a link rebuilds the record.
import { el, renderExplanation, renderPanel, renderSlots, copyRow } from "./record-view.js";

/**
 * createBuilderView wires the builder's <section>.
 *   section: the <section id="view-build">
 *   writeHash(hash): puts the view's state in the URL (no history entry)
 * Returns { setState(params), hash(), ready(api, label) }: api.forms and
 * api.build are the engine's; label(type) is a record type's badge.
 */
export function createBuilderView({ section, writeHash }) {
  const $ = (id) => section.querySelector('#' + id);
  const typeSel = $('build-type');
  const domainIn = $('build-domain');
  const selectorRow = $('build-selector-row');
  const selectorIn = $('build-selector');
  const selectorLabel = selectorRow.querySelector('label');
  const selectorNames = { label: selectorLabel.textContent, placeholder: selectorIn.placeholder }; // the page's own, for the kinds that name none
  const fieldsBox = $('build-fields');
  const output = $('build-output');
  const meaning = el('div', { class: 'meaning', hidden: true });

  let api = null;
  let label = (t) => t;
  let forms = [];
  let form = null; // the chosen form
  let controls = new Map(); // field name → { values(), set(list), error }
  let pending = new URLSearchParams(); // the URL's state, until the forms have come
  let seq = 0;

  /** values are the form's values by field name, each a list of strings. */
  function values() {
    const v = {};
    for (const [name, c] of controls) v[name] = c.values();
    if (form.selector) v.selector = [selectorIn.value];
    return v;
  }

  /** hash is the URL fragment of the view's state: fields at their default are left out. */
  function hash() {
    const p = new URLSearchParams({ view: 'build' });
    if (!form) {
      for (const [k, v] of pending) if (k !== 'view') p.append(k, v);
      return '#' + p.toString();
    }
    p.set('type', form.type);
    if (domainIn.value.trim()) p.set('domain', domainIn.value.trim());
    if (form.selector && selectorIn.value !== (form.selectorDefault || '')) p.set('selector', selectorIn.value);
    for (const f of form.fields) {
      const list = controls.get(f.name).values();
      const atDefault = f.input === 'list' ? list.every((s) => !s.trim()) : list[0] === (f.default || '');
      if (atDefault) continue;
      if (f.input === 'list') list.filter((s) => s.trim()).forEach((s) => p.append(f.name, s));
      else p.set(f.name, list[0]);
    }
    return '#' + p.toString();
  }

  /** setState fills the form from the URL's parameters (URLSearchParams). */
  function setState(p) {
    pending = p;
    if (forms.length) choose(p.get('type'), p);
  }

  /** ready gives the view its engine; the forms are drawn once they come. */
  async function ready(engine, labelOf) {
    api = engine;
    label = labelOf;
    try {
      forms = await api.forms();
    } catch (err) {
      output.replaceChildren(el('p', { class: 'empty', role: 'alert', text: 'The builder could not start: ' + (err.message || err) }));
      return;
    }
    typeSel.replaceChildren(...forms.map((f) => el('option', { value: f.type, title: `${f.title} (${f.ref})`, text: `${label(f.type)}: ${f.title}` })));
    typeSel.disabled = false;
    choose(pending.get('type'), pending);
  }

  // choose draws the form of type t (the first one when t is none),
  // filled from p, and builds its record.
  function choose(t, p = new URLSearchParams()) {
    form = forms.find((f) => f.type === t) || forms[0];
    typeSel.value = form.type;
    domainIn.value = p.get('domain') ?? domainIn.value;
    selectorRow.hidden = !form.selector;
    // A kind whose selector is another label names it (SRV: Service).
    selectorLabel.textContent = form.selectorLabel || selectorNames.label;
    selectorIn.placeholder = form.selectorPlaceholder || selectorNames.placeholder;
    selectorIn.value = p.get('selector') ?? form.selectorDefault ?? '';
    controls = new Map(form.fields.map((f) => [f.name, fieldControl(f, p.has(f.name) ? p.getAll(f.name) : null)]));
    fieldsBox.replaceChildren(...[...controls.values()].map((c) => c.element));
    update();
  }

  // update builds the record of the form as it is; only the latest answer
  // is drawn.
  async function update() {
    const mine = ++seq;
    writeHash(hash());
    let built;
    try {
      built = await api.build({ type: form.type, domain: domainIn.value, values: values() });
    } catch (err) {
      built = { error: err.message || String(err) };
    }
    if (mine === seq) draw(built);
  }

  // draw shows a built record: where to publish it, its text, its panels,
  // its slots, each field's error, and its explanation.
  function draw(b) {
    for (const c of [...controls.values(), domainControl, selectorControl]) c.error.hidden = true;
    if (b.error) {
      output.replaceChildren(el('p', { class: 'empty', role: 'alert', text: 'The builder failed: ' + b.error }));
      return;
    }
    for (const e of b.errors || []) {
      const c = e.field === 'domain' ? domainControl : e.field === 'selector' ? selectorControl : controls.get(e.field);
      if (!c) continue;
      c.error.textContent = e.message;
      c.error.hidden = false;
    }
    const { element } = renderExplanation(b.explanation, { meaning, label, idPrefix: 'built', showFix: true });
    output.replaceChildren(
      el('h3', { text: 'Your record' }),
      b.owner ? el('p', { class: 'build-owner' }, 'Publish it at ', el('code', { text: b.owner })) : el('p', { class: 'help', text: 'Give your domain above to get the name to publish it at.' }),
      copyRow(b.panels.length ? 'Zone file' : 'The file', b.text, 'copy-built'),
      ...b.panels.map(renderPanel),
      ...(b.slots.length ? renderSlots(b.slots) : []),
      el('h3', { text: 'What it says' }),
      element, meaning,
    );
  }

  // fieldControl is the control of one field, filled with list (the
  // URL's values) or the field's default.
  function fieldControl(f, list) {
    const id = 'build-f-' + f.name;
    const error = el('p', { class: 'field-error', id: id + '-error', role: 'alert', hidden: true });
    const help = el('p', { class: 'help', id: id + '-help' }, f.help || '', f.ref ? ` (${f.ref})` : '');
    const described = `${id}-help ${id}-error`;
    const first = list ? list[0] : (f.default || '');
    let input;
    let valuesOf;
    switch (f.input) {
      case 'choice':
        input = el('select', { id, 'aria-describedby': described, onchange: update },
          ...f.choices.map((c) => el('option', { value: c.value, text: c.label })));
        input.value = f.choices.some((c) => c.value === first) ? first : (f.default || f.choices[0].value);
        valuesOf = () => [input.value];
        break;
      case 'flag':
        input = el('input', { id, type: 'checkbox', 'aria-describedby': described, onchange: update });
        input.checked = first === 'on';
        valuesOf = () => [input.checked ? 'on' : ''];
        break;
      case 'list':
        return listControl(f, id, list || [], help, error);
      case 'area':
        input = el('textarea', { id, rows: 6, spellcheck: 'false', placeholder: f.placeholder, 'aria-describedby': described, oninput: update });
        input.value = first;
        valuesOf = () => [input.value];
        break;
      default:
        input = el('input', { id, type: 'text', inputmode: f.input === 'number' ? 'numeric' : undefined, spellcheck: 'false', autocapitalize: 'off', placeholder: f.placeholder, 'aria-describedby': described, oninput: update });
        input.value = first;
        valuesOf = () => [input.value];
    }
    const row = f.input === 'flag'
      ? el('div', { class: 'build-field flag' }, input, el('label', { for: id, text: f.label }), help, error)
      : el('div', { class: 'build-field' }, el('label', { for: id, text: f.label }), input, help, error);
    return { element: row, values: valuesOf, error };
  }

  // listControl is a list field: one line per value, each removable, and
  // a button that adds one; its choices are offered as suggestions.
  function listControl(f, id, list, help, error) {
    const suggestions = f.choices?.length
      ? el('datalist', { id: id + '-choices' }, ...f.choices.map((c) => el('option', { value: c.value, label: c.label })))
      : null;
    const rows = el('ol', { class: 'build-list', id: id + '-rows' });
    const addRow = (value = '', focus = false) => {
      const n = rows.children.length + 1;
      const input = el('input', { type: 'text', spellcheck: 'false', autocapitalize: 'off', list: suggestions ? id + '-choices' : undefined,
        placeholder: f.placeholder, 'aria-label': `${f.label}, line ${n}`, 'aria-describedby': `${id}-help ${id}-error`, oninput: update });
      input.value = value;
      const remove = el('button', { type: 'button', class: 'linkish remove', 'aria-label': `Remove line ${n} of ${f.label}`, text: 'Remove',
        onclick: () => { li.remove(); update(); } });
      const li = el('li', {}, input, remove);
      rows.append(li);
      if (focus) input.focus();
    };
    (list.length ? list : ['']).forEach((v) => addRow(v));
    const add = el('button', { type: 'button', class: 'add', id: id + '-add', text: 'Add a line', onclick: () => addRow('', true) });
    const element = el('fieldset', { class: 'build-field list' }, el('legend', { text: f.label }), rows, add, suggestions, help, error);
    return { element, values: () => [...rows.querySelectorAll('input')].map((i) => i.value), error };
  }

  // The domain and the selector are the builder's own fields.
  const domainControl = { error: $('build-domain-error') };
  const selectorControl = { error: $('build-selector-error') };
  typeSel.addEventListener('change', () => choose(typeSel.value, new URLSearchParams({ domain: domainIn.value })));
  domainIn.addEventListener('input', () => form && update());
  selectorIn.addEventListener('input', () => form && update());

  return { setState, hash, ready };
}
