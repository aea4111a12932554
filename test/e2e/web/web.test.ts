// VS Code for the Web: the extension's browser entry in code-server's web
// extension host (a Web Worker). The AND example is opened in the designer and
// trained in a nested Web Worker (dist/worker.web.js) until its loss has
// fallen; a worker ended from outside fails only its session; the training
// data is chosen and the diagram exported as PNG through vscode.workspace.fs.
import * as assert from './assert';
import { browser } from './browser';
import * as vscode from 'vscode';
import type { ChooseDataResult } from '../../../src/host/data/chooseData';
import { loadModel } from '../../../src/model/parse';
import { resolveSamples } from '../../../src/model/samples';
import type { NnModel } from '../../../src/model/types';
import { buildSession } from '../../../src/worker/build';
import type { TrainingView } from '../../../src/protocol/training';
import { waitFor } from '../support/wait';

const EXTENSION_ID = 'nn-designer.nn-designer';

function workspaceFile(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the end-to-end tests need a workspace folder');
  return vscode.Uri.joinPath(folder.uri, relative);
}

/** How long the training waits here may take, on a loaded machine. */
const TRAINING_MS = 30_000;

const trainingView = (uri: vscode.Uri) => vscode.commands.executeCommand<TrainingView | undefined>('nnDesigner._test.trainingView', uri);

async function untilTraining(uri: vscode.Uri, what: string, test: (v: TrainingView) => boolean): Promise<TrainingView> {
  return waitFor(what, async () => {
    const view = await trainingView(uri);
    return view && test(view) ? view : undefined;
  }, TRAINING_MS);
}

/** Opens the designer, presses Train there (the message its button sends), and waits for `epochs` epochs. */
async function trainInDesigner(uri: vscode.Uri, epochs: number): Promise<TrainingView> {
  await vscode.commands.executeCommand('vscode.openWith', uri, 'nnDesigner.editor');
  await vscode.commands.executeCommand('nnDesigner._test.whenReady', uri);
  await vscode.commands.executeCommand('nnDesigner._test.message', uri, { type: 'training', command: 'train' });
  return untilTraining(uri, `${epochs} epochs`, (v) => v.series.loss.length >= epochs || v.status === 'failed');
}

/** A copy of an example from the extension's own examples/, under a new name. */
async function copyOf(example: string, name: string, change: (model: NnModel) => void = () => undefined): Promise<vscode.Uri> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext);
  const model = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'examples', example)))) as NnModel;
  change(model);
  const uri = workspaceFile(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(model, null, 2) + '\n'));
  return uri;
}

describe('VS Code for the Web', () => {
  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('runs the browser entry in a Web Worker extension host', () => {
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
    const scope = globalThis as { importScripts?: unknown; process?: { versions?: { node?: string } } };
    assert.equal(typeof scope.importScripts, 'function', 'a Web Worker global scope');
    assert.equal(scope.process?.versions?.node, undefined, 'no Node');
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
  });

  it('trains the AND example from the designer in a Web Worker: the loss falls, epoch for epoch as the engine computes it', async () => {
    const uri = await copyOf('and.nnjson', 'web-and.nnjson');
    const view = await trainInDesigner(uri, 100);
    assert.notEqual(view.status, 'failed', view.message);
    const loss = view.series.loss;
    assert.ok(loss[loss.length - 1]! < loss[0]! * 0.5, `loss ${loss[0]} → ${loss[loss.length - 1]}`);
    const controls = await browser({ action: 'webviewCount', selector: '[aria-label="More units in Dense 1"]' });
    assert.ok(controls.ok && controls.value === 1, `the designer's controls: ${JSON.stringify(controls)}`);
    assert.ok((await browser({ action: 'screenshot', name: 'web-and-trained' })).ok);
    // Oracle: the same model trained here, in this host, by the engine directly, epoch for epoch.
    const loaded = loadModel(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    assert.ok(loaded.ok);
    const direct = buildSession(loaded.model, await resolveSamples(loaded.model, () => Promise.reject(new Error('no files'))));
    for (let epoch = 0; epoch < loss.length; epoch++) {
      const expected = direct.trainer.runEpoch()?.loss;
      assert.ok(expected !== undefined && Math.abs(loss[epoch]! - expected) <= 1e-12 * Math.abs(expected), `epoch ${epoch + 1}: ${loss[epoch]} vs ${expected}`);
    }
    assert.ok(view.latest && view.latest.layers.length > 0, 'snapshots reach the designer');
    await vscode.commands.executeCommand('nnDesigner.discardTraining', uri);
  });

  it('a Web Worker ended from outside fails its session with a message, and Train starts a new one', async () => {
    const uri = await copyOf('xor.nnjson', 'web-crash.nnjson', (model) => {
      model.training.epochs = 1_000_000;
    });
    await trainInDesigner(uri, 3);
    assert.equal(await vscode.commands.executeCommand<boolean>('nnDesigner._test.crashWorker', uri), true);
    const failed = await untilTraining(uri, 'the failure', (v) => v.status === 'failed');
    assert.ok(/the training worker exited unexpectedly/.test(failed.message ?? ''), failed.message);
    await vscode.commands.executeCommand('nnDesigner._test.message', uri, { type: 'training', command: 'train' });
    const again = await untilTraining(uri, 'a new run', (v) => v.status === 'running' && v.series.loss.length >= 3);
    assert.equal(again.message, undefined);
    await vscode.commands.executeCommand('nnDesigner.discardTraining', uri);
  });

  it('chooses training data read through workspace.fs, and trains on it', async () => {
    const rows = ['x,y,both'];
    for (let i = 0; i < 40; i++) rows.push(`${i % 2},${(i >> 1) % 2},${i % 4 === 3 ? 1 : 0}`);
    const csv = workspaceFile('web-gate.csv');
    await vscode.workspace.fs.writeFile(csv, new TextEncoder().encode(rows.join('\n') + '\n'));
    const uri = await copyOf('and.nnjson', 'web-gate.nnjson');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.commands.executeCommand('nnDesigner._test.dataAnswers', { file: 'web-gate.csv', inputs: ['x', 'y'], targets: ['both'] });
    const result = await vscode.commands.executeCommand<ChooseDataResult | undefined>('nnDesigner.chooseData', uri);
    assert.ok(result?.applied, result && !result.applied ? result.reason : 'no result');
    assert.deepEqual(JSON.parse(document.getText()).data.path, 'web-gate.csv');
    assert.ok(await document.save());
    const view = await trainInDesigner(uri, 20);
    assert.notEqual(view.status, 'failed', view.message);
    const loss = view.series.loss;
    assert.ok(loss[loss.length - 1]! < loss[0]!, `loss ${loss[0]} → ${loss[loss.length - 1]}`);
    await vscode.commands.executeCommand('nnDesigner.discardTraining', uri);
  });

  it('exports the diagram as PNG through workspace.fs', async () => {
    const uri = await copyOf('and.nnjson', 'web-export.nnjson');
    const destination = workspaceFile('web-export.png');
    const written = await vscode.commands.executeCommand<vscode.Uri>('nnDesigner.exportDiagram', uri, { format: 'png', destination });
    assert.equal(written?.toString(), destination.toString());
    const bytes = await vscode.workspace.fs.readFile(destination);
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    assert.ok(bytes.length > 1000);
  });
});
