// What a training run tells the user about the network, for the Problems
// panel: where it diverged, which ReLU layers died, and whether the learning
// rate is so high that the loss keeps climbing. Pure, from the session's view.

import { denseLayers } from '../../model/layers';
import type { NnModel } from '../../model/types';
import type { TrainingView } from '../../protocol/training';
import { roundLearningRate, type TrainingProblem } from '../diagnostics/training';

/** Epochs in a row the training loss must rise before the learning rate is blamed. */
export const RISING_EPOCHS = 5;
/** Share of a ReLU layer's units that must be dead for the layer to be reported. */
export const DEAD_SHARE = 0.5;

/** The number of epochs at the end of the series over which the loss rose every time. */
export function risingRun(loss: readonly number[]): number {
  let run = 0;
  for (let k = loss.length - 1; k > 0 && loss[k] > loss[k - 1]; k--) run++;
  return run;
}

export function trainingProblems(model: NnModel, view: TrainingView): TrainingProblem[] {
  const problems: TrainingProblem[] = [];
  const rate = model.training.optimizer.learningRate;
  const latest = view.latest;
  if (latest?.divergence) {
    const d = latest.divergence;
    const suggested = roundLearningRate(rate / 10);
    problems.push({
      kind: 'divergence',
      epoch: d.epoch,
      suggestedLearningRate: suggested,
      learningRate: rate,
      message: `Training diverged at epoch ${d.epoch}: the ${d.what} of Dense layer ${d.dense + 1} became NaN or infinite. Try a learning rate of ${suggested} or lower.`,
    });
  }
  const rising = risingRun(view.series.loss);
  if (!latest?.divergence && rising >= RISING_EPOCHS) {
    const suggested = roundLearningRate(rate / 2);
    problems.push({
      kind: 'learningRateTooHigh',
      epoch: view.series.loss.length,
      suggestedLearningRate: suggested,
      learningRate: rate,
      message: `The training loss rose for the last ${rising} epochs; the learning rate ${rate} is probably too high. Try ${suggested}.`,
    });
  }
  const dense = denseLayers(model);
  for (const layer of latest?.layers ?? []) {
    const info = dense[layer.dense];
    if (!info || info.activation !== 'relu' || layer.units === 0) continue;
    const dead = layer.deadUnits.length;
    if (dead / layer.units < DEAD_SHARE) continue;
    problems.push({
      kind: 'deadRelu',
      layer: info.index,
      epoch: latest?.epoch,
      message:
        `${dead} of ${layer.units} ReLU units of Dense layer ${layer.dense + 1} never fired in epoch ${latest?.epoch}: they pass no gradient and stop learning. ` +
        'A lower learning rate, LeakyReLU, or He initialisation usually helps.',
    });
  }
  return problems;
}
