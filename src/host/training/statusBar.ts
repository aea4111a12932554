// The status bar item: epoch and loss of the session that last reported, while
// it runs or is paused. Clicking it brings up that network's designer.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TrainingManager } from './manager';
import { statusBarText } from './statusText';

export function trainingStatusBar(manager: TrainingManager): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('nnDesigner.training', vscode.StatusBarAlignment.Left, 50);
  item.name = 'NN Designer Training';
  let shown: vscode.Uri | undefined;
  const update = (uri: vscode.Uri): void => {
    const shows = statusBarText(path.basename(uri.path), manager.view(uri));
    if (!shows) {
      if (shown?.toString() === uri.toString()) {
        item.hide();
        shown = undefined;
      }
      return;
    }
    shown = uri;
    item.text = shows.text;
    item.tooltip = shows.tooltip;
    item.command = { title: 'Show Designer', command: 'nnDesigner.openInDesigner', arguments: [uri] };
    item.show();
  };
  const sub = manager.onDidChange((change) => update(change.uri));
  return vscode.Disposable.from(item, sub);
}
