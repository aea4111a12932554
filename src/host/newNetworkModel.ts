// The model "NN Designer: New Network…" writes: Dense layers of the chosen
// sizes with ReLU between them, and an output activation and loss that suit
// the task. Weights are left to the seed, so the file stays short.

import type { ActivationName, LayerSpec, LossName, NnModel, TaskName } from '../model/types';

export interface NewNetworkOptions {
  inputs: number;
  hidden: number[];
  outputs: number;
  task: TaskName;
  name?: string;
}

export const TASKS: Record<TaskName, { label: string; loss: LossName; output: ActivationName; detail: string }> = {
  regression: { label: 'Regression', loss: 'mse', output: 'linear', detail: 'linear output, mean squared error' },
  binary: { label: 'Binary classification', loss: 'binaryCrossEntropy', output: 'sigmoid', detail: 'sigmoid output, binary cross-entropy' },
  multiclass: { label: 'Multi-class classification', loss: 'categoricalCrossEntropy', output: 'softmax', detail: 'softmax output, categorical cross-entropy' },
};

/** "8, 8" → [8, 8]; "" → []; undefined when any part is not a positive integer up to `max`. */
export function parseSizes(text: string, max: number): number[] | undefined {
  const parts = text.split(/[\s,]+/).filter((p) => p.length > 0);
  const sizes = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  return sizes.every((n) => Number.isInteger(n) && n >= 1 && n <= max) ? sizes : undefined;
}

export function newNetworkModel(options: NewNetworkOptions): NnModel {
  const { task } = options;
  const layers: LayerSpec[] = [];
  for (const units of options.hidden) {
    layers.push({ type: 'dense', units }, { type: 'activation', activation: 'relu' });
  }
  layers.push({ type: 'dense', units: options.outputs }, { type: 'activation', activation: TASKS[task].output });
  return {
    format: 'nnjson',
    version: 1,
    name: options.name ?? 'New network',
    inputs: options.inputs,
    layers,
    training: {
      task,
      loss: TASKS[task].loss,
      optimizer: { type: 'adam', learningRate: 0.01 },
      epochs: 100,
      batchSize: 16,
      seed: 42,
    },
  };
}
