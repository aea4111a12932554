// The designer's webview is not kept while hidden (retainContextWhenHidden is
// off), so a training run must survive the page going away: when the tab is
// shown again the new page says `ready` and gets the session's whole state,
// the epoch and every charted epoch, and then follows the live run again.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { longCopy, untilTraining } from '../support/training';
import { activeExtension, browser, closeAllEditors, hasBrowser, screenshot, waitFor, workspaceFile } from '../support/host';

interface BarMarks {
  status?: string;
  epoch?: string;
  charted?: string;
}

/** The training bar's marks in the shown designer of `fileName`, if one is shown. */
async function shownBar(fileName: string): Promise<BarMarks[]> {
  const reply = await browser({ action: 'webviewDataset', selector: `#app[data-file-name="${fileName}"] .training-host` });
  assert.ok(reply?.ok, reply?.error ?? 'no reply from the browser');
  return reply.value as BarMarks[];
}

describe('Live training: the designer reconnects', function () {
  this.timeout(120_000);

  before(async function () {
    if (!hasBrowser()) this.skip();
    await activeExtension();
    await closeAllEditors();
  });
  after(closeAllEditors);

  it('shows the running session again after its tab was hidden, with every epoch so far, and follows it on', async () => {
    const name = 'xor-reconnect.nnjson';
    const uri = await longCopy('xor.nnjson', name);
    await vscode.commands.executeCommand('vscode.openWith', uri, 'nnDesigner.editor');
    await vscode.commands.executeCommand('nnDesigner._test.whenReady', uri);
    await vscode.commands.executeCommand('nnDesigner.train', uri);
    await untilTraining(uri, 'some epochs', (v) => v.status === 'running' && v.series.loss.length >= 30);

    // Another file in the same group hides the designer: its page is torn down while the worker trains on.
    const other = workspaceFile('reconnect-other.txt');
    await vscode.workspace.fs.writeFile(other, new TextEncoder().encode('another file\n'));
    await vscode.window.showTextDocument(other, { viewColumn: vscode.ViewColumn.Active, preview: false });
    await waitFor('the designer page to go', async () => ((await shownBar(name)).length === 0 ? true : undefined));
    const hiddenAt = await untilTraining(uri, 'training while hidden', (v) => v.status === 'running');

    // Paused while hidden, so the state the page must show is fixed.
    await vscode.commands.executeCommand('nnDesigner.pauseTraining', uri);
    const paused = await untilTraining(uri, 'the pause', (v) => v.status === 'paused' && v.latest !== undefined);
    assert.ok(paused.series.loss.length >= hiddenAt.series.loss.length, 'the run went on while the page was gone');
    const epoch = String(paused.latest?.epoch);
    const charted = String(paused.series.loss.length);

    await vscode.commands.executeCommand('vscode.openWith', uri, 'nnDesigner.editor');
    let seen: BarMarks[] = [];
    const marks = await waitFor('the page to show the paused session', async () => {
      seen = await shownBar(name);
      const [bar] = seen;
      return bar?.status === 'paused' && bar.epoch === epoch && bar.charted === charted ? bar : undefined;
    }, 30_000).catch(async (error: Error) => {
      await screenshot('training-reconnect-failed');
      throw new Error(`${error.message}: expected epoch ${epoch} with ${charted} charted, the page shows ${JSON.stringify(seen)}`);
    });
    assert.equal(marks.epoch, epoch);
    await screenshot('training-reconnected');

    // And the page follows the run once it goes on.
    await vscode.commands.executeCommand('nnDesigner.train', uri);
    await waitFor('the page to follow the live run', async () => {
      const [bar] = await shownBar(name);
      return bar && Number(bar.epoch) > Number(epoch) && Number(bar.charted) > Number(charted) ? bar : undefined;
    }, 30_000);
    await vscode.commands.executeCommand('nnDesigner.stopTraining', uri);
    await vscode.workspace.fs.delete(other);
  });
});
