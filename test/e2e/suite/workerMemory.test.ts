// A training worker that exceeds its heap, in a real VS Code: the session
// fails with a message saying so, the "NN Designer" log has the error, the
// extension host goes on, and the next run trains. The limit is lowered with
// the nnDesigner.training.workerMemoryMb setting for this test only.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { NnModel } from '../../../src/model/types';
import type { TrainingView } from '../../../src/protocol/training';
import { activeExtension, closeAllEditors, waitFor, workspaceFile } from '../support/host';
import { longCopy, untilTraining } from '../support/training';

const HEAP_MB = 16;

async function logText(): Promise<string> {
  const folder = await vscode.commands.executeCommand<vscode.Uri>('nnDesigner._test.logUri');
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'NN Designer.log')));
}

describe('a training worker out of memory', function () {
  this.timeout(90_000);
  const settings = () => vscode.workspace.getConfiguration('nnDesigner.training');
  before(activeExtension);
  after(async () => {
    await settings().update('workerMemoryMb', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('notifications.clearAll');
    await closeAllEditors();
  });

  it('ends the session with a message and a log entry; the host stays up and the next run trains', async () => {
    await settings().update('workerMemoryMb', HEAP_MB, vscode.ConfigurationTarget.Global);
    // 200,000 inline samples: as JS arrays in the worker they need well over the heap limit, while their
    // typed arrays (about 14 MB by the manager's estimate) stay under the budget checked before the start.
    const ext = await activeExtension();
    const model = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'examples', 'and.nnjson')))) as NnModel;
    const count = 200_000;
    model.data = {
      source: 'inline',
      inputs: Array.from({ length: count }, (_, i) => [i % 2, (i >> 1) % 2]),
      targets: Array.from({ length: count }, (_, i) => [i % 4 === 3 ? 1 : -1]),
    };
    const uri = workspaceFile('out-of-memory.nnjson');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(model)));

    // Without a designer, Train runs under a progress notification and returns when the run ends.
    const failed = await vscode.commands.executeCommand<TrainingView | undefined>('nnDesigner.train', uri);
    assert.equal(failed?.status, 'failed');
    const expected = `ran out of memory (its heap is limited to ${HEAP_MB} MB)`;
    assert.ok(failed?.message?.includes(expected), failed?.message);
    const logged = await waitFor('the failure in the log', async () => (await logText()).split('\n').find((line) => line.includes('[error]') && line.includes(expected)));
    assert.match(logged, /training out-of-memory\.nnjson failed: the training worker crashed: it ran out of memory/);
    await vscode.workspace.fs.delete(uri);

    // A session whose arrays alone would pass the setting is refused before a worker starts, naming both.
    const mnist = workspaceFile('mnist.nnjson');
    const refused = await vscode.commands.executeCommand<TrainingView | undefined>('nnDesigner.train', mnist);
    assert.equal(refused, undefined, 'no session');
    const failures = await vscode.commands.executeCommand<string[]>('nnDesigner._test.commandFailures');
    assert.ok(failures.some((f) => /training mnist\.nnjson would need about \d+ MB .*more than the 16 MB that the setting nnDesigner\.training\.workerMemoryMb allows/.test(f)), failures.join('\n'));
    assert.equal(await vscode.commands.executeCommand('nnDesigner._test.trainingView', mnist), undefined);

    // The host is alive: with the default limit back, a designer opens and trains.
    await settings().update('workerMemoryMb', undefined, vscode.ConfigurationTarget.Global);
    const next = await longCopy('xor.nnjson', 'after-out-of-memory.nnjson');
    await vscode.commands.executeCommand('vscode.openWith', next, 'nnDesigner.editor');
    await vscode.commands.executeCommand('nnDesigner._test.whenReady', next);
    await vscode.commands.executeCommand('nnDesigner._test.message', next, { type: 'training', command: 'train' });
    const again = await untilTraining(next, 'a new run', (v) => v.status === 'running' && v.series.loss.length >= 3);
    assert.equal(again.message, undefined);
    await vscode.commands.executeCommand('nnDesigner.discardTraining', next);
  });
});
