// Options every Node-side bundle shares (the extension host, the worker, the CLI,
// and bundles that tests build on the fly), so they all resolve packages alike.
export const nodeBundle = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // jsonc-parser's UMD entry loads its parts with a dynamic require that a
  // bundle cannot follow; its ES module entry bundles cleanly.
  mainFields: ['module', 'main'],
  legalComments: 'none',
};
