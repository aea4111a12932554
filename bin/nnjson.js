#!/usr/bin/env node
'use strict';
// The `nnjson` command. The bundled CLI lives in dist/ (built by `npm install` or `npm run build`).
let cli;
try {
  cli = require('../dist/cli.js');
} catch {
  process.stderr.write('nnjson: the CLI is not built yet; run `npm run build` in the NN Designer folder\n');
  process.exit(1);
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
