#!/usr/bin/env node
'use strict';
// The `nnjson` command: the bundled CLI lives in dist/ (built by `npm install` or `npm run build`).
require('../dist/cli.js');
