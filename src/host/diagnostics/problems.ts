// What the Problems panel shows for a `.nnjson` text: every problem the loader
// finds, as an offset range and a message without the "(line, column)" suffix,
// because VS Code shows the place itself. Pure, so it is tested without VS Code.

import { loadModel } from '../../model/parse';
import type { ModelError, NnModel } from '../../model/types';

export type Severity = 'error' | 'warning' | 'information';

/** Where a problem comes from; it is also the diagnostic's code. */
export type ProblemCode = 'file' | 'data' | 'divergence' | 'deadRelu' | 'learningRateTooHigh';

export interface Problem {
  /** JSON pointer of the value the problem is about. */
  pointer: string;
  /** 0-based offset range in the text. */
  offset: number;
  length: number;
  message: string;
  severity: Severity;
  code: ProblemCode;
  /** For learning-rate problems: the rate the training session suggests. */
  suggestedLearningRate?: number;
}

const LOCATION_SUFFIX = / \(line \d+, column \d+\)$/;

export function withoutLocation(message: string): string {
  return message.replace(LOCATION_SUFFIX, '');
}

export function fromModelError(error: ModelError, severity: Severity): Problem {
  return { pointer: error.pointer, offset: error.offset, length: error.length, message: withoutLocation(error.message), severity, code: 'file' };
}

/** The loader's problems for `text`, and the model when it loads. */
export function modelProblems(text: string): { problems: Problem[]; model?: NnModel } {
  const loaded = loadModel(text);
  if (!loaded.ok) return { problems: loaded.errors.map((e) => fromModelError(e, 'error')) };
  return { problems: loaded.warnings.map((w) => fromModelError(w, 'warning')), model: loaded.model };
}

/** A zero-length range cannot be seen; widen it to one character where the text has one. */
export function visibleRange(offset: number, length: number, textLength: number): { start: number; end: number } {
  const start = Math.max(0, Math.min(offset, textLength));
  const end = Math.min(textLength, start + Math.max(length, 1));
  return { start, end };
}
