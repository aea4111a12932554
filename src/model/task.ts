// The task a network is trained for, which decides the metrics it reports:
// accuracy and a confusion matrix for classification, MAE and R² for regression.
//
// The rule, first match wins:
//   1. `training.task`, when the file sets it.
//   2. A classification loss (binary or categorical cross-entropy, hinge):
//      binary with one output, multiclass with more.
//   3. What the data block says: a built-in set's own task, or a file's
//      categorical column (classes). One output is then binary, more multiclass.
//   4. The output activation (the activation layer after the last Dense layer):
//      softmax over several outputs is multiclass; sigmoid or tanh on a single
//      output is binary (a squashed output trained towards 0/1 or ±1, as the
//      paper's AND network is); anything else, or several sigmoid or tanh
//      outputs, is regression.
// A numeric target column says nothing either way (it may be 0/1 labels or
// values), so a file without a categorical column leaves the choice to rule 4.

import { findBuiltin } from '../data/builtins';
import { denseLayers } from './layers';
import type { LossName, NnModel, TaskName } from './types';

const CLASSIFICATION_LOSSES: ReadonlySet<LossName> = new Set(['crossEntropy', 'binaryCrossEntropy', 'categoricalCrossEntropy', 'hinge']);

function classification(outputSize: number): TaskName {
  return outputSize === 1 ? 'binary' : 'multiclass';
}

/** Whether the data block names classes (true), values (false), or cannot tell (undefined). */
function dataHoldsClasses(model: NnModel): boolean | undefined {
  const spec = model.data;
  if (spec?.source === 'builtin') {
    const task = findBuiltin(spec.name)?.task;
    return task === undefined ? undefined : task !== 'regression';
  }
  if (spec?.source === 'file' && spec.categorical) return true;
  return undefined;
}

/** The task a model is trained for: as declared, else inferred by the rule above. */
export function inferTask(model: NnModel, outputSize: number): TaskName {
  if (model.training.task) return model.training.task;
  if (CLASSIFICATION_LOSSES.has(model.training.loss)) return classification(outputSize);
  const classes = dataHoldsClasses(model);
  if (classes !== undefined) return classes ? classification(outputSize) : 'regression';
  const dense = denseLayers(model);
  const activation = dense.length > 0 ? dense[dense.length - 1].activation : 'linear';
  if (activation === 'softmax' && outputSize > 1) return 'multiclass';
  if ((activation === 'sigmoid' || activation === 'tanh') && outputSize === 1) return 'binary';
  return 'regression';
}
