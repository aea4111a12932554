// loadModel: text → model, or every problem with its place in the text.
// Never throws: syntax, then format version, then the schema and the checks
// the schema cannot express; all problems are reported in document order.

import type { Node } from 'jsonc-parser';
import type { Issue } from './issue';
import { MAX_ERRORS, MAX_TEXT_LENGTH } from './limits';
import { Locator } from './locate';
import { migrate } from './migrate';
import { schemaValidator } from './schema';
import { schemaIssues } from './schemaErrors';
import { semanticIssues } from './semantic';
import { parseSyntax } from './syntax';
import { nodeValue, structureIssues } from './tree';
import type { LoadResult, ModelError, NnModel } from './types';

export function loadModel(text: string): LoadResult {
  try {
    return load(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ pointer: '', line: 1, column: 1, offset: 0, length: 0, message: `the file could not be read: ${reason} (line 1, column 1)` }] };
  }
}

function load(text: string): LoadResult {
  if (text.length > MAX_TEXT_LENGTH) {
    const message = `the file is larger than the limit of ${MAX_TEXT_LENGTH / (1024 * 1024)} MB (line 1, column 1)`;
    return { ok: false, errors: [{ pointer: '', line: 1, column: 1, offset: 0, length: 0, message }] };
  }
  const { root, issues: syntax } = parseSyntax(text);
  if (syntax.length > 0 || !root) return failure(text, root, syntax);

  const value = nodeValue(root);
  const migration = migrate(value);
  if (migration.errors.length > 0) return failure(text, root, migration.errors);

  const structure = structureIssues(root);
  const validate = schemaValidator();
  const schema = validate(migration.doc) ? [] : schemaIssues(validate.errors ?? []);
  // A non-finite number or duplicate key explains any schema complaint about the same value.
  const explained = new Set(structure.map((i) => i.pointer));
  const issues = [...structure, ...schema.filter((i) => !explained.has(i.pointer)), ...semanticIssues(migration.doc)];
  if (issues.length > 0) return failure(text, root, issues);

  const locator = new Locator(text, root);
  return { ok: true, model: migration.doc as NnModel, warnings: migration.warnings.map((w) => toModelError(locator, w)) };
}

function failure(text: string, root: Node | undefined, issues: readonly Issue[]): LoadResult {
  const locator = new Locator(text, root);
  const seen = new Set<string>();
  const errors: ModelError[] = [];
  for (const issue of issues) {
    const error = toModelError(locator, issue);
    const key = `${error.offset}:${error.pointer}:${error.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(error);
  }
  // Stable sort: problems at the same place keep the order they were found in.
  errors.sort((a, b) => a.offset - b.offset);
  return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
}

function toModelError(locator: Locator, issue: Issue): ModelError {
  const where = issue.range ? locator.at(issue.range.offset, issue.range.length) : locator.pointer(issue.pointer);
  return {
    pointer: issue.pointer,
    line: where.line,
    column: where.column,
    offset: where.offset,
    length: where.length,
    message: `${issue.message} (line ${where.line}, column ${where.column})`,
  };
}
