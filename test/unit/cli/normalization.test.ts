// `nnjson train` fits the data file's normalisation on the training rows only and
// stores it; `nnjson predict` on raw inputs then gives what the network gives
// on those inputs scaled by hand with the stored numbers. The statistics are
// recomputed here from the CSV text; only the choice of rows comes from the
// product's seeded split.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitIndices } from '../../../src/data';
import { createRng } from '../../../src/engine';
import { loadModel } from '../../../src/model/parse';
import { networkFromModel } from '../../../src/model/network';
import { bundleCli, type CliRun } from './bundle';

const ROWS = 40;
const SEED = 5;
const SPLIT = { test: 0.25 };

/** Seeded rows: a in [0, 1], b in [1000, 5000], y = 1 when a and the scaled b together are large. */
function csvRows(): number[][] {
  const rng = createRng(11);
  const rows: number[][] = [];
  for (let i = 0; i < ROWS; i++) {
    const a = rng();
    const b = 1000 + 4000 * rng();
    rows.push([a, b, a + (b - 1000) / 4000 > 1 ? 1 : 0]);
  }
  // The file's extremes sit in a held-out row, so statistics of the whole file differ from the training rows' ones.
  const held = splitIndices(ROWS, SPLIT, SEED).test[0];
  rows[held] = [1.75, 9000, 1];
  return rows;
}

function column(rows: number[][], f: number): number[] {
  return rows.map((r) => r[f]);
}

/** Population mean and standard deviation. */
function meanStd(values: number[]): [number, number] {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return [mean, Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length)];
}

function model(method: 'zscore' | 'minmax'): object {
  return {
    format: 'nnjson',
    version: 1,
    name: `two scales, ${method}`,
    inputs: 2,
    layers: [
      { type: 'dense', units: 4, init: 'xavier' },
      { type: 'activation', activation: 'tanh' },
      { type: 'dense', units: 1, init: 'xavier' },
      { type: 'activation', activation: 'sigmoid' },
    ],
    training: { loss: 'binaryCrossEntropy', optimizer: { type: 'sgd', learningRate: 0.5 }, epochs: 30, batchSize: 5, seed: SEED },
    data: { source: 'file', path: 'scales.csv', inputs: ['a', 'b'], targets: ['y'], normalization: { method }, split: SPLIT },
  };
}

describe('nnjson train stores the normalisation of the training rows, and predict reapplies it', function () {
  this.timeout(180_000);
  let work: string;
  let nnjson: (args: string[]) => CliRun;
  const rows = csvRows();
  const trainRows = Array.from(splitIndices(ROWS, SPLIT, SEED).train, (i) => rows[i]);
  // Raw inputs a user would type, on the two scales; one outside the training range.
  const raw = [[0.2, 1500], [0.9, 4200], [1.3, 7000]];

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'nnjson-norm-'));
    nnjson = await bundleCli(work);
    writeFileSync(join(work, 'scales.csv'), 'a,b,y\n' + rows.map((r) => r.map(String).join(',')).join('\n') + '\n');
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  function trainAndPredict(method: 'zscore' | 'minmax'): { stored: Record<string, number[]>; trained: string; predicted: number[][] } {
    const file = join(work, `${method}.nnjson`);
    const trained = join(work, `${method}-trained.nnjson`);
    writeFileSync(file, JSON.stringify(model(method), null, 2));
    const run = nnjson(['train', file, '--out', trained, '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    const stored = JSON.parse(readFileSync(trained, 'utf8')).data.normalization;
    assert.equal(stored.method, method);
    const out = nnjson(['predict', trained, ...raw.flatMap((r) => ['--input', r.join(',')]), '--json']);
    assert.equal(out.code, 0, out.stderr);
    return { stored, trained, predicted: JSON.parse(out.stdout) as number[][] };
  }

  /** The trained file's network, run forward in this process on `inputs`. */
  function forward(trained: string, inputs: number[][]): number[][] {
    const loaded = loadModel(readFileSync(trained, 'utf8'));
    assert.ok(loaded.ok);
    return networkFromModel(loaded.model).predict(inputs);
  }

  function assertRowsClose(actual: number[][], expected: number[][], what: string): void {
    assert.equal(actual.length, expected.length, what);
    actual.forEach((row, s) => row.forEach((v, k) => assert.ok(Math.abs(v - expected[s][k]) < 1e-12, `${what}: sample ${s}, output ${k}: ${v} vs ${expected[s][k]}`)));
  }

  /** predict on a copy of the trained file without the stored numbers answers differently, so the checks above rest on them. */
  function assertDependsOnStoredScaling(trained: string, predicted: number[][]): void {
    const bare = JSON.parse(readFileSync(trained, 'utf8'));
    bare.data.normalization = { method: 'none' };
    const unscaledFile = join(work, 'unscaled.nnjson');
    writeFileSync(unscaledFile, JSON.stringify(bare, null, 2));
    const out = nnjson(['predict', unscaledFile, ...raw.flatMap((r) => ['--input', r.join(',')]), '--json']);
    assert.equal(out.code, 0, out.stderr);
    const unscaled = JSON.parse(out.stdout) as number[][];
    assertRowsClose(unscaled, forward(trained, raw), 'predict without scaling');
    assert.ok(unscaled.some((row, s) => Math.abs(row[0] - predicted[s][0]) > 1e-3), `unscaled ${JSON.stringify(unscaled)} vs ${JSON.stringify(predicted)}`);
  }

  it('z-score: the mean and std of the training rows, and predict scales raw inputs with them', () => {
    const { stored, trained, predicted } = trainAndPredict('zscore');
    const expected = [0, 1].map((f) => meanStd(column(trainRows, f)));
    for (let f = 0; f < 2; f++) {
      assert.ok(Math.abs(stored.mean[f] - expected[f][0]) <= 1e-12 * Math.abs(expected[f][0]), `mean of column ${f}`);
      assert.ok(Math.abs(stored.std[f] - expected[f][1]) <= 1e-12 * expected[f][1], `std of column ${f}`);
      assert.notEqual(stored.mean[f], meanStd(column(rows, f))[0], 'not the whole file\'s mean');
    }
    assert.ok(stored.mean[1] > 1000 && stored.std[1] > 100 * stored.std[0], 'the two columns keep their own scales');
    const scaled = raw.map((r) => r.map((x, f) => (x - expected[f][0]) / expected[f][1]));
    assertRowsClose(predicted, forward(trained, scaled), 'predict on raw inputs');
    assertDependsOnStoredScaling(trained, predicted);
  });

  it('min-max: the min and max of the training rows, and predict scales raw inputs with them', () => {
    const { stored, trained, predicted } = trainAndPredict('minmax');
    const expected = [0, 1].map((f) => [Math.min(...column(trainRows, f)), Math.max(...column(trainRows, f))]);
    assert.deepEqual(stored.min, expected.map((e) => e[0]));
    assert.deepEqual(stored.max, expected.map((e) => e[1]));
    assert.ok(stored.max[0] < 1.75 && stored.max[1] < 9000, 'the held-out extremes are not in the fit');
    const scaled = raw.map((r) => r.map((x, f) => (x - expected[f][0]) / (expected[f][1] - expected[f][0])));
    assertRowsClose(predicted, forward(trained, scaled), 'predict on raw inputs');
    assertDependsOnStoredScaling(trained, predicted);
  });
});
