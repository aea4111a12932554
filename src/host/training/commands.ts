// The training commands ("NN Designer: Train Network", …), the context key the
// editor title buttons depend on, and the command-palette flow that trains a
// network without its designer open, behind a cancellable progress notification.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TrainingView } from '../../protocol/training';
import type { TrainingCommand } from '../../protocol/webview';
import { reportCommandFailure } from '../commands/failures';
import { targetUri } from '../commands/target';
import type { NnjsonEditorProvider } from '../designerEditor';
import type { RestartAnswer, TrainingManager } from './manager';
import { formatLoss } from './statusText';

const CONTEXT_KEY = 'nnDesigner.trainingStatus';

/** How the end of a command-palette run is answered: by the user, or scripted by the end-to-end tests. */
export type ApplyAnswer = 'Apply' | 'Discard' | undefined;

export class TrainingCommands implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** Cancels the running progress notifications, as their Cancel button does. */
  private readonly cancels = new Set<() => void>();
  private scriptedAnswer: { answer: ApplyAnswer } | undefined;

  constructor(
    private readonly manager: TrainingManager,
    private readonly provider: NnjsonEditorProvider,
  ) {
    const commands: [string, TrainingCommand][] = [
      ['nnDesigner.train', 'train'],
      ['nnDesigner.pauseTraining', 'pause'],
      ['nnDesigner.stopTraining', 'stop'],
      ['nnDesigner.stepEpoch', 'stepEpoch'],
      ['nnDesigner.stepBatch', 'stepBatch'],
      ['nnDesigner.resetWeights', 'reset'],
      ['nnDesigner.applyWeights', 'apply'],
      ['nnDesigner.discardTraining', 'discard'],
    ];
    for (const [id, command] of commands) {
      this.disposables.push(vscode.commands.registerCommand(id, (arg?: unknown) => this.run(id, command, arg)));
    }
    this.disposables.push(
      manager.onDidChange(() => this.updateContext()),
      vscode.window.tabGroups.onDidChangeTabs(() => this.updateContext()),
      vscode.window.tabGroups.onDidChangeTabGroups(() => this.updateContext()),
    );
    this.updateContext();
  }

  /** For tests: cancel progress notifications, script the apply and restart questions, end a session's worker as a crash would. */
  registerTestCommands(): vscode.Disposable {
    return vscode.Disposable.from(
      vscode.commands.registerCommand('nnDesigner._test.cancelTrainingProgress', () => {
        const count = this.cancels.size;
        [...this.cancels].forEach((cancel) => cancel());
        return count;
      }),
      vscode.commands.registerCommand('nnDesigner._test.trainingAnswer', (answer: ApplyAnswer) => {
        this.scriptedAnswer = { answer };
      }),
      vscode.commands.registerCommand('nnDesigner._test.trainingView', (uri: vscode.Uri | string) =>
        this.manager.view(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri),
      ),
      vscode.commands.registerCommand('nnDesigner._test.restartAnswer', (answer: RestartAnswer) => this.manager.scriptRestartAnswer(answer)),
      vscode.commands.registerCommand('nnDesigner._test.crashWorker', (uri: vscode.Uri | string) =>
        this.manager.session(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri)?.terminateWorker() ?? false,
      ),
    );
  }

  private async run(id: string, command: TrainingCommand, arg: unknown): Promise<TrainingView | undefined> {
    try {
      const uri = await targetUri(this.provider, arg);
      if (!uri) return undefined;
      if (command === 'train' && !this.provider.forUri(uri) && !this.isLive(uri)) return await this.trainWithProgress(uri);
      if (command === 'apply') {
        await this.manager.apply(uri);
      } else {
        await this.manager.command(uri, command);
      }
      return this.manager.view(uri);
    } catch (error) {
      reportCommandFailure(id, error);
      return undefined;
    }
  }

  private isLive(uri: vscode.Uri): boolean {
    const status = this.manager.view(uri)?.status;
    return status === 'running' || status === 'paused';
  }

  /** Trains without a designer: progress with epoch and loss, Cancel stops, and at the end the question to apply. */
  private async trainWithProgress(uri: vscode.Uri): Promise<TrainingView | undefined> {
    const name = path.basename(uri.path);
    await this.manager.command(uri, 'train');
    const hold = this.manager.hold(uri);
    const key = uri.toString();
    let view: TrainingView | undefined;
    try {
      view = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `NN Designer: training ${name}`, cancellable: true },
        (progress, token) =>
          new Promise<TrainingView | undefined>((resolve) => {
            let reported = 0;
            const cancel = (): void => void this.manager.command(uri, 'stop');
            const finish = (result: TrainingView | undefined): void => {
              sub.dispose();
              onCancel.dispose();
              this.cancels.delete(cancel);
              resolve(result);
            };
            const onCancel = token.onCancellationRequested(cancel);
            this.cancels.add(cancel);
            const sub = this.manager.onDidChange((change) => {
              if (change.uri.toString() !== key) return;
              const current = this.manager.view(uri);
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
      const answer = await this.askApply(`NN Designer: training ${name} ${summary}. Apply the trained weights to the file?`);
      if (answer === 'Apply') await this.manager.apply(uri);
      else if (answer === 'Discard') this.manager.discard(uri);
    }
    return this.manager.view(uri) ?? view;
  }

  private askApply(message: string): Thenable<ApplyAnswer> {
    const scripted = this.scriptedAnswer;
    this.scriptedAnswer = undefined;
    if (scripted) return Promise.resolve(scripted.answer);
    return vscode.window.showInformationMessage(message, 'Apply', 'Discard') as Thenable<ApplyAnswer>;
  }

  private activeUri(): vscode.Uri | undefined {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    if (input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText) return input.uri;
    return undefined;
  }

  private updateContext(): void {
    const uri = this.activeUri();
    const status = uri ? this.manager.view(uri)?.status ?? 'none' : 'none';
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY, status);
  }

  dispose(): void {
    this.disposables.splice(0).forEach((d) => d.dispose());
  }
}
