// JSON syntax errors in plain words, from jsonc-parser's error codes: shared by
// the `.nnjson` loader (src/model/syntax.ts) and JSON data files.

import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { DataError } from './types';

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

/** One syntax error in words, and the span of text it is about. */
export interface JsonSyntaxProblem {
  what: string;
  offset: number;
  length: number;
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

export function describeJsonError(text: string, error: ParseError): JsonSyntaxProblem {
  const comma = trailingCommaBefore(text, error);
  if (comma !== undefined) return { what: `trailing comma before ${text[error.offset]} is not allowed in JSON`, offset: comma, length: 1 };
  const what = DESCRIPTIONS[printParseErrorCode(error.error)] ?? 'invalid JSON';
  if (error.offset >= text.length) return { what: `the file ends too early: ${what}`, offset: error.offset, length: 0 };
  return { what, offset: error.offset, length: error.length };
}

/** 1-based line and column (in characters) of an offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/**
 * Why text that JSON.parse refused is not JSON, with the line and column of the
 * first error: "the file is not valid JSON: expected a comma (line 3, column 14)".
 */
export function jsonSyntaxError(text: string): DataError {
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return new DataError('the file is not valid JSON');
  const problem = describeJsonError(text, first);
  const { line, column } = lineAndColumn(text, problem.offset);
  return new DataError(`the file is not valid JSON: ${problem.what} (line ${line}, column ${column})`);
}
