// Turns rows of cells, as named by a header, into a SampleSet according to a column
// mapping. CSV and JSON records both go through here, so they share every rule:
// mapped columns must exist, numbers must be finite, class labels become one-hot.
import type { TaskName } from '../model/types';
import { readLabel, readNumber, type Wording } from './cells';
import { GrowableFloat64 } from './growable';
import { DataError, type ColumnMapping, type SampleSet } from './types';

export interface EncoderOptions {
  wording: Wording;
  /** Where the header is, for errors about missing columns (row 1 of a CSV file). */
  headerRow?: number;
  /** The message when no row was added. */
  emptyMessage: string;
}

function columnIndex(header: string[], name: string, options: EncoderOptions): number {
  const index = header.indexOf(name);
  if (index < 0) {
    const where = options.headerRow !== undefined ? `${options.wording.row} ${options.headerRow}: ` : '';
    throw new DataError(`${where}${options.wording.column} "${name}" is missing (found: ${header.join(', ')})`,
      { row: options.headerRow, column: name });
  }
  if (header.indexOf(name, index + 1) >= 0) {
    throw new DataError(`${options.wording.column} "${name}" appears more than once in the header`,
      { row: options.headerRow, column: name });
  }
  return index;
}

function checkMapping(mapping: ColumnMapping): void {
  if (mapping.inputs.length === 0) throw new DataError('choose at least one input column');
  const seen = new Set<string>();
  for (const name of [...mapping.inputs, ...mapping.targets]) {
    if (seen.has(name)) throw new DataError(`column "${name}" is mapped twice`, { column: name });
    seen.add(name);
  }
  const label = mapping.categorical?.column;
  if (label !== undefined) {
    if (mapping.inputs.includes(label)) throw new DataError(`column "${label}" holds class labels and cannot be an input`, { column: label });
    if (mapping.targets.some((t) => t !== label)) {
      throw new DataError(`a categorical target must be the only target column; "${label}" is mapped with others`, { column: label });
    }
  }
}

export class RecordEncoder {
  private readonly inputIndex: number[];
  private readonly targetIndex: number[];
  private readonly labelIndex: number;
  private readonly labelColumn: string | undefined;
  private readonly classIds = new Map<string, number>();
  private readonly fixedClasses: boolean;
  private readonly inputs = new GrowableFloat64(4096);
  private readonly targets = new GrowableFloat64(1024);
  private count = 0;

  constructor(header: string[], private readonly mapping: ColumnMapping, private readonly options: EncoderOptions) {
    checkMapping(mapping);
    this.inputIndex = mapping.inputs.map((name) => columnIndex(header, name, options));
    this.labelColumn = mapping.categorical?.column;
    this.labelIndex = this.labelColumn === undefined ? -1 : columnIndex(header, this.labelColumn, options);
    this.targetIndex = this.labelColumn === undefined ? mapping.targets.map((name) => columnIndex(header, name, options)) : [];
    const given = mapping.categorical?.classes;
    this.fixedClasses = given !== undefined;
    given?.forEach((name, i) => {
      if (this.classIds.has(name)) throw new DataError(`class "${name}" is listed twice`, { column: this.labelColumn });
      this.classIds.set(name, i);
    });
  }

  get rows(): number {
    return this.count;
  }

  add(cells: ArrayLike<unknown>, row: number): void {
    const { wording } = this.options;
    const names = this.mapping.inputs;
    this.inputs.reserve(this.inputIndex.length);
    for (let j = 0; j < this.inputIndex.length; j++) {
      this.inputs.data[this.inputs.length++] = readNumber(cells[this.inputIndex[j]], wording, row, names[j]);
    }
    if (this.labelColumn !== undefined) {
      const label = readLabel(cells[this.labelIndex], wording, row, this.labelColumn);
      let id = this.classIds.get(label);
      if (id === undefined) {
        if (this.fixedClasses) {
          throw new DataError(`${wording.row} ${row}, ${wording.column} "${this.labelColumn}": "${label}" is not one of the classes ${[...this.classIds.keys()].join(', ')}`,
            { row, column: this.labelColumn });
        }
        id = this.classIds.size;
        this.classIds.set(label, id);
      }
      this.targets.push(id);
    } else {
      this.targets.reserve(this.targetIndex.length);
      for (let j = 0; j < this.targetIndex.length; j++) {
        this.targets.data[this.targets.length++] = readNumber(cells[this.targetIndex[j]], wording, row, this.mapping.targets[j]);
      }
    }
    this.count++;
  }

  finish(): SampleSet {
    if (this.count === 0) throw new DataError(this.options.emptyMessage);
    const inputs = this.inputs.toArray();
    const base = { count: this.count, inputSize: this.inputIndex.length, inputs, inputNames: this.mapping.inputs.slice() };
    if (this.labelColumn !== undefined) return { ...base, ...this.encodeClasses(this.labelColumn) };
    const targets = this.targets.toArray();
    const targetSize = this.targetIndex.length;
    const inferred = inferTask(targets, targetSize);
    const set: SampleSet = { ...base, targetSize, targets, targetNames: this.mapping.targets.slice(), task: inferred };
    if (inferred === 'binary') set.classes = ['0', '1'];
    if (inferred === 'multiclass') set.classes = this.mapping.targets.slice();
    return set;
  }

  private encodeClasses(column: string): Pick<SampleSet, 'targetSize' | 'targets' | 'targetNames' | 'classes' | 'task'> {
    const classes = [...this.classIds.keys()];
    if (classes.length < 2) {
      const found = classes.length === 1 ? `only one class ("${classes[0]}")` : 'no class';
      throw new DataError(`${this.options.wording.column} "${column}" has ${found}; a categorical target needs at least two`, { column });
    }
    const ids = this.targets.toArray();
    if (classes.length === 2) {
      return { targetSize: 1, targets: ids, targetNames: [column], classes, task: 'binary' };
    }
    const k = classes.length;
    const targets = new Float64Array(this.count * k);
    for (let s = 0; s < this.count; s++) targets[s * k + ids[s]] = 1;
    return { targetSize: k, targets, targetNames: classes.slice(), classes, task: 'multiclass' };
  }
}

/**
 * Numeric targets: one column of only 0 and 1 is a binary task; several columns that
 * are one-hot in every row are a multi-class task; anything else is regression.
 */
export function inferTask(targets: Float64Array, targetSize: number): TaskName {
  if (targetSize === 0) return 'regression';
  for (let i = 0; i < targets.length; i++) {
    if (targets[i] !== 0 && targets[i] !== 1) return 'regression';
  }
  if (targetSize === 1) return 'binary';
  for (let s = 0; s < targets.length; s += targetSize) {
    let sum = 0;
    for (let j = 0; j < targetSize; j++) sum += targets[s + j];
    if (sum !== 1) return 'regression';
  }
  return 'multiclass';
}
