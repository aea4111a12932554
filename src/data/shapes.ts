// Whether a data set fits a network, with a message a user can act on.
import type { SampleSet } from './types';

function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

function listed(names: string[]): string {
  const shown = names.slice(0, 6).join(', ');
  return names.length > 6 ? `${shown}, …` : shown;
}

/** undefined when the set has `inputSize` inputs and `outputSize` targets; otherwise what is wrong. */
export function checkShapes(set: SampleSet, inputSize: number, outputSize: number): string | undefined {
  const problems: string[] = [];
  if (set.inputSize !== inputSize) {
    problems.push(`the data has ${plural(set.inputSize, 'input column')} (${listed(set.inputNames)}) but the network takes ${plural(inputSize, 'input')}`);
  }
  if (set.targetSize !== outputSize) {
    const what = set.task === 'multiclass' && set.classes
      ? `${plural(set.classes.length, 'class', 'classes')} (${listed(set.classes)}), one output each,`
      : `${plural(set.targetSize, 'target column')} (${listed(set.targetNames)})`;
    problems.push(`the data has ${what} but the network has ${plural(outputSize, 'output')}`);
  }
  return problems.length > 0 ? problems.join('; ') : undefined;
}
