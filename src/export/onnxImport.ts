// Import of an ONNX model that is a chain of Gemm (or MatMul + Add) and
// activation nodes, which covers our own export and simple MLPs from
// PyTorch, Keras and scikit-learn converters.

import { onnx } from 'onnx-proto';
import type { ActivationName, LayerSpec } from '../model/types';
import { assembleModel, type ImportedModel } from './assemble';
import { HEADER_KEY, parseHeader } from './header';
import { onnxTensorValues, type Tensor } from './onnxTensors';
import { InteropError } from './types';

const ACTIVATIONS: Record<string, ActivationName> = {
  Relu: 'relu',
  LeakyRelu: 'leakyRelu',
  Sigmoid: 'sigmoid',
  Tanh: 'tanh',
  Softmax: 'softmax',
  Identity: 'linear',
};

function decode(bytes: Uint8Array): onnx.ModelProto {
  let model: onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (err) {
    throw new InteropError(`not a readable ONNX file; it may be truncated or corrupt (${(err as Error).message})`);
  }
  if (!model.graph || (model.graph.node ?? []).length === 0) throw new InteropError('the ONNX file holds no graph; it may be truncated or corrupt');
  return model;
}

function attribute(node: onnx.NodeProto, name: string): onnx.IAttributeProto | undefined {
  return node.attribute?.find((a) => a.name === name);
}

function nodeLabel(node: onnx.NodeProto, index: number): string {
  return `node "${node.name || `#${index}`}" (${node.opType})`;
}

function singleInputWidth(graph: onnx.IGraphProto, initializers: Map<string, Tensor>): { name: string; width: number } {
  const inputs = (graph.input ?? []).filter((v) => !initializers.has(v.name ?? ''));
  if (inputs.length !== 1) throw new InteropError(`the ONNX graph has ${inputs.length} inputs; only networks with one input can be imported`);
  const dims = inputs[0].type?.tensorType?.shape?.dim ?? [];
  const width = dims.length === 2 ? Number(dims[1].dimValue ?? 0) : 0;
  return { name: inputs[0].name ?? '', width };
}

export function importOnnx(bytes: Uint8Array, fallbackName: string, seed: number): ImportedModel {
  const model = decode(bytes);
  const graph = model.graph as onnx.GraphProto;
  const initializers = new Map<string, Tensor>();
  for (const t of graph.initializer) initializers.set(t.name ?? '', onnxTensorValues(t));
  const input = singleInputWidth(graph, initializers);
  let width = input.width;
  let current = input.name;
  const layers: LayerSpec[] = [];
  const nodes = graph.node as onnx.NodeProto[];
  for (let k = 0; k < nodes.length; k++) {
    const node = nodes[k];
    if (node.input[0] !== current) throw new InteropError(`${nodeLabel(node, k)} does not follow the previous node; only a simple chain of layers can be imported`);
    const activation = ACTIVATIONS[node.opType];
    if (activation) {
      const spec: LayerSpec = { type: 'activation', activation };
      if (activation === 'leakyRelu') spec.alpha = attribute(node, 'alpha')?.f ?? 0.01;
      if (activation === 'softmax') checkSoftmaxAxis(node, k, model);
      layers.push(spec);
    } else if (node.opType === 'Gemm') {
      const dense = gemmLayer(node, k, initializers, width);
      layers.push(dense);
      width = dense.units;
    } else if (node.opType === 'MatMul') {
      const add = nodes[k + 1];
      const dense = matMulLayer(node, add?.opType === 'Add' && add.input.includes(node.output[0]) ? add : undefined, k, initializers, width);
      if (dense.bias !== undefined && add?.opType === 'Add') k++;
      layers.push(dense);
      width = dense.units;
    } else {
      throw new InteropError(`${nodeLabel(node, k)} uses the operator ${node.opType}, which cannot be imported; supported: Gemm, MatMul, Add, ${Object.keys(ACTIVATIONS).join(', ')}`);
    }
    current = nodes[k].output[0];
  }
  if (input.width < 1) throw new InteropError('the ONNX graph input does not state its number of features');
  const header = parseHeader(model.metadataProps.find((p) => p.key === HEADER_KEY)?.value ?? undefined);
  return { model: assembleModel(graph.name || fallbackName, input.width, layers, header, seed), warnings: [] };
}

function checkSoftmaxAxis(node: onnx.NodeProto, index: number, model: onnx.ModelProto): void {
  const opset = Number(model.opsetImport.find((o) => !o.domain)?.version ?? 13);
  const axis = Number(attribute(node, 'axis')?.i ?? (opset >= 13 ? -1 : 1));
  if (axis !== -1 && axis !== 1) throw new InteropError(`${nodeLabel(node, index)} has axis ${axis}; only softmax over the features can be imported`);
}

function weightTensor(initializers: Map<string, Tensor>, name: string | undefined, node: onnx.NodeProto, index: number): Tensor {
  const tensor = name === undefined ? undefined : initializers.get(name);
  if (!tensor) throw new InteropError(`${nodeLabel(node, index)} takes "${name}", which is not a stored weight`);
  return tensor;
}

/** Gemm: Y = α·A·op(B) + β·C. With transB, B is (units × inputs), the paper's W; without it, B is Wᵀ. */
function gemmLayer(node: onnx.NodeProto, index: number, initializers: Map<string, Tensor>, width: number): LayerSpec & { type: 'dense' } {
  if (Number(attribute(node, 'transA')?.i ?? 0) !== 0) throw new InteropError(`${nodeLabel(node, index)} has transA = 1, which cannot be imported`);
  const alpha = attribute(node, 'alpha')?.f ?? 1;
  const beta = attribute(node, 'beta')?.f ?? 1;
  const b = weightTensor(initializers, node.input[1], node, index);
  const transB = Number(attribute(node, 'transB')?.i ?? 0) === 1;
  if (b.dims.length !== 2) throw new InteropError(`${nodeLabel(node, index)} has a weight of rank ${b.dims.length}, expected 2`);
  const [rows, cols] = b.dims;
  const units = transB ? rows : cols;
  const inputs = transB ? cols : rows;
  if (width > 0 && inputs !== width) throw new InteropError(`${nodeLabel(node, index)} expects ${inputs} inputs but receives ${width}`);
  const weights = Array.from({ length: units }, (_, j) =>
    Array.from({ length: inputs }, (_, i) => alpha * (transB ? b.values[j * cols + i] : b.values[i * cols + j])),
  );
  const c = node.input[2] ? weightTensor(initializers, node.input[2], node, index) : undefined;
  return { type: 'dense', units, weights, bias: biasOf(c, units, beta, node, index) };
}

/** MatMul(X, B) with B (inputs × units) = Wᵀ, and an optional Add of the bias. */
function matMulLayer(node: onnx.NodeProto, add: onnx.NodeProto | undefined, index: number, initializers: Map<string, Tensor>, width: number): LayerSpec & { type: 'dense' } {
  const b = weightTensor(initializers, node.input[1], node, index);
  if (b.dims.length !== 2) throw new InteropError(`${nodeLabel(node, index)} has a weight of rank ${b.dims.length}, expected 2`);
  const [inputs, units] = b.dims;
  if (width > 0 && inputs !== width) throw new InteropError(`${nodeLabel(node, index)} expects ${inputs} inputs but receives ${width}`);
  const weights = Array.from({ length: units }, (_, j) => Array.from({ length: inputs }, (_, i) => b.values[i * units + j]));
  const biasName = add?.input.find((name) => name !== node.output[0]);
  const c = add ? weightTensor(initializers, biasName, add, index + 1) : undefined;
  return { type: 'dense', units, weights, bias: biasOf(c, units, 1, node, index) };
}

function biasOf(c: Tensor | undefined, units: number, beta: number, node: onnx.NodeProto, index: number): number[] {
  if (!c) return new Array<number>(units).fill(0);
  const size = c.values.length;
  if (size !== units && size !== 1) throw new InteropError(`${nodeLabel(node, index)} has a bias of ${size} values, expected ${units}`);
  return Array.from({ length: units }, (_, j) => beta * c.values[size === 1 ? 0 : j]);
}
