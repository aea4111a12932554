import { strict as assert } from 'node:assert';
import { datasetFromRows, Trainer } from '../../../../src/engine';
import { networkFromModel, trainingRng } from '../../../../src/model/network';
import { loadModel } from '../../../../src/model';
import type { LayerSnapshot, TrainingSnapshot } from '../../../../src/protocol/training';
import { maxAbs, paintFor } from '../../../../webview/training/viewmodel/paint';

// A snapshot of the 2-4-1 XOR network after one epoch, made from the engine's own report.
function xorSnapshot(): TrainingSnapshot {
  const text = JSON.stringify({
    format: 'nnjson', version: 1, inputs: 2,
    layers: [{ type: 'dense', units: 4 }, { type: 'activation', activation: 'tanh' }, { type: 'dense', units: 1 }, { type: 'activation', activation: 'sigmoid' }],
    training: { loss: 'binaryCrossEntropy', optimizer: { type: 'sgd', learningRate: 0.5 }, epochs: 1, batchSize: 2, seed: 5 },
  });
  const loaded = loadModel(text);
  if (!loaded.ok) throw new Error('test model does not load');
  const model = loaded.model;
  const network = networkFromModel(model);
  const before = network.denseLayers().map((d) => Float64Array.from(d.weights));
  const trainer = new Trainer(network, datasetFromRows([[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]]), {
    loss: 'binaryCrossEntropy', optimizer: { type: 'sgd', learningRate: 0.5 }, batchSize: 2, shuffle: false, rng: trainingRng(model),
  });
  const report = trainer.runEpoch()!;
  const layers: LayerSnapshot[] = network.denseLayers().map((d, k) => ({
    dense: k, units: d.units, inputs: d.inputSize,
    weights: Float32Array.from(d.weights), bias: Float32Array.from(d.bias),
    gradWeights: Float32Array.from(report.gradients[k]!.dW), gradBias: Float32Array.from(report.gradients[k]!.db),
    deltaWeights: Float32Array.from(d.weights, (w, p) => w - before[k]![p]!),
    gradInputNorm: report.gradients[k]!.dXNorm, deadUnits: [], nonFinite: false,
  }));
  return { epoch: 1, batch: 0, batches: 2, loss: report.loss, learningRate: 0.5, layers };
}

describe('webview training: what each view paints', () => {
  const s = xorSnapshot();

  it('weights: links are W and bias markers b, with m the largest |w| or |b| of each layer', () => {
    const p = paintFor(s, 'weights');
    s.layers.forEach((l, d) => {
      assert.equal(p.links[d], l.weights);
      assert.equal(p.bias[d], l.bias);
      assert.equal(p.linkMax[d], Math.max(...[...l.weights, ...l.bias].map(Math.abs)));
    });
    assert.ok(p.nodes.every((n) => n === undefined));
  });

  it('gradients: links are dL/dW on their own scale, nodes |dL/dX| (the layer norm when per-neuron values are absent)', () => {
    const p = paintFor(s, 'gradients');
    s.layers.forEach((l, d) => {
      assert.equal(p.links[d], l.gradWeights);
      assert.equal(p.linkMax[d], Math.max(...[...l.gradWeights, ...l.gradBias].map(Math.abs)));
    });
    assert.notEqual(p.linkMax[0], paintFor(s, 'weights').linkMax[0]);
    assert.equal(p.nodes.length, 3);
    assert.deepEqual([...p.nodes[0]!], [s.layers[0]!.gradInputNorm, s.layers[0]!.gradInputNorm].map(Math.fround));
    assert.deepEqual([...p.nodes[2]!], [...s.layers[1]!.gradBias].map(Math.abs));
    const withPerNeuron: TrainingSnapshot = { ...s, layers: s.layers.map((l) => ({ ...l, gradInputs: Float32Array.from({ length: l.inputs }, (_, k) => -(k + 1)) })) };
    const q = paintFor(withPerNeuron, 'gradients');
    assert.deepEqual([...q.nodes[1]!], [1, 2, 3, 4]);
    assert.equal(q.nodeMax, 4);
  });

  it('Δweights: links are W after − W before, bias markers neutral', () => {
    const p = paintFor(s, 'delta');
    assert.equal(p.links[0], s.layers[0]!.deltaWeights);
    assert.equal(p.bias[0], undefined);
    assert.ok(p.linkMax[0]! > 0);
  });

  it('ignores NaN and Inf when finding a scale', () => {
    assert.equal(maxAbs(Float32Array.of(1, -3, NaN, Infinity, -Infinity)), 3);
    assert.equal(maxAbs(undefined, []), 0);
  });
});
