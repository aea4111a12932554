// Reading the numbers out of an ONNX TensorProto, in whichever of its
// storage fields they were written.

import { onnx } from 'onnx-proto';
import { InteropError } from './types';

export interface Tensor {
  dims: number[];
  values: Float64Array;
}

const DataType = onnx.TensorProto.DataType;

export function onnxTensorValues(tensor: onnx.ITensorProto): Tensor {
  const dims = (tensor.dims ?? []).map(Number);
  const count = dims.reduce((n, d) => n * d, 1);
  const values = new Float64Array(count);
  const raw = tensor.rawData;
  if (tensor.dataType === DataType.FLOAT) {
    if (raw && raw.length > 0) readRaw(raw, values, 4, (view, at) => view.getFloat32(at, true), tensor);
    else copy(tensor.floatData ?? [], values, tensor);
  } else if (tensor.dataType === DataType.DOUBLE) {
    if (raw && raw.length > 0) readRaw(raw, values, 8, (view, at) => view.getFloat64(at, true), tensor);
    else copy(tensor.doubleData ?? [], values, tensor);
  } else {
    throw new InteropError(`the weight "${tensor.name ?? ''}" has data type ${String(tensor.dataType)}; only float and double weights can be imported`);
  }
  return { dims, values };
}

function copy(source: ArrayLike<number>, target: Float64Array, tensor: onnx.ITensorProto): void {
  if (source.length !== target.length) throw new InteropError(`the weight "${tensor.name ?? ''}" holds ${source.length} values, expected ${target.length}`);
  for (let k = 0; k < target.length; k++) target[k] = source[k];
}

function readRaw(raw: Uint8Array, target: Float64Array, size: number, read: (view: DataView, at: number) => number, tensor: onnx.ITensorProto): void {
  if (raw.length !== target.length * size) throw new InteropError(`the weight "${tensor.name ?? ''}" holds ${raw.length} bytes, expected ${target.length * size}`);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.length);
  for (let k = 0; k < target.length; k++) target[k] = read(view, k * size);
}
