// The training history a .nnjson keeps: the per-epoch series of every run,
// appended in order. Values are rounded to HISTORY_DIGITS significant digits:
// the charts need no more, and 17-digit doubles would triple the history line.

import type { HistorySpec } from './types';

export const HISTORY_DIGITS = 6;

/** A history value as it is stored. */
export function roundHistoryValue(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(HISTORY_DIGITS)) : value;
}

/** A run's series; test loss and accuracy may be missing for some or all epochs. */
export interface RunSeries {
  loss: readonly number[];
  testLoss: readonly (number | undefined)[];
  accuracy: readonly (number | undefined)[];
}

/** The part of `series` from epoch index `from` on, rounded; undefined unless every one of those epochs has a value. */
function tail(series: readonly (number | undefined)[], from: number, count: number): number[] | undefined {
  const part = series.slice(from, from + count);
  if (count === 0 || part.length !== count || part.some((v) => v === undefined)) return undefined;
  return (part as number[]).map(roundHistoryValue);
}

/** `previous` with the run's epochs from index `from` on appended; test loss and accuracy only where every appended epoch has one. */
export function appendHistory(previous: HistorySpec | undefined, run: RunSeries, from = 0): HistorySpec {
  const count = Math.max(0, run.loss.length - from);
  const history: HistorySpec = { ...previous, loss: [...(previous?.loss ?? []), ...run.loss.slice(from).map(roundHistoryValue)] };
  const testLoss = tail(run.testLoss, from, count);
  if (testLoss) history.testLoss = [...(previous?.testLoss ?? []), ...testLoss];
  const accuracy = tail(run.accuracy, from, count);
  if (accuracy) history.accuracy = [...(previous?.accuracy ?? []), ...accuracy];
  return history;
}

/**
 * How many of the run's epochs `history` holds already: `claimed` (the epochs
 * applied before) when the history ends with exactly those losses, else 0 —
 * the earlier apply was undone, or the file was edited since.
 */
export function appliedEpochs(history: HistorySpec | undefined, runLoss: readonly number[], claimed: number): number {
  if (claimed <= 0 || !history || history.loss.length < claimed || runLoss.length < claimed) return 0;
  const offset = history.loss.length - claimed;
  for (let k = 0; k < claimed; k++) {
    if (history.loss[offset + k] !== roundHistoryValue(runLoss[k])) return 0;
  }
  return claimed;
}
