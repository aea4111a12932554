// JSON data in one of two shapes: an array of records ([{"x": 1, "label": "a"}, ...]),
// mapped like CSV columns; or matrices ({"inputs": [[...]], "targets": [[...]]}), taken
// as they are. Records are numbered from 1 in error messages.
import { JSON_WORDING, readNumber } from './cells';
import { RecordEncoder, inferTask } from './encoder';
import { jsonSyntaxError } from './jsonSyntax';
import { DataError, type ColumnMapping, type SampleSet } from './types';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fromRecords(records: unknown[], mapping: ColumnMapping): SampleSet {
  const fields = [...mapping.inputs, ...mapping.targets];
  const label = mapping.categorical?.column;
  if (label !== undefined && !fields.includes(label)) fields.push(label);
  const encoder = new RecordEncoder(fields, mapping, { wording: JSON_WORDING, emptyMessage: 'the data has no records' });
  const cells: unknown[] = new Array(fields.length);
  records.forEach((record, i) => {
    const row = i + 1;
    if (!isRecord(record)) throw new DataError(`record ${row} is not an object`, { row });
    for (let j = 0; j < fields.length; j++) {
      if (!(fields[j] in record)) throw new DataError(`record ${row} has no field "${fields[j]}"`, { row, column: fields[j] });
      cells[j] = record[fields[j]];
    }
    encoder.add(cells, row);
  });
  return encoder.finish();
}

function readMatrix(value: unknown, name: 'inputs' | 'targets', width: number, names: string[]): Float64Array {
  if (!Array.isArray(value)) throw new DataError(`"${name}" must be an array of rows`);
  const out = new Float64Array(value.length * width);
  value.forEach((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== width) {
      throw new DataError(`${name} row ${i + 1} must be an array of ${width} numbers`, { row: i + 1 });
    }
    row.forEach((cell: unknown, j) => { out[i * width + j] = readNumber(cell, JSON_WORDING, i + 1, names[j]); });
  });
  return out;
}

function fromMatrices(data: Record<string, unknown>, mapping: ColumnMapping): SampleSet {
  const { inputs, targets } = data;
  if (!Array.isArray(inputs) || !Array.isArray(targets)) throw new DataError('expected "inputs" and "targets" arrays of rows');
  if (inputs.length !== targets.length) {
    throw new DataError(`"inputs" has ${inputs.length} rows but "targets" has ${targets.length}`);
  }
  if (inputs.length === 0) throw new DataError('the data has no records');
  const width = (rows: unknown[]): number => (Array.isArray(rows[0]) ? rows[0].length : 0);
  const inputSize = width(inputs);
  const targetSize = width(targets);
  const named = (given: string[], size: number, prefix: string): string[] =>
    given.length === size ? given.slice() : Array.from({ length: size }, (_, j) => `${prefix}${j + 1}`);
  const inputNames = named(mapping.inputs, inputSize, 'x');
  const targetNames = named(mapping.targets, targetSize, 'y');
  const set: SampleSet = {
    count: inputs.length, inputSize, targetSize,
    inputs: readMatrix(inputs, 'inputs', inputSize, inputNames),
    targets: readMatrix(targets, 'targets', targetSize, targetNames),
    inputNames, targetNames, task: 'regression',
  };
  set.task = inferTask(set.targets, targetSize);
  if (set.task === 'binary') set.classes = ['0', '1'];
  if (set.task === 'multiclass') set.classes = targetNames.slice();
  return set;
}

/** Parses JSON text holding records or matrices; see the module comment. */
export function parseJsonData(text: string, mapping: ColumnMapping): SampleSet {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw jsonSyntaxError(text);
  }
  if (Array.isArray(data)) {
    if (data.length === 0) throw new DataError('the data has no records');
    return fromRecords(data, mapping);
  }
  if (isRecord(data) && 'inputs' in data) return fromMatrices(data, mapping);
  throw new DataError('expected an array of records or an object with "inputs" and "targets"');
}
