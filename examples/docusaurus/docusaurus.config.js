// Docusaurus: load embed.js on every page, deferred (the rest of the
// configuration is yours). It also loads as type: 'module' or async.
export default {
  title: 'Example Mail help',
  url: 'https://help.mail.example',
  baseUrl: '/',
  scripts: [{ src: 'https://mxplain.example/embed.js', defer: true }],
  // …presets, themeConfig…
};
