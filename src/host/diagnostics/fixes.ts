// Quick fixes for problems in a `.nnjson` text, as the whole text after the fix.
// Edits go through jsonc-parser's `modify`, which keeps the rest of the text
// (layout, key order, unknown fields) exactly as it was.

import { applyEdits, getNodeValue, modify, parseTree, type FormattingOptions, type JSONPath, type ParseError } from 'jsonc-parser';
import { parsePointer, pointerToPath } from '../../model/pointer';
import { tooDeep } from '../../model/syntax';
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

/** A fix worked out from the parsed document; `apply` makes its text, which is the costly part on a large file. */
export interface FixPlan {
  title: string;
  preferred: boolean;
  /** The document's text after the fix, for the text the plan was made from. */
  apply(text: string): string;
}

/** The document as a JSON object, or undefined when the text is not even JSON, or nested deeper than the loader reads. */
export function parseDocument(text: string): Obj | undefined {
  if (tooDeep(text) >= 0) return undefined;
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!root || errors.length > 0) return undefined;
  const doc: unknown = getNodeValue(root);
  return isObj(doc) ? doc : undefined;
}

/** The fixes that obviously apply to `problem`; none when the text is not even JSON. */
export function quickFixes(text: string, problem: Pick<Problem, 'pointer' | 'code' | 'suggestedLearningRate'>): QuickFix[] {
  const doc = parseDocument(text);
  if (!doc) return [];
  return fixPlans(doc, problem).map((plan) => ({ title: plan.title, text: plan.apply(text), preferred: plan.preferred }));
}

/** The fixes for `problem` in the parsed document `doc`, without making their texts. */
export function fixPlans(doc: Obj, problem: Pick<Problem, 'pointer' | 'code' | 'suggestedLearningRate'>): FixPlan[] {
  if (problem.code === 'divergence' || problem.code === 'learningRateTooHigh') {
    const optimizer = isObj(doc.training) ? doc.training.optimizer : undefined;
    const current = isObj(optimizer) ? optimizer.learningRate : undefined;
    if (typeof current !== 'number' || !(current > 0) || !Number.isFinite(current)) return [];
    const suggested = problem.suggestedLearningRate !== undefined ? roundLearningRate(problem.suggestedLearningRate) : NaN;
    const next = suggested > 0 && suggested < current ? suggested : lowerLearningRate(current);
    return [{ title: `Lower the learning rate to ${next}`, preferred: true, apply: (text) => new TextEditor(text).set(['training', 'optimizer', 'learningRate'], next).text }];
  }

  const [first, index, field, row] = parsePointer(problem.pointer);
  const layers = Array.isArray(doc.layers) ? doc.layers : [];
  if (first !== 'layers' || typeof index !== 'number' || !isObj(layers[index]) || layers[index].type !== 'dense') return [];
  const layer = layers[index];
  const plans: FixPlan[] = [];

  const width = field === 'weights' && typeof row === 'number' && Array.isArray(layer.weights) ? (layer.weights as unknown[])[row] : undefined;
  const previous = previousDense(layers, index);
  if (Array.isArray(width) && width.length >= 1 && previous !== undefined && layers[previous].units !== width.length) {
    const units = width.length;
    plans.push({
      title: `Set units to match the next layer's input (${pointerToPath(`/layers/${previous}/units`)} = ${units})`,
      preferred: true,
      apply: (text) => {
        const fixed = new TextEditor(text).set(['layers', previous, 'units'], units);
        // The previous layer's own weights have the old number of rows; they are drawn afresh from the seed.
        return fixed.remove(['layers', previous, 'weights'], layers[previous]).remove(['layers', previous, 'bias'], layers[previous]).text;
      },
    });
  }
  const aboutWeights = field === 'weights' || field === 'bias' || problem.code === 'deadRelu';
  if (aboutWeights && ('weights' in layer || 'bias' in layer)) {
    plans.push({
      title: `Re-initialise weights of ${pointerToPath(`/layers/${index}`)} from the seed`,
      preferred: plans.length === 0,
      apply: (text) => new TextEditor(text).remove(['layers', index, 'weights'], layer).remove(['layers', index, 'bias'], layer).text,
    });
  }
  return plans;
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
