// serializeModel: the canonical text of a model. Two-space indentation,
// known keys in a fixed order, numbers in their shortest round-trip form,
// arrays of plain values on one line and matrices one row per line, so that
// changing one weight changes one line of the diff.

import { orderedKeys } from './keyOrder';
import type { NnModel } from './types';

export function serializeModel(model: NnModel): string {
  return write(model, '', '') + '\n';
}

function write(value: unknown, path: string, indent: string): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'number':
      return formatNumber(value);
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'object':
      return Array.isArray(value) ? writeArray(value, path, indent) : writeObject(value as Record<string, unknown>, path, indent);
    default:
      return 'null';
  }
}

/**
 * Number#toString gives the shortest decimal that reads back to the same double.
 * JSON has no NaN or Infinity: they are written as null, which loading then
 * reports at that exact value instead of reading a wrong number back.
 */
export function formatNumber(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

const isPlain = (v: unknown): boolean => v === null || (typeof v !== 'object' && v !== undefined);

function writeArray(items: readonly unknown[], path: string, indent: string): string {
  if (items.length === 0) return '[]';
  if (items.every(isPlain)) return `[${items.map((v) => write(v, '', '')).join(', ')}]`;
  const inner = indent + '  ';
  const lines = items.map((item) => inner + write(item, `${path}/*`, inner));
  return `[\n${lines.join(',\n')}\n${indent}]`;
}

function writeObject(obj: Record<string, unknown>, path: string, indent: string): string {
  const keys = orderedKeys(path, obj).filter((k) => obj[k] !== undefined);
  if (keys.length === 0) return '{}';
  const inner = indent + '  ';
  const lines = keys.map((k) => `${inner}${JSON.stringify(k)}: ${write(obj[k], `${path}/${escapeKey(k)}`, inner)}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

/** Keeps a key that contains "/" or "*" from matching a known path by accident. */
function escapeKey(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1').replace(/\*/g, '~2');
}
