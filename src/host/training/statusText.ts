// What the training status bar item says, without `vscode`: the text and the
// tooltip for a session's view, or nothing when the item should be hidden.

import type { TrainingView } from '../../protocol/training';

export function formatLoss(loss: number): string {
  if (!Number.isFinite(loss)) return String(loss);
  return Math.abs(loss) >= 0.001 || loss === 0 ? loss.toFixed(4) : loss.toExponential(2);
}

/** The item's text and tooltip while the session runs or is paused; undefined otherwise (the item hides). */
export function trainingStatusText(fileName: string, view: TrainingView | undefined): { text: string; tooltip: string } | undefined {
  if (!view || (view.status !== 'running' && view.status !== 'paused')) return undefined;
  const latest = view.latest;
  const icon = view.status === 'running' ? '$(sync~spin)' : '$(debug-pause)';
  const loss = latest ? ` · loss ${formatLoss(latest.loss)}` : '';
  return {
    text: `${icon} ${fileName}: epoch ${latest?.epoch ?? 0}/${view.totalEpochs}${loss}`,
    tooltip: `NN Designer: training ${view.status}. Click to show the designer.`,
  };
}
