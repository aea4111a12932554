// The data preview as it enters the webview: checked once, with names kept as text
// and cells as numbers (JSON's null for NaN stays NaN), and the words around it.
import type { DataPreview } from '../../../src/data/preview';

/** Rows and columns drawn at most, whatever a message claims. */
const MAX_ROWS = 50;
const MAX_COLUMNS = 200;

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null;
}

function names(value: unknown): string[] {
  return Array.isArray(value) ? value.slice(0, MAX_COLUMNS).map((v) => String(v)) : [];
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

export function normalisePreview(raw: unknown): DataPreview | undefined {
  if (!isObject(raw)) return undefined;
  const inputs = names(raw.inputs);
  const targets = names(raw.targets);
  const width = inputs.length + targets.length;
  if (width === 0 || !Array.isArray(raw.rows)) return undefined;
  const rows = raw.rows.slice(0, MAX_ROWS).filter(Array.isArray).map((r: unknown[]) =>
    Array.from({ length: width }, (_, j) => (typeof r[j] === 'number' ? (r[j] as number) : NaN)));
  const preview: DataPreview = { inputs, targets, rows, count: count(raw.count), train: count(raw.train), test: count(raw.test), validation: count(raw.validation) };
  const binary = names(raw.binaryClasses);
  if (binary.length === 2) preview.binaryClasses = [binary[0]!, binary[1]!];
  return preview;
}

/** A data cell: whole numbers as they are, others to five significant digits, very large or small ones in exponent form. */
export function cellText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e9) return String(value);
  if (value !== 0 && (Math.abs(value) >= 1e6 || Math.abs(value) < 1e-3)) return value.toExponential(2);
  return String(Number(value.toPrecision(5)));
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** "1,000 rows: 800 for training, 200 for testing." */
export function splitText(preview: DataPreview): string {
  const parts = [`${preview.train.toLocaleString('en-US')} for training`];
  if (preview.validation > 0) parts.push(`${preview.validation.toLocaleString('en-US')} for validation`);
  if (preview.test > 0) parts.push(`${preview.test.toLocaleString('en-US')} for testing`);
  return `${plural(preview.count, 'row')}: ${parts.join(', ')}.`;
}

/** What the table shows, for its caption. */
export function shownText(preview: DataPreview): string {
  const classes = preview.binaryClasses ? ` Target 0 is "${preview.binaryClasses[0]}", 1 is "${preview.binaryClasses[1]}".` : '';
  return `The first ${plural(preview.rows.length, 'training row')}, targets encoded as the network learns them, inputs before normalisation.${classes}`;
}
