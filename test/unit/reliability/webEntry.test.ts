// The browser entry (package.json "browser", for VS Code for the Web) is built
// for a Web Worker: it must bundle without Node modules, load where there is no
// `process`, `Buffer` or `require` but `vscode`, and register the designer, the
// Problems panel, training and the data commands when activated. The stand-ins
// for Node modules it is built with are checked against Node's own.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vm from 'node:vm';
import { webcrypto } from 'node:crypto';
import * as esbuild from 'esbuild';
import { StringDecoder as NodeStringDecoder } from 'node:string_decoder';
import { browserBundle, browserHostAlias } from '../../../scripts/esbuild-options.cjs';
import { StringDecoder } from '../../../src/host/web/stringDecoder';
import { imageBytes } from '../../../src/host/commands/imageBytes';

const root = join(__dirname, '../../..');

/** A stand-in `vscode` that accepts every call and records the path of each one. */
function recordingVscode(calls: { path: string; args: unknown[] }[]): unknown {
  const make = (path: string): unknown =>
    new Proxy(function () { /* callable */ }, {
      get: (_target, key) => {
        if (key === Symbol.toPrimitive) return () => path;
        if (key === Symbol.iterator) return function* () { /* empty */ };
        if (key === 'then') return undefined;
        return make(`${path}.${String(key)}`);
      },
      // Writes such as a status bar item's `name` are accepted and forgotten.
      set: () => true,
      apply: (_target, _this, args: unknown[]) => {
        calls.push({ path, args });
        return make(`${path}()`);
      },
      construct: (_target, args: unknown[]) => {
        calls.push({ path: `new ${path}`, args });
        return make(`new ${path}()`) as object;
      },
    });
  // esbuild's interop copies the module's own properties, so the top level is a plain object
  // holding every name the API declares.
  const declared = readFileSync(join(root, 'node_modules/@types/vscode/index.d.ts'), 'utf8');
  const names = new Set([...declared.matchAll(/^\s*export (?:class|namespace|enum|function|const|let) (\w+)/gm)].map((m) => m[1]));
  return Object.fromEntries([...names].map((name) => [name, make(`vscode.${name}`)]));
}

describe('reliability: the browser entry', () => {
  let code: string;

  before(async () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { browser?: string; capabilities?: Record<string, unknown> };
    assert.equal(manifest.browser, './dist/extension.web.js');
    assert.equal(manifest.capabilities?.virtualWorkspaces, true);
    // Limited only by settings a workspace may not set (test/unit/reliability/workspaceTrust.test.ts).
    assert.equal((manifest.capabilities?.untrustedWorkspaces as { supported?: unknown } | undefined)?.supported, 'limited');
    // The options of esbuild.mjs's browser entry.
    const result = await esbuild.build({
      ...browserBundle,
      entryPoints: [join(root, 'src/host/extension.web.ts')],
      alias: browserHostAlias,
      write: false,
      format: 'cjs',
      external: ['vscode'],
      logLevel: 'silent',
      metafile: true,
    });
    const inputs = Object.keys(result.metafile?.inputs ?? {});
    assert.deepEqual(inputs.filter((i) => /^node:|^(fs|path|os|child_process|worker_threads)$/.test(i)), []);
    code = result.outputFiles?.[0]?.text ?? '';
    // Bare Buffer: Node only (libraries that feature-detect it through a namespace are fine).
    assert.doesNotMatch(code, /(?<![.\w])Buffer\./);
  });

  it('loads without Node globals and registers the designer, its commands and the diagnostics', () => {
    const calls: { path: string; args: unknown[] }[] = [];
    const vscode = recordingVscode(calls);
    const module = { exports: {} as { activate?: (context: unknown) => void } };
    const sandbox = {
      module,
      exports: module.exports,
      require: (id: string) => {
        if (id === 'vscode') return vscode;
        throw new Error(`the browser entry required "${id}"`);
      },
      console, TextEncoder, TextDecoder, URL, setTimeout, clearTimeout, queueMicrotask, btoa, atob, crypto: webcrypto,
    };
    vm.runInNewContext(code, sandbox, { filename: 'extension.web.js' });
    assert.equal(typeof module.exports.activate, 'function');
    const subscriptions: unknown[] = [];
    module.exports.activate!({ subscriptions, extensionUri: { path: '/ext' }, extensionMode: 3, extension: { packageJSON: { version: '0.0.0' } } });
    const called = (path: string) => calls.filter((c) => c.path === path);
    assert.deepEqual(called('vscode.window.registerCustomEditorProvider').map((c) => c.args[0]), ['nnDesigner.editor']);
    assert.deepEqual(called('vscode.languages.createDiagnosticCollection').map((c) => c.args[0]), ['nnjson']);
    assert.equal(called('vscode.languages.registerCodeActionsProvider').length, 1);
    const commands = called('vscode.commands.registerCommand').map((c) => c.args[0]);
    for (const id of ['nnDesigner.openInDesigner', 'nnDesigner.validate', 'nnDesigner.describe', 'nnDesigner.exportDiagram', 'nnDesigner.chooseData', 'nnDesigner.train', 'nnDesigner.stopTraining', 'nnDesigner.applyWeights']) {
      assert.ok(commands.includes(id), id);
    }
    assert.ok(subscriptions.length >= 3);
  });

  it('decodes UTF-8 cut between chunks as Node\'s StringDecoder does', () => {
    const bytes = new TextEncoder().encode('naïve,Größe,东京,😀\n'.repeat(5));
    for (const slice of [1, 2, 3, 5, 7]) {
      const web = new StringDecoder('utf8');
      const node = new NodeStringDecoder('utf8');
      let a = '';
      let b = '';
      for (let at = 0; at < bytes.length; at += slice) {
        a += web.write(bytes.subarray(at, at + slice));
        b += node.write(bytes.subarray(at, at + slice));
      }
      assert.equal(a + web.end(), b + node.end(), `slices of ${slice} bytes`);
    }
  });

  it('turns an exported PNG data URL into the bytes Node\'s base64 decoder gives', () => {
    const png = Uint8Array.from({ length: 300 }, (_, i) => (i * 37 + 11) % 256);
    const url = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
    assert.deepEqual([...imageBytes('png', url)], [...png]);
  });

  it('streams a file: CSV through workspace.fs, with Node\'s error for a missing file', async () => {
    const stream = await esbuild.build({
      ...browserBundle,
      alias: browserHostAlias,
      entryPoints: [join(root, 'src/host/data/stream.ts')],
      write: false,
      format: 'cjs',
      external: ['vscode'],
      logLevel: 'silent',
    });
    const files: Record<string, string> = { '/ws/gate.csv': 'x,y,both\n0,0,0\n0,1,0\n1,0,0\n1,1,1\n' };
    class FileSystemError extends Error {
      constructor(readonly code: string) {
        super(code);
      }
    }
    const vscode = {
      FileSystemError,
      Uri: { file: (path: string) => ({ path }) },
      workspace: {
        fs: {
          readFile: async ({ path }: { path: string }) => {
            const text = files[path];
            if (text === undefined) throw new FileSystemError('FileNotFound');
            return new TextEncoder().encode(text);
          },
        },
      },
    };
    const module = { exports: {} as { parseCsvFile?: (path: string, mapping: unknown) => Promise<{ count: number; inputs: ArrayLike<number>; targets: ArrayLike<number> }> } };
    const require = (id: string) => {
      if (id === 'vscode') return vscode;
      throw new Error(`the browser build required "${id}"`);
    };
    // MessageChannel is the browser's setImmediate here; Node's keeps the process alive, so its ports are closed after.
    const channels: InstanceType<typeof MessageChannel>[] = [];
    const Channel = class extends MessageChannel {
      constructor() {
        super();
        channels.push(this);
      }
    };
    vm.runInNewContext(stream.outputFiles?.[0]?.text ?? '', { module, exports: module.exports, require, TextDecoder, TextEncoder, MessageChannel: Channel, console });
    const parseCsvFile = module.exports.parseCsvFile!;
    try {
      const set = await parseCsvFile('/ws/gate.csv', { inputs: ['x', 'y'], targets: ['both'] });
      assert.equal(set.count, 4);
      assert.deepEqual(Array.from(set.inputs), [0, 0, 0, 1, 1, 0, 1, 1]);
      assert.deepEqual(Array.from(set.targets), [0, 0, 0, 1]);
      assert.equal(channels.length, 1, 'the parser yielded through the MessageChannel stand-in for setImmediate');
      await assert.rejects(parseCsvFile('/ws/missing.csv', { inputs: ['x'], targets: ['y'] }), /the data file \/ws\/missing\.csv does not exist/);
    } finally {
      for (const c of channels) {
        c.port1.close();
        c.port2.close();
      }
    }
  });

  it('makes page nonces from Web Crypto', async () => {
    const { randomBytes } = await import('../../../src/host/web/crypto.js');
    const a = randomBytes(16).toString('base64url');
    assert.match(a, /^[A-Za-z0-9_-]{22}$/);
    assert.notEqual(randomBytes(16).toString('base64url'), a);
  });
});
