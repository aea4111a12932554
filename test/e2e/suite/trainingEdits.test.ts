import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { NnModel } from '../../../src/model/types';
import type { TrainingSnapshot } from '../../../src/protocol/training';
import type { DesignerEdit } from '../../../src/protocol/webview';
import { longCopy, trainingView, untilTraining } from '../support/training';
import { activeExtension, closeAllEditors, waitFor } from '../support/host';

/** Opens the designer and starts training; resolves once a few epochs ran. */
async function trainInDesigner(uri: vscode.Uri): Promise<vscode.TextDocument> {
  await vscode.commands.executeCommand('vscode.openWith', uri, 'nnDesigner.editor');
  await vscode.commands.executeCommand('nnDesigner._test.whenReady', uri);
  await vscode.commands.executeCommand('nnDesigner.train', uri);
  await untilTraining(uri, 'a few epochs', (v) => v.status === 'running' && v.series.loss.length >= 5);
  return vscode.workspace.openTextDocument(uri);
}

async function designerEdit(document: vscode.TextDocument, edit: DesignerEdit): Promise<void> {
  const outcome = await vscode.commands.executeCommand<unknown>('nnDesigner._test.applyEdit', document.uri, edit, document.version);
  assert.deepEqual(outcome, { applied: true });
}

const shapes = (s: TrainingSnapshot | undefined): [number, number][] => (s?.layers ?? []).map((l) => [l.inputs, l.units]);

function shapesFit(s: TrainingSnapshot | undefined, expected: [number, number][]): boolean {
  return !!s && s.layers.length === expected.length && s.layers.every((l, i) => l.inputs === expected[i][0] && l.units === expected[i][1] && l.weights.length === l.inputs * l.units && l.bias.length === l.units);
}

describe('training during edits', function () {
  this.timeout(120_000);

  before(async () => {
    await activeExtension();
    await closeAllEditors();
  });
  // Edited copies are saved first, so closing them asks nothing.
  afterEach(async () => {
    for (const document of vscode.workspace.textDocuments) {
      if (document.isDirty && document.uri.path.includes('/edits-')) await document.save();
    }
    await closeAllEditors();
  });

  it('a change of the layers pauses the run, and Restart trains the new shapes only', async () => {
    const uri = await longCopy('and.nnjson', 'edits-restart.nnjson');
    const document = await trainInDesigner(uri);
    const before = await trainingView(uri);
    assert.deepEqual(shapes(before?.latest), [[2, 3], [3, 1]]);

    // Dismissing the question leaves the session paused on the old layers; it neither trains nor applies.
    await vscode.commands.executeCommand('nnDesigner._test.restartAnswer', undefined);
    await designerEdit(document, { kind: 'setUnits', dense: 0, units: 5 });
    const paused = await untilTraining(uri, 'the pause', (v) => v.status === 'paused');
    const epochs = paused.series.loss.length;
    assert.deepEqual(shapes(paused.latest), [[2, 3], [3, 1]], 'the paused session keeps its own shapes');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await trainingView(uri))?.series.loss.length, epochs, 'nothing trains after the layers changed');
    const text = document.getText();
    await vscode.commands.executeCommand('nnDesigner.applyWeights', uri);
    assert.equal(document.getText(), text, 'weights of the old layers are never written into the new ones');

    // Train starts over on the new layers.
    await vscode.commands.executeCommand('nnDesigner.train', uri);
    await untilTraining(uri, 'the new run', (v) => v.status === 'running' && shapesFit(v.latest, [[2, 5], [5, 1]]));

    // Answering Restart to the next change: every snapshot seen from then on has one set of shapes, the newest.
    await vscode.commands.executeCommand('nnDesigner._test.restartAnswer', 'Restart');
    await designerEdit(document, { kind: 'addLayer', before: 1, units: 4, activation: 'tanh' });
    const next: [number, number][] = [[2, 5], [5, 4], [4, 1]];
    let seenNew = false;
    const restarted = await waitFor('the restarted run', async () => {
      const v = await trainingView(uri);
      if (!v?.latest) return undefined;
      if (shapesFit(v.latest, next)) seenNew = true;
      else {
        assert.ok(!seenNew, `old shapes after the new ones: ${JSON.stringify(shapes(v.latest))}`);
        assert.ok(shapesFit(v.latest, [[2, 5], [5, 1]]), `a mix of shapes: ${JSON.stringify(shapes(v.latest))}`);
      }
      return v.status === 'running' && seenNew && v.series.loss.length >= 3 ? v : undefined;
    });
    assert.ok(restarted.series.loss.every(Number.isFinite));
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 50));
      assert.ok(shapesFit((await trainingView(uri))?.latest, next), 'the restarted run keeps the new shapes');
    }
    await vscode.commands.executeCommand('nnDesigner.discardTraining', uri);
  });

  it('answering Discard to the question ends the session', async () => {
    const uri = await longCopy('xor.nnjson', 'edits-discard.nnjson');
    const document = await trainInDesigner(uri);
    await vscode.commands.executeCommand('nnDesigner._test.restartAnswer', 'Discard');
    await designerEdit(document, { kind: 'setUnits', dense: 0, units: 7 });
    await waitFor('the session to end', async () => ((await trainingView(uri)) === undefined ? true : undefined));
  });

  it('closing the designer ends the session and its worker', async () => {
    const live = (): Thenable<number> => vscode.commands.executeCommand<number>('nnDesigner._test.liveWorkers');
    // Sessions of other documents may still be ending; this one's worker is counted against them.
    const others = await live();
    const uri = await longCopy('and.nnjson', 'edits-close.nnjson');
    await trainInDesigner(uri);
    assert.equal(await live(), others + 1, 'the running session has its worker');
    await closeAllEditors();
    await waitFor('the session to end', async () => ((await trainingView(uri)) === undefined ? true : undefined));
    // The count drops only when the worker itself has reported its exit.
    await waitFor('the worker to exit', async () => ((await live()) <= others ? true : undefined), 10_000);
    assert.equal(await vscode.commands.executeCommand<boolean>('nnDesigner._test.crashWorker', uri), false, 'no worker is left to end');
  });

  it('saving while training writes the document as it is, without trained weights (applyOnSave off)', async () => {
    const setting = vscode.workspace.getConfiguration('nnDesigner.training').inspect<boolean>('applyOnSave');
    assert.equal(setting?.defaultValue, false);
    assert.equal(vscode.workspace.getConfiguration('nnDesigner.training', null).get('applyOnSave'), false);
    const uri = await longCopy('and.nnjson', 'edits-save.nnjson');
    const document = await trainInDesigner(uri);
    await designerEdit(document, { kind: 'setTraining', field: 'seed', value: 7 });
    assert.ok(document.isDirty);
    const text = document.getText();
    assert.ok(await document.save(), 'the save went through');
    const saved = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    assert.equal(saved, text, 'the file holds exactly the edited text');
    const model = JSON.parse(saved) as NnModel;
    assert.equal(model.training.seed, 7);
    assert.ok(model.layers.every((l) => l.type !== 'dense' || (l.weights === undefined && l.bias === undefined)), 'no trained weights');
    assert.equal(model.history, undefined, 'no training history');
    const still = await untilTraining(uri, 'training to go on', (v) => v.status === 'running');
    assert.ok(still.series.loss.length >= 5);
    await vscode.commands.executeCommand('nnDesigner.discardTraining', uri);
  });

  it('saving while training with applyOnSave on writes the trained weights and history into the file', async () => {
    const settings = vscode.workspace.getConfiguration('nnDesigner.training');
    await settings.update('applyOnSave', true, vscode.ConfigurationTarget.Global);
    try {
      const uri = await longCopy('and.nnjson', 'edits-apply-on-save.nnjson');
      const document = await trainInDesigner(uri);
      await designerEdit(document, { kind: 'setTraining', field: 'seed', value: 7 });
      assert.ok(await document.save(), 'the save went through');
      const saved = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      assert.equal(saved, document.getText(), 'the file holds the document, trained weights included');
      const model = JSON.parse(saved) as NnModel;
      assert.equal(model.training.seed, 7, 'the edit is saved too');
      const dense = model.layers.filter((l) => l.type === 'dense');
      assert.deepEqual(dense.map((l) => l.weights?.length), [3, 1], 'every Dense layer has its trained weights');
      assert.ok(dense.every((l) => l.weights!.every((row) => row.every(Number.isFinite)) && l.bias?.every(Number.isFinite)));
      const epochs = model.history?.loss.length ?? 0;
      assert.ok(epochs >= 5, `the history holds the epochs trained so far (${epochs})`);
      const still = await untilTraining(uri, 'training to go on', (v) => v.status === 'running' && v.series.loss.length > epochs);
      assert.ok(still.series.loss.length > epochs);
      await vscode.commands.executeCommand('nnDesigner.discardTraining', uri);
    } finally {
      await settings.update('applyOnSave', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a crashed worker fails the session with a message, and the extension keeps working', async () => {
    const uri = await longCopy('xor.nnjson', 'edits-crash.nnjson');
    await trainInDesigner(uri);
    assert.equal(await vscode.commands.executeCommand<boolean>('nnDesigner._test.crashWorker', uri), true);
    const failed = await untilTraining(uri, 'the failure', (v) => v.status === 'failed');
    assert.match(failed.message ?? '', /worker (exited unexpectedly|crashed)/);
    const epochs = failed.series.loss.length;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await trainingView(uri))?.series.loss.length, epochs, 'a failed session trains no further');

    // The extension host is alive: the designer answers, and Train starts a fresh session.
    const state = await vscode.commands.executeCommand<{ fileName?: string } | undefined>('nnDesigner._test.state', uri);
    assert.ok(state, 'the designer still answers');
    await vscode.commands.executeCommand('nnDesigner.train', uri);
    const again = await untilTraining(uri, 'a new run', (v) => v.status === 'running' && v.series.loss.length >= 3);
    assert.equal(again.message, undefined);
    await vscode.commands.executeCommand('nnDesigner.discardTraining', uri);
  });
});
