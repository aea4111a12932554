// A symbolic link in the workspace that leads outside it, in a real VS Code:
// Choose Training Data refuses it before reading, the Problems panel shows it
// on data.path, and Train refuses it; the file outside is never read.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChooseDataResult } from '../../../src/host/data/chooseData';
import type { NnModel } from '../../../src/model/types';
import type { TrainingView } from '../../../src/protocol/training';
import { activeExtension, closeAllEditors, waitFor, workspaceFile } from '../support/host';

const LINK_MESSAGE = /the data path "linked\.csv" leads out of the network's folder through a symbolic link: data files must be inside the network's folder or below it/;

describe('data files through symbolic links', () => {
  const made: string[] = [];
  let outside: string;
  before(async function () {
    await activeExtension();
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-outside-'));
    made.push(outside);
    fs.writeFileSync(path.join(outside, 'secret.csv'), 'a,b,y\n0,0,0\n0,1,0\n1,0,0\n1,1,1\n');
    const link = workspaceFile('linked.csv').fsPath;
    try {
      fs.symlinkSync(path.join(outside, 'secret.csv'), link);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EPERM') this.skip();
      throw error;
    }
    made.push(link);
  });
  after(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await closeAllEditors();
    for (const p of made.reverse()) fs.rmSync(p, { recursive: true, force: true });
  });

  it('is refused by Choose Training Data, the Problems panel and Train, with the same message', async () => {
    const ext = await activeExtension();
    const model = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'examples', 'and.nnjson')))) as NnModel;
    const chooser = workspaceFile('choose-linked.nnjson');
    await vscode.workspace.fs.writeFile(chooser, new TextEncoder().encode(JSON.stringify(model, null, 2) + '\n'));
    const document = await vscode.workspace.openTextDocument(chooser);
    const before = document.getText();
    await vscode.commands.executeCommand('nnDesigner._test.dataAnswers', { file: 'linked.csv', inputs: ['a', 'b'], targets: ['y'] });
    const chosen = await vscode.commands.executeCommand<ChooseDataResult | undefined>('nnDesigner.chooseData', chooser);
    assert.ok(chosen && !chosen.applied && LINK_MESSAGE.test(chosen.reason), JSON.stringify(chosen));
    assert.equal(document.getText(), before, 'nothing written');

    model.data = { source: 'file', path: 'linked.csv', inputs: ['a', 'b'], targets: ['y'] };
    const uri = workspaceFile('linked.nnjson');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(model, null, 2) + '\n'));
    const linked = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(linked);
    const problem = await waitFor('the link on data.path', () =>
      vscode.languages.getDiagnostics(uri).find((d) => d.source === 'NN Designer' && LINK_MESSAGE.test(d.message)));
    assert.equal(linked.getText(problem.range), '"linked.csv"');

    const trained = await vscode.commands.executeCommand<TrainingView | undefined>('nnDesigner.train', uri);
    assert.equal(trained, undefined, 'no session');
    const failures = await vscode.commands.executeCommand<string[]>('nnDesigner._test.commandFailures');
    assert.ok(failures.some((f) => LINK_MESSAGE.test(f)), failures.join('\n'));
  });
});
