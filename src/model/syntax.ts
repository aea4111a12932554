// Parses the text into a jsonc-parser tree and turns its syntax errors into
// plain sentences. Comments and trailing commas are errors: .nnjson is JSON.

import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { describeJsonError } from '../data/jsonSyntax';
import type { Issue } from './issue';

export interface SyntaxResult {
  root: Node | undefined;
  issues: Issue[];
}

/**
 * Brackets nested deeper than this are refused before parsing: a network file
 * needs fewer than ten levels, and the tree walks after the parse recurse.
 */
export const MAX_NESTING = 256;

/** The offset of the first bracket that opens level MAX_NESTING + 1, outside strings; -1 when there is none. */
export function tooDeep(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_NESTING) return i;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return -1;
}

export function parseSyntax(text: string): SyntaxResult {
  const deep = tooDeep(text);
  if (deep >= 0) {
    return { root: undefined, issues: [syntaxIssue(`brackets are nested more than ${MAX_NESTING} levels deep`, deep, 1)] };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  if (text.trim() === '') {
    return { root: undefined, issues: [syntaxIssue('the file is empty; expected a JSON object', 0, 0)] };
  }
  const issues: Issue[] = [];
  const seen = new Set<number>();
  for (const error of errors) {
    // jsonc-parser often reports a second error at the same spot while recovering.
    if (seen.has(error.offset)) continue;
    seen.add(error.offset);
    issues.push(describe(text, error));
  }
  return { root, issues };
}

function describe(text: string, error: ParseError): Issue {
  const problem = describeJsonError(text, error);
  return syntaxIssue(problem.what, problem.offset, problem.length);
}

function syntaxIssue(what: string, offset: number, length: number): Issue {
  return { pointer: '', message: `syntax error: ${what}`, range: { offset, length }, kind: 'syntax' };
}
