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

// Options of the browser bundles (the extension host and the training worker in
// VS Code for the Web, and the tests that bundle them): the Node modules shared
// code names map to stand-ins — Web Crypto for the page nonce, path-browserify
// for POSIX paths, a streaming TextDecoder, an fs whose createReadStream reads
// through vscode.workspace.fs (extension host only; the worker has no `vscode`
// and gets no fs), and a MessageChannel setImmediate.
const src = require('node:path').join(__dirname, '..', 'src');
exports.browserBundle = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  legalComments: 'none',
  alias: {
    'node:crypto': `${src}/host/web/crypto.ts`,
    'node:path': 'path-browserify',
    'node:string_decoder': `${src}/host/web/stringDecoder.ts`,
  },
  inject: [`${src}/worker/immediate.ts`],
};

/** The browser extension host's extra stand-in (see above). */
exports.browserHostAlias = { ...exports.browserBundle.alias, 'node:fs': `${src}/host/web/fs.ts` };
