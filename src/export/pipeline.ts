// From a model to the flat stage list the exporters write. Weights missing
// from the file are filled from the seed, so an untrained network exports the
// same numbers the editor shows.

import { withInitializedWeights } from '../model/network';
import { scaleInputs } from '../model/samples';
import type { NnModel } from '../model/types';
import { InteropError, type DenseStage, type Stage } from './types';

/** The stored input normalisation as x·scale + shift per feature; absent when it is the identity. */
export interface InputScaling {
  scale: number[];
  shift: number[];
}

export interface Pipeline {
  inputs: number;
  outputs: number;
  stages: Stage[];
  scaling?: InputScaling;
}

/**
 * Min-max and z-score scaling are per-feature affine maps, so evaluating the
 * model's own scaling at x = 0 and x = 1 recovers shift and scale exactly
 * without restating either formula here.
 */
export function inputScaling(model: NnModel): InputScaling | undefined {
  const zeros = new Array<number>(model.inputs).fill(0);
  const ones = new Array<number>(model.inputs).fill(1);
  const [shift, atOne] = scaleInputs(model, [zeros, ones]);
  const scale = atOne.map((v, i) => v - shift[i]);
  const identity = scale.every((s) => s === 1) && shift.every((c) => c === 0);
  return identity ? undefined : { scale, shift };
}

/** Python- and ONNX-safe names, unique within the network. */
function stageNames(model: NnModel): string[] {
  const used = new Set<string>();
  const counters = new Map<string, number>();
  return model.layers.map((layer) => {
    const base = layer.type === 'dense' ? 'dense' : layer.activation.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    let name = layer.name ? layer.name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=[0-9])/, '_') : '';
    if (name === '' || used.has(name)) {
      let k = counters.get(base) ?? 0;
      do name = `${base}_${++k}`;
      while (used.has(name));
      counters.set(base, k);
    }
    used.add(name);
    return name;
  });
}

/**
 * The stages of the model. With `foldScaling`, the input normalisation is
 * folded into the first Dense layer: W(a⊙x + c) + b = (W·diag a)x + (W·c + b).
 */
export function pipelineOf(source: NnModel, foldScaling: boolean): Pipeline {
  const model = withInitializedWeights(source);
  const names = stageNames(model);
  let width = model.inputs;
  const stages: Stage[] = model.layers.map((layer, index) => {
    if (layer.type === 'activation') {
      return { kind: 'activation', name: names[index], activation: layer.activation, alpha: layer.alpha ?? 0.01 };
    }
    const stage: DenseStage = {
      kind: 'dense',
      name: names[index],
      inputSize: width,
      units: layer.units,
      weights: (layer.weights ?? []).map((row) => [...row]),
      bias: [...(layer.bias ?? new Array<number>(layer.units).fill(0))],
    };
    width = layer.units;
    return stage;
  });
  const scaling = inputScaling(model);
  if (!scaling || !foldScaling) return { inputs: model.inputs, outputs: width, stages, scaling };
  const first = stages[0];
  if (first?.kind !== 'dense') {
    throw new InteropError('the input normalisation can only be carried over when the first layer is a dense layer');
  }
  return { inputs: model.inputs, outputs: width, stages: [foldInto(first, scaling), ...stages.slice(1)] };
}

function foldInto(dense: DenseStage, { scale, shift }: InputScaling): DenseStage {
  const weights = dense.weights.map((row) => row.map((w, i) => w * scale[i]));
  const bias = dense.bias.map((b, j) => b + dense.weights[j].reduce((sum, w, i) => sum + w * shift[i], 0));
  return { ...dense, weights, bias };
}
