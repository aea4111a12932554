// Whether the network's output activation, loss and task suit the chosen data,
// and what would: classes want a squashing output with cross-entropy, values a
// linear output with MSE. The chooser asks before it changes them, in the same
// edit as the data block. Pure, so every rule is unit-tested without VS Code.

import { fitClassesToOutputs, type SampleSet } from '../../data';
import { applyEdit, denseIndices } from '../../model/edits';
import { denseLayers } from '../../model/layers';
import { inferTask } from '../../model/task';
import type { ActivationName, LossName, NnModel, TaskName } from '../../model/types';
import { outputUnits } from './mapping';

/** What the data calls for at the output. */
export interface TaskFit {
  task: TaskName;
  activation: ActivationName;
  loss: LossName;
  /** The number of classes, for classification. */
  classes?: number;
}

/** The network's output as it is, for the question. */
export interface OutputSetup {
  task: TaskName;
  activation: ActivationName;
  loss: LossName;
}

/**
 * The output the samples call for on a network with `outputs` outputs: two
 * classes on one output are 0/1 (sigmoid, binary cross-entropy), classes one-hot
 * over several outputs (two or more) are softmax with categorical cross-entropy,
 * and numbers are a linear output with MSE.
 */
export function fitForData(samples: SampleSet, outputs: number): TaskFit {
  const fitted = fitClassesToOutputs(samples, outputs);
  if (fitted.task === 'binary' && fitted.targetSize === 1) return { task: 'binary', activation: 'sigmoid', loss: 'binaryCrossEntropy', classes: 2 };
  if (fitted.task === 'multiclass') return { task: 'multiclass', activation: 'softmax', loss: 'categoricalCrossEntropy', classes: fitted.targetSize };
  return { task: 'regression', activation: 'linear', loss: 'mse' };
}

export function outputSetup(model: NnModel): OutputSetup {
  const dense = denseLayers(model);
  const activation = dense.length > 0 ? dense[dense.length - 1].activation : 'linear';
  return { task: inferTask(model, outputUnits(model)), activation, loss: model.training.loss };
}

/** Pairs of output activation and loss that train a task well; others (tanh with cross-entropy, softmax with MSE on values…) do not. */
function suits(setup: OutputSetup, task: TaskName): boolean {
  const { activation, loss } = setup;
  switch (task) {
    case 'binary':
      // The paper's AND network (tanh, MSE, 0/1 targets) learns its classes; hinge aims a linear or tanh output at ±1.
      if (loss === 'hinge') return activation === 'linear' || activation === 'tanh';
      return (activation === 'sigmoid' && loss !== 'categoricalCrossEntropy') || (activation === 'tanh' && (loss === 'mse' || loss === 'mae'));
    case 'multiclass':
      return activation === 'softmax' && (loss === 'categoricalCrossEntropy' || loss === 'crossEntropy' || loss === 'mse');
    case 'regression':
      return (loss === 'mse' || loss === 'mae') && activation !== 'softmax';
  }
}

/**
 * What to change so the network (already sized for the data, with its new data
 * block) trains on the samples as their task says, or undefined when it already does.
 */
export function taskMismatch(model: NnModel, samples: SampleSet): TaskFit | undefined {
  const wanted = fitForData(samples, outputUnits(model));
  const setup = outputSetup(model);
  return setup.task === wanted.task && suits(setup, wanted.task) ? undefined : wanted;
}

/** The model with the output activation, the loss and the task of `fit`. */
export function withTaskFit(model: NnModel, fit: TaskFit): NnModel {
  const dense = denseIndices(model);
  let next = model;
  if (dense.length > 0 && outputSetup(model).activation !== fit.activation) {
    next = applyEdit(next, { kind: 'setActivation', dense: dense.length - 1, activation: fit.activation });
  }
  return { ...next, training: { ...next.training, loss: fit.loss, task: fit.task } };
}

/** The change in words, e.g. "softmax outputs with categorical cross-entropy (3 classes)". */
export function describeFit(fit: TaskFit): string {
  switch (fit.task) {
    case 'binary':
      return 'one sigmoid output with binary cross-entropy (2 classes as 0 and 1)';
    case 'multiclass':
      return `${fit.classes ?? 'several'} softmax outputs with categorical cross-entropy (one per class)`;
    case 'regression':
      return 'linear outputs with mean squared error (regression)';
  }
}
