// Turns Ajv's errors into plain sentences written from the schema itself,
// e.g. "layers[2].units must be a positive integer".

import type { ErrorObject } from 'ajv';
import type { Issue } from './issue';
import { pointerToPath } from './pointer';

type SchemaNode = Record<string, unknown>;

export function schemaIssues(errors: readonly ErrorObject[]): Issue[] {
  const issues: Issue[] = [];
  // A value of the wrong type is said once, as a type problem, not again as "must be one of".
  const mistyped = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  for (const error of errors) {
    if ((error.keyword === 'enum' || error.keyword === 'const') && mistyped.has(error.instancePath)) continue;
    const message = describeError(error);
    if (message !== undefined) issues.push({ pointer: error.instancePath, message, kind: 'schema' });
  }
  return issues;
}

function describeError(error: ErrorObject): string | undefined {
  const path = pointerToPath(error.instancePath);
  const parent = (error.parentSchema ?? {}) as SchemaNode;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
      // Always accompanied by the specific error from the "then" branch.
      return undefined;
    case 'required':
      return `${path} is missing "${String(params.missingProperty)}"`;
    case 'enum':
      return `${path} must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const':
      return `${path} must be ${JSON.stringify(params.allowedValue)}`;
    case 'minItems':
      return params.limit === 1 ? `${path} must not be empty` : `${path} must have at least ${String(params.limit)} items`;
    case 'minLength':
      return `${path} must not be empty`;
    case 'type':
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${path} must be ${expected(parent)}`;
    default:
      return `${path} ${error.message ?? 'is not valid'}`;
  }
}

/** A noun phrase for what a schema accepts: "a positive integer", "a number at least 0 and less than 1". */
export function expected(schema: SchemaNode): string {
  const type = schema.type;
  if (type === 'integer' || type === 'number') return numberPhrase(type, schema);
  switch (type) {
    case 'string':
      return schema.minLength === 1 ? 'a non-empty string' : 'a string';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'null':
      return 'null';
    default:
      return 'a valid value';
  }
}

function numberPhrase(type: 'integer' | 'number', schema: SchemaNode): string {
  const noun = type === 'integer' ? 'integer' : 'number';
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema;
  const hasUpper = maximum !== undefined || exclusiveMaximum !== undefined;
  if (!hasUpper) {
    if ((type === 'integer' && minimum === 1) || exclusiveMinimum === 0) return `a positive ${noun}`;
    if (minimum === 0) return `a non-negative ${noun}`;
  }
  const bounds: string[] = [];
  if (minimum !== undefined) bounds.push(`at least ${String(minimum)}`);
  if (exclusiveMinimum !== undefined) bounds.push(`greater than ${String(exclusiveMinimum)}`);
  if (maximum !== undefined) bounds.push(`at most ${String(maximum)}`);
  if (exclusiveMaximum !== undefined) bounds.push(`less than ${String(exclusiveMaximum)}`);
  const article = type === 'integer' ? 'an' : 'a';
  return bounds.length === 0 ? `${article} ${noun}` : `${article} ${noun} ${bounds.join(' and ')}`;
}

