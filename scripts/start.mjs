#!/usr/bin/env node
// `npm start`: builds the extension, starts code-server on 127.0.0.1 with the
// extension installed and examples/ open, and prints the URL to open in a browser.
// The extension is linked (not copied) into a temporary extensions folder, so a
// rebuild (`npm run watch`) plus "Developer: Reload Window" picks up changes.
// Ctrl-C stops code-server and its extension hosts and removes the temporary folder.
import { spawnSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { URLSearchParams } from 'node:url';
import {
  ensureHostInstalled, freePort, makeSession, readManifest, remoteUri, root, startCodeServer,
} from './vscode-host.mjs';

const folder = join(root, 'examples');
const startFile = join(folder, 'and.nnjson');

ensureHostInstalled();

// NN_SKIP_BUILD=1 keeps dist/ as it is, for use alongside `npm run watch`.
if (!process.env.NN_SKIP_BUILD) {
  console.log('building the extension (node esbuild.mjs)');
  const build = spawnSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('build failed; not starting code-server');
    process.exit(1);
  }
}

const manifest = readManifest();
const port = process.env.NN_PORT ? Number(process.env.NN_PORT) : await freePort();
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`NN_PORT must be a TCP port number, got "${process.env.NN_PORT}"`);
  process.exit(2);
}

// A file opened from the URL is restored before extensions register their editors,
// so without this association and.nnjson would first show as text.
const viewType = manifest.contributes?.customEditors?.[0]?.viewType;
const session = makeSession('nn-designer-start-', viewType ? { 'workbench.editorAssociations': { '*.nnjson': viewType } } : {});
// code-server scans its extensions folder for <publisher>.<name>-<version> folders.
symlinkSync(root, join(session.extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`), 'dir');

let server;
let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping code-server');
  try {
    await server?.stop();
  } finally {
    session.remove();
    process.exit(code);
  }
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGHUP', () => void shutdown(0));

try {
  server = await startCodeServer({ port, session, folder, quiet: !process.env.NN_VERBOSE });
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  session.remove();
  process.exit(1);
}
server.child.once('exit', (code, signal) => {
  if (stopping) return;
  console.error(`code-server stopped unexpectedly (${code ?? signal}); set NN_VERBOSE=1 to see its log`);
  if (!process.env.NN_VERBOSE) process.stderr.write(server.output.join(''));
  void shutdown(1);
});

const query = new URLSearchParams({ folder });
if (existsSync(startFile)) {
  query.set('payload', JSON.stringify([['openFile', remoteUri(port, startFile)], ['skipWelcome', 'true']]));
}
console.log(`
NN Designer is running in VS Code (code-server ${'\u2014'} examples/ is open).
Open this URL in your browser:

  http://127.0.0.1:${port}/?${query.toString()}

Press Ctrl-C to stop.`);
