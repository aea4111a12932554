// The bridge between a `.nnjson` model and an engine Network.
// Seeds: weights that the file leaves out are drawn from createRng(training.seed),
// layer by layer in file order, so opening, training and the CLI all see the
// same initial network. Training draws its shuffles from a second stream,
// createRng(training.seed + 1), so changing the epoch count never changes the
// initial weights.

import { createRng, Dense, makeActivation, Network, type Layer, type Rng } from '../engine';
import type { ActivationName, DenseLayer, InitName, LayerSpec, NnModel } from './types';

/** The initialiser used when a Dense layer names none: He for ReLU-like layers, Glorot otherwise. */
export function defaultInit(model: NnModel, layerIndex: number): InitName {
  const next = model.layers[layerIndex + 1];
  const activation: ActivationName = next?.type === 'activation' ? next.activation : 'linear';
  return activation === 'relu' || activation === 'leakyRelu' ? 'he' : 'xavier';
}

/** The generator for initial weights. */
export function initRng(model: NnModel): Rng {
  return createRng(model.training.seed);
}

/** The generator for shuffles during training. */
export function trainingRng(model: NnModel): Rng {
  return createRng(model.training.seed + 1);
}

/** Builds the engine network; weights present in the file are copied, missing ones initialised from the seed. */
export function networkFromModel(model: NnModel, rng: Rng = initRng(model)): Network {
  const layers: Layer[] = [];
  let width = model.inputs;
  model.layers.forEach((spec, index) => {
    if (spec.type === 'dense') {
      layers.push(denseFromSpec(model, spec, index, width, rng));
      width = spec.units;
    } else {
      layers.push(makeActivation(spec.activation, spec.alpha));
    }
  });
  return new Network(model.inputs, layers);
}

function denseFromSpec(model: NnModel, spec: DenseLayer, index: number, inputSize: number, rng: Rng): Dense {
  const dense = new Dense(inputSize, spec.units);
  // Draw even when weights are present, so a file with some layers filled in
  // gives the remaining layers the same values as a file with none.
  dense.initialize(spec.init ?? defaultInit(model, index), rng);
  if (spec.weights) {
    spec.weights.forEach((row, j) => dense.weights.set(row, j * inputSize));
  }
  if (spec.bias) dense.bias.set(spec.bias);
  return dense;
}

/** A copy of the model whose Dense layers hold the network's current weights and biases. */
export function modelWithNetwork(model: NnModel, network: Network): NnModel {
  const dense = network.denseLayers();
  let k = 0;
  const layers: LayerSpec[] = model.layers.map((spec) => {
    if (spec.type !== 'dense') return { ...spec };
    const d = dense[k++];
    return { ...spec, weights: matrixRows(d.weights, d.units, d.inputSize), bias: Array.from(d.bias) };
  });
  return { ...model, layers };
}

/** The model with every missing weight and bias filled in from the seed; present values are kept. */
export function withInitializedWeights(model: NnModel): NnModel {
  const complete = model.layers.every((l) => l.type !== 'dense' || (l.weights !== undefined && l.bias !== undefined));
  return complete ? model : modelWithNetwork(model, networkFromModel(model));
}

/** Row-major flat storage to nested rows: rows[j][i] = data[j*cols + i]. */
export function matrixRows(data: ArrayLike<number>, rows: number, cols: number): number[][] {
  const out: number[][] = [];
  for (let j = 0; j < rows; j++) {
    const row = new Array<number>(cols);
    for (let i = 0; i < cols; i++) row[i] = data[j * cols + i];
    out.push(row);
  }
  return out;
}
