// ONNX export checked against onnxruntime-node: its outputs on seeded random
// inputs must match our own predict (with the stored scaling) to 1e-5.

import { strict as assert } from 'node:assert';
import { onnx } from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { exportOnnx } from '../../../src/export/onnxExport';
import { allModels, maxAbsDiff, randomRows } from './models';
import { ourPredictions } from './predictions';

async function onnxruntimePredictions(bytes: Uint8Array, rows: number[][]): Promise<number[][]> {
  const session = await ort.InferenceSession.create(bytes);
  const width = rows[0].length;
  const input = new ort.Tensor('float32', Float32Array.from(rows.flat()), [rows.length, width]);
  const result = await session.run({ [session.inputNames[0]]: input });
  const output = result[session.outputNames[0]];
  const [count, size] = output.dims;
  const data = output.data as Float32Array;
  return Array.from({ length: count }, (_, s) => Array.from(data.subarray(s * size, (s + 1) * size)));
}

describe('ONNX export', () => {
  for (const model of allModels()) {
    it(`${model.name}: onnxruntime matches predict to 1e-5`, async () => {
      const rows = randomRows(32, model.inputs, 5);
      const theirs = await onnxruntimePredictions(exportOnnx(model), rows);
      const ours = ourPredictions(model, rows);
      assert.ok(maxAbsDiff(theirs, ours) < 1e-5, `max difference ${maxAbsDiff(theirs, ours)}`);
    });
  }

  it('maps a dense layer to Gemm with transB = 1 and the activations to their operators', () => {
    const classes = allModels().find((m) => m.name === 'classes');
    assert.ok(classes);
    const decoded = onnx.ModelProto.decode(exportOnnx(classes));
    const nodes = decoded.graph?.node ?? [];
    assert.deepEqual(nodes.map((n) => n.opType), ['Gemm', 'Relu', 'Gemm', 'LeakyRelu', 'Gemm', 'Softmax']);
    const transB = nodes[0].attribute?.find((a) => a.name === 'transB');
    assert.equal(Number(transB?.i), 1);
    const first = classes.layers[0];
    const weight = decoded.graph?.initializer?.find((t) => t.name === `${nodes[0].name}.weight`);
    assert.deepEqual(weight?.dims?.map(Number), [8, 4]);
    assert.ok(first.type === 'dense' && first.weights);
    assert.ok(Math.abs((weight?.floatData?.[1] ?? NaN) - first.weights[0][1]) < 1e-6, 'W[0][1] stored untransposed');
  });
});
