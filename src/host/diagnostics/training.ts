// Problems a training run finds, published by the training session through
// `reportTrainingProblems` and shown on the part of the file they are about.

import { locate } from '../../model/locate';
import type { Problem } from './problems';

export type TrainingProblem =
  /** The loss or the weights became NaN or infinite. */
  | { kind: 'divergence'; message: string; epoch?: number; suggestedLearningRate?: number; learningRate?: number }
  /** A ReLU layer whose units output zero for every sample; `layer` indexes model.layers (the Dense layer). */
  | { kind: 'deadRelu'; message: string; layer: number; epoch?: number }
  /** The loss rose for several epochs in a row. */
  | { kind: 'learningRateTooHigh'; message: string; epoch?: number; suggestedLearningRate?: number; learningRate?: number };
// `learningRate` is the rate the run trained with: once the file holds another, the problem is about a rate that is gone.

export const LEARNING_RATE_POINTER = '/training/optimizer/learningRate';

export function trainingPointer(problem: TrainingProblem): string {
  return problem.kind === 'deadRelu' ? `/layers/${problem.layer}` : LEARNING_RATE_POINTER;
}

/**
 * Places training problems in the current text; a pointer that no longer
 * exists falls back to its nearest ancestor. A learning-rate problem found at
 * a rate the text no longer holds (the fix was applied, or the user changed
 * it) is left out: the next run says whether the new rate does better.
 * `currentRate` is the rate the text holds, where the text loads as a model.
 */
export function locateTrainingProblems(text: string, problems: readonly TrainingProblem[], currentRate?: number): Problem[] {
  const stale = (p: TrainingProblem): boolean => p.kind !== 'deadRelu' && p.learningRate !== undefined && currentRate !== undefined && p.learningRate !== currentRate;
  const current = problems.filter((p) => !stale(p));
  return current.map((p) => {
    const pointer = trainingPointer(p);
    const where = locate(text, pointer);
    const located: Problem = { pointer, offset: where.offset, length: where.length, message: p.message, severity: 'warning', code: p.kind };
    if (p.kind !== 'deadRelu' && p.suggestedLearningRate !== undefined) located.suggestedLearningRate = p.suggestedLearningRate;
    return located;
  });
}

/** A learning rate rounded to two significant digits, so a suggestion such as 0.7 / 10 reads 0.07 and not 0.06999999999999999. */
export function roundLearningRate(rate: number): number {
  return Number(rate.toPrecision(2));
}

/** A learning rate ten times smaller, rounded so the file stays readable. */
export function lowerLearningRate(current: number): number {
  return roundLearningRate(current / 10);
}
