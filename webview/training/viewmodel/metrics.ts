// Snapshot metrics as they arrive: a confusion matrix only when it is square,
// counted and named per class; MAE and R² only when they are numbers.
import type { SnapshotMetrics } from '../../../src/protocol/training';

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null;
}

function confusion(raw: unknown): SnapshotMetrics['confusion'] {
  if (!isObject(raw) || !Array.isArray(raw.classes) || !Array.isArray(raw.matrix)) return undefined;
  const k = raw.classes.length;
  if (k === 0 || raw.matrix.length !== k) return undefined;
  const matrix: number[][] = [];
  for (const row of raw.matrix as unknown[]) {
    if (!Array.isArray(row) || row.length !== k) return undefined;
    matrix.push(row.map((n: unknown) => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : 0)));
  }
  return { classes: raw.classes.map((c: unknown) => String(c)), matrix, split: raw.split === 'test' ? 'test' : 'train' };
}

export function normaliseMetrics(raw: unknown): SnapshotMetrics | undefined {
  if (!isObject(raw)) return undefined;
  const out: SnapshotMetrics = {};
  const c = confusion(raw.confusion);
  if (c) out.confusion = c;
  if (typeof raw.mae === 'number') out.mae = raw.mae;
  if (typeof raw.r2 === 'number') out.r2 = raw.r2;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The largest count, for shading; at least 1 so an empty matrix divides safely. */
export function maxCount(matrix: readonly (readonly number[])[]): number {
  return Math.max(1, ...matrix.flat());
}
