// ONNX export. Dense is Gemm with transB = 1, so the paper's W[j][i]
// (units × inputs) is stored as it is; each activation maps to one operator.

import { onnx } from 'onnx-proto';
import type { NnModel } from '../model/types';
import { HEADER_KEY, modelHeader } from './header';
import { pipelineOf } from './pipeline';
import type { ActivationStage, Stage } from './types';

/** Opset 13 has every operator used here with Softmax over the last axis. */
export const ONNX_OPSET = 13;
export const ONNX_IR_VERSION = 7;
export const ONNX_INPUT = 'input';
export const ONNX_OUTPUT = 'output';

const OPERATORS: Record<ActivationStage['activation'], string> = {
  relu: 'Relu',
  leakyRelu: 'LeakyRelu',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  softmax: 'Softmax',
  linear: 'Identity',
};

function valueInfo(name: string, width: number): onnx.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimParam: 'batch' }, { dimValue: width }] } } },
  };
}

function tensor(name: string, dims: number[], values: number[]): onnx.ITensorProto {
  return { name, dims, dataType: onnx.TensorProto.DataType.FLOAT, floatData: values };
}

function activationNode(stage: ActivationStage, input: string, output: string): onnx.INodeProto {
  const node: onnx.INodeProto = { name: stage.name, opType: OPERATORS[stage.activation], input: [input], output: [output] };
  if (stage.activation === 'leakyRelu') {
    node.attribute = [{ name: 'alpha', type: onnx.AttributeProto.AttributeType.FLOAT, f: stage.alpha }];
  } else if (stage.activation === 'softmax') {
    node.attribute = [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: -1 }];
  }
  return node;
}

function graphOf(stages: Stage[], inputs: number, outputs: number, name: string): onnx.IGraphProto {
  const nodes: onnx.INodeProto[] = [];
  const initializers: onnx.ITensorProto[] = [];
  let current = ONNX_INPUT;
  stages.forEach((stage, k) => {
    const out = k === stages.length - 1 ? ONNX_OUTPUT : `${stage.name}_out`;
    if (stage.kind === 'dense') {
      const w = `${stage.name}.weight`;
      const b = `${stage.name}.bias`;
      initializers.push(tensor(w, [stage.units, stage.inputSize], stage.weights.flat()), tensor(b, [stage.units], stage.bias));
      nodes.push({
        name: stage.name,
        opType: 'Gemm',
        input: [current, w, b],
        output: [out],
        attribute: [{ name: 'transB', type: onnx.AttributeProto.AttributeType.INT, i: 1 }],
      });
    } else {
      nodes.push(activationNode(stage, current, out));
    }
    current = out;
  });
  if (stages.length === 0) nodes.push({ name: 'identity', opType: 'Identity', input: [ONNX_INPUT], output: [ONNX_OUTPUT] });
  return { name, node: nodes, initializer: initializers, input: [valueInfo(ONNX_INPUT, inputs)], output: [valueInfo(ONNX_OUTPUT, outputs)] };
}

/** The model as ONNX protobuf bytes; the input normalisation is folded into the first Dense layer. */
export function exportOnnx(model: NnModel): Uint8Array {
  const { stages, inputs, outputs } = pipelineOf(model, true);
  const proto = onnx.ModelProto.create({
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'NN Designer',
    graph: graphOf(stages, inputs, outputs, model.name ?? 'network'),
    metadataProps: [{ key: HEADER_KEY, value: modelHeader(model) }],
  });
  return onnx.ModelProto.encode(proto).finish();
}
