import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shapeKey, trainedText } from '../../../src/host/training/apply';
import { loadModel } from '../../../src/model/parse';
import type { NnModel } from '../../../src/model/types';
import type { TrainedParameters } from '../../../src/protocol/worker';

const andText = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'and.nnjson'), 'utf8');

function load(text: string): NnModel {
  const loaded = loadModel(text);
  if (!loaded.ok) throw new Error(loaded.errors[0].message);
  return loaded.model;
}

/** Parameters for the AND network's 2-3-1 shape, each weight distinct so a transposition would show. */
function parameters(loss: number[]): TrainedParameters {
  return {
    layers: [
      { units: 3, inputs: 2, weights: Float64Array.from([1, 2, 3, 4, 5, 6]), bias: Float64Array.from([7, 8, 9]) },
      { units: 1, inputs: 3, weights: Float64Array.from([10, 11, 12]), bias: Float64Array.from([13]) },
    ],
    history: { loss, testLoss: [], accuracy: loss.map(() => 1) },
    normalization: { method: 'none' },
  };
}

describe('Apply Trained Weights: the new text', () => {
  it('writes weights in the column convention, the bias and the history, and nothing else', () => {
    const result = trainedText(andText, parameters([0.5, 0.25]));
    assert.ok(result.ok);
    const model = load(result.text);
    const dense = model.layers.filter((l) => l.type === 'dense');
    assert.deepEqual(dense[0].weights, [[1, 2], [3, 4], [5, 6]]);
    assert.deepEqual(dense[0].bias, [7, 8, 9]);
    assert.deepEqual(dense[1].weights, [[10, 11, 12]]);
    assert.deepEqual(model.history?.loss, [0.5, 0.25]);
    assert.deepEqual(model.history?.accuracy, [1, 1]);
    assert.equal(model.history?.testLoss, undefined, 'no test split, no test series');
    const before = load(andText);
    assert.deepEqual({ ...model, layers: [], history: undefined }, { ...before, layers: [], history: undefined });
  });

  it('appends only the epochs not applied before', () => {
    const first = trainedText(andText, parameters([0.5, 0.25]));
    assert.ok(first.ok);
    const second = trainedText(first.text, parameters([0.5, 0.25, 0.125]), 2);
    assert.ok(second.ok);
    assert.deepEqual(load(second.text).history?.loss, [0.5, 0.25, 0.125]);
  });

  it('appends every epoch again after the earlier apply was undone', () => {
    // The session applied 2 epochs, then the user undid that apply: the text is the original again.
    const previous = load(andText).history?.loss ?? [];
    const again = trainedText(andText, parameters([0.5, 0.25, 0.125]), 2);
    assert.ok(again.ok);
    assert.deepEqual(load(again.text).history?.loss, [...previous, 0.5, 0.25, 0.125]);
  });

  it('stores the history to six significant digits', () => {
    const result = trainedText(andText, parameters([0.123456789, 1 / 3, 2.5e-9 / 7]));
    assert.ok(result.ok);
    const loss = load(result.text).history?.loss ?? [];
    assert.deepEqual(loss.slice(-3), [0.123457, 0.333333, 3.57143e-10]);
    // Applying more epochs of the same run recognises the rounded values it wrote.
    const more = trainedText(result.text, parameters([0.123456789, 1 / 3, 2.5e-9 / 7, 0.1]), 3);
    assert.ok(more.ok);
    assert.deepEqual(load(more.text).history?.loss.slice(-4), [0.123457, 0.333333, 3.57143e-10, 0.1]);
  });

  it('refuses when the layers changed or the weights are not finite', () => {
    const wider = andText.replace('"units": 3', '"units": 4');
    assert.notEqual(shapeKey(load(wider)), shapeKey(load(andText)));
    const changed = trainedText(wider, parameters([0.5]));
    assert.ok(!changed.ok && /layers changed/.test(changed.message));
    const bad = parameters([0.5]);
    bad.layers[1].bias[0] = NaN;
    const nan = trainedText(andText, bad);
    assert.ok(!nan.ok && /NaN/.test(nan.message));
  });
});
