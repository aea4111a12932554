// `nnjson predict FILE --input "0,1"` or `--csv DATA`: runs the trained network
// forward, applying the normalisation stored at training time.

import { DataError, parseCsv } from '../data';
import { useWasmKernels } from '../kernels/node';
import { networkFromModel } from '../model/network';
import { outputClasses, scaleInputs } from '../model/samples';
import type { NnModel } from '../model/types';
import { CliError, readModel, readText } from './io';

export interface PredictFlags {
  input?: string[];
  csv?: string;
  json?: boolean;
}

/** Parses "0,1" or "0,1;1,1" into rows, checking each is `width` finite numbers. */
export function parseInputRows(values: string[], width: number): number[][] {
  const rows: number[][] = [];
  for (const value of values) {
    for (const part of value.split(';')) {
      if (part.trim() === '') continue;
      const cells = part.split(',').map((c) => c.trim());
      const row = cells.map((cell, i) => {
        const x = Number(cell);
        if (cell === '' || !Number.isFinite(x)) {
          throw new CliError(`--input "${part}": value ${i + 1} ("${cell}") is not a number`);
        }
        return x;
      });
      if (row.length !== width) {
        throw new CliError(`--input "${part}": the network takes ${width} input${width === 1 ? '' : 's'}, got ${row.length}`);
      }
      rows.push(row);
    }
  }
  return rows;
}

function inputColumns(model: NnModel): string[] | undefined {
  if (model.data?.source === 'file') return model.data.inputs;
  return model.inputNames;
}

async function csvRows(model: NnModel, path: string): Promise<number[][]> {
  const text = await readText(path, 'CSV file');
  const columns = inputColumns(model);
  if (!columns) {
    throw new CliError(`${path}: the model names no input columns (set "inputNames" or a file data source) so the CSV columns cannot be matched`);
  }
  try {
    const set = parseCsv(text, { inputs: columns, targets: [] });
    const rows: number[][] = [];
    for (let s = 0; s < set.count; s++) rows.push(Array.from(set.inputs.subarray(s * set.inputSize, (s + 1) * set.inputSize)));
    return rows;
  } catch (err) {
    if (err instanceof DataError) throw new CliError(`${path}: ${err.message}`);
    throw err;
  }
}

function formatValue(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(6).replace(/\.?0+(e|$)/, '$1');
}

export async function predictCommand(file: string, flags: PredictFlags): Promise<void> {
  const model = await readModel(file);
  if (!flags.csv && (!flags.input || flags.input.length === 0)) {
    throw new CliError('predict needs --input "x1,x2,…" or --csv FILE');
  }
  const rows = flags.csv ? await csvRows(model, flags.csv) : parseInputRows(flags.input ?? [], model.inputs);
  useWasmKernels();
  const network = networkFromModel(model);
  const outputs = network.predict(scaleInputs(model, rows));
  if (flags.json) {
    process.stdout.write(JSON.stringify(outputs) + '\n');
    return;
  }
  const classes = outputClasses(model, network.outputSize);
  // One output holds P(second class): hinge-trained outputs are split at 0, others at 0.5; the class is 1 only above it, as training's accuracy counts.
  const threshold = model.training.loss === 'hinge' ? 0 : 0.5;
  for (const out of outputs) {
    let line = out.map(formatValue).join(',');
    if (classes) {
      const best = out.length === 1 ? (out[0] > threshold ? 1 : 0) : out.indexOf(Math.max(...out));
      line += `  → ${classes[best]}`;
    }
    process.stdout.write(line + '\n');
  }
}
