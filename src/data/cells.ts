// Reading one cell of tabular data as a number or as a class label, with errors that
// say where the bad cell is.
import { DataError } from './types';

/** How a location is spoken of: "row 4, column "x"" for CSV, "record 4, field "x"" for JSON. */
export interface Wording {
  row: 'row' | 'record';
  column: 'column' | 'field';
}

export const CSV_WORDING: Wording = { row: 'row', column: 'column' };
export const JSON_WORDING: Wording = { row: 'record', column: 'field' };

export function cellError(wording: Wording, row: number, column: string, problem: string): DataError {
  return new DataError(`${wording.row} ${row}, ${wording.column} "${column}": ${problem}`, { row, column });
}

/** Plain decimal notation only: no hex, binary or digit separators. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** Spellings of NaN and infinity. */
const NOT_FINITE_TEXT = /^[+-]?(nan|inf|infinity)$/i;

/** Whether trimmed text reads as a finite number under the rules of readNumber. */
export function isFiniteDecimal(text: string): boolean {
  return DECIMAL.test(text) && Number.isFinite(Number(text));
}

/** A finite number from a JSON number or a trimmed decimal string. */
export function readNumber(cell: unknown, wording: Wording, row: number, column: string): number {
  if (typeof cell === 'number') {
    if (Number.isFinite(cell)) return cell;
    throw cellError(wording, row, column, `${cell} is not a finite number`);
  }
  if (typeof cell !== 'string') {
    throw cellError(wording, row, column, `${JSON.stringify(cell) ?? String(cell)} is not a number`);
  }
  const text = cell.trim();
  if (text === '') throw cellError(wording, row, column, 'the cell is empty');
  if (DECIMAL.test(text)) {
    const value = Number(text);
    if (Number.isFinite(value)) return value;
  }
  if (NOT_FINITE_TEXT.test(text) || DECIMAL.test(text)) {
    throw cellError(wording, row, column, `"${text}" is not a finite number`);
  }
  throw cellError(wording, row, column, `"${text}" is not a number`);
}

/** A class label from a string or number cell. */
export function readLabel(cell: unknown, wording: Wording, row: number, column: string): string {
  if (typeof cell === 'number' && Number.isFinite(cell)) return String(cell);
  if (typeof cell === 'boolean') return String(cell);
  if (typeof cell !== 'string') {
    throw cellError(wording, row, column, `${JSON.stringify(cell) ?? String(cell)} is not a class label`);
  }
  const text = cell.trim();
  if (text === '') throw cellError(wording, row, column, 'the cell is empty');
  return text;
}
