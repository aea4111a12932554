// What the data chooser shows about a file before anything is parsed in full:
// each column's first values, whether they all read as numbers, and the
// distinct labels seen, so a text column can be offered as classes.
// Pure: the command reads the file and hands the text here.

import { jsonSyntaxError } from '../../data/jsonSyntax';
import { DataError, previewCsv } from '../../data';
import { isFiniteDecimal } from '../../data/cells';

export type DataFileKind = 'csv' | 'json';

export interface ColumnProfile {
  name: string;
  /** The first values (up to TABLE_ROWS), as text. */
  values: string[];
  /** Every previewed value reads as a finite number. */
  numeric: boolean;
  /** Distinct values among the previewed rows, in order of first appearance, at most MAX_DISTINCT + 1. */
  distinct: string[];
}

export interface FilePreview {
  kind: DataFileKind;
  /** `records` maps named columns; `matrices` is {"inputs": [[…]], "targets": [[…]]}, taken as it is. */
  shape: 'records' | 'matrices';
  columns: ColumnProfile[];
  /** Rows read for the preview (the file may hold more). */
  rows: number;
}

/** Values shown per column in a picker. */
export const SHOWN_VALUES = 5;
/** Rows shown in the preview table. */
export const TABLE_ROWS = 20;
/** Rows read to spot numeric columns and classes. */
export const PREVIEW_ROWS = 200;
/** More distinct values than this, and a column is not offered as classes. */
export const MAX_DISTINCT = 50;

export function dataFileKind(path: string): DataFileKind | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.json')) return 'json';
  return undefined;
}

function cellText(cell: unknown): string {
  if (typeof cell === 'string') return cell.trim();
  if (cell === null || cell === undefined) return '';
  return typeof cell === 'object' ? JSON.stringify(cell) : String(cell);
}

function isNumberCell(cell: unknown): boolean {
  if (typeof cell === 'number') return Number.isFinite(cell);
  return typeof cell === 'string' && isFiniteDecimal(cell.trim());
}

function profile(name: string, cells: unknown[]): ColumnProfile {
  const distinct: string[] = [];
  const seen = new Set<string>();
  for (const cell of cells) {
    const text = cellText(cell);
    if (seen.has(text) || distinct.length > MAX_DISTINCT) continue;
    seen.add(text);
    distinct.push(text);
  }
  return {
    name,
    values: cells.slice(0, TABLE_ROWS).map(cellText),
    numeric: cells.length > 0 && cells.every(isNumberCell),
    distinct,
  };
}

function previewCsvText(text: string): FilePreview {
  const { columns, rows } = previewCsv(text.replace(/^\uFEFF/, ''), PREVIEW_ROWS);
  if (columns.length === 0 || columns.every((c) => c === '')) throw new DataError('the file is empty');
  const body = rows.filter((r) => r.length === columns.length);
  return { kind: 'csv', shape: 'records', columns: columns.map((name, j) => profile(name, body.map((r) => r[j]))), rows: body.length };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function previewJsonText(text: string): FilePreview {
  if (text.trim() === '') throw new DataError('the file is empty');
  let data: unknown;
  const json = text.replace(/^\uFEFF/, '');
  try {
    data = JSON.parse(json);
  } catch {
    throw jsonSyntaxError(json);
  }
  if (Array.isArray(data)) {
    if (data.length === 0) throw new DataError('the data has no records');
    const records = data.slice(0, PREVIEW_ROWS);
    const first = records[0];
    if (!isRecord(first)) throw new DataError('record 1 is not an object', { row: 1 });
    const columns = Object.keys(first).map((name) => profile(name, records.map((r) => (isRecord(r) ? r[name] : undefined))));
    return { kind: 'json', shape: 'records', columns, rows: records.length };
  }
  if (isRecord(data) && Array.isArray(data.inputs) && Array.isArray(data.targets)) {
    const matrixColumns = (rows: unknown[], prefix: string): ColumnProfile[] => {
      const sample = rows.slice(0, PREVIEW_ROWS);
      const width = Array.isArray(sample[0]) ? sample[0].length : 0;
      return Array.from({ length: width }, (_, j) =>
        profile(`${prefix}${j + 1}`, sample.map((r) => (Array.isArray(r) ? (r as unknown[])[j] : undefined))));
    };
    const columns = [...matrixColumns(data.inputs, 'x'), ...matrixColumns(data.targets, 'y')];
    return { kind: 'json', shape: 'matrices', columns, rows: Math.min(data.inputs.length, PREVIEW_ROWS) };
  }
  throw new DataError('expected an array of records or an object with "inputs" and "targets"');
}

/** The columns of a CSV or JSON text. Throws DataError when there is nothing to preview. */
export function previewDataText(text: string, kind: DataFileKind): FilePreview {
  return kind === 'csv' ? previewCsvText(text) : previewJsonText(text);
}

/** "numeric", or "text" with its classes when there are few enough to be classes. */
export function describeColumn(column: ColumnProfile): string {
  if (column.numeric) {
    const integral = column.distinct.every((v) => Number.isInteger(Number(v)));
    return integral && column.distinct.length <= 10 ? `numeric · values ${column.distinct.join(', ')}` : 'numeric';
  }
  if (column.distinct.length > MAX_DISTINCT) return 'text · many distinct values';
  return `text · ${column.distinct.length} classes: ${column.distinct.join(', ')}`;
}

/**
 * Whether a single target column is best read as class labels: text always;
 * numbers only when they are a few whole values other than just 0 and 1 (0/1
 * is already a binary target).
 */
export function suggestsClasses(column: ColumnProfile): boolean {
  if (!column.numeric) return column.distinct.length <= MAX_DISTINCT;
  const whole = column.distinct.every((v) => Number.isInteger(Number(v)));
  return whole && column.distinct.length > 2 && column.distinct.length <= 10;
}
