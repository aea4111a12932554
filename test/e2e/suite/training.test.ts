import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { roundHistoryValue } from '../../../src/model/history';
import type { NnModel } from '../../../src/model/types';
import type { TrainingView } from '../../../src/protocol/training';
import { longCopy, trainingView, untilTraining } from '../support/training';
import { activeExtension, closeAllEditors, screenshot, waitFor } from '../support/host';

function designerTab(uri: vscode.Uri): vscode.Tab | undefined {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputCustom && tab.input.uri.toString() === uri.toString()) return tab;
    }
  }
  return undefined;
}

describe('Live training (end to end)', function () {
  this.timeout(120_000);

  before(async () => {
    await activeExtension();
    await closeAllEditors();
  });
  after(closeAllEditors);

  it('trains AND in the designer: the loss falls, pause, step, apply, and undo restores the text', async () => {
    const uri = await longCopy('and.nnjson', 'and-training.nnjson');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'nnDesigner.editor');
    await waitFor('the designer tab', () => designerTab(uri));
    await vscode.commands.executeCommand('nnDesigner._test.whenReady', uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const original = document.getText();

    await vscode.commands.executeCommand('nnDesigner.train', uri);
    const running = await untilTraining(uri, 'a few epochs', (v) => v.status === 'running' && v.series.loss.length >= 20);
    assert.ok(running.latest?.layers.length === 2, 'snapshots carry both Dense layers');
    await screenshot('training-running');

    await vscode.commands.executeCommand('nnDesigner.pauseTraining', uri);
    const paused = await untilTraining(uri, 'the pause', (v) => v.status === 'paused');
    const epoch = paused.series.loss.length;
    assert.ok(paused.series.loss[epoch - 1] < paused.series.loss[0], `the loss falls: ${paused.series.loss[0]} → ${paused.series.loss[epoch - 1]}`);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await trainingView(uri))?.series.loss.length, epoch, 'nothing trains while paused');

    await vscode.commands.executeCommand('nnDesigner.stepEpoch', uri);
    const stepped = await untilTraining(uri, 'one more epoch', (v) => v.status === 'paused' && v.series.loss.length === epoch + 1);
    assert.equal(stepped.latest?.epoch, epoch + 1);
    assert.equal(document.getText(), original, 'training never edits the document');

    await vscode.commands.executeCommand('nnDesigner.applyWeights', uri);
    await waitFor('the applied weights', () => (document.getText() !== original ? true : undefined));
    const applied = JSON.parse(document.getText()) as NnModel;
    const dense = applied.layers.filter((l) => l.type === 'dense');
    assert.equal(dense.length, 2);
    assert.deepEqual(dense.map((l) => l.weights?.length), [3, 1]);
    assert.ok(dense.every((l) => l.weights?.every((row) => row.every(Number.isFinite))));
    assert.equal(applied.history?.loss.length, epoch + 1, 'the history holds every trained epoch');
    // The file keeps the history to six significant digits.
    assert.equal(applied.history?.loss.at(-1), roundHistoryValue(stepped.latest?.loss ?? NaN));
    await screenshot('training-applied');

    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false });
    await vscode.commands.executeCommand('undo');
    await waitFor('the undo', () => (document.getText() === original ? true : undefined));
    assert.equal(document.getText(), original, 'one undo takes the whole apply back, exactly');
    await vscode.commands.executeCommand('nnDesigner.discardTraining', uri);
    assert.equal(await trainingView(uri), undefined);
    await closeAllEditors();
  });

  it('trains from the command palette without a designer and cancels from the progress notification', async () => {
    const uri = await longCopy('xor.nnjson', 'xor-training.nnjson');
    const before = await vscode.workspace.fs.readFile(uri);
    await vscode.commands.executeCommand('nnDesigner._test.trainingAnswer', 'Discard');
    const done = vscode.commands.executeCommand<TrainingView | undefined>('nnDesigner.train', uri);
    await untilTraining(uri, 'the run to start', (v) => v.status === 'running' && v.series.loss.length > 5);
    assert.equal(designerTab(uri), undefined, 'no designer was opened');
    await screenshot('training-progress');
    const cancelled = await vscode.commands.executeCommand<number>('nnDesigner._test.cancelTrainingProgress');
    assert.equal(cancelled, 1, 'one progress notification was running');
    const result = await done;
    assert.equal(result?.status, 'stopped');
    assert.ok((result?.latest?.epoch ?? 0) < 1_000_000);
    assert.equal(await trainingView(uri), undefined, 'answering Discard ends the session');
    assert.deepEqual(await vscode.workspace.fs.readFile(uri), before, 'the file is unchanged');
  });
});
