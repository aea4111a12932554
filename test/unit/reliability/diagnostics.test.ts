// The pure parts of the Problems panel: loader errors become ranges that cover
// exactly the offending value, and every quick fix yields a file that loads
// and differs from the original only where the fix says.

import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataFileChecker, type DataFileAccess, type PointedProblem } from '../../../src/host/diagnostics/dataProblems';
import { quickFixes } from '../../../src/host/diagnostics/fixes';
import { modelProblems, visibleRange, withoutLocation } from '../../../src/host/diagnostics/problems';
import { locateTrainingProblems, lowerLearningRate, type TrainingProblem } from '../../../src/host/diagnostics/training';
import { loadModel } from '../../../src/model/parse';
import { parsePointer } from '../../../src/model/pointer';
import type { NnModel } from '../../../src/model/types';

const ROOT = join(__dirname, '../../..');
const MALFORMED = join(ROOT, 'test/fixtures/model/malformed');

type Json = Record<string, unknown>;

/** The value at `pointer` in plain JSON.parse output, walked independently of the loader. */
function valueAt(doc: unknown, pointer: string): { found: boolean; value?: unknown } {
  let node: unknown = doc;
  for (const segment of parsePointer(pointer)) {
    if (node === null || typeof node !== 'object' || !(String(segment) in (node as object))) return { found: false };
    node = (node as Record<string, unknown>)[String(segment)];
  }
  return { found: true, value: node };
}

function network(overrides: (doc: Json) => void = () => undefined): string {
  const doc: Json = {
    format: 'nnjson',
    version: 1,
    inputs: 2,
    layers: [
      { type: 'dense', units: 3, weights: [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], bias: [0, 0, 0] },
      { type: 'activation', activation: 'relu' },
      { type: 'dense', units: 1, weights: [[1, 2, 3]], bias: [0.5] },
    ],
    training: { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.5 }, epochs: 10, batchSize: 2, seed: 3 },
  };
  overrides(doc);
  return JSON.stringify(doc, null, 2) + '\n';
}

const layers = (doc: Json) => doc.layers as Json[];

describe('reliability: diagnostics from loader errors', () => {
  const files = readdirSync(MALFORMED).filter((f) => f.endsWith('.nnjson'));

  it('covers exactly the offending value in every malformed fixture that is plain JSON', () => {
    let checked = 0;
    for (const file of files) {
      const text = readFileSync(join(MALFORMED, file), 'utf8');
      let doc: unknown;
      try {
        doc = JSON.parse(text);
      } catch {
        continue;
      }
      const { problems, model } = modelProblems(text);
      assert.equal(model, undefined, file);
      assert.ok(problems.length > 0, file);
      for (const p of problems) {
        assert.doesNotMatch(p.message, /\(line \d+, column \d+\)$/, `${file}: the panel shows the place itself`);
        assert.equal(p.severity, 'error');
        const at = valueAt(doc, p.pointer);
        if (!at.found) continue;
        assert.deepEqual(JSON.parse(text.slice(p.offset, p.offset + p.length)), at.value, `${file}: ${p.pointer}`);
        checked++;
      }
    }
    assert.ok(checked >= 20, `only ${checked} ranges were checked`);
  });

  it('gives syntax errors a range inside the text', () => {
    const text = readFileSync(join(MALFORMED, 'truncated.nnjson'), 'utf8');
    const { problems } = modelProblems(text);
    assert.ok(problems.length > 0);
    for (const p of problems) assert.ok(p.offset >= 0 && p.offset + p.length <= text.length);
  });

  it('reports nothing for a valid network', () => {
    const { problems, model } = modelProblems(network());
    assert.deepEqual(problems, []);
    assert.ok(model);
  });

  it('widens an empty range to one visible character, within the text', () => {
    assert.deepEqual(visibleRange(4, 0, 10), { start: 4, end: 5 });
    assert.deepEqual(visibleRange(10, 0, 10), { start: 10, end: 10 });
    assert.deepEqual(visibleRange(2, 5, 10), { start: 2, end: 7 });
    assert.equal(withoutLocation('x is wrong (line 3, column 4)'), 'x is wrong');
  });
});

describe('reliability: quick fixes', () => {
  it("sets the previous layer's units to the next layer's input width", () => {
    const text = network((d) => (layers(d)[2].weights = [[1, 2, 3, 4]]));
    const problem = modelProblems(text).problems.find((p) => p.pointer === '/layers/2/weights/0');
    assert.ok(problem, 'a row-width problem on the second Dense layer');
    const fixes = quickFixes(text, problem);
    const setUnits = fixes.find((f) => f.title.startsWith("Set units to match the next layer's input"));
    assert.ok(setUnits, fixes.map((f) => f.title).join('; '));
    assert.equal(setUnits.preferred, true);
    const loaded = loadModel(setUnits.text);
    assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.errors));
    const expected = JSON.parse(text) as Json;
    layers(expected)[0] = { type: 'dense', units: 4 };
    assert.deepEqual(JSON.parse(setUnits.text), expected);
  });

  it('re-initialises a layer whose weights or bias do not fit', () => {
    for (const broken of [
      (d: Json) => (layers(d)[0].bias = [0, 0]),
      (d: Json) => (layers(d)[0].weights = [[1, 2]]),
      (d: Json) => (layers(d)[0].weights = [[1, 2], [3, 4], [5, null]]),
    ]) {
      const text = network(broken);
      const problem = modelProblems(text).problems.find((p) => p.pointer.startsWith('/layers/0/'));
      assert.ok(problem, text);
      const fix = quickFixes(text, problem).find((f) => f.title.startsWith('Re-initialise weights'));
      assert.ok(fix);
      assert.ok(loadModel(fix.text).ok);
      const expected = JSON.parse(text) as Json;
      layers(expected)[0] = { type: 'dense', units: 3 };
      assert.deepEqual(JSON.parse(fix.text), expected);
    }
  });

  it('keeps the layout of the rest of the file', () => {
    const text = network((d) => (layers(d)[0].bias = [0, 0]));
    const problem = modelProblems(text).problems.find((p) => p.pointer === '/layers/0/bias')!;
    const fix = quickFixes(text, problem)[0];
    const lines = new Set(text.split('\n'));
    const added = fix.text.split('\n').filter((l) => !lines.has(l));
    // Removing the last property rewrites at most the line before it (its trailing comma).
    assert.ok(added.length <= 1, added.join('\n'));
  });

  it('lowers the learning rate for divergence and a rising loss', () => {
    const text = network();
    for (const kind of ['divergence', 'learningRateTooHigh'] as const) {
      const [problem] = locateTrainingProblems(text, [{ kind, message: 'the loss became NaN at epoch 3' }]);
      assert.equal(text.slice(problem.offset, problem.offset + problem.length), '0.5');
      const [fix] = quickFixes(text, problem);
      assert.equal(fix.title, 'Lower the learning rate to 0.05');
      const expected = JSON.parse(text) as NnModel;
      expected.training.optimizer.learningRate = 0.05;
      assert.deepEqual(JSON.parse(fix.text), expected);
    }
    const [suggested] = locateTrainingProblems(text, [{ kind: 'learningRateTooHigh', message: 'rising', suggestedLearningRate: 0.2 }]);
    assert.equal(quickFixes(text, suggested)[0].title, 'Lower the learning rate to 0.2');
    assert.equal(lowerLearningRate(0.3), 0.03);
    assert.equal(lowerLearningRate(1e-3), 1e-4);
  });

  it('drops a learning-rate problem once the file holds another rate, and keeps the rest', () => {
    const text = network();
    const found: TrainingProblem[] = [
      { kind: 'divergence', message: 'the loss became NaN', suggestedLearningRate: 0.05, learningRate: 0.5 },
      { kind: 'deadRelu', layer: 0, message: 'all 3 units of layers[0] output 0' },
    ];
    assert.deepEqual(locateTrainingProblems(text, found, 0.5).map((p) => p.code), ['divergence', 'deadRelu']);
    const [divergence] = locateTrainingProblems(text, found, 0.5);
    const fixed = quickFixes(text, divergence)[0].text;
    const rate = (JSON.parse(fixed) as NnModel).training.optimizer.learningRate;
    assert.equal(rate, 0.05);
    assert.deepEqual(locateTrainingProblems(fixed, found, rate).map((p) => p.code), ['deadRelu'], 'the divergence was about the old rate');
    assert.deepEqual(locateTrainingProblems(fixed, found).map((p) => p.code), ['divergence', 'deadRelu'], 'without a rate from a loaded model, nothing is dropped');
  });

  it('places a dead ReLU layer on its Dense layer and offers to re-initialise it', () => {
    const text = network();
    const [problem] = locateTrainingProblems(text, [{ kind: 'deadRelu', layer: 0, message: 'all 3 units of layers[0] output 0' }]);
    assert.deepEqual(JSON.parse(text.slice(problem.offset, problem.offset + problem.length)), (JSON.parse(text) as Json & { layers: unknown[] }).layers[0]);
    assert.deepEqual(quickFixes(text, problem).map((f) => f.title), ['Re-initialise weights of layers[0] from the seed']);
  });

  it('offers nothing for text that is not JSON', () => {
    assert.deepEqual(quickFixes('{ "layers": [', { pointer: '/layers/0/weights', code: 'file' }), []);
  });

  it('places training problems and offers no fix in text nested deeper than the loader reads, without overflowing the stack', () => {
    // Once valid (training ran on it), then edited into 20,000 nested brackets.
    const deep = `{"training": {"optimizer": {"learningRate": ${'['.repeat(20_000)}0${']'.repeat(20_000)}}}}`;
    const [divergence] = locateTrainingProblems(deep, [{ kind: 'divergence', message: 'the loss became NaN' }]);
    assert.deepEqual([divergence.offset, divergence.length], [0, 0]);
    assert.deepEqual(quickFixes(deep, divergence), []);
    const [nesting] = modelProblems(deep).problems;
    assert.match(nesting.message, /nested more than 256 levels deep/);
    assert.deepEqual(quickFixes(deep, nesting), []);
  });
});

describe('reliability: data file problems', () => {
  const fileModel = (path: string): NnModel => {
    const model = JSON.parse(network()) as NnModel;
    model.data = { source: 'file', path, inputs: ['a', 'b'], targets: ['y'] };
    return model;
  };
  const reader = (files: Record<string, string>): DataFileAccess => ({
    stat: (path) => Promise.resolve(path in files ? { id: path, mtime: 0, size: files[path].length } : { problem: `the data file "${path}" does not exist` }),
    chunks: (stamp) => [files[stamp.id]],
  });
  const dataProblems = async (model: NnModel, access: DataFileAccess): Promise<PointedProblem[]> => {
    const check = await new DataFileChecker().check(model, access);
    return 'done' in check ? check.done : check.pending;
  };

  it('puts a missing file on data.path', async () => {
    assert.deepEqual(await dataProblems(fileModel('gone.csv'), reader({})), [{ pointer: '/data/path', message: 'the data file "gone.csv" does not exist' }]);
  });

  it('puts a missing column on the entry that names it', async () => {
    const problems = await dataProblems(fileModel('d.csv'), reader({ 'd.csv': 'a,c,y\n1,2,3\n' }));
    assert.equal(problems.length, 1);
    assert.equal(problems[0].pointer, '/data/inputs/1');
    assert.match(problems[0].message, /^d\.csv: .*"b" is missing/);
  });

  it('reports a NaN cell and an empty file', async () => {
    const nan = await dataProblems(fileModel('d.csv'), reader({ 'd.csv': 'a,b,y\n1,NaN,3\n' }));
    assert.equal(nan.length, 1);
    assert.match(nan[0].message, /row 2/);
    const empty = await dataProblems(fileModel('d.csv'), reader({ 'd.csv': 'a,b,y\n' }));
    assert.equal(empty.length, 1);
  });

  it('reports data whose width does not fit the network on the data block', async () => {
    const model = fileModel('d.csv');
    model.data = { source: 'file', path: 'd.csv', inputs: ['a'], targets: ['y'] };
    const problems = await dataProblems(model, reader({ 'd.csv': 'a,b,y\n1,2,3\n' }));
    assert.equal(problems.length, 1);
    assert.equal(problems[0].pointer, '/data');
    assert.match(problems[0].message, /1 input column .* but the network takes 2 inputs/);
    assert.deepEqual(await dataProblems(fileModel('d.csv'), reader({ 'd.csv': 'a,b,y\n1,2,3\n' })), []);
  });
});
