// Whether a data set fits a network, with a message a user can act on. Two classes
// fit either one 0/1 output or two one-hot outputs; the encoding follows the network.
import type { SampleSet } from './types';

function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

function listed(names: string[]): string {
  const shown = names.slice(0, 6).join(', ');
  return names.length > 6 ? `${shown}, …` : shown;
}

/** A 0/1 target with its two class names, as the encoder makes of a two-class column. */
function isTwoClassBinary(set: SampleSet): boolean {
  return set.task === 'binary' && set.targetSize === 1 && set.classes?.length === 2;
}

/**
 * The set encoded for a network with `outputSize` outputs: a two-class 0/1 target
 * becomes one-hot (class 0 in output 0, class 1 in output 1) when the network has two
 * outputs. Any other set is returned as it is; checkShapes says whether it fits.
 */
export function fitClassesToOutputs(set: SampleSet, outputSize: number): SampleSet {
  if (outputSize !== 2 || !isTwoClassBinary(set)) return set;
  const targets = new Float64Array(set.count * 2);
  for (let s = 0; s < set.count; s++) targets[s * 2 + (set.targets[s] === 1 ? 1 : 0)] = 1;
  const classes = set.classes!.slice();
  return { ...set, targetSize: 2, targets, targetNames: classes.slice(), classes, task: 'multiclass' };
}

/** undefined when the set, encoded for the network, has `inputSize` inputs and `outputSize` targets; otherwise what is wrong. */
export function checkShapes(set: SampleSet, inputSize: number, outputSize: number): string | undefined {
  const problems: string[] = [];
  if (set.inputSize !== inputSize) {
    problems.push(`the data has ${plural(set.inputSize, 'input column')} (${listed(set.inputNames)}) but the network takes ${plural(inputSize, 'input')}`);
  }
  const fitted = fitClassesToOutputs(set, outputSize);
  if (fitted.targetSize !== outputSize) {
    if (isTwoClassBinary(set)) {
      problems.push(`the data has 2 classes (${listed(set.classes!)}) but the network has ${plural(outputSize, 'output')}; two classes need 1 output (0 or 1) or 2 outputs (one per class)`);
    } else {
      const what = set.task === 'multiclass' && set.classes
        ? `${plural(set.classes.length, 'class', 'classes')} (${listed(set.classes)}), one output each,`
        : `${plural(set.targetSize, 'target column')} (${listed(set.targetNames)})`;
      problems.push(`the data has ${what} but the network has ${plural(outputSize, 'output')}`);
    }
  }
  return problems.length > 0 ? problems.join('; ') : undefined;
}
