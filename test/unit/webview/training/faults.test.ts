import { strict as assert } from 'node:assert';
import type { LayerSnapshot, TrainingSnapshot } from '../../../../src/protocol/training';
import { deadUnitsText, divergenceText, faultLayer } from '../../../../webview/training/viewmodel/faults';

const layer = (dense: number, units: number, extra: Partial<LayerSnapshot> = {}): LayerSnapshot => ({
  dense, units, inputs: 2, weights: new Float32Array(units * 2), bias: new Float32Array(units),
  gradWeights: new Float32Array(units * 2), gradBias: new Float32Array(units), deltaWeights: new Float32Array(units * 2),
  gradInputNorm: 0, deadUnits: [], nonFinite: false, ...extra,
});
const snap = (layers: LayerSnapshot[], extra: Partial<TrainingSnapshot> = {}): TrainingSnapshot =>
  ({ epoch: 9, batch: 0, batches: 1, loss: 1, learningRate: 2, layers, ...extra });

describe('webview training: faults', () => {
  it('says nothing about a healthy run', () => {
    const s = snap([layer(0, 3), layer(1, 1)]);
    assert.equal(divergenceText(s), undefined);
    assert.equal(deadUnitsText(s), undefined);
    assert.equal(faultLayer(s), undefined);
  });

  it('names the layer and epoch where NaN first appeared and suggests a lower learning rate', () => {
    const s = snap([layer(0, 3, { nonFinite: true }), layer(1, 1, { nonFinite: true })], { divergence: { epoch: 4, dense: 0, what: 'weights' } });
    assert.equal(divergenceText(s), 'NaN or Inf in the weights of Dense 1 at epoch 4. Lower the learning rate (now 2.0000), then Reset.');
    assert.equal(faultLayer(s), 0);
    const lossOnly = snap([layer(0, 3), layer(1, 1)], { divergence: { epoch: 5, dense: 1, what: 'loss' } });
    assert.match(divergenceText(lossOnly)!, /^NaN or Inf in the loss at epoch 5\./);
  });

  it('falls back to the first non-finite layer when the worker did not say where', () => {
    const s = snap([layer(0, 3), layer(1, 1, { nonFinite: true })]);
    assert.match(divergenceText(s)!, /the weights of Output at epoch 9/);
    assert.equal(faultLayer(s), 1);
  });

  it('counts dead ReLUs per layer', () => {
    const s = snap([layer(0, 8, { deadUnits: [0, 5, 7] }), layer(1, 4, { deadUnits: [2] }), layer(2, 1)]);
    assert.equal(deadUnitsText(s), 'Dead ReLUs (no gradient all epoch) — Dense 1: 3 of 8, Dense 2: 1 of 4');
  });
});
