// The command-palette flow: Train Network on a `.nnjson` file without its
// designer open. It runs behind a cancellable progress notification with the
// epoch and the loss, which says so while the run is paused, and it ends in
// one of these ways: done or cancelled, it asks whether to apply the weights;
// diverged, it ends the session and offers to lower the learning rate; failed,
// the manager has already said why.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TrainingView } from '../../protocol/training';
import { quickFixes } from '../diagnostics/fixes';
import { minimalReplacement } from '../textEdit';
import type { TrainingManager } from './manager';
import { formatLoss } from './statusText';

/** What the flow needs of the commands: where Cancel is registered for the tests, and how a question is asked. */
export interface PaletteUi {
  cancels: Set<() => void>;
  /** Shows `message` with `choices`; the end-to-end tests script the answer. */
  ask(severity: 'info' | 'warning', message: string, ...choices: string[]): Thenable<string | undefined>;
}

export const OPEN_DESIGNER = 'Open in Designer';

/** NaN or Inf paused the run: its weights are of no use. */
function diverged(view: TrainingView): boolean {
  return view.status === 'paused' && view.latest?.divergence !== undefined;
}

function ended(view: TrainingView): boolean {
  return view.status === 'done' || view.status === 'stopped' || view.status === 'failed' || diverged(view);
}

/** Trains without a designer: progress with epoch and loss, Cancel stops, and at the end the question that fits. */
export async function trainWithProgress(manager: TrainingManager, uri: vscode.Uri, ui: PaletteUi): Promise<TrainingView | undefined> {
  const name = path.basename(uri.path);
  await manager.command(uri, 'train');
  // Held until the last question is answered, so neither VS Code closing the hidden document nor a designer closing ends the run.
  const hold = manager.hold(uri);
  try {
    const view = await progressUntilEnd(manager, uri, name, ui.cancels);
    return view ? await ending(manager, uri, name, view, ui) : undefined;
  } finally {
    hold.dispose();
  }
}

function progressUntilEnd(manager: TrainingManager, uri: vscode.Uri, name: string, cancels: Set<() => void>): Thenable<TrainingView | undefined> {
  const key = uri.toString();
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `NN Designer: training ${name}`, cancellable: true },
    (progress, token) =>
      new Promise<TrainingView | undefined>((resolve) => {
        let reported = 0;
        let paused = false;
        const cancel = (): void => void manager.command(uri, 'stop');
        const finish = (result: TrainingView | undefined): void => {
          sub.dispose();
          onCancel.dispose();
          cancels.delete(cancel);
          resolve(result);
        };
        const at = (view: TrainingView): string => {
          const s = view.latest;
          return `epoch ${s?.epoch ?? 0}/${view.totalEpochs}${s && s.epoch > 0 ? `, loss ${formatLoss(s.loss)}` : ''}`;
        };
        const onCancel = token.onCancellationRequested(cancel);
        cancels.add(cancel);
        const sub = manager.onDidChange((change) => {
          if (change.uri.toString() !== key) return;
          const current = manager.view(uri);
          if (!current) return finish(undefined);
          if (ended(current)) return finish(current);
          const s = change.snapshot;
          if (s && s.batch === 0 && current.totalEpochs > 0) {
            const percent = (100 * s.epoch) / current.totalEpochs;
            progress.report({ message: `${paused ? 'paused at ' : ''}${at(current)}`, increment: Math.max(0, percent - reported) });
            reported = Math.max(reported, percent);
          }
          // Paused from a designer or the palette, or by a change of the layers: the notification says so until it runs again.
          if ((current.status === 'paused') !== paused) {
            paused = current.status === 'paused';
            progress.report({ message: paused ? `paused at ${at(current)}; Train Network resumes it` : at(current) });
          }
        });
      }),
  );
}

async function ending(manager: TrainingManager, uri: vscode.Uri, name: string, view: TrainingView, ui: PaletteUi): Promise<TrainingView | undefined> {
  if (view.status === 'failed') return view;
  if (diverged(view)) {
    manager.discard(uri);
    await offerLowerRate(uri, view.message ?? `training ${name} diverged`, ui);
    return view;
  }
  // A finished run's worker has nothing left to do; the weights stay for Apply.
  if (view.status === 'done') await manager.session(uri)?.stop();
  const loss = view.latest ? `, loss ${formatLoss(view.latest.loss)}` : '';
  const summary = view.status === 'done' ? `finished ${view.latest?.epoch ?? 0} epochs${loss}` : `was cancelled after ${view.latest?.epoch ?? 0} epochs${loss}`;
  const answer = await ui.ask('info', `NN Designer: training ${name} ${summary}. Apply the trained weights to the file?`, 'Apply', 'Discard');
  if (answer === 'Apply') await manager.apply(uri);
  else if (answer === 'Discard') manager.discard(uri);
  return manager.view(uri) ?? view;
}

/** The divergence message with the quick fix as its action: one edit of the learning rate, then the designer to train again. */
async function offerLowerRate(uri: vscode.Uri, message: string, ui: PaletteUi): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  const fix = quickFixes(document.getText(), { pointer: '/training/optimizer/learningRate', code: 'divergence' })[0];
  const answer = await ui.ask('warning', `NN Designer: ${message}`, ...(fix ? [fix.title] : []), OPEN_DESIGNER);
  if (fix && answer === fix.title) {
    const change = minimalReplacement(document.getText(), fix.text);
    if (change) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.text);
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error('VS Code did not apply the new learning rate');
    }
  }
  if (answer !== undefined) await vscode.commands.executeCommand('nnDesigner.openInDesigner', uri);
}
