// The command-palette flow: Train Network on a `.nnjson` file without its
// designer open. It runs behind a cancellable progress notification with the
// epoch and the loss, and at the end asks whether to apply the weights.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TrainingView } from '../../protocol/training';
import type { ApplyAnswer } from './commands';
import type { TrainingManager } from './manager';
import { formatLoss } from './statusBar';

/** What the flow needs of the commands: where Cancel is registered for the tests, and how the question is asked. */
export interface PaletteUi {
  cancels: Set<() => void>;
  askApply(message: string): Thenable<ApplyAnswer>;
}

/** Trains without a designer: progress with epoch and loss, Cancel stops, and at the end the question to apply. */
export async function trainWithProgress(manager: TrainingManager, uri: vscode.Uri, ui: PaletteUi): Promise<TrainingView | undefined> {
  const name = path.basename(uri.path);
  await manager.command(uri, 'train');
  const hold = manager.hold(uri);
  const key = uri.toString();
  let view: TrainingView | undefined;
  try {
    view = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `NN Designer: training ${name}`, cancellable: true },
      (progress, token) =>
        new Promise<TrainingView | undefined>((resolve) => {
          let reported = 0;
          const cancel = (): void => void manager.command(uri, 'stop');
          const finish = (result: TrainingView | undefined): void => {
            sub.dispose();
            onCancel.dispose();
            ui.cancels.delete(cancel);
            resolve(result);
          };
          const onCancel = token.onCancellationRequested(cancel);
          ui.cancels.add(cancel);
          const sub = manager.onDidChange((change) => {
            if (change.uri.toString() !== key) return;
            const current = manager.view(uri);
            if (!current) return finish(undefined);
            const s = change.snapshot;
            if (s && s.batch === 0 && current.totalEpochs > 0) {
              const percent = (100 * s.epoch) / current.totalEpochs;
              progress.report({ message: `epoch ${s.epoch}/${current.totalEpochs}, loss ${formatLoss(s.loss)}`, increment: Math.max(0, percent - reported) });
              reported = Math.max(reported, percent);
            }
            if (current.status !== 'running' && current.status !== 'idle') finish(current);
          });
        }),
    );
  } finally {
    hold.dispose();
  }
  if (!view) return undefined;
  if (view.status === 'done' || view.status === 'stopped') {
    const loss = view.latest ? `, loss ${formatLoss(view.latest.loss)}` : '';
    const summary = view.status === 'done' ? `finished ${view.latest?.epoch ?? 0} epochs${loss}` : `was cancelled after ${view.latest?.epoch ?? 0} epochs${loss}`;
    const answer = await ui.askApply(`NN Designer: training ${name} ${summary}. Apply the trained weights to the file?`);
    if (answer === 'Apply') await manager.apply(uri);
    else if (answer === 'Discard') manager.discard(uri);
  }
  return manager.view(uri) ?? view;
}
