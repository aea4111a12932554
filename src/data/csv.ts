// CSV with a header row, parsed by papaparse. Text can arrive in chunks: each chunk is
// cut after its last newline outside quotes, and only whole rows reach the parser, so
// a 100 MB file costs one pass and a few growable buffers. Cells are trimmed and blank
// lines skipped; rows are numbered by line, the header being row 1.
import Papa from 'papaparse';
import { CSV_WORDING, isFiniteDecimal } from './cells';
import { RecordEncoder } from './encoder';
import { DataError, type ColumnMapping, type SampleSet } from './types';

export interface CsvProgress {
  /** Data rows read so far. */
  rows: number;
  /** Characters received so far. */
  characters: number;
}

export interface CsvStreamParser {
  push(chunk: string): void;
  finish(): SampleSet;
}

const QUOTE = 34;
const NEWLINE = 10;

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === NEWLINE;
}

/** A row whose cells are all blank, such as a line of spaces. */
function isBlankRow(cells: string[]): boolean {
  if (cells.length === 0) return true;
  if (cells[0].trim() !== '') return false;
  return cells.every((c) => c.trim() === '');
}

export function createCsvStreamParser(mapping: ColumnMapping, onProgress?: (progress: CsvProgress) => void): CsvStreamParser {
  let pending = '';
  let scanned = 0;
  let inQuotes = false;
  let lastCut = -1;
  let characters = 0;
  /** Line number of the first character of the next piece. */
  let line = 1;
  let delimiter = '';
  let linebreak: '\r' | '\n' | '\r\n' | undefined;
  let headerSize = 0;
  let encoder: RecordEncoder | undefined;

  const parsePiece = (text: string): void => {
    let counted = 0;
    let lineAt = line;
    let previousEnd = 0;
    /** Line of the first non-blank character at or after `from`. */
    const lineOfRowAt = (from: number): number => {
      let start = from;
      while (start < text.length && isBlank(text.charCodeAt(start))) start++;
      for (let nl = text.indexOf('\n', counted); nl >= 0 && nl < start; nl = text.indexOf('\n', nl + 1)) lineAt++;
      counted = start;
      return lineAt;
    };
    Papa.parse<string[]>(text, {
      delimiter,
      newline: linebreak,
      // papaparse's 'greedy' mode joins every row to test it; blank rows are cheaper to spot here.
      skipEmptyLines: true,
      step: (results) => {
        const cells = results.data;
        if (isBlankRow(cells)) {
          previousEnd = results.meta.cursor;
          return;
        }
        const row = lineOfRowAt(previousEnd);
        previousEnd = results.meta.cursor;
        delimiter ||= results.meta.delimiter;
        linebreak ??= results.meta.linebreak as '\r' | '\n' | '\r\n';
        const quoteProblem = results.errors.find((e) => e.type === 'Quotes' || e.type === 'FieldMismatch');
        if (quoteProblem) throw new DataError(`row ${row}: ${quoteProblem.message.toLowerCase()}`, { row });
        if (!encoder) {
          const header = cells.map((c) => c.trim());
          encoder = new RecordEncoder(header, mapping, { wording: CSV_WORDING, headerRow: row, emptyMessage: 'the file has a header row but no data rows' });
          headerSize = header.length;
          return;
        }
        if (cells.length !== headerSize) {
          throw new DataError(`row ${row} has ${cells.length} cells but the header has ${headerSize} columns`, { row });
        }
        encoder.add(cells, row);
      },
    });
    for (let nl = text.indexOf('\n', counted); nl >= 0; nl = text.indexOf('\n', nl + 1)) lineAt++;
    line = lineAt;
  };

  const report = (): void => onProgress?.({ rows: encoder?.rows ?? 0, characters });

  return {
    push(chunk: string): void {
      if (chunk.length === 0) return;
      pending += chunk;
      characters += chunk.length;
      if (!inQuotes && pending.indexOf('"', scanned) < 0) {
        const nl = pending.lastIndexOf('\n');
        if (nl >= scanned) lastCut = nl;
      } else {
        for (let i = scanned; i < pending.length; i++) {
          const c = pending.charCodeAt(i);
          if (c === QUOTE) inQuotes = !inQuotes;
          else if (c === NEWLINE && !inQuotes) lastCut = i;
        }
      }
      scanned = pending.length;
      if (lastCut >= 0) {
        const complete = pending.slice(0, lastCut + 1);
        pending = pending.slice(lastCut + 1);
        scanned = pending.length;
        lastCut = -1;
        parsePiece(complete);
      }
      report();
    },

    finish(): SampleSet {
      if (pending.trim() !== '') parsePiece(pending);
      pending = '';
      scanned = 0;
      if (!encoder) throw new DataError('the file is empty');
      report();
      return encoder.finish();
    },
  };
}

/** Parses a whole CSV text (header row first) into samples according to `mapping`. */
export function parseCsv(text: string, mapping: ColumnMapping): SampleSet {
  const parser = createCsvStreamParser(mapping);
  parser.push(text);
  return parser.finish();
}

/** The header, the first `rows` data rows (trimmed) and the columns whose previewed cells are all numbers. */
export function previewCsv(text: string, rows: number): { columns: string[]; rows: string[][]; numericColumns: string[] } {
  const parsed = Papa.parse<string[]>(text, { preview: Math.max(0, rows) + 1, skipEmptyLines: 'greedy' });
  const [header = [], ...body] = parsed.data.map((r) => r.map((c) => c.trim()));
  const numericColumns = body.length === 0 ? [] : header.filter((_, j) => body.every((r) => {
    const cell = r[j];
    return cell !== undefined && isFiniteDecimal(cell);
  }));
  return { columns: header, rows: body, numericColumns };
}
