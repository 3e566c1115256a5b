// embed-frame.js: the iframe form of <mxplain-record> (embed.html, served
// at /embed). It turns the frame's query into one element: the record is
// set as the element's text, every other parameter as an attribute, so
// nothing from the URL is ever parsed as HTML.
const q = new URLSearchParams(location.search);
const e = document.createElement('mxplain-record');
for (const name of ['type', 'domain', 'show', 'selector', 'theme']) {
  const v = q.get(name);
  if (v) e.setAttribute(name, v);
}
if (q.has('compact') && q.get('compact') !== 'false') e.setAttribute('compact', '');
const resolver = document.querySelector('meta[name="mxplain-resolver"]');
if (resolver && resolver.content) e.setAttribute('resolver', resolver.content);
e.textContent = q.get('record') || '';
// The frame is the element: no page margin.
document.body.style.margin = '0';
e.style.margin = '0';
if (q.get('record') || q.get('domain')) {
  document.body.append(e);
} else {
  const p = document.createElement('p');
  p.textContent = 'No record to explain: give one in the frame\'s address, as /embed?type=dmarc&record=v%3DDMARC1%3B%20p%3Dreject';
  document.body.append(p);
}
