// The training commands ("NN Designer: Train Network", …) and the context key
// the editor title buttons depend on. Train without a designer open runs the
// command-palette flow of paletteRun.ts.

import * as vscode from 'vscode';
import type { TrainingView } from '../../protocol/training';
import type { TrainingCommand } from '../../protocol/webview';
import { reportCommandFailure } from '../commands/failures';
import { targetUri } from '../commands/target';
import type { NnjsonEditorProvider } from '../designerEditor';
import type { RestartAnswer, TrainingManager } from './manager';
import { trainWithProgress } from './paletteRun';

const CONTEXT_KEY = 'nnDesigner.trainingStatus';

/** How a question at the end of a command-palette run is answered: by the user, or scripted by the end-to-end tests. */
export type ApplyAnswer = string | undefined;

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

  private trainWithProgress(uri: vscode.Uri): Promise<TrainingView | undefined> {
    return trainWithProgress(this.manager, uri, {
      cancels: this.cancels,
      ask: (severity, message, ...choices) => this.ask(severity, message, choices),
    });
  }

  private ask(severity: 'info' | 'warning', message: string, choices: string[]): Thenable<ApplyAnswer> {
    const scripted = this.scriptedAnswer;
    this.scriptedAnswer = undefined;
    if (scripted) return Promise.resolve(scripted.answer);
    return severity === 'warning' ? vscode.window.showWarningMessage(message, ...choices) : vscode.window.showInformationMessage(message, ...choices);
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
