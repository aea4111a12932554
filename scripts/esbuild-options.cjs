// Options every Node-side bundle shares (the extension host, the worker, the CLI,
// bundles that tests build on the fly, and bin/nnjson.js's first-run build), so
// they all resolve packages alike. CommonJS, so the plain-JS bin can load it too.
exports.nodeBundle = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // jsonc-parser's UMD entry loads its parts with a dynamic require that a
  // bundle cannot follow; its ES module entry bundles cleanly.
  mainFields: ['module', 'main'],
  legalComments: 'none',
};
