// Training data in the layout the engine consumes: sample-major and flat.

export interface Dataset {
  count: number;
  inputSize: number;
  targetSize: number;
  /** count × inputSize; sample s at [s·inputSize, (s+1)·inputSize). */
  inputs: Float64Array;
  /** count × targetSize. */
  targets: Float64Array;
}

function flatten(rows: number[][], what: string): { width: number; data: Float64Array } {
  const width = rows.length > 0 ? rows[0].length : 0;
  const data = new Float64Array(rows.length * width);
  rows.forEach((row, s) => {
    if (row.length !== width) throw new RangeError(`${what} row ${s} has ${row.length} values, expected ${width}`);
    data.set(row, s * width);
  });
  return { width, data };
}

export function datasetFromRows(inputs: number[][], targets: number[][]): Dataset {
  if (inputs.length !== targets.length) {
    throw new RangeError(`${inputs.length} input rows but ${targets.length} target rows`);
  }
  const x = flatten(inputs, 'input');
  const y = flatten(targets, 'target');
  return { count: inputs.length, inputSize: x.width, targetSize: y.width, inputs: x.data, targets: y.data };
}
