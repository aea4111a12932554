import * as assert from 'node:assert/strict';
import type { TrainingSnapshot } from '../../../src/protocol/training';
import { transferables, type WorkerToHost } from '../../../src/protocol/worker';

function layer(units: number, inputs: number) {
  return {
    dense: 0, units, inputs,
    weights: new Float32Array(units * inputs), bias: new Float32Array(units),
    gradWeights: new Float32Array(units * inputs), gradBias: new Float32Array(units), deltaWeights: new Float32Array(units * inputs),
    gradInputNorm: 0, gradInputs: new Float32Array(inputs), deadUnits: [1], nonFinite: false,
  };
}

/** Every typed array reachable from `value`, found the slow obvious way (the oracle). */
function typedArrays(value: unknown, out: ArrayBufferView[] = []): ArrayBufferView[] {
  if (ArrayBuffer.isView(value)) out.push(value);
  else if (value && typeof value === 'object') for (const child of Object.values(value)) typedArrays(child, out);
  return out;
}

describe('transferables', () => {
  it('lists the buffer of every typed array in a snapshot message once, and nothing else', () => {
    const snapshot: TrainingSnapshot = {
      epoch: 3, batch: 0, batches: 1, loss: 0.5, learningRate: 0.1,
      layers: [layer(4, 2), { ...layer(1, 4), dense: 1 }],
      boundary: { resolution: 2, xRange: [0, 1], yRange: [0, 1], output: new Float32Array(4), argmax: new Uint8Array(4), hidden: [new Float32Array(16)] },
    };
    const message: WorkerToHost = { type: 'snapshot', snapshot, series: { from: 3, loss: [0.5], testLoss: [null], accuracy: [null], testAccuracy: [null], validationLoss: [], validationAccuracy: [] }, timeline: [0, 1, 2, 3] };
    const buffers = transferables(message);
    const expected = typedArrays(message).map((a) => a.buffer);
    assert.equal(expected.length, 15, 'six arrays in each of the two layers and three in the boundary');
    assert.equal(buffers.length, expected.length, 'one buffer per typed array');
    assert.equal(new Set(buffers).size, buffers.length, 'no buffer twice');
    for (const b of expected) assert.ok(buffers.includes(b as ArrayBuffer), 'each typed array\'s buffer is listed');
    assert.ok(buffers.every((b) => b instanceof ArrayBuffer));
  });

  it('lists a buffer shared by two views, or by the same view twice, once; and leaves plain values alone', () => {
    const buffer = new ArrayBuffer(64);
    const a = new Float32Array(buffer, 0, 8);
    const b = new Float32Array(buffer, 32, 8);
    const value = { a, b, again: a, nested: [{ c: new Float64Array(2) }], name: 'x', n: 3, none: null };
    const buffers = transferables(value);
    assert.equal(buffers.length, 2);
    assert.equal(buffers[0], buffer);
    assert.equal(buffers[1], value.nested[0]!.c.buffer);
    assert.deepEqual(transferables({ type: 'state', state: 'running', epoch: 3 }), []);
    // A structure that refers to itself does not loop.
    const cyclic: Record<string, unknown> = { w: new Float32Array(1) };
    cyclic.self = cyclic;
    assert.equal(transferables(cyclic).length, 1);
  });
});
