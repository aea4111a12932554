import { strict as assert } from 'node:assert';
import { accuracy } from '../../../src/engine/metrics';
import { accuracyOf, checkShapes, confusionMatrix, generateBuiltin, meanAbsoluteError, rSquared } from '../../../src/data';

const f = (values: number[]): Float64Array => Float64Array.from(values);

describe('data: metrics', () => {
  it('binary confusion matrix by threshold 0.5, rows actual, columns predicted', () => {
    const targets = f([0, 0, 1, 1, 1, 0, 1]);
    const predictions = f([0.1, 0.7, 0.9, 0.2, 0.5, 0.49, 0.51]);
    // Counted by hand, 0.5 itself on the class-0 side: (0,0) ×2, (0,1) ×1, (1,0) ×2, (1,1) ×2.
    assert.deepEqual(confusionMatrix(predictions, targets, 7, 1), [[2, 1], [2, 2]]);
    assert.equal(accuracyOf([[2, 1], [2, 2]]), 4 / 7);
  });

  it('puts an output of exactly 0.5 in class 0, as the engine\'s accuracy does', () => {
    const predictions = f([0.5, 0.5, 0.5 + 1e-9, 0.5 - 1e-9]);
    const targets = f([0, 1, 1, 0]);
    assert.deepEqual(confusionMatrix(predictions, targets, 4, 1), [[2, 0], [1, 1]]);
    assert.equal(accuracyOf(confusionMatrix(predictions, targets, 4, 1)), accuracy(predictions, targets, 4, 1));
    assert.equal(accuracy(predictions, targets, 4, 1), 3 / 4);
  });

  it('multi-class confusion matrix by arg-max agrees with a direct count', () => {
    const k = 3;
    const labels = [0, 1, 2, 2, 1, 0, 2, 1, 1, 0];
    const guesses = [0, 2, 2, 1, 1, 0, 2, 0, 1, 1];
    const targets = new Float64Array(labels.length * k);
    const predictions = new Float64Array(labels.length * k);
    labels.forEach((c, s) => { targets[s * k + c] = 1; });
    guesses.forEach((c, s) => {
      for (let j = 0; j < k; j++) predictions[s * k + j] = j === c ? 0.6 : 0.2;
    });
    const expected = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
    labels.forEach((c, s) => { expected[c][guesses[s]]++; });
    assert.deepEqual(confusionMatrix(predictions, targets, labels.length, k), expected);
    assert.equal(accuracyOf(expected), 6 / 10);
  });

  it('mean absolute error', () => {
    assert.equal(meanAbsoluteError(f([1, 2, 3, 4]), f([2, 2, 1, 4])), 0.75);
    assert.equal(meanAbsoluteError(f([]), f([])), 0);
  });

  it('R² is 1 for perfect predictions, 0 for the mean, and 1 − SSres/SStot otherwise', () => {
    const t = f([1, 2, 3, 6]);
    assert.equal(rSquared(t, t, 4, 1), 1);
    assert.equal(rSquared(f([3, 3, 3, 3]), t, 4, 1), 0);
    // SSres = 1 + 0 + 1 + 4 = 6, SStot = 4 + 1 + 0 + 9 = 14.
    assert.ok(Math.abs(rSquared(f([2, 2, 4, 4]), t, 4, 1) - (1 - 6 / 14)) < 1e-15);
    // Two outputs, averaged: column 0 perfect, column 1 the mean.
    assert.equal(rSquared(f([1, 5, 2, 5]), f([1, 4, 2, 6]), 2, 2), 0.5);
    assert.equal(rSquared(f([2, 2]), f([2, 2]), 2, 1), 1);
    assert.equal(rSquared(f([1, 3]), f([2, 2]), 2, 1), 0);
  });
});

describe('data: shape checks', () => {
  it('accepts a matching network and explains a mismatch', () => {
    const and = generateBuiltin('and', { seed: 0 });
    assert.equal(checkShapes(and, 2, 1), undefined);
    assert.equal(checkShapes(and, 3, 1), 'the data has 2 input columns (x1, x2) but the network takes 3 inputs');
    const blobs = generateBuiltin('blobs', { seed: 0, samples: 9 });
    assert.equal(checkShapes(blobs, 2, 1), 'the data has 3 classes (A, B, C), one output each, but the network has 1 output');
    assert.match(checkShapes(blobs, 1, 2) ?? '', /takes 1 input;.* has 2 outputs$/);
  });
});
