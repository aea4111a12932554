// A two-class text column follows the network: one 0/1 output or two one-hot outputs,
// class names kept either way, and `nnjson predict` names the class for both.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { predictCommand } from '../../../src/cli/predict';
import { checkShapes, parseCsv, type ColumnMapping } from '../../../src/data';
import { prepareData } from '../../../src/model/samples';
import type { NnModel } from '../../../src/model/types';
import { buildSession } from '../../../src/worker/build';

const CSV = 'x,y,animal\n-2,1,cat\n3,0,dog\n-1,2,cat\n4,1,dog\n-3,0,cat\n2,2,dog\n';
const MAPPING: ColumnMapping = { inputs: ['x', 'y'], targets: ['animal'], categorical: { column: 'animal' } };
/** The animal column read naively: the oracle for every encoding below. */
const ANIMALS = CSV.trim().split('\n').slice(1).map((line) => line.split(',')[2]);

/** x → sigmoid(x) for one output; x → softmax(−x, x) for two, so a positive x means "dog" either way. */
function model(outputs: 1 | 2 | 3): NnModel {
  const weights = outputs === 1 ? [[1, 0]] : outputs === 2 ? [[-1, 0], [1, 0]] : [[-1, 0], [1, 0], [0, 1]];
  return {
    format: 'nnjson', version: 1, inputs: 2,
    ...(outputs === 2 ? { outputNames: ['cat', 'dog'] } : {}),
    layers: [
      { type: 'dense', units: outputs, weights, bias: new Array(outputs).fill(0) },
      { type: 'activation', activation: outputs === 1 ? 'sigmoid' : 'softmax' },
    ],
    training: {
      loss: outputs === 1 ? 'binaryCrossEntropy' : 'categoricalCrossEntropy',
      optimizer: { type: 'sgd', learningRate: 0.1 }, epochs: 2, batchSize: 2, seed: 3,
    },
    data: { source: 'file', path: 'animals.csv', ...MAPPING, categorical: { column: 'animal', classes: ['cat', 'dog'] }, normalization: { method: 'none' } },
  } as NnModel;
}

describe('data: two classes follow the network', () => {
  const samples = parseCsv(CSV, MAPPING);

  it('reads the column as one 0/1 target with both class names', () => {
    assert.equal(samples.targetSize, 1);
    assert.deepEqual(samples.classes, ['cat', 'dog']);
    assert.deepEqual(Array.from(samples.targets), ANIMALS.map((a) => (a === 'dog' ? 1 : 0)));
  });

  it('trains a one-output network on 0/1 targets', () => {
    const built = buildSession(model(1), samples);
    assert.equal(built.data.train.targetSize, 1);
    assert.deepEqual(Array.from(built.data.train.targets), ANIMALS.map((a) => (a === 'dog' ? 1 : 0)));
    assert.deepEqual(built.data.train.classes, ['cat', 'dog']);
  });

  it('one-hot encodes the classes for a two-output softmax network, which then trains', () => {
    assert.equal(checkShapes(samples, 2, 2), undefined);
    const built = buildSession(model(2), samples);
    const train = built.data.train;
    assert.equal(train.targetSize, 2);
    assert.equal(train.task, 'multiclass');
    assert.deepEqual(train.classes, ['cat', 'dog']);
    assert.deepEqual(train.targetNames, ['cat', 'dog']);
    const expected = ANIMALS.flatMap((a) => (a === 'dog' ? [0, 1] : [1, 0]));
    assert.deepEqual(Array.from(train.targets), expected);
    const report = built.trainer.runEpoch();
    assert.ok(report && Number.isFinite(report.loss));
  });

  it('says what would fit when two classes meet three outputs', () => {
    const message = checkShapes(samples, 2, 3);
    assert.equal(message, 'the data has 2 classes (cat, dog) but the network has 3 outputs; two classes need 1 output (0 or 1) or 2 outputs (one per class)');
    assert.throws(() => prepareData(model(3), samples, 3), (e: unknown) => e instanceof Error && e.message === message);
  });

  describe('nnjson predict names the class', () => {
    let work: string;
    before(() => { work = mkdtempSync(join(tmpdir(), 'nn-two-classes-')); });
    after(() => rmSync(work, { recursive: true, force: true }));

    async function predictLines(outputs: 1 | 2, input: string): Promise<string[]> {
      const file = join(work, `animals-${outputs}.nnjson`);
      writeFileSync(file, JSON.stringify(model(outputs)));
      const written: string[] = [];
      const original = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string) => { written.push(chunk); return true; }) as typeof process.stdout.write;
      try {
        await predictCommand(file, { input: [input] });
      } finally {
        process.stdout.write = original;
      }
      return written.join('').trim().split('\n');
    }

    for (const outputs of [1, 2] as const) {
      it(`with ${outputs} output${outputs === 1 ? '' : 's'}`, async () => {
        const lines = await predictLines(outputs, '3,0;-3,0;0.5,9');
        // Oracle: the weights make a positive x "dog" for both networks.
        assert.deepEqual(lines.map((l) => l.split('→ ')[1]), ['dog', 'cat', 'dog']);
        const first = lines[0].split('  →')[0].split(',').map(Number);
        const dog = 1 / (1 + Math.exp(-3));
        const expected = outputs === 1 ? [dog] : [1 / (1 + Math.exp(6)), 1 / (1 + Math.exp(-6))];
        first.forEach((v, k) => assert.ok(Math.abs(v - expected[k]) < 1e-5, `${v} vs ${expected[k]}`));
      });
    }
  });
});
