// The networks every interop test runs on: each file in examples/ plus a few
// that cover every activation, a deep stack and stored input normalisation.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../../../src/engine';
import { loadModel } from '../../../src/model/parse';
import { withInitializedWeights } from '../../../src/model/network';
import type { LayerSpec, NnModel } from '../../../src/model/types';

const root = join(__dirname, '..', '..', '..');

function base(name: string, inputs: number, layers: LayerSpec[], extra: Partial<NnModel> = {}): NnModel {
  return {
    format: 'nnjson',
    version: 1,
    name,
    inputs,
    layers,
    training: { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.1 }, epochs: 10, batchSize: 1, seed: 7 },
    ...extra,
  };
}

const dense = (units: number, name?: string): LayerSpec => (name ? { type: 'dense', units, name } : { type: 'dense', units });
const act = (activation: 'relu' | 'leakyRelu' | 'sigmoid' | 'tanh' | 'softmax' | 'linear', alpha?: number): LayerSpec =>
  alpha === undefined ? { type: 'activation', activation } : { type: 'activation', activation, alpha };

/** Hand-made networks; weights are drawn from their seeds. */
export function builtModels(): NnModel[] {
  return [
    base('paper-and', 2, [dense(3), act('tanh'), dense(1), act('tanh')]),
    base('classes', 4, [dense(8), act('relu'), dense(6), act('leakyRelu', 0.2), dense(3), act('softmax')], {
      training: { loss: 'categoricalCrossEntropy', optimizer: { type: 'adam', learningRate: 0.01 }, epochs: 5, batchSize: 16, seed: 3 },
    }),
    base('sigmoid-linear', 3, [dense(5, 'hidden layer'), act('sigmoid'), dense(2), act('linear'), dense(2)], {
      training: { loss: 'binaryCrossEntropy', optimizer: { type: 'momentum', learningRate: 0.05, momentum: 0.9 }, epochs: 3, batchSize: 4, seed: 11 },
    }),
    base('scaled', 2, [dense(4), act('tanh'), dense(1), act('sigmoid')], {
      data: { source: 'builtin', name: 'xor', normalization: { method: 'zscore', mean: [0.5, -1.5], std: [2, 0.25] } },
    }),
  ];
}

/** Every examples/*.nnjson at test time, with missing weights filled from the seed. */
export function exampleModels(): NnModel[] {
  const dir = join(root, 'examples');
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.nnjson'));
  } catch {
    return [];
  }
  return files.map((file) => {
    const result = loadModel(readFileSync(join(dir, file), 'utf8'));
    if (!result.ok) throw new Error(`examples/${file}: ${result.errors[0].message}`);
    return result.model;
  });
}

export function allModels(): NnModel[] {
  return [...exampleModels(), ...builtModels()].map(withInitializedWeights);
}

/** Seeded input rows spread over [-3, 3]. */
export function randomRows(count: number, width: number, seed = 1): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => Array.from({ length: width }, () => rng() * 6 - 3));
}

export function maxAbsDiff(a: number[][], b: number[][]): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  a.forEach((row, s) => {
    if (row.length !== b[s].length) max = Infinity;
    row.forEach((v, k) => (max = Math.max(max, Math.abs(v - b[s][k]))));
  });
  return max;
}
