// The metrics a live snapshot carries: a confusion matrix for classification,
// MAE and R² for regression, measured on the test split when there is one.
// Computed only for the snapshots the host sees, not for every kept epoch.

import { confusionMatrix, meanAbsoluteError, rSquared, type SampleSet } from '../data';
import type { Network } from '../engine';
import { binaryTargetThreshold } from '../engine/metrics';
import type { TaskName } from '../model/types';
import type { SnapshotMetrics } from '../protocol/training';

export interface MetricsInput {
  network: Network;
  task: TaskName;
  train: SampleSet;
  test?: SampleSet;
  /** The model's `outputNames`, tried first for class names. */
  outputNames?: string[];
  /** Hinge-trained outputs split at 0 whatever the targets. */
  hinge?: boolean;
  /** The network's outputs on `test` for its current parameters, when already computed (Trainer.testPredictions). */
  testPredictions?: Float64Array;
}

export function snapshotMetrics(input: MetricsInput): SnapshotMetrics | undefined {
  const useTest = input.test !== undefined && input.test.count > 0;
  const set = useTest ? input.test! : input.train;
  if (set.count === 0) return undefined;
  // The epoch's test evaluation has usually just computed these; a second forward pass over the test set cost a tenth of MNIST's training.
  const predictions = (useTest && input.testPredictions) || input.network.predictBatch(set.inputs, set.count);
  if (input.task === 'regression') {
    return { mae: meanAbsoluteError(predictions, set.targets), r2: rSquared(predictions, set.targets, set.count, set.targetSize) };
  }
  const size = set.targetSize;
  const matrix =
    size === 1 ? binaryMatrix(predictions, set.targets, set.count, input.hinge ?? false) : confusionMatrix(predictions, set.targets, set.count, size);
  return { confusion: { classes: classNames(matrix.length, input.outputNames, set.classes), matrix, split: useTest ? 'test' : 'train' } };
}

/** Single-output counts with the engine's thresholds: 0 for {−1,+1} targets or hinge outputs, else 0.5. */
function binaryMatrix(predictions: Float64Array, targets: Float64Array, count: number, hinge: boolean): number[][] {
  const targetThreshold = binaryTargetThreshold(targets, count);
  const predictionThreshold = hinge ? 0 : targetThreshold;
  // Above the threshold is class 1, at it class 0: the engine's accuracy splits the same way.
  const side = (values: Float64Array, threshold: number): Float64Array => values.map((v) => (v > threshold ? 1 : 0));
  return confusionMatrix(side(predictions.subarray(0, count), predictionThreshold), side(targets.subarray(0, count), targetThreshold), count, 1);
}

/** The model's output names, else the data set's classes, else "0", "1", …; only a list of the right length counts. */
export function classNames(k: number, outputNames: string[] | undefined, classes: string[] | undefined): string[] {
  if (outputNames?.length === k) return [...outputNames];
  if (classes?.length === k) return [...classes];
  return Array.from({ length: k }, (_, i) => String(i));
}
