import { strict as assert } from 'node:assert';
import { DataError, applyNormalization, fitNormalization, generateBuiltin, parseCsv, splitSamples, type SampleSet } from '../../../src/data';

/** 100 samples: column 0 is the sample id, column 1 a spread-out value, column 2 constant. */
function numbered(count = 100): SampleSet {
  const lines = ['id,v,c,y'];
  for (let i = 0; i < count; i++) lines.push(`${i},${(i * 37) % 101 - 50},7,${i % 2}`);
  return parseCsv(lines.join('\n'), { inputs: ['id', 'v', 'c'], targets: ['y'] });
}

function ids(set: SampleSet): number[] {
  return Array.from({ length: set.count }, (_, s) => set.inputs[s * set.inputSize]);
}

function column(set: SampleSet, values: Float64Array, f: number): number[] {
  return Array.from({ length: set.count }, (_, s) => values[s * set.inputSize + f]);
}

describe('data: splits', () => {
  it('partitions every sample exactly once with the requested sizes', () => {
    const set = numbered();
    const { train, test, validation } = splitSamples(set, { test: 0.2, validation: 0.1 }, 42);
    assert.equal(test!.count, 20);
    assert.equal(validation!.count, 10);
    assert.equal(train.count, 70);
    const all = [...ids(train), ...ids(test!), ...ids(validation!)].sort((a, b) => a - b);
    assert.deepEqual(all, Array.from({ length: 100 }, (_, i) => i));
    for (const part of [train, test!, validation!]) {
      for (let s = 0; s < part.count; s++) assert.equal(part.targets[s], part.inputs[s * 3] % 2, 'target travels with its inputs');
      assert.deepEqual(part.inputNames, set.inputNames);
      assert.equal(part.task, set.task);
    }
  });

  it('is seeded: same seed, same split; another seed, another split', () => {
    const set = numbered();
    assert.deepEqual(splitSamples(set, { test: 0.3 }, 1), splitSamples(set, { test: 0.3 }, 1));
    assert.notDeepEqual(ids(splitSamples(set, { test: 0.3 }, 1).test!), ids(splitSamples(set, { test: 0.3 }, 2).test!));
  });

  it('omits empty parts and refuses to leave no training samples', () => {
    const result = splitSamples(numbered(10), { test: 0 }, 3);
    assert.equal(result.train.count, 10);
    assert.equal(result.test, undefined);
    assert.equal(result.validation, undefined);
    const and = generateBuiltin('and', { seed: 0 });
    assert.throws(() => splitSamples(and, { test: 0.5, validation: 0.5 }, 1), DataError);
    assert.throws(() => splitSamples(and, { test: 0.6, validation: 0.4 }, 1),
      (e: unknown) => e instanceof DataError && e.message.includes('leaves none to train on'));
    assert.throws(() => splitSamples(and, { test: 1 }, 1), DataError);
    assert.throws(() => splitSamples(and, { test: -0.1 }, 1), DataError);
  });
});

describe('data: normalisation', () => {
  const { train, test } = splitSamples(numbered(), { test: 0.25 }, 9);

  it('min-max: fitted on the training split, maps it onto [0, 1], constant columns to 0', () => {
    const spec = fitNormalization(train, 'minmax');
    assert.equal(spec.method, 'minmax');
    const scaled = applyNormalization(train.inputs, 3, spec);
    for (const f of [0, 1]) {
      const raw = column(train, train.inputs, f);
      const lo = Math.min(...raw);
      const hi = Math.max(...raw);
      assert.deepEqual(column(train, scaled, f), raw.map((v) => (v - lo) / (hi - lo)));
      assert.equal(Math.min(...column(train, scaled, f)), 0);
      assert.equal(Math.max(...column(train, scaled, f)), 1);
    }
    assert.ok(column(train, scaled, 2).every((v) => v === 0));
    // The stored spec, through JSON, scales the test split with the training numbers.
    const stored = JSON.parse(JSON.stringify(spec));
    const ids = column(train, train.inputs, 0);
    const testScaled = applyNormalization(test!.inputs, 3, stored);
    assert.deepEqual(column(test!, testScaled, 0), column(test!, test!.inputs, 0).map((v) => (v - Math.min(...ids)) / (Math.max(...ids) - Math.min(...ids))));
    assert.deepEqual(applyNormalization(train.inputs, 3, stored), scaled);
  });

  it('z-score: zero mean and unit population deviation on the training split; std 0 divides by 1', () => {
    const spec = fitNormalization(train, 'zscore');
    const scaled = applyNormalization(train.inputs, 3, spec);
    for (const f of [0, 1]) {
      const values = column(train, scaled, f);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
      assert.ok(Math.abs(mean) < 1e-12);
      assert.ok(Math.abs(variance - 1) < 1e-12);
    }
    assert.ok(column(train, scaled, 2).every((v) => v === 0));
    const shifted = applyNormalization(new Float64Array([0, 0, 9]), 3, spec);
    assert.equal(shifted[2], 2, 'constant column: (9 − 7) / 1');
    assert.deepEqual(applyNormalization(test!.inputs, 3, JSON.parse(JSON.stringify(spec))), applyNormalization(test!.inputs, 3, spec));
  });

  it('uses only the training split, not the whole set', () => {
    const whole = fitNormalization(numbered(), 'minmax');
    const fromTrain = fitNormalization(train, 'minmax');
    assert.notDeepEqual(whole, fromTrain);
  });

  it('"none" copies; an unfitted or mis-sized spec is refused', () => {
    const copy = applyNormalization(train.inputs, 3, { method: 'none' });
    assert.deepEqual(copy, train.inputs);
    assert.notEqual(copy, train.inputs);
    assert.deepEqual(fitNormalization(train, 'none'), { method: 'none' });
    assert.throws(() => applyNormalization(train.inputs, 3, { method: 'minmax' }), DataError);
    assert.throws(() => applyNormalization(train.inputs, 3, { method: 'zscore', mean: [0, 0], std: [1, 1] }), DataError);
  });
});
