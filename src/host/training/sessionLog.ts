// What a training session writes to the log: every epoch's numbers at debug
// level, as the paper's verbose mode prints them, and failures at error level.

import type { EpochSeries } from '../../protocol/worker';

/** Where the session writes its log lines: the "NN Designer" channel, or a fake in tests. */
export interface SessionLog {
  /** False when debug lines are dropped anyway, so a fast run does not format a line per epoch for nothing. */
  wantsDebug?(): boolean;
  debug(message: string): void;
  error(message: string): void;
}

/** Epoch `series.from + k` in one line: `epoch 12/2000: loss 0.1234, accuracy 0.75, test loss 0.2`. */
export function epochLine(series: EpochSeries, k: number, total: number): string {
  const parts = [`loss ${series.loss[k]}`];
  const more: [string, number | null | undefined][] = [['accuracy', series.accuracy[k]], ['test loss', series.testLoss[k]], ['test accuracy', series.testAccuracy[k]], ['validation loss', series.validationLoss?.[k]], ['validation accuracy', series.validationAccuracy?.[k]]];
  for (const [name, value] of more) if (value !== null && value !== undefined) parts.push(`${name} ${value}`);
  return `epoch ${series.from + k}/${total}: ${parts.join(', ')}`;
}
