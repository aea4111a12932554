// Designer edits as pure functions of the model: applyEdit never changes its
// argument and returns the model the file should hold next.
//
// Indices in edits count Dense layers only ("dense 1" is the second Dense
// layer); a Dense layer's activation is the activation layer right after it.
// Structural edits first write out any weights the file leaves to the seed,
// because changing the layer list would otherwise change which numbers the
// seed gives every later layer, and the user would see weights they did not
// touch change. New weights come from a generator derived from the seed and
// the layer's position, drawn as a whole matrix of the new shape so that a
// given cell always gets the same value whatever the old shape was.

import { Dense } from '../engine/dense';
import { createRng, type Rng } from '../engine/random';
import { collapseLinear, linearRunError } from './collapse';
import { defaultInit, matrixRows, withInitializedWeights } from './network';
import type { ActivationLayer, ActivationName, DenseLayer, LayerSpec, NnModel } from './types';
import type { DesignerEdit } from '../protocol/webview';

/** An edit that does not fit the model it was made against (an index out of range, say). */
export class EditError extends Error {
  override readonly name = 'EditError';
}

/** Positions in model.layers of the Dense layers, in order. */
export function denseIndices(model: NnModel): number[] {
  const out: number[] = [];
  model.layers.forEach((l, i) => {
    if (l.type === 'dense') out.push(i);
  });
  return out;
}

/** The generator for weights created by an edit of the Dense layer at `dense`. */
export function editRng(seed: number, dense: number): Rng {
  return createRng((Math.trunc(seed) + Math.imul(dense + 1, 0x632be5ab)) >>> 0);
}

function checkIndex(value: number, count: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value >= count) {
    throw new EditError(`${what} ${value} does not exist (there are ${count})`);
  }
}

function denseAt(model: NnModel, layerIndex: number): DenseLayer {
  return model.layers[layerIndex] as DenseLayer;
}

/** Input width of every Dense layer, in Dense order. */
function inputWidths(model: NnModel): number[] {
  const widths: number[] = [];
  let width = model.inputs;
  for (const l of model.layers) {
    if (l.type === 'dense') {
      widths.push(width);
      width = l.units;
    }
  }
  return widths;
}

/**
 * The Dense layer at model.layers[layerIndex] reshaped to units × inputs:
 * weights[j][i] and bias[j] are kept where both shapes have them; new weights
 * are drawn with the layer's initialiser, new biases are zero.
 */
function reshape(model: NnModel, layerIndex: number, dense: number, inputs: number, units: number): DenseLayer {
  const spec = denseAt(model, layerIndex);
  const fresh = new Dense(inputs, units);
  fresh.initialize(spec.init ?? defaultInit(model, layerIndex), editRng(model.training.seed, dense));
  const weights = matrixRows(fresh.weights, units, inputs);
  const bias = Array.from(fresh.bias);
  if (spec.weights) {
    for (let j = 0; j < Math.min(units, spec.weights.length); j++) {
      const row = spec.weights[j];
      for (let i = 0; i < Math.min(inputs, row.length); i++) weights[j][i] = row[i];
    }
  }
  if (spec.bias) {
    for (let j = 0; j < Math.min(units, spec.bias.length); j++) bias[j] = spec.bias[j];
  }
  return { ...spec, units, weights, bias };
}

/** Refits the Dense layer after position `layerIndex` (if any) to `width` inputs. */
function refitNext(model: NnModel, afterLayer: number, width: number): NnModel {
  const dense = denseIndices(model);
  const k = dense.findIndex((p) => p > afterLayer);
  if (k < 0) return model;
  const layers = model.layers.slice();
  layers[dense[k]] = reshape(model, dense[k], k, width, denseAt(model, dense[k]).units);
  return { ...model, layers };
}

/** Output names follow the output layer's width. */
function fitOutputNames(model: NnModel): NnModel {
  const dense = denseIndices(model);
  if (!model.outputNames || dense.length === 0) return model;
  const units = denseAt(model, dense[dense.length - 1]).units;
  if (model.outputNames.length === units) return model;
  const names = model.outputNames.slice(0, units);
  for (let j = names.length; j < units; j++) names.push(`y${j + 1}`);
  return { ...model, outputNames: names };
}

const SOFTMAX_LAST = 'softmax may only follow the output layer';

function activationLayer(activation: ActivationName, previous?: ActivationLayer): ActivationLayer {
  const next: ActivationLayer = { ...previous, type: 'activation', activation };
  if (activation !== 'leakyRelu') delete next.alpha;
  return next;
}

function addLayer(model: NnModel, before: number, units: number, activation: ActivationName): NnModel {
  const dense = denseIndices(model);
  checkIndex(before, dense.length + 1, 'Dense layer position');
  if (activation === 'softmax' && before < dense.length) throw new EditError(SOFTMAX_LAST);
  const at = before < dense.length ? dense[before] : model.layers.length;
  const inputs = before === 0 ? model.inputs : denseAt(model, dense[before - 1]).units;
  const inserted: LayerSpec[] = [{ type: 'dense', units }, activationLayer(activation)];
  let next: NnModel = { ...model, layers: [...model.layers.slice(0, at), ...inserted, ...model.layers.slice(at)] };
  const layers = next.layers.slice();
  layers[at] = reshape(next, at, before, inputs, units);
  next = { ...next, layers };
  return fitOutputNames(refitNext(next, at, units));
}

function removeLayer(model: NnModel, index: number): NnModel {
  const dense = denseIndices(model);
  checkIndex(index, dense.length, 'Dense layer');
  if (index === dense.length - 1) throw new EditError('the output layer cannot be removed; change its units instead');
  const at = dense[index];
  const end = dense[index + 1];
  const inputs = inputWidths(model)[index];
  const next: NnModel = { ...model, layers: [...model.layers.slice(0, at), ...model.layers.slice(end)] };
  return refitNext(next, at - 1, inputs);
}

function setUnits(model: NnModel, index: number, units: number): NnModel {
  const dense = denseIndices(model);
  checkIndex(index, dense.length, 'Dense layer');
  if (denseAt(model, dense[index]).units === units) return model;
  const layers = model.layers.slice();
  layers[dense[index]] = reshape(model, dense[index], index, inputWidths(model)[index], units);
  return fitOutputNames(refitNext({ ...model, layers }, dense[index], units));
}

function setActivation(model: NnModel, index: number, activation: ActivationName): NnModel {
  const dense = denseIndices(model);
  checkIndex(index, dense.length, 'Dense layer');
  if (activation === 'softmax' && index < dense.length - 1) throw new EditError(SOFTMAX_LAST);
  const after = dense[index] + 1;
  const existing = model.layers[after];
  const layers = model.layers.slice();
  if (existing?.type === 'activation') {
    if (existing.activation === activation) return model;
    layers[after] = activationLayer(activation, existing);
  } else {
    layers.splice(after, 0, activationLayer(activation));
  }
  return { ...model, layers };
}

/** Replaces one Dense layer's spec, after checking its index. */
function withDense(model: NnModel, index: number, change: (spec: DenseLayer, inputs: number) => DenseLayer): NnModel {
  const dense = denseIndices(model);
  checkIndex(index, dense.length, 'Dense layer');
  const layers = model.layers.slice();
  layers[dense[index]] = change(denseAt(model, dense[index]), inputWidths(model)[index]);
  return { ...model, layers };
}

/** Edits after which the seed would give untouched layers different weights, or which need the values. */
function needsWeights(edit: DesignerEdit): boolean {
  switch (edit.kind) {
    case 'setLoss':
    case 'setOptimizer':
    case 'setTraining':
    case 'setInit':
      return false;
    default:
      return true;
  }
}

/** The model after one designer edit. Throws EditError when the edit does not fit the model. */
export function applyEdit(original: NnModel, edit: DesignerEdit): NnModel {
  const model = needsWeights(edit) ? withInitializedWeights(original) : original;
  switch (edit.kind) {
    case 'addLayer':
      return addLayer(model, edit.before, edit.units, edit.activation);
    case 'removeLayer':
      return removeLayer(model, edit.dense);
    case 'setUnits':
      return setUnits(model, edit.dense, edit.units);
    case 'setActivation':
      return setActivation(model, edit.dense, edit.activation);
    case 'setLoss':
      return { ...model, training: { ...model.training, loss: edit.loss } };
    case 'setOptimizer':
      return { ...model, training: { ...model.training, optimizer: edit.optimizer } };
    case 'setTraining':
      return { ...model, training: { ...model.training, [edit.field]: edit.value } };
    case 'setInit':
      return withDense(model, edit.dense, (spec) => ({ ...spec, init: edit.init }));
    case 'setWeight':
      return withDense(model, edit.dense, (spec, inputs) => {
        checkIndex(edit.neuron, spec.units, 'Neuron');
        checkIndex(edit.input, inputs, 'Input');
        const weights = (spec.weights ?? []).map((row) => row.slice());
        weights[edit.neuron][edit.input] = edit.value;
        return { ...spec, weights };
      });
    case 'setBias':
      return withDense(model, edit.dense, (spec) => {
        checkIndex(edit.neuron, spec.units, 'Neuron');
        const bias = (spec.bias ?? new Array<number>(spec.units).fill(0)).slice();
        bias[edit.neuron] = edit.value;
        return { ...spec, bias };
      });
    case 'collapseLinear': {
      const problem = linearRunError(model, edit.from, edit.to);
      if (problem) throw new EditError(problem);
      return collapseLinear(model, edit.from, edit.to);
    }
  }
}
