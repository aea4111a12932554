import { strict as assert } from 'node:assert';
import { createRng, normal, type Rng } from '../../../src/engine/random';
import { collapsedAffine, collapseLinear, collapsibleRuns, linearRunError } from '../../../src/model/collapse';
import { applyEdit, EditError } from '../../../src/model/edits';
import { networkFromModel } from '../../../src/model/network';
import type { ActivationName, LayerSpec, NnModel } from '../../../src/model/types';

/** A model with random weights; `acts[k]` follows Dense layer k (null: no activation layer). */
function randomModel(rng: Rng, inputs: number, units: number[], acts: (ActivationName | null)[]): NnModel {
  const layers: LayerSpec[] = [];
  let width = inputs;
  units.forEach((u, k) => {
    const weights = Array.from({ length: u }, () => Array.from({ length: width }, () => normal(rng)));
    const bias = Array.from({ length: u }, () => normal(rng));
    layers.push({ type: 'dense', units: u, weights, bias });
    const a = acts[k];
    if (a) layers.push({ type: 'activation', activation: a });
    width = u;
  });
  return {
    format: 'nnjson',
    version: 1,
    inputs,
    layers,
    training: { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.1 }, epochs: 1, batchSize: 1, seed: 7 },
  };
}

function randomInputs(rng: Rng, count: number, width: number): number[][] {
  return Array.from({ length: count }, () => Array.from({ length: width }, () => 3 * normal(rng)));
}

function assertSameOutputs(a: NnModel, b: NnModel, inputs: number[][]): void {
  const ya = networkFromModel(a).predict(inputs);
  const yb = networkFromModel(b).predict(inputs);
  assert.equal(ya.length, yb.length);
  ya.forEach((row, s) => row.forEach((v, j) => assert.ok(Math.abs(v - yb[s][j]) <= 1e-9 * Math.max(1, Math.abs(v)), `sample ${s} output ${j}: ${v} vs ${yb[s][j]}`)));
}

describe('collapseLinear (Appendix A)', () => {
  it('computes the same outputs as the original network on random inputs', () => {
    const rng = createRng(2024);
    for (let trial = 0; trial < 20; trial++) {
      const inputs = 1 + Math.floor(rng() * 5);
      const depth = 2 + Math.floor(rng() * 3);
      const units = Array.from({ length: depth }, () => 1 + Math.floor(rng() * 6));
      const acts: (ActivationName | null)[] = units.map((_, k) => (k === depth - 1 ? 'tanh' : rng() < 0.5 ? 'linear' : null));
      const model = randomModel(rng, inputs, units, acts);
      const merged = collapseLinear(model, 0, depth - 1);
      assert.equal(merged.layers.filter((l) => l.type === 'dense').length, 1);
      assert.deepEqual(merged.layers[1], { type: 'activation', activation: 'tanh' });
      assertSameOutputs(model, merged, randomInputs(rng, 16, inputs));
    }
  });

  it('collapses a run in the middle and keeps the layers around it', () => {
    const rng = createRng(5);
    const model = randomModel(rng, 3, [4, 5, 2, 3, 1], ['relu', 'linear', null, 'tanh', 'sigmoid']);
    const merged = applyEdit(model, { kind: 'collapseLinear', from: 1, to: 3 });
    assert.deepEqual(
      merged.layers.map((l) => (l.type === 'dense' ? `dense${l.units}` : l.activation)),
      ['dense4', 'relu', 'dense3', 'tanh', 'dense1', 'sigmoid'],
    );
    assertSameOutputs(model, merged, randomInputs(rng, 32, 3));
  });

  it('matches W = W2·W1 and b = W2·b1 + b2 on a worked example', () => {
    const model: NnModel = {
      format: 'nnjson',
      version: 1,
      inputs: 2,
      layers: [
        { type: 'dense', units: 2, weights: [[1, 2], [3, 4]], bias: [1, -1] },
        { type: 'activation', activation: 'linear' },
        { type: 'dense', units: 1, weights: [[5, 6]], bias: [0.5] },
      ],
      training: { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.1 }, epochs: 1, batchSize: 1, seed: 1 },
    };
    // W2·W1 = [5·1 + 6·3, 5·2 + 6·4] = [23, 34]; W2·b1 + b2 = 5 − 6 + 0.5 = −0.5.
    assert.deepEqual(collapsedAffine(model, 0, 1), { weights: [[23, 34]], bias: [-0.5] });
  });

  it('refuses runs joined by a non-linear activation or out of range', () => {
    const model = randomModel(createRng(1), 2, [3, 3, 1], ['relu', 'linear', null]);
    assert.match(linearRunError(model, 0, 1) ?? '', /non-linear/);
    assert.equal(linearRunError(model, 1, 2), undefined);
    assert.ok(linearRunError(model, 1, 1));
    assert.ok(linearRunError(model, 1, 3));
    assert.throws(() => applyEdit(model, { kind: 'collapseLinear', from: 0, to: 2 }), EditError);
  });

  it('finds every maximal collapsible run', () => {
    const model = randomModel(createRng(1), 2, [3, 3, 2, 2, 2, 1], ['linear', null, 'relu', null, 'linear', 'sigmoid']);
    assert.deepEqual(collapsibleRuns(model), [{ from: 0, to: 2 }, { from: 3, to: 5 }]);
    assert.deepEqual(collapsibleRuns(randomModel(createRng(1), 2, [3, 1], ['tanh', 'tanh'])), []);
  });
});
