import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_DATASETS, DataError, generateBuiltin, loadIris, loadMnist, type SampleSet } from '../../../src/data';
import { loadModel } from '../../../src/model/parse';
import { resolveSamples } from '../../../src/model/samples';
import type { NnModel } from '../../../src/model/types';

const SYNTHETIC = BUILTIN_DATASETS.filter((d) => !d.fixed && d.name !== 'mnist').map((d) => d.name);

function classOf(set: SampleSet, s: number): number {
  if (set.targetSize === 1) return set.targets[s];
  const row = Array.from(set.targets.subarray(s * set.targetSize, (s + 1) * set.targetSize));
  assert.equal(row.filter((v) => v === 1).length, 1, `sample ${s} is not one-hot`);
  assert.equal(row.filter((v) => v === 0).length, set.targetSize - 1, `sample ${s} is not one-hot`);
  return row.indexOf(1);
}

function classCounts(set: SampleSet): number[] {
  const counts = new Array<number>(set.classes!.length).fill(0);
  for (let s = 0; s < set.count; s++) counts[classOf(set, s)]++;
  return counts;
}

/** Angle difference folded into [0, π]. */
function angleGap(a: number, b: number): number {
  const d = Math.abs(a - b) % (2 * Math.PI);
  return Math.min(d, 2 * Math.PI - d);
}

describe('data: built-in sets', () => {
  for (const name of SYNTHETIC) {
    describe(name, () => {
      const info = BUILTIN_DATASETS.find((d) => d.name === name)!;

      it('is deterministic under its seed and changes with it', () => {
        const a = generateBuiltin(name, { seed: 11, samples: 101, noise: 0.2 });
        const b = generateBuiltin(name, { seed: 11, samples: 101, noise: 0.2 });
        const c = generateBuiltin(name, { seed: 12, samples: 101, noise: 0.2 });
        assert.deepEqual(a, b);
        assert.notDeepEqual(Array.from(a.inputs), Array.from(c.inputs));
      });

      it('has the catalogue shape and honours the sample count and noise', () => {
        const set = generateBuiltin(name, { seed: 3, samples: 77 });
        assert.equal(set.count, 77);
        assert.equal(set.inputSize, info.inputSize);
        assert.equal(set.targetSize, info.targetSize);
        assert.equal(set.inputs.length, 77 * info.inputSize);
        assert.equal(set.targets.length, 77 * info.targetSize);
        assert.equal(set.task, info.task);
        assert.deepEqual(set.classes, info.classes);
        assert.equal(generateBuiltin(name, { seed: 3 }).count, info.defaultSamples);
        const quiet = generateBuiltin(name, { seed: 3, samples: 77, noise: 0 });
        const loud = generateBuiltin(name, { seed: 3, samples: 77, noise: 0.5 });
        assert.notDeepEqual(info.task === 'regression' ? loud.targets : loud.inputs, info.task === 'regression' ? quiet.targets : quiet.inputs);
      });

      it('stays in the documented input range without noise', () => {
        const set = generateBuiltin(name, { seed: 5, samples: 500, noise: 0 });
        const [lo, hi] = info.inputRange;
        for (const v of set.inputs) assert.ok(v >= lo && v <= hi, `${v} outside [${lo}, ${hi}]`);
      });

      if (info.task !== 'regression') {
        it('has valid labels and balanced classes', () => {
          const set = generateBuiltin(name, { seed: 8, samples: 901, noise: 0.1 });
          const counts = classCounts(set);
          const k = counts.length;
          if (name === 'xorQuadrants') {
            for (const n of counts) assert.ok(Math.abs(n - 901 / k) < 0.1 * 901, `unbalanced: ${counts}`);
          } else {
            assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `unbalanced: ${counts}`);
          }
        });
      }
    });
  }

  const clean = (name: string, samples = 400): SampleSet => generateBuiltin(name, { seed: 21, samples, noise: 0 });
  const point = (set: SampleSet, s: number): [number, number] => [set.inputs[2 * s], set.inputs[2 * s + 1]];

  it('circle: class 1 inside radius 2.5, class 0 in the ring from 3.5 to 5', () => {
    const set = clean('circle');
    for (let s = 0; s < set.count; s++) {
      const r = Math.hypot(...point(set, s));
      if (set.targets[s] === 1) assert.ok(r <= 2.5);
      else assert.ok(r >= 3.5 && r <= 5);
    }
  });

  it('xorQuadrants: class 1 exactly where x·y > 0, away from the axes', () => {
    const set = clean('xorQuadrants');
    for (let s = 0; s < set.count; s++) {
      const [x, y] = point(set, s);
      assert.equal(set.targets[s], x * y > 0 ? 1 : 0);
      assert.ok(Math.abs(x) >= 0.3 && Math.abs(y) >= 0.3);
    }
  });

  it('gaussians and blobs: class means sit at the documented centres', () => {
    const centres: Record<string, [number, number][]> = {
      gaussians: [[-2, -2], [2, 2]],
      blobs: [0, 1, 2].map((k) => [3.5 * Math.cos(Math.PI / 2 + (2 * Math.PI * k) / 3), 3.5 * Math.sin(Math.PI / 2 + (2 * Math.PI * k) / 3)]),
    };
    for (const [name, expected] of Object.entries(centres)) {
      const set = clean(name, 3000);
      const sums = expected.map(() => [0, 0, 0]);
      for (let s = 0; s < set.count; s++) {
        const k = classOf(set, s);
        const [x, y] = point(set, s);
        sums[k][0] += x; sums[k][1] += y; sums[k][2]++;
      }
      expected.forEach(([cx, cy], k) => {
        assert.ok(Math.abs(sums[k][0] / sums[k][2] - cx) < 0.1 && Math.abs(sums[k][1] / sums[k][2] - cy) < 0.1, `${name} class ${k}`);
      });
    }
  });

  it('spirals: each point lies on its arm, θ = 3.5π·r/5 + 2πk/arms', () => {
    for (const [name, arms] of [['spiral', 2], ['spiral3', 3]] as const) {
      const set = clean(name);
      for (let s = 0; s < set.count; s++) {
        const [x, y] = point(set, s);
        const r = Math.hypot(x, y);
        if (r < 1e-9) continue;
        const expected = 3.5 * Math.PI * (r / 5) + (2 * Math.PI * classOf(set, s)) / arms;
        assert.ok(angleGap(Math.atan2(x, y), expected) < 1e-9, `${name} sample ${s}`);
      }
    }
  });

  it('moons: unscaled points lie on the unit half circles', () => {
    const set = clean('moons');
    for (let s = 0; s < set.count; s++) {
      const [x, y] = point(set, s);
      const u = x / 4 + 0.5;
      const v = y / 4 + 0.25;
      if (set.targets[s] === 0) {
        assert.ok(Math.abs(Math.hypot(u, v) - 1) < 1e-9 && v >= -1e-12);
      } else {
        assert.ok(Math.abs(Math.hypot(u - 1, v - 0.5) - 1) < 1e-9 && v <= 0.5 + 1e-12);
      }
    }
  });

  it('plane: y = (x1 + x2) / 12, and noise adds that much spread', () => {
    const set = clean('plane');
    for (let s = 0; s < set.count; s++) {
      const [x, y] = point(set, s);
      assert.ok(Math.abs(set.targets[s] - (x + y) / 12) < 1e-12);
    }
    const noisy = generateBuiltin('plane', { seed: 4, samples: 4000, noise: 0.2 });
    let sq = 0;
    for (let s = 0; s < noisy.count; s++) sq += (noisy.targets[s] - (noisy.inputs[2 * s] + noisy.inputs[2 * s + 1]) / 12) ** 2;
    assert.ok(Math.abs(Math.sqrt(sq / noisy.count) - 0.2) < 0.02);
  });

  it('multiGaussian: targets in [-1, 1] with bumps of both signs', () => {
    const set = clean('multiGaussian', 2000);
    const ys = Array.from(set.targets);
    assert.ok(ys.every((v) => v >= -1 && v <= 1));
    assert.ok(Math.min(...ys) < -0.8 && Math.max(...ys) > 0.8);
  });

  it('truth tables: the paper\'s AND, and OR, XOR, NAND from their rules', () => {
    const and = generateBuiltin('and', { seed: 1 });
    assert.deepEqual(Array.from(and.inputs), [0, 0, 0, 1, 1, 0, 1, 1]);
    assert.deepEqual(Array.from(and.targets), [0, 0, 0, 1]);
    const rules: Record<string, (a: boolean, b: boolean) => boolean> = {
      or: (a, b) => a || b, xor: (a, b) => a !== b, nand: (a, b) => !(a && b),
    };
    for (const [name, rule] of Object.entries(rules)) {
      const set = generateBuiltin(name, { seed: 9, samples: 100, noise: 1 });
      assert.equal(set.count, 4);
      for (let s = 0; s < 4; s++) {
        assert.equal(set.targets[s], Number(rule(set.inputs[2 * s] === 1, set.inputs[2 * s + 1] === 1)), `${name} row ${s}`);
      }
    }
  });

  it('rejects unknown names and impossible options', () => {
    assert.throws(() => generateBuiltin('swirl', { seed: 1 }), (e: unknown) => e instanceof DataError && /unknown built-in data set "swirl"; known: and, or/.test(e.message));
    assert.throws(() => generateBuiltin('circle', { seed: 1, samples: 0 }), DataError);
    assert.throws(() => generateBuiltin('circle', { seed: 1, samples: 2.5 }), DataError);
    assert.throws(() => generateBuiltin('circle', { seed: 1, noise: -1 }), DataError);
  });

  it('iris: Fisher\'s 150 flowers, 50 of each species', () => {
    const iris = generateBuiltin('iris', { seed: 0 });
    assert.deepEqual(iris, loadIris());
    assert.equal(iris.count, 150);
    assert.equal(iris.inputSize, 4);
    assert.deepEqual(iris.classes, ['setosa', 'versicolor', 'virginica']);
    assert.deepEqual(classCounts(iris), [50, 50, 50]);
    assert.deepEqual(Array.from(iris.inputs.subarray(0, 4)), [5.1, 3.5, 1.4, 0.2]);
    assert.equal(classOf(iris, 0), 0);
  });

  it('mnist: seeded, disjoint train and test draws of one-hot digits with pixels in [0, 1]', () => {
    const a = loadMnist({ train: 60, test: 30, seed: 5 });
    assert.deepEqual(loadMnist({ train: 60, test: 30, seed: 5 }), a);
    assert.notDeepEqual(loadMnist({ train: 60, test: 30, seed: 6 }).train.targets, a.train.targets);
    assert.equal(a.train.inputs.length, 60 * 784);
    assert.equal(a.test.count, 30);
    assert.ok(a.train.inputs.every((v) => v >= 0 && v <= 1));
    const image = (set: SampleSet, s: number): string => set.inputs.subarray(s * 784, (s + 1) * 784).join(',');
    const trainImages = new Set(Array.from({ length: 60 }, (_, s) => image(a.train, s)));
    for (let s = 0; s < 30; s++) assert.ok(!trainImages.has(image(a.test, s)));
    assert.ok(classCounts(a.train).filter((n) => n > 0).length >= 8);
    assert.equal(generateBuiltin('mnist', { seed: 5, samples: 12 }).count, 12);
    assert.throws(() => loadMnist({ train: 9000, test: 2000, seed: 1 }), DataError);
  });
});

describe('data: blobs with a chosen number of classes', () => {
  it('draws k evenly spaced blobs, one-hot and balanced, deterministic under the seed', () => {
    for (const k of [3, 5, 8]) {
      const set = generateBuiltin('blobs', { seed: 9, samples: 4000, noise: 0, classes: k });
      assert.equal(set.targetSize, k);
      assert.equal(set.task, 'multiclass');
      assert.deepEqual(set.classes, 'ABCDEFGH'.slice(0, k).split(''));
      assert.deepEqual(set.targetNames, set.classes);
      const counts = classCounts(set);
      assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `counts ${counts.join(', ')}`);
      const sums = Array.from({ length: k }, () => [0, 0, 0]);
      for (let s = 0; s < set.count; s++) {
        const c = classOf(set, s);
        sums[c][0] += set.inputs[2 * s]; sums[c][1] += set.inputs[2 * s + 1]; sums[c][2]++;
      }
      sums.forEach(([x, y, n], c) => {
        const angle = Math.PI / 2 + (2 * Math.PI * c) / k;
        assert.ok(Math.abs(x / n - 3.5 * Math.cos(angle)) < 0.1 && Math.abs(y / n - 3.5 * Math.sin(angle)) < 0.1, `k = ${k}, class ${c}`);
      });
      assert.deepEqual(generateBuiltin('blobs', { seed: 9, samples: 4000, noise: 0, classes: k }), set);
      assert.notDeepEqual(Array.from(generateBuiltin('blobs', { seed: 10, samples: 50, classes: k }).inputs), Array.from(generateBuiltin('blobs', { seed: 9, samples: 50, classes: k }).inputs));
    }
    // The default is the three-blob set, number for number.
    assert.deepEqual(generateBuiltin('blobs', { seed: 4, samples: 90, classes: 3 }), generateBuiltin('blobs', { seed: 4, samples: 90 }));
  });

  it('makes two classes one 0/1 target, as a two-class file is', () => {
    const set = generateBuiltin('blobs', { seed: 2, samples: 10, classes: 2 });
    assert.equal(set.targetSize, 1);
    assert.equal(set.task, 'binary');
    assert.deepEqual(set.classes, ['A', 'B']);
    assert.deepEqual(Array.from(set.targets), [0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
  });

  it('takes the count from a network\'s data block, and the loader checks its range', async () => {
    const model = JSON.parse(readFileSync(join(__dirname, '../../../examples/blobs.nnjson'), 'utf8')) as NnModel;
    model.data = { source: 'builtin', name: 'blobs', classes: 5, samples: 100 };
    const set = await resolveSamples(model, () => Promise.reject(new Error('no file')));
    assert.equal(set.targetSize, 5);
    assert.deepEqual(set.classes, ['A', 'B', 'C', 'D', 'E']);
    model.data = { source: 'builtin', name: 'blobs', classes: 9 };
    const loaded = loadModel(JSON.stringify(model, null, 2));
    assert.ok(!loaded.ok);
    assert.match(loaded.errors.map((e) => e.message).join('; '), /data\.classes must be an integer at least 2 and at most 8 \(line \d+/);
  });

  it('refuses a class count out of range, and classes on a set that has fixed ones', () => {
    for (const k of [1, 9, 2.5]) {
      assert.throws(() => generateBuiltin('blobs', { seed: 1, classes: k }), (e: unknown) => e instanceof DataError && e.message === `data set "blobs" takes 2 to 8 classes; got ${k}`);
    }
    assert.throws(() => generateBuiltin('circle', { seed: 1, classes: 4 }), /data set "circle" has a fixed number of classes; only "blobs" takes "classes"/);
  });
});
