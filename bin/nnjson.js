#!/usr/bin/env node
'use strict';
// The `nnjson` command. The CLI is bundled into dist/cli.js by `npm run build`
// (and by `npm start` and `npm test`); in a fresh clone the first run builds it.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const bundle = join(root, 'dist', 'cli.js');

if (!existsSync(bundle)) {
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    process.stderr.write('nnjson: the CLI is not built; run `npm install` and `npm run build` in the NN Designer folder\n');
    process.exit(1);
  }
  process.stderr.write('nnjson: building the CLI once (dist/cli.js)…\n');
  const { nodeBundle } = require('../scripts/esbuild-options.cjs');
  esbuild.buildSync({ ...nodeBundle, entryPoints: [join(root, 'src', 'cli', 'main.ts')], outfile: bundle, logLevel: 'warning' });
}

require(bundle)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
