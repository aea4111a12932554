// Quick fixes for problems in a `.nnjson` text, as the whole text after the fix.
// Edits go through jsonc-parser's `modify`, which keeps the rest of the text
// (layout, key order, unknown fields) exactly as it was.

import { applyEdits, getNodeValue, modify, parseTree, type FormattingOptions, type JSONPath, type ParseError } from 'jsonc-parser';
import { parsePointer, pointerToPath } from '../../model/pointer';
import type { Problem } from './problems';
import { lowerLearningRate, roundLearningRate } from './training';

export interface QuickFix {
  title: string;
  /** The document's text after the fix. */
  text: string;
  preferred: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fixes that obviously apply to `problem`; none when the text is not even JSON. */
export function quickFixes(text: string, problem: Pick<Problem, 'pointer' | 'code' | 'suggestedLearningRate'>): QuickFix[] {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!root || errors.length > 0) return [];
  const doc: unknown = getNodeValue(root);
  if (!isObj(doc)) return [];
  const edit = new TextEditor(text);

  if (problem.code === 'divergence' || problem.code === 'learningRateTooHigh') {
    const optimizer = isObj(doc.training) ? doc.training.optimizer : undefined;
    const current = isObj(optimizer) ? optimizer.learningRate : undefined;
    if (typeof current !== 'number' || !(current > 0) || !Number.isFinite(current)) return [];
    const suggested = problem.suggestedLearningRate !== undefined ? roundLearningRate(problem.suggestedLearningRate) : NaN;
    const next = suggested > 0 && suggested < current ? suggested : lowerLearningRate(current);
    return [{ title: `Lower the learning rate to ${next}`, text: edit.set(['training', 'optimizer', 'learningRate'], next).text, preferred: true }];
  }

  const [first, index, field, row] = parsePointer(problem.pointer);
  const layers = Array.isArray(doc.layers) ? doc.layers : [];
  if (first !== 'layers' || typeof index !== 'number' || !isObj(layers[index]) || layers[index].type !== 'dense') return [];
  const layer = layers[index];
  const fixes: QuickFix[] = [];

  const width = field === 'weights' && typeof row === 'number' && Array.isArray(layer.weights) ? (layer.weights as unknown[])[row] : undefined;
  const previous = previousDense(layers, index);
  if (Array.isArray(width) && width.length >= 1 && previous !== undefined && layers[previous].units !== width.length) {
    const fixed = new TextEditor(text).set(['layers', previous, 'units'], width.length);
    // The previous layer's own weights have the old number of rows; they are drawn afresh from the seed.
    fixed.remove(['layers', previous, 'weights'], layers[previous]).remove(['layers', previous, 'bias'], layers[previous]);
    fixes.push({ title: `Set units to match the next layer's input (${pointerToPath(`/layers/${previous}/units`)} = ${width.length})`, text: fixed.text, preferred: true });
  }
  const aboutWeights = field === 'weights' || field === 'bias' || problem.code === 'deadRelu';
  if (aboutWeights && ('weights' in layer || 'bias' in layer)) {
    const fixed = new TextEditor(text).remove(['layers', index, 'weights'], layer).remove(['layers', index, 'bias'], layer);
    fixes.push({ title: `Re-initialise weights of ${pointerToPath(`/layers/${index}`)} from the seed`, text: fixed.text, preferred: fixes.length === 0 });
  }
  return fixes;
}

function previousDense(layers: unknown[], index: number): number | undefined {
  for (let k = index - 1; k >= 0; k--) {
    const l = layers[k];
    if (isObj(l) && l.type === 'dense') return k;
  }
  return undefined;
}

/** Successive jsonc-parser modifications of one text, in its own layout. */
class TextEditor {
  private readonly options: FormattingOptions;

  constructor(public text: string) {
    const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
    this.options = { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
  }

  set(path: JSONPath, value: unknown): this {
    this.text = applyEdits(this.text, modify(this.text, path, value, { formattingOptions: this.options }));
    return this;
  }

  /** Removes the property `path` ends in, when `owner` has it. */
  remove(path: JSONPath, owner: unknown): this {
    const key = path[path.length - 1];
    if (isObj(owner) && typeof key === 'string' && key in owner) this.set(path, undefined);
    return this;
  }
}
