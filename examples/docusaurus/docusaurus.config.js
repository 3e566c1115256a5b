// Docusaurus: load embed.js as a module on every page (the rest of the
// configuration is yours).
export default {
  title: 'Example Mail help',
  url: 'https://help.mail.example',
  baseUrl: '/',
  scripts: [{ src: 'https://mxplain.example/embed.js', type: 'module' }],
  // …presets, themeConfig…
};
