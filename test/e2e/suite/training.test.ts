import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { roundHistoryValue } from '../../../src/model/history';
import type { NnModel } from '../../../src/model/types';
import type { TrainingView } from '../../../src/protocol/training';
import { longCopy, trainingView, untilTraining } from '../support/training';
import { activeExtension, browser, closeAllEditors, hasBrowser, screenshot, tabFor, waitFor, workspaceFile } from '../support/host';

const settings = () => vscode.workspace.getConfiguration('nnDesigner.training');

async function logText(): Promise<string> {
  const folder = await vscode.commands.executeCommand<vscode.Uri>('nnDesigner._test.logUri');
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'NN Designer.log')));
}

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

  it('tells the designer when the epoch it scrubs to is not kept, and the designer shows the nearest kept one', async function () {
    if (!hasBrowser()) this.skip();
    const uri = await longCopy('xor.nnjson', 'xor-scrub.nnjson');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'nnDesigner.editor');
    await vscode.commands.executeCommand('nnDesigner._test.whenReady', uri);
    await vscode.commands.executeCommand('nnDesigner._test.message', uri, { type: 'training', command: 'train' });
    await untilTraining(uri, 'a few epochs', (v) => v.status === 'running' && v.series.loss.length >= 5);
    await vscode.commands.executeCommand('nnDesigner.pauseTraining', uri);
    const paused = await untilTraining(uri, 'the pause', (v) => v.status === 'paused');
    const latest = paused.timeline.at(-1);
    assert.equal(latest, paused.latest?.epoch, 'the worker keeps the latest epoch');
    // As a webview whose list is older than the worker's thinning would ask.
    await vscode.commands.executeCommand('nnDesigner._test.message', uri, { type: 'scrubTo', epoch: 1_000_000 });
    const label = `.timeline-note:has-text("Epoch 1000000 is no longer kept: the timeline thins out long runs. Showing epoch ${latest}, the nearest kept one.")`;
    await waitFor('the note in the designer', async () => ((await browser({ action: 'webviewCount', selector: label }))?.value === 1 ? true : undefined));
    await screenshot('training-scrub-missed');
    await vscode.commands.executeCommand('nnDesigner.discardTraining', uri);
    await closeAllEditors();
  });

  it('trains from the command palette without a designer, stays in the notification while paused, and cancels from its Cancel button', async () => {
    const uri = await longCopy('xor.nnjson', 'xor-training.nnjson');
    const before = await vscode.workspace.fs.readFile(uri);
    // Debug lines reach the log file only at debug level (the extension-test command sets it for the window).
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'debug');
    await vscode.commands.executeCommand('nnDesigner._test.trainingAnswer', 'Discard');
    let settled = false;
    const done = Promise.resolve(vscode.commands.executeCommand<TrainingView | undefined>('nnDesigner.train', uri)).finally(() => (settled = true));
    await untilTraining(uri, 'the run to start', (v) => v.status === 'running' && v.series.loss.length > 5);
    assert.equal(designerTab(uri), undefined, 'no designer was opened');
    await screenshot('training-progress');

    // A pacing setting changed while the run goes reaches it.
    await settings().update('maxEpochsPerSecond', 25, vscode.ConfigurationTarget.Global);
    await waitFor('the new pace in the log', async () => ((await logText()).includes('training xor-training.nnjson: now at most 25 epochs and 30 designer updates a second') ? true : undefined));
    await settings().update('maxEpochsPerSecond', undefined, vscode.ConfigurationTarget.Global);

    // Paused from the palette: the notification stays, and Train resumes the same run.
    await vscode.commands.executeCommand('nnDesigner.pauseTraining', uri);
    const paused = await untilTraining(uri, 'the pause', (v) => v.status === 'paused');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(settled, false, 'the progress notification stays open while the run is paused');
    // The headless window has no focus, so the toast may not be up: the notification centre lists it too.
    await vscode.commands.executeCommand('notifications.showList');
    await screenshot('training-progress-paused');
    await vscode.commands.executeCommand('nnDesigner.train', uri);
    await untilTraining(uri, 'the run to resume', (v) => v.status === 'running' && v.series.loss.length > paused.series.loss.length + 2);

    if (hasBrowser()) {
      const click = await browser({ action: 'workbenchClick', selector: '.notification-list-item-buttons-container .monaco-button', text: 'Cancel' });
      assert.ok(click?.ok, `clicking the notification's Cancel failed: ${click?.error}`);
    } else {
      assert.equal(await vscode.commands.executeCommand<number>('nnDesigner._test.cancelTrainingProgress'), 1, 'one progress notification was running');
    }
    const result = await done;
    assert.equal(result?.status, 'stopped');
    assert.ok((result?.latest?.epoch ?? 0) > paused.series.loss.length, 'the run went on after the resume');
    assert.equal(await trainingView(uri), undefined, 'answering Discard ends the session');
    assert.deepEqual(await vscode.workspace.fs.readFile(uri), before, 'the file is unchanged');
    await vscode.commands.executeCommand('notifications.hideList');
    const logged = await waitFor('the epochs in the log', async () => {
      const lines = (await logText()).split('\n').filter((l) => l.includes('[debug] training xor-training.nnjson epoch '));
      return lines.length >= (result?.series.loss.length ?? 1) ? lines : undefined;
    });
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'info');
    const numbers = logged.map((l) => Number(/ epoch (\d+)\/1000000: loss /.exec(l)?.[1]));
    assert.deepEqual(numbers.slice(0, 5), [1, 2, 3, 4, 5], 'every epoch is logged, in order, not only those the throttle let through');
    assert.equal(new Set(numbers).size, numbers.length, 'each once');
  });

  it('ends a diverging command-palette run and offers to lower the learning rate, which edits the document once', async () => {
    const uri = workspaceFile('and-diverging.nnjson');
    const ext = await activeExtension();
    const model = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'examples', 'and.nnjson')))) as NnModel;
    model.training.optimizer.learningRate = 1e300;
    // A linear output: tanh would saturate and keep the loss finite.
    model.layers[3] = { type: 'activation', activation: 'linear' };
    const original = new TextEncoder().encode(JSON.stringify(model, null, 2) + '\n');
    await vscode.workspace.fs.writeFile(uri, original);
    await vscode.commands.executeCommand('nnDesigner._test.trainingAnswer', 'Lower the learning rate to 1e+299');
    const result = await vscode.commands.executeCommand<TrainingView | undefined>('nnDesigner.train', uri);
    assert.ok(result?.latest?.divergence, `the run diverged: ${JSON.stringify(result?.message)}`);
    assert.match(result.message ?? '', /^Training diverged at epoch \d+: .*lower than 1e\+300/);
    assert.equal(await trainingView(uri), undefined, 'the diverged session ended, with its worker');
    assert.equal(await vscode.commands.executeCommand<boolean>('nnDesigner._test.crashWorker', uri), false, 'no worker is left');
    const document = await vscode.workspace.openTextDocument(uri);
    const edited = JSON.parse(document.getText()) as NnModel;
    assert.equal(edited.training.optimizer.learningRate, 1e299);
    assert.equal(document.getText(), new TextDecoder().decode(original).replace('1e+300', '1e+299'), 'one edit of the learning rate, nothing else');
    await waitFor('the designer to show the network', () => designerTab(uri));
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), new TextDecoder().decode(original), 'the file is saved only when the user saves');
    await screenshot('training-diverged-lowered');
    await document.save();
    await closeAllEditors();
  });

  it('a command-palette run goes on when VS Code closes its document, and Apply opens it again', async () => {
    const uri = await longCopy('xor.nnjson', 'xor-closed.nnjson');
    // Opened by the workbench, so closing the editor closes the document.
    await vscode.commands.executeCommand('vscode.openWith', uri, 'default');
    await waitFor('the text editor', () => tabFor(uri));
    let closed = false;
    const listener = vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.toString() === uri.toString()) closed = true;
    });
    try {
      await vscode.commands.executeCommand('nnDesigner._test.trainingAnswer', 'Apply');
      const done = vscode.commands.executeCommand<TrainingView | undefined>('nnDesigner.train', uri);
      await untilTraining(uri, 'the run to start', (v) => v.status === 'running' && v.series.loss.length > 3);
      await closeAllEditors();
      await waitFor('VS Code to close the document', () => (closed ? true : undefined));
      const at = (await trainingView(uri))?.series.loss.length ?? 0;
      const still = await untilTraining(uri, 'training to go on', (v) => v.status === 'running' && v.series.loss.length > at + 3);
      assert.ok(still.series.loss.length > at);
      assert.equal(await vscode.commands.executeCommand<number>('nnDesigner._test.cancelTrainingProgress'), 1);
      const result = await done;
      assert.equal(result?.status, 'stopped');
      const document = await vscode.workspace.openTextDocument(uri);
      const applied = JSON.parse(document.getText()) as NnModel;
      assert.equal(applied.history?.loss.length, result?.series.loss.length, 'Apply wrote the whole run into the reopened document');
      assert.ok(applied.layers.every((l) => l.type !== 'dense' || l.weights?.every((row) => row.every(Number.isFinite))));
      await document.save();
      await vscode.commands.executeCommand('nnDesigner.discardTraining', uri);
    } finally {
      listener.dispose();
    }
  });
});
