// The training points a two-input network draws: a seeded sample of at most
// 2,000, labelled as the data set labels them, and everything when there are fewer.
import * as assert from 'node:assert/strict';
import { generateBuiltin } from '../../../src/data';
import { MAX_SCATTER_POINTS, scatterIndices, scatterPoints } from '../../../src/worker/points';

describe('training points for the scatter plot', () => {
  it('keeps every point of a small set, in order', () => {
    const set = generateBuiltin('xor', { seed: 1 });
    const points = scatterPoints(set, 42);
    assert.equal(points.count, 4);
    assert.equal(points.total, 4);
    assert.deepEqual(Array.from(points.inputs), Array.from(Float32Array.from(set.inputs)));
    assert.deepEqual(Array.from(points.labels), Array.from(set.targets));
  });

  it('draws a seeded sample of 2,000 distinct points from a large set, the same for the same seed', () => {
    const picked = scatterIndices(50_000, MAX_SCATTER_POINTS, 7);
    assert.equal(picked.length, 2000);
    assert.equal(new Set(picked).size, 2000, 'no point twice');
    for (let n = 1; n < picked.length; n++) assert.ok(picked[n - 1]! < picked[n]!, 'in file order');
    assert.deepEqual(scatterIndices(50_000, MAX_SCATTER_POINTS, 7), picked);
    assert.notDeepEqual(scatterIndices(50_000, MAX_SCATTER_POINTS, 8), picked);
    // Spread over the whole file, not its head: about as many from each half.
    const firstHalf = picked.filter((s) => s < 25_000).length;
    assert.ok(firstHalf > 850 && firstHalf < 1150, `${firstHalf} of 2000 from the first half`);
  });

  it('labels each chosen point as the data does: the 0/1 target, or the one-hot class', () => {
    const set = generateBuiltin('blobs', { seed: 3, samples: 6000, classes: 4 });
    const points = scatterPoints(set, 11);
    const picked = scatterIndices(6000, MAX_SCATTER_POINTS, 11);
    assert.equal(points.count, 2000);
    assert.equal(points.total, 6000);
    picked.forEach((s, n) => {
      assert.equal(points.inputs[2 * n], Math.fround(set.inputs[2 * s]!));
      assert.equal(points.inputs[2 * n + 1], Math.fround(set.inputs[2 * s + 1]!));
      // blobs puts sample s in class s mod 4.
      assert.equal(points.labels[n], s % 4);
    });
  });
});
