// Starting and stopping a real VS Code (code-server) and headless Chromium for
// `npm start` and the end-to-end tests. Everything a session writes lives in one
// temporary folder, removed by `stop()`, so the user's home configuration is never touched.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { URLSearchParams, fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const hostDir = join(root, '.vscode-host');
export const nodeBinary = join(hostDir, 'node', 'bin', 'node');
export const codeServerEntry = join(hostDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = process.env.NN_CHROMIUM ?? '/usr/bin/chromium';

/** The flags DESIGN.md §4 gives for headless Chromium; playwright adds --headless and a fresh profile. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Runs scripts/setup-vscode-host.sh unless its install stamp and the binaries are already there. */
export function ensureHostInstalled() {
  const stamp = join(hostDir, 'installed');
  if (existsSync(stamp) && existsSync(nodeBinary) && existsSync(codeServerEntry) && existsSync(chromiumPath)) return;
  console.log('code-server is not set up yet; running scripts/setup-vscode-host.sh');
  const setup = spawnSync('bash', [join(root, 'scripts', 'setup-vscode-host.sh')], { stdio: 'inherit' });
  if (setup.status !== 0) throw new Error('scripts/setup-vscode-host.sh failed; see its output above');
}

/** Asks the OS for a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** User settings for a session: no welcome page, chat, telemetry or online look-ups to distract or stall. */
const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
};

/** A temporary folder for one session, with the sub-folders code-server writes to and its user settings. */
export function makeSession(prefix, extraSettings = {}) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const sub = (name) => {
    const p = join(dir, name);
    mkdirSync(p, { recursive: true });
    return p;
  };
  const userData = sub('user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...userSettings, ...extraSettings }, null, 2));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', remove);
  return {
    dir,
    home: sub('home'),
    tmp: sub('tmp'),
    userData,
    extensions: sub('extensions'),
    sub,
    remove: () => {
      process.removeListener('exit', remove);
      remove();
    },
  };
}

/**
 * Starts code-server on 127.0.0.1:port and resolves once it answers /healthz.
 * It runs in its own process group, so `stop()` ends its extension hosts too.
 */
export async function startCodeServer({ port, session, folder, extraArgs = [], env = {}, quiet = false }) {
  const args = [
    codeServerEntry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', session.userData,
    '--extensions-dir', session.extensions,
    '--vscode-option', 'enable-smoke-test-driver',
    ...extraArgs,
  ];
  if (folder) args.push(folder);
  const child = spawn(nodeBinary, args, {
    cwd: session.dir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...env,
      HOME: session.home,
      XDG_CONFIG_HOME: session.sub('xdg-config'),
      XDG_DATA_HOME: session.sub('xdg-data'),
      XDG_CACHE_HOME: session.sub('xdg-cache'),
      XDG_STATE_HOME: session.sub('xdg-state'),
      XDG_RUNTIME_DIR: session.sub('xdg-runtime'),
      TMPDIR: session.tmp,
      // The extension host must not inherit the tsx loader or debugger hooks of the caller.
      NODE_OPTIONS: '',
    },
  });
  const output = [];
  const relay = (stream) => {
    let partial = '';
    stream.on('data', (chunk) => {
      const text = chunk.toString();
      output.push(text);
      if (quiet) return;
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`[code-server] ${line}\n`);
    });
  };
  relay(child.stdout);
  relay(child.stderr);
  let exited = false;
  // Last resort for any way out of this process (a crash, a closed pipe, process.exit)
  // short of SIGKILL: the server is in its own group and would otherwise outlive us.
  const killOnExit = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } };
  process.once('exit', killOnExit);
  child.once('exit', () => {
    exited = true;
    process.removeListener('exit', killOnExit);
  });

  /** Whether any process of the server's group is still alive. */
  const groupAlive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  // Ends the whole group, also when its leader is already gone but the
  // server or an extension host it started is still running.
  const stop = async () => {
    if (child.pid === undefined) return;
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    const deadline = Date.now() + 5000;
    while (groupAlive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (groupAlive()) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    while (!exited) await new Promise((r) => setTimeout(r, 50));
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited during startup:\n${output.join('')}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on port ${port} within 60 s:\n${output.join('')}`);
    }
    if (await answers(`http://127.0.0.1:${port}/healthz`)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, port, stop, output };
}

/** Whether `url` answers 200 OK. */
function answers(url) {
  return new Promise((resolve) => {
    const req = get(url, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
  });
}

/** A path on the code-server machine as the workbench addresses it in a payload. */
export function remoteUri(port, absPath) {
  return `vscode-remote://127.0.0.1:${port}${absPath}`;
}

/** The workbench URL that opens `folder` and, optionally, a development extension and its tests. */
export function workbenchUrl({ port, folder, extensionDevelopmentPath, extensionTestsPath }) {
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remoteUri(port, extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(port, extensionTestsPath)]);
  const query = new URLSearchParams({ folder });
  if (payload.length > 0) query.set('payload', JSON.stringify(payload));
  return `http://127.0.0.1:${port}/?${query.toString()}`;
}

/** Our manifest, for the extension's id and contributed commands. */
export function readManifest() {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
}
