// The first rows of a data file as a plain-text table, for the read-only
// preview "Choose Training Data…" shows beside the editor while the columns
// are picked. Pure: it formats what columns.ts previewed.

import { describeColumn, type FilePreview } from './columns';

/** Widest a cell may be before it is cut with "…", so one long label cannot push the other columns off screen. */
export const MAX_CELL = 24;

function cut(text: string): string {
  // One line per row: a line break inside a quoted cell shows as a space.
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}…` : flat;
}

/**
 * `label`'s header and first rows, one column of text per data column, numbers
 * right-aligned, with the row number on the left and each column's kind (as
 * the pickers describe it) underneath.
 */
export function previewTable(preview: FilePreview, label: string): string {
  const shown = preview.columns.length === 0 ? 0 : Math.max(...preview.columns.map((c) => c.values.length));
  const header = ['#', ...preview.columns.map((c) => cut(c.name))];
  const rows = Array.from({ length: shown }, (_, r) => [String(r + 1), ...preview.columns.map((c) => cut(c.values[r] ?? ''))]);
  const numeric = [true, ...preview.columns.map((c) => c.numeric)];
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((row) => row[j].length)));
  const line = (cells: string[]): string => cells.map((cell, j) => (numeric[j] ? cell.padStart(widths[j]) : cell.padEnd(widths[j]))).join('  ').trimEnd();
  const of = preview.rows > shown ? ` of the ${preview.rows.toLocaleString('en')} rows read for the preview` : '';
  return [
    `${label}: the first ${shown} rows${of}. The columns are chosen in the list above; this preview closes when the choice is done.`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    'Columns:',
    ...preview.columns.map((c) => `  ${c.name}: ${describeColumn(c)}`),
    '',
  ].join('\n');
}
