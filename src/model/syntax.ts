// Parses the text into a jsonc-parser tree and turns its syntax errors into
// plain sentences. Comments and trailing commas are errors: .nnjson is JSON.

import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Issue } from './issue';

// Keyed by name: ParseErrorCode is a const enum, which isolated modules cannot read.
const DESCRIPTIONS: Record<string, string | undefined> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected a colon after the property name',
  CommaExpected: 'expected a comma',
  CloseBraceExpected: 'expected a comma or a closing brace }',
  CloseBracketExpected: 'expected a comma or a closing bracket ]',
  EndOfFileExpected: 'unexpected text after the end of the document',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comment is not closed',
  UnexpectedEndOfString: 'string is not closed',
  UnexpectedEndOfNumber: 'number is incomplete',
  InvalidUnicode: 'invalid unicode escape in string',
  InvalidEscapeCharacter: 'invalid escape character in string',
  InvalidCharacter: 'invalid character in string',
};

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
  const comma = trailingCommaBefore(text, error);
  if (comma !== undefined) {
    return syntaxIssue(`trailing comma before ${text[error.offset]} is not allowed in JSON`, comma, 1);
  }
  const what = DESCRIPTIONS[printParseErrorCode(error.error)] ?? 'invalid JSON';
  if (error.offset >= text.length) return syntaxIssue(`the file ends too early: ${what}`, error.offset, 0);
  return syntaxIssue(what, error.offset, error.length);
}

/** The offset of a comma that directly precedes the closing bracket the error points at. */
function trailingCommaBefore(text: string, error: ParseError): number | undefined {
  const code = printParseErrorCode(error.error);
  if (code !== 'PropertyNameExpected' && code !== 'ValueExpected') return undefined;
  const close = text[error.offset];
  if (close !== '}' && close !== ']') return undefined;
  let i = error.offset - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return text[i] === ',' ? i : undefined;
}

function syntaxIssue(what: string, offset: number, length: number): Issue {
  return { pointer: '', message: `syntax error: ${what}`, range: { offset, length }, kind: 'syntax' };
}
