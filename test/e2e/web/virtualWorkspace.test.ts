// A network on a file system that is not `file:`, as in a virtual workspace
// (github.dev, a remote repository, an extension's own file system): the test
// registers an in-memory FileSystemProvider, opens a .nnjson from it in the
// designer, edits it there, trains it on built-in data in the Web Worker, and
// Apply and Save write the result back through the provider.
import * as assert from './assert';
import { browser } from './browser';
import * as vscode from 'vscode';
import type { NnModel } from '../../../src/model/types';
import type { TrainingView } from '../../../src/protocol/training';
import type { DocumentState } from '../../../src/protocol/webview';
import { waitFor } from '../support/wait';

const EXTENSION_ID = 'nn-designer.nn-designer';
const SCHEME = 'nnmemory';

/** Files in a Map: writable, with change events, as a virtual workspace's provider is. */
class MemoryFs implements vscode.FileSystemProvider {
  readonly files = new Map<string, { data: Uint8Array; mtime: number }>();
  writes = 0;
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    if (uri.path === '/') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    const file = this.files.get(uri.path);
    if (!file) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: file.mtime, size: file.data.length };
  }
  readDirectory(): [string, vscode.FileType][] {
    return [...this.files.keys()].map((p) => [p.slice(1), vscode.FileType.File]);
  }
  readFile(uri: vscode.Uri): Uint8Array {
    const file = this.files.get(uri.path);
    if (!file) throw vscode.FileSystemError.FileNotFound(uri);
    return file.data;
  }
  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    const existed = this.files.has(uri.path);
    this.files.set(uri.path, { data: content.slice(), mtime: Date.now() + this.writes });
    this.writes++;
    this.changed.fire([{ type: existed ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
  }
  createDirectory(): void {
    // One flat folder.
  }
  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
    this.changed.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }
  rename(from: vscode.Uri, to: vscode.Uri): void {
    const file = this.files.get(from.path);
    if (!file) throw vscode.FileSystemError.FileNotFound(from);
    this.files.delete(from.path);
    this.files.set(to.path, file);
  }
}

/** How long the training waits here may take, on a loaded machine. */
const TRAINING_MS = 30_000;

describe('VS Code for the Web: a network on a virtual file system', () => {
  const memory = new MemoryFs();
  let registration: vscode.Disposable | undefined;
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    registration = vscode.workspace.registerFileSystemProvider(SCHEME, memory, { isCaseSensitive: true });
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    registration?.dispose();
  });

  it('opens, edits and trains a .nnjson from an in-memory file system, and saves the trained weights there', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const model = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'examples', 'and.nnjson')))) as NnModel;
    assert.equal(model.data?.source, 'builtin');
    const uri = vscode.Uri.from({ scheme: SCHEME, path: '/and.nnjson' });
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(model, null, 2) + '\n'));

    await vscode.commands.executeCommand('vscode.openWith', uri, 'nnDesigner.editor');
    await vscode.commands.executeCommand('nnDesigner._test.whenReady', uri);
    const state = await vscode.commands.executeCommand<DocumentState>('nnDesigner._test.state', uri);
    assert.ok(state.model, JSON.stringify(state.errors));
    assert.equal(state.readOnly, false, 'a writable file system is edited in the designer');
    const drawn = await browser({ action: 'webviewCount', selector: 'g.neuron' });
    assert.equal(drawn.value, 2 + 3 + 1, `the AND network drawn: ${JSON.stringify(drawn)}`);

    const document = await vscode.workspace.openTextDocument(uri);
    const outcome = await vscode.commands.executeCommand<{ applied: boolean }>('nnDesigner._test.applyEdit', uri, { kind: 'setTraining', field: 'seed', value: 4711 }, document.version);
    assert.ok(outcome?.applied, JSON.stringify(outcome));
    assert.equal((JSON.parse(document.getText()) as NnModel).training.seed, 4711);

    await vscode.commands.executeCommand('nnDesigner._test.message', uri, { type: 'training', command: 'train' });
    const view = await waitFor('30 epochs', async () => {
      const v = await vscode.commands.executeCommand<TrainingView | undefined>('nnDesigner._test.trainingView', uri);
      return v && (v.series.loss.length >= 30 || v.status === 'failed') ? v : undefined;
    }, TRAINING_MS);
    assert.notEqual(view.status, 'failed', view.message);
    const loss = view.series.loss;
    assert.ok(loss[loss.length - 1]! < loss[0]!, `loss ${loss[0]} → ${loss[loss.length - 1]}`);
    await vscode.commands.executeCommand('nnDesigner._test.message', uri, { type: 'training', command: 'pause' });
    await waitFor('the pause', async () => ((await vscode.commands.executeCommand<TrainingView | undefined>('nnDesigner._test.trainingView', uri))?.status === 'paused' ? true : undefined), TRAINING_MS);
    assert.ok((await browser({ action: 'screenshot', name: 'web-virtual-fs-trained' })).ok);

    await vscode.commands.executeCommand('nnDesigner.applyWeights', uri);
    assert.ok(await document.save(), 'saved through the provider');
    const saved = JSON.parse(new TextDecoder().decode(memory.files.get('/and.nnjson')!.data)) as NnModel;
    assert.equal(saved.training.seed, 4711, 'the designer edit is in the saved file');
    const dense = saved.layers.filter((l) => l.type === 'dense') as { weights?: number[][] }[];
    assert.ok(dense.every((l) => Array.isArray(l.weights)), 'the trained weights are in the saved file');
    assert.ok((saved.history?.loss?.length ?? 0) >= 30, 'and the loss history');
    await vscode.commands.executeCommand('nnDesigner.discardTraining', uri);
  });
});
