// Loss and accuracy of a network over a whole dataset, without training.

import type { LossName, TaskName } from '../model/types';
import type { Dataset } from './dataset';
import { makeLoss, type Loss } from './losses';
import { binaryTargetThreshold, countCorrect } from './metrics';
import type { Network } from './network';

/** Samples per forward pass, so large datasets do not need one huge buffer. */
const CHUNK = 256;

export interface Evaluation {
  /** Sample-weighted mean of the loss. */
  loss: number;
  /** Present when the task is a classification (see reportsAccuracy). */
  accuracy?: number;
}

/** Accuracy is reported for 'binary' and 'multiclass' tasks; without a task, for every loss but MSE and MAE. */
export function reportsAccuracy(loss: LossName, task: TaskName | undefined): boolean {
  if (task !== undefined) return task !== 'regression';
  return loss !== 'mse' && loss !== 'mae';
}

/** Where a single output splits the classes: 0 for hinge (its outputs aim at ±1), else the targets' boundary. */
export function predictionThresholdFor(loss: LossName, targetThreshold: number): number {
  return loss === 'hinge' ? 0 : targetThreshold;
}

/** With `outputs` (at least count × outputs long), every sample's output is kept there too. */
export function evaluate(network: Network, data: Dataset, loss: Loss | LossName, task?: TaskName, outputs?: Float64Array): Evaluation {
  const lossFn = typeof loss === 'string' ? makeLoss(loss) : loss;
  const size = network.outputSize;
  const withAccuracy = reportsAccuracy(lossFn.name, task);
  const targetThreshold = binaryTargetThreshold(data.targets, data.count);
  const predictionThreshold = predictionThresholdFor(lossFn.name, targetThreshold);
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < data.count; start += CHUNK) {
    const n = Math.min(CHUNK, data.count - start);
    const x = data.inputs.subarray(start * data.inputSize, (start + n) * data.inputSize);
    const y = data.targets.subarray(start * size, (start + n) * size);
    const out = network.infer(x, n);
    outputs?.set(out.subarray(0, n * size), start * size);
    lossSum += lossFn.value(out, y, n, size) * n;
    if (withAccuracy) correct += countCorrect(out, y, n, size, predictionThreshold, targetThreshold);
  }
  const result: Evaluation = { loss: data.count > 0 ? lossSum / data.count : NaN };
  if (withAccuracy) result.accuracy = data.count > 0 ? correct / data.count : NaN;
  return result;
}
