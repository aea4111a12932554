// The status bar item: epoch and loss of the session that last reported, while
// it runs or is paused. Clicking it brings up that network's designer.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TrainingManager } from './manager';

export function formatLoss(loss: number): string {
  if (!Number.isFinite(loss)) return String(loss);
  return Math.abs(loss) >= 0.001 || loss === 0 ? loss.toFixed(4) : loss.toExponential(2);
}

export function trainingStatusBar(manager: TrainingManager): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('nnDesigner.training', vscode.StatusBarAlignment.Left, 50);
  item.name = 'NN Designer Training';
  let shown: vscode.Uri | undefined;
  const update = (uri: vscode.Uri): void => {
    const view = manager.view(uri);
    if (!view || (view.status !== 'running' && view.status !== 'paused')) {
      if (shown?.toString() === uri.toString()) {
        item.hide();
        shown = undefined;
      }
      return;
    }
    shown = uri;
    const latest = view.latest;
    const icon = view.status === 'running' ? '$(sync~spin)' : '$(debug-pause)';
    const loss = latest ? ` · loss ${formatLoss(latest.loss)}` : '';
    item.text = `${icon} ${path.basename(uri.path)}: epoch ${latest?.epoch ?? 0}/${view.totalEpochs}${loss}`;
    item.tooltip = `NN Designer: training ${view.status}. Click to show the designer.`;
    item.command = { title: 'Show Designer', command: 'nnDesigner.openInDesigner', arguments: [uri] };
    item.show();
  };
  const sub = manager.onDidChange((change) => update(change.uri));
  return vscode.Disposable.from(item, sub);
}
