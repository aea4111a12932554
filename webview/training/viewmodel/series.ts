// The charts' per-epoch series, grown from live snapshots between the full
// views the host sends on status changes, and the timeline's epoch lookup.
import { NULLABLE_SERIES, type TrainingSeries, type TrainingSnapshot } from '../../../src/protocol/training';

/** A snapshot that closes an epoch (rather than a step-one-batch snapshot inside one). */
export function closesEpoch(snapshot: TrainingSnapshot): boolean {
  return snapshot.epoch > 0 && (snapshot.batch === 0 || snapshot.batch >= snapshot.batches);
}

function setAt<T>(list: T[], index: number, value: T, fill: T): void {
  while (list.length < index) list.push(fill);
  list[index] = value;
}

/** Writes the snapshot's epoch into the series (epoch N at index N − 1) and drops anything after it. */
export function mergeSnapshot(series: TrainingSeries, snapshot: TrainingSnapshot): TrainingSeries {
  if (!closesEpoch(snapshot)) return series;
  const at = snapshot.epoch - 1;
  const next = { ...series, loss: series.loss.slice(0, at) };
  setAt(next.loss, at, snapshot.loss, NaN);
  for (const key of NULLABLE_SERIES) {
    next[key] = series[key].slice(0, at);
    setAt(next[key], at, snapshot[key] ?? null, null);
  }
  return next;
}

/**
 * Writes the epochs of a live delta (epoch `from` at index `from` − 1 on) into
 * the series; anything after the delta's last epoch is dropped, as a live
 * delta is always the newest.
 */
export function mergeDelta(series: TrainingSeries, from: number, delta: TrainingSeries): TrainingSeries {
  const at = from - 1;
  const write = <T>(old: T[], added: T[], fill: T): T[] => {
    const out = old.slice(0, at);
    while (out.length < at) out.push(fill);
    for (let k = 0; k < delta.loss.length; k++) out.push(k < added.length ? added[k]! : fill);
    return out;
  };
  const next = { ...series, loss: write(series.loss, delta.loss, NaN) };
  for (const key of NULLABLE_SERIES) next[key] = write(series[key], delta[key], null);
  return next;
}

/** Adds an epoch to a sorted timeline if it is not there yet. */
export function withEpoch(timeline: readonly number[], epoch: number): number[] {
  if (timeline.includes(epoch)) return [...timeline];
  return [...timeline, epoch].sort((a, b) => a - b);
}

/** Index of the kept epoch closest to `epoch` (the earlier one on a tie); −1 for an empty timeline. */
export function nearestIndex(timeline: readonly number[], epoch: number): number {
  let best = -1;
  for (let k = 0; k < timeline.length; k++) {
    if (best < 0 || Math.abs(timeline[k]! - epoch) < Math.abs(timeline[best]! - epoch)) best = k;
  }
  return best;
}

export function hasAccuracy(series: TrainingSeries): boolean {
  return [series.accuracy, series.testAccuracy, series.validationAccuracy].some((values) => values.some((v) => v !== null));
}

export function hasTestLoss(series: TrainingSeries): boolean {
  return series.testLoss.some((v) => v !== null);
}

export function hasValidation(series: TrainingSeries): boolean {
  return series.validationLoss.some((v) => v !== null);
}
