// ONNX import: our own export round-trips, a MatMul + Add graph agrees with
// onnxruntime, and bad files give a clear message.

import { strict as assert } from 'node:assert';
import { onnx } from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { exportNetwork, importNetwork } from '../../../src/export';
import { allModels, maxAbsDiff, randomRows } from './models';
import { ourPredictions } from './predictions';

const FLOAT = onnx.TensorProto.DataType.FLOAT;

function info(name: string, width: number): onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'n' }, { dimValue: width }] } } } };
}

/** A 3-4-2 network as MatMul + Add + Tanh + MatMul + Add + Softmax, weights stored as raw little-endian bytes. */
function matMulModel(): Uint8Array {
  const raw = (values: number[]) => new Uint8Array(Float32Array.from(values).buffer);
  const w1 = randomRows(3, 4, 21).flat();
  const w2 = randomRows(4, 2, 22).flat();
  const graph: onnx.IGraphProto = {
    name: 'mlp',
    input: [info('x', 3)],
    output: [info('y', 2)],
    initializer: [
      { name: 'w1', dims: [3, 4], dataType: FLOAT, rawData: raw(w1) },
      { name: 'b1', dims: [4], dataType: FLOAT, rawData: raw([0.1, -0.2, 0.3, -0.4]) },
      { name: 'w2', dims: [4, 2], dataType: FLOAT, rawData: raw(w2) },
      { name: 'b2', dims: [2], dataType: FLOAT, floatData: [0.5, -0.5] },
    ],
    node: [
      { name: 'mm1', opType: 'MatMul', input: ['x', 'w1'], output: ['h1'] },
      { name: 'add1', opType: 'Add', input: ['h1', 'b1'], output: ['h2'] },
      { name: 'act', opType: 'Tanh', input: ['h2'], output: ['h3'] },
      { name: 'mm2', opType: 'MatMul', input: ['h3', 'w2'], output: ['h4'] },
      { name: 'add2', opType: 'Add', input: ['b2', 'h4'], output: ['h5'] },
      { name: 'probs', opType: 'Softmax', input: ['h5'], output: ['y'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }] },
    ],
  };
  return onnx.ModelProto.encode({ irVersion: 7, opsetImport: [{ domain: '', version: 13 }], graph }).finish();
}

async function runtime(bytes: Uint8Array, rows: number[][]): Promise<number[][]> {
  const session = await ort.InferenceSession.create(bytes);
  const input = new ort.Tensor('float32', Float32Array.from(rows.flat()), [rows.length, rows[0].length]);
  const out = (await session.run({ [session.inputNames[0]]: input }))[session.outputNames[0]];
  const data = out.data as Float32Array;
  const size = out.dims[1];
  return rows.map((_, s) => Array.from(data.subarray(s * size, (s + 1) * size)));
}

describe('ONNX import', () => {
  for (const model of allModels()) {
    it(`${model.name}: export, import, same layers, training and predictions`, async () => {
      const [file] = (await exportNetwork(model, 'onnx')).files;
      const back = await importNetwork(file.name, file.bytes);
      assert.ok(back.ok, back.ok ? '' : back.errors.join('; '));
      assert.deepEqual(back.model.layers.map((l) => (l.type === 'dense' ? l.units : l.activation)), model.layers.map((l) => (l.type === 'dense' ? l.units : l.activation)));
      assert.deepEqual(back.model.training, model.training);
      const rows = randomRows(16, model.inputs, 3);
      const diff = maxAbsDiff(ourPredictions(back.model, rows), ourPredictions(model, rows));
      assert.ok(diff < 1e-5, `max difference ${diff}`);
    });
  }

  it('reads MatMul + Add chains and raw weights the way onnxruntime runs them', async () => {
    const bytes = matMulModel();
    const back = await importNetwork('mlp.onnx', bytes);
    assert.ok(back.ok, back.ok ? '' : back.errors.join('; '));
    assert.deepEqual(back.model.layers.map((l) => (l.type === 'dense' ? l.units : l.activation)), [4, 'tanh', 2, 'softmax']);
    const rows = randomRows(10, 3, 8);
    const diff = maxAbsDiff(ourPredictions(back.model, rows), await runtime(bytes, rows));
    assert.ok(diff < 1e-5, `max difference ${diff}`);
  });

  it('names the operator and the node it cannot import', async () => {
    const model = onnx.ModelProto.decode(matMulModel());
    (model.graph as onnx.GraphProto).node[2] = onnx.NodeProto.create({ name: 'act', opType: 'Elu', input: ['h2'], output: ['h3'] });
    const result = await importNetwork('elu.onnx', onnx.ModelProto.encode(model).finish());
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.errors[0], /node "act" \(Elu\) uses the operator Elu/);
  });

  it('reports a truncated file as unreadable', async () => {
    const [file] = (await exportNetwork(allModels()[0], 'onnx')).files;
    for (const cut of [0.5, 0.9]) {
      const result = await importNetwork('cut.onnx', file.bytes.subarray(0, Math.floor(file.bytes.length * cut)));
      assert.equal(result.ok, false, `cut at ${cut}`);
      assert.match(result.ok ? '' : result.errors[0], /truncated or corrupt/);
    }
  });
});
