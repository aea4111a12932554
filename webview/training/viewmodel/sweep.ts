// The backward sweep: after an epoch the highlight travels from the output
// column to the input column, one column per step, as backpropagation does.

/** Column indices in the order the sweep lights them: L, L − 1, …, 0. */
export function sweepOrder(columns: number): number[] {
  return Array.from({ length: Math.max(0, columns) }, (_, k) => columns - 1 - k);
}

/** The step lit `elapsedMs` after the start, or undefined once the sweep is over. */
export function sweepStepAt(elapsedMs: number, stepMs: number, steps: number): number | undefined {
  if (steps <= 0) return undefined;
  const step = Math.floor(Math.max(0, elapsedMs) / Math.max(1, stepMs));
  return step < steps ? step : undefined;
}

export type SweepState = 'pending' | 'active' | 'done';

/**
 * A column's place in the sweep while column `lit` is lit. The links into a
 * column share its state: they carry the dL/dW computed when the sweep is there.
 */
export function sweepState(column: number, lit: number | undefined): SweepState {
  if (lit === undefined || column > lit) return 'done';
  return column === lit ? 'active' : 'pending';
}

/** Opacity factor for links into `column`. */
export function sweepAlpha(column: number, lit: number | undefined): number {
  const state = sweepState(column, lit);
  return state === 'pending' ? 0.15 : 1;
}

/** Milliseconds per column for a speed slider position from 1 (slow) to 10 (fast). */
export function stepMsForSpeed(speed: number): number {
  const s = Math.min(10, Math.max(1, speed));
  return Math.round(600 / s);
}
