// From the user's choice of columns to the document's next model: the `data`
// block, and, when the user agrees, the input count and output units resized
// to fit the data. Pure, so every rule is unit-tested without VS Code.

import { checkShapes, fitClassesToOutputs, type SampleSet } from '../../data';
import { Dense } from '../../engine/dense';
import { applyEdit, denseIndices, editRng } from '../../model/edits';
import { defaultInit, matrixRows, withInitializedWeights } from '../../model/network';
import type { DataSpec, DenseLayer, NnModel, NormalizationSpec } from '../../model/types';

export interface ColumnChoice {
  /** Relative to the `.nnjson` file's folder (see paths.ts). */
  path: string;
  inputs: string[];
  targets: string[];
  /** The single target column holds class labels. */
  categorical: boolean;
}

/** The split used when the document had none: a fifth of the rows held out for testing. */
export const DEFAULT_SPLIT = { test: 0.2 };

/** The method of the previous normalisation without its fitted numbers (they belong to the old data); z-score when there was none. */
function unfitted(previous: NormalizationSpec | undefined): NormalizationSpec {
  return { method: previous?.method ?? 'zscore' };
}

/**
 * The `data` block for a chosen file. The split and the normalisation method
 * of the previous block are kept; `classes` come from the parsed data, so the
 * output order is the order the file showed them in.
 */
export function fileDataSpec(choice: ColumnChoice, samples: Pick<SampleSet, 'classes'>, previous?: DataSpec): DataSpec {
  const spec: DataSpec = { source: 'file', path: choice.path, inputs: choice.inputs.slice(), targets: choice.targets.slice() };
  if (choice.categorical) {
    spec.categorical = { column: choice.targets[0], classes: samples.classes?.slice() ?? [] };
  }
  spec.normalization = unfitted(previous?.normalization);
  spec.split = previous?.split ? { ...previous.split } : { ...DEFAULT_SPLIT };
  return spec;
}

/** Units of the output layer (the last Dense layer); 0 when there is none. */
export function outputUnits(model: NnModel): number {
  const dense = denseIndices(model);
  const last = model.layers[dense[dense.length - 1]] as DenseLayer | undefined;
  return last?.units ?? 0;
}

/** What does not fit, in words, or undefined when the network already fits the data. */
export function shapeMismatch(model: NnModel, samples: SampleSet): string | undefined {
  return checkShapes(samples, model.inputs, outputUnits(model));
}

/** The first Dense layer refitted to `inputs` columns: weights of inputs both shapes have are kept, new ones drawn as a designer edit draws them. */
function withInputCount(model: NnModel, inputs: number): NnModel {
  if (model.inputs === inputs) return model;
  const full = withInitializedWeights(model);
  const at = denseIndices(full)[0];
  if (at === undefined) return { ...full, inputs };
  const spec = full.layers[at] as DenseLayer;
  const fresh = new Dense(inputs, spec.units);
  fresh.initialize(spec.init ?? defaultInit(full, at), editRng(full.training.seed, 0));
  const weights = matrixRows(fresh.weights, spec.units, inputs);
  spec.weights?.forEach((row, j) => {
    for (let i = 0; i < Math.min(inputs, row.length); i++) weights[j][i] = row[i];
  });
  const layers = full.layers.slice();
  layers[at] = { ...spec, weights };
  return { ...full, inputs, layers };
}

/**
 * The model with `data` set to `spec`. With `resize`, the input count and the
 * output layer's units follow the data. When the network fits the data, its
 * input and output names become the column and class names.
 */
export function modelWithData(model: NnModel, spec: DataSpec, samples: SampleSet, resize: boolean): NnModel {
  let next: NnModel = { ...model, data: spec };
  if (resize) {
    next = withInputCount(next, samples.inputSize);
    const dense = denseIndices(next);
    if (dense.length > 0 && fitClassesToOutputs(samples, outputUnits(next)).targetSize !== outputUnits(next)) {
      next = applyEdit(next, { kind: 'setUnits', dense: dense.length - 1, units: samples.targetSize });
    }
  }
  if (shapeMismatch(next, samples) !== undefined) return next;
  next = { ...next, inputNames: samples.inputNames.slice() };
  // Two classes are one-hot for a two-output network, so its outputs are named after the classes.
  const fitted = fitClassesToOutputs(samples, outputUnits(next));
  const outputNames = fitted.task === 'multiclass' && fitted.classes ? fitted.classes : fitted.targetNames;
  if (outputNames.length === fitted.targetSize) next = { ...next, outputNames: outputNames.slice() };
  return next;
}
