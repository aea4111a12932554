#!/usr/bin/env node
// The end-to-end suite: mocha inside a real VS Code extension host.
//   default                 code-server (.vscode-host/) opened in headless Chromium by playwright-core
//   NN_VSCODE_EXECUTABLE=…  desktop VS Code through @vscode/test-electron's runTests
//   --reload                test/e2e/reload/: suites that reload the window and finish in
//                           the extension host started after the reload (hot exit)
//   --web                   code-server's web extension host (a Web Worker) runs the
//                           extension's browser entry and test/e2e/web/ (VS Code for the Web)
// It compiles test/e2e/bootstrap.ts and test/e2e/suite/*.test.ts into out/e2e/,
// opens a temporary copy of examples/ and the e2e fixtures, relays the extension
// host's output, and writes the pass/fail counts to NN_RESULTS_FILE.
// The build of the extension itself (dist/) is done by scripts/run-tests.mjs.
// Other knobs: NN_E2E_GREP (mocha grep), NN_E2E_TIMEOUT_MS (whole run, default 10 min).
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { format } from 'node:util';
import * as esbuild from 'esbuild';
import { browserBundle, browserHostAlias, nodeBundle } from '../../scripts/esbuild-options.cjs';
import {
  ensureHostInstalled, freePort, makeSession, root, startCodeServer, workbenchUrl,
} from '../../scripts/vscode-host.mjs';
import { BROWSER_MARK, answer } from './support/actions.mjs';
import { launchBrowser, outputDir, screenshotWorkbench } from './support/workbench.mjs';

const START_MARK = 'NN_E2E_START';
const RESULTS_MARK = 'NN_E2E_RESULTS ';
const overallTimeoutMs = Number(process.env.NN_E2E_TIMEOUT_MS ?? 10 * 60_000);
const web = process.argv.includes('--web');
const reload = process.argv.includes('--reload');
/** The folder of test/e2e/ whose *.test.ts make up this run's suite. */
const suiteName = web ? 'web' : reload ? 'reload' : 'suite';
const outDir = join(root, 'out', web ? 'e2e-web' : reload ? 'e2e-reload' : 'e2e');

/** The web mode's suite: one browser bundle, mocha included, only `vscode` left to the host. */
async function compileWebSuite() {
  rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    ...browserBundle,
    entryPoints: [join(root, 'test', 'e2e', 'web', 'bootstrap.ts')],
    alias: browserHostAlias,
    outfile: join(outDir, 'bootstrap.js'),
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode'],
    // The web extension host has no environment: NN_E2E_GREP is built in.
    define: { NN_E2E_GREP: JSON.stringify(process.env.NN_E2E_GREP ?? '') },
    logLevel: 'warning',
  });
}

/**
 * The web mode's copy of the extension: links to the build, and a manifest
 * with the browser entry only, as a web-only extension has, so the workbench
 * runs it in its Web Worker extension host rather than code-server's Node one.
 * (The workbench's `extensionDevelopmentKind` payload entry does not do this in
 * this VS Code: it is stored under a name the extension host picker does not
 * read.) The tests' bundle lies inside it, so they run in the same host.
 */
function webExtension(session) {
  const dir = session.sub('web-extension');
  for (const name of ['dist', 'media', 'examples', 'out']) symlinkSync(join(root, name), join(dir, name));
  const { main: _node, ...manifest } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...manifest, extensionKind: ['web'] }, null, 2));
  return dir;
}

async function compileSuite() {
  if (web) return compileWebSuite();
  rmSync(outDir, { recursive: true, force: true });
  const suiteDir = join(root, 'test', 'e2e', suiteName);
  const tests = readdirSync(suiteDir).filter((f) => f.endsWith('.test.ts'));
  if (tests.length === 0) throw new Error(`no test/e2e/${suiteName}/*.test.ts found`);
  // The bootstrap runs what lies in suite/ next to it, whichever folder the tests came from.
  const entryPoints = { bootstrap: join(root, 'test', 'e2e', 'bootstrap.ts') };
  for (const file of tests) entryPoints[`suite/${file.replace(/\.ts$/, '')}`] = join(suiteDir, file);
  await esbuild.build({
    entryPoints,
    outdir: outDir,
    ...nodeBundle,
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
}

/** The workspace the tests open: a throw-away copy, so tests never change the repository. */
function makeWorkspace(session) {
  const ws = session.sub('workspace');
  cpSync(join(root, 'examples'), ws, { recursive: true });
  for (const fixtures of [join(root, 'test', 'e2e', 'fixtures'), join(root, 'test', 'fixtures', 'e2e')]) {
    if (existsSync(fixtures)) cpSync(fixtures, ws, { recursive: true });
  }
  return ws;
}

function writeCounts(counts) {
  const file = process.env.NN_RESULTS_FILE;
  if (file) writeFileSync(file, JSON.stringify(counts));
}

/** The workbench hands over console calls as a JSON list of printf-style arguments. */
function logText(message) {
  if (Array.isArray(message)) return format(...message);
  if (typeof message !== 'string') return JSON.stringify(message);
  try {
    const args = JSON.parse(message);
    if (Array.isArray(args)) return format(...args);
  } catch { /* plain text */ }
  return message;
}

/** Desktop VS Code: the standard test-electron launcher, same bootstrap and suite. */
async function runDesktop(session, workspace) {
  const { runTests } = await import('@vscode/test-electron');
  const code = await runTests({
    vscodeExecutablePath: process.env.NN_VSCODE_EXECUTABLE,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(outDir, 'bootstrap.js'),
    launchArgs: [workspace, '--user-data-dir', session.userData, '--extensions-dir', session.extensions, '--disable-workspace-trust'],
    extensionTestsEnv: { NN_RESULTS_FILE: process.env.NN_RESULTS_FILE ?? '' },
  }).catch(() => 1);
  return code;
}

/** code-server in Chromium: relays the host's log, answers screenshot requests, waits for the exit code. */
async function runCodeServer(session, workspace) {
  ensureHostInstalled();
  const port = await freePort();
  const server = await startCodeServer({ port, session, quiet: true });
  running.server = server;
  const shots = outputDir('e2e');
  let browser;
  let counts;
  try {
    browser = await launchBrowser();
    running.browser = browser;
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let finish;
    const exited = new Promise((resolve) => { finish = resolve; });
    let queue = Promise.resolve();
    // The workbench's own chatter before the suite starts is kept for a failure report only.
    const preamble = [];
    let started = Boolean(process.env.NN_VERBOSE);
    if (process.env.NN_VERBOSE) {
      // The pages' own console, webviews included, for debugging a test.
      page.on('console', (m) => console.log(`[page ${m.type()}] ${m.text()}`));
      page.on('pageerror', (e) => console.log(`[page error] ${e.message}`));
    }
    await page.exposeFunction('codeAutomationLog', (_type, message) => {
      const text = logText(message);
      for (const line of text.split('\n')) {
        const at = line.indexOf(RESULTS_MARK);
        const request = line.indexOf(BROWSER_MARK);
        if (line.includes(START_MARK)) {
          started = true;
        } else if (at >= 0) {
          counts = JSON.parse(line.slice(at + RESULTS_MARK.length));
        } else if (request >= 0) {
          // One at a time, in order: a click must not race the screenshot before it.
          const job = JSON.parse(line.slice(request + BROWSER_MARK.length));
          queue = queue.then(() => answer(page, job, shots));
        } else if (started) {
          console.log(line);
        } else {
          preamble.push(line);
        }
      }
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));
    const extension = web ? webExtension(session) : root;
    const url = workbenchUrl({
      port,
      folder: workspace,
      extensionDevelopmentPath: extension,
      extensionTestsPath: join(extension, relative(root, outDir), 'bootstrap.js'),
    });
    await page.goto(url);
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => {
        console.error(`the end-to-end run did not finish within ${overallTimeoutMs / 1000} s`);
        resolve(1);
      }, overallTimeoutMs);
    });
    const code = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    await queue;
    if (code !== 0) {
      await screenshotWorkbench(page, shots, 'at-exit').catch(() => undefined);
      console.error(`the workbench as it was at the end: ${join(shots, 'at-exit.png')}`);
      if (!counts) {
        // The suite never reported: the cause is in the workbench or server log.
        console.error(`workbench log before the suite started:\n${preamble.join('\n')}`);
        console.error(`code-server log:\n${server.output.join('')}`);
      }
    }
    return { code, counts };
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
  }
}

// A reader that goes away (`| head`) must not crash the run before it cleans up.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);

// Screenshots from an earlier run would mislead whoever looks at them.
rmSync(join(root, 'test-output', 'e2e'), { recursive: true, force: true });
const session = makeSession('nn-e2e-');
/** What a Ctrl-C or CI timeout must stop: code-server runs in its own process group and would outlive us. */
const running = { server: undefined, browser: undefined };
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, async () => {
    console.error(`\n${signal}: stopping code-server and the browser`);
    await running.browser?.close().catch(() => undefined);
    await running.server?.stop().catch(() => undefined);
    session.remove();
    writeCounts({ passed: 0, failed: 1 });
    process.exit(1);
  });
}
let exitCode = 1;
try {
  await compileSuite();
  const workspace = makeWorkspace(session);
  if (process.env.NN_VSCODE_EXECUTABLE && !web) {
    exitCode = await runDesktop(session, workspace);
  } else {
    const { code, counts } = await runCodeServer(session, workspace);
    exitCode = code;
    // The in-host reporter already wrote the file when NN_RESULTS_FILE reached the extension host.
    if (counts) writeCounts(counts);
    else if (code !== 0) writeCounts({ passed: 0, failed: 1 });
  }
} catch (err) {
  console.error(err instanceof Error ? err.stack : err);
  writeCounts({ passed: 0, failed: 1 });
  exitCode = 1;
} finally {
  session.remove();
}
process.exit(exitCode);
