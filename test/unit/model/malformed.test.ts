// Every malformed fixture is rejected with a specific message at the exact
// place of the offending value. Expected lines and columns were worked out
// from the fixture text, not from the loader.

import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '../../../src/model/parse';

const DIR = join(__dirname, '../../fixtures/model/malformed');

interface Expectation {
  file: string;
  pointer: string;
  line: number;
  column: number;
  message: string;
}

const CASES: Expectation[] = [
  { file: 'truncated', pointer: '', line: 8, column: 17, message: 'syntax error: the file ends too early' },
  { file: 'trailing-comma', pointer: '', line: 27, column: 14, message: 'syntax error: trailing comma before }' },
  { file: 'comment', pointer: '', line: 1, column: 1, message: 'comments are not allowed' },
  { file: 'missing-value', pointer: '', line: 25, column: 15, message: 'syntax error: expected a value' },
  { file: 'empty', pointer: '', line: 1, column: 1, message: 'the file is empty' },
  { file: 'top-level-array', pointer: '', line: 1, column: 1, message: 'the document must be an object' },
  { file: 'wrong-format', pointer: '/format', line: 2, column: 13, message: 'format must be "nnjson"' },
  { file: 'missing-format', pointer: '', line: 1, column: 1, message: 'the document is missing "format"' },
  { file: 'version-zero', pointer: '/version', line: 3, column: 14, message: 'version must be a positive integer' },
  { file: 'missing-layers', pointer: '', line: 1, column: 1, message: 'the document is missing "layers"' },
  { file: 'units-zero', pointer: '/layers/0/units', line: 8, column: 16, message: 'layers[0].units must be a positive integer' },
  { file: 'units-negative', pointer: '/layers/0/units', line: 8, column: 16, message: 'layers[0].units must be a positive integer' },
  { file: 'units-fraction', pointer: '/layers/0/units', line: 8, column: 16, message: 'layers[0].units must be a positive integer' },
  { file: 'missing-units', pointer: '/layers/0', line: 6, column: 5, message: 'layers[0] is missing "units"' },
  { file: 'duplicate-key', pointer: '/layers/0/units', line: 9, column: 16, message: 'layers[0].units appears twice' },
  { file: 'unknown-layer-type', pointer: '/layers/0/type', line: 7, column: 15, message: 'layers[0].type must be one of dense, activation' },
  {
    file: 'unknown-activation',
    pointer: '/layers/1/activation',
    line: 12,
    column: 21,
    message: 'layers[1].activation must be one of relu, leakyRelu, sigmoid, tanh, softmax, linear',
  },
  {
    file: 'unknown-loss',
    pointer: '/training/loss',
    line: 20,
    column: 13,
    message: 'training.loss must be one of mse, mae, crossEntropy, binaryCrossEntropy, categoricalCrossEntropy, hinge',
  },
  { file: 'weights-rows', pointer: '/layers/0/weights', line: 9, column: 18, message: 'layers[0].weights has 2 rows but the layer has 3 units' },
  {
    file: 'weights-row-length',
    pointer: '/layers/0/weights/1',
    line: 9,
    column: 31,
    message: "layers[0].weights[1] has 3 values but the layer takes 2 inputs (from the network's inputs)",
  },
  { file: 'bias-length', pointer: '/layers/0/bias', line: 9, column: 15, message: 'layers[0].bias has 2 values but the layer has 3 units' },
  { file: 'weight-not-number', pointer: '/layers/0/weights/0/1', line: 9, column: 25, message: 'layers[0].weights[0][1] must be a number' },
  { file: 'infinite-number', pointer: '/training/optimizer/learningRate', line: 23, column: 23, message: 'training.optimizer.learningRate must be a finite number' },
  { file: 'string-for-number', pointer: '/training/epochs', line: 25, column: 15, message: 'training.epochs must be a positive integer' },
  { file: 'softmax-middle', pointer: '/layers/1/activation', line: 12, column: 21, message: 'layers[1].activation is softmax, which may only be the last layer' },
  { file: 'first-not-dense', pointer: '/layers/0/type', line: 7, column: 15, message: 'layers[0].type must be "dense": the first layer receives the inputs' },
  { file: 'huge-units', pointer: '/layers/0/units', line: 8, column: 16, message: 'layers[0].units is 200000, more than the limit of 100000' },
  { file: 'huge-parameters', pointer: '/layers', line: 5, column: 13, message: 'more than the limit of 50,000,000' },
  {
    file: 'negative-learning-rate',
    pointer: '/training/optimizer/learningRate',
    line: 23,
    column: 23,
    message: 'training.optimizer.learningRate must be a positive number',
  },
  { file: 'batch-size-zero', pointer: '/training/batchSize', line: 26, column: 18, message: 'training.batchSize must be a positive integer' },
  { file: 'inline-data-width', pointer: '/data/inputs/1', line: 31, column: 24, message: 'data.inputs[1] has 3 values but the network has 2 inputs' },
  { file: 'input-names-length', pointer: '/inputNames', line: 5, column: 17, message: 'inputNames has 3 names but the network has 2 inputs' },
  { file: 'step-schedule-incomplete', pointer: '/training/schedule', line: 25, column: 17, message: 'training.schedule is missing "stepSize"' },
];

describe('model: malformed files', () => {
  it('has an expectation for every fixture', () => {
    const files = readdirSync(DIR).map((f) => f.replace(/\.nnjson$/, '')).sort();
    assert.deepEqual(files, CASES.map((c) => c.file).sort());
  });

  for (const c of CASES) {
    it(`rejects ${c.file} at line ${c.line}, column ${c.column}`, () => {
      const text = readFileSync(join(DIR, `${c.file}.nnjson`), 'utf8');
      const result = loadModel(text);
      assert.equal(result.ok, false, 'the file must be rejected');
      if (result.ok) return;
      const error = result.errors.find((e) => e.message.includes(c.message));
      assert.ok(error, `no error mentions "${c.message}"; got:\n${result.errors.map((e) => e.message).join('\n')}`);
      assert.equal(error.pointer, c.pointer);
      assert.equal(error.line, c.line);
      assert.equal(error.column, c.column);
      assert.ok(error.message.endsWith(`(line ${c.line}, column ${c.column})`), error.message);
      // The offset range agrees with line and column.
      const lines = text.split('\n');
      const offset = lines.slice(0, c.line - 1).reduce((n, l) => n + l.length + 1, 0) + c.column - 1;
      assert.equal(error.offset, offset);
      assert.ok(error.offset + error.length <= text.length);
    });
  }
});

describe('model: deeply nested files', () => {
  const prefix = '{"format": "nnjson", "version": 1, "layers": ';

  it('rejects 20,000 nested brackets with a location, not a stack overflow', () => {
    const text = `${prefix}${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const result = loadModel(text);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.errors.length, 1);
    const [error] = result.errors;
    assert.match(error.message, /nested more than 256 levels deep/);
    // The outer object is level 1, so the 256th "[" opens level 257.
    const column = prefix.length + 256;
    assert.equal(error.line, 1);
    assert.equal(error.column, column);
    assert.equal(text[error.offset], '[');
  });

  it('does not count brackets inside strings', () => {
    const name = '['.repeat(1000) + '\\"{'.repeat(300);
    const text = readFileSync(join(DIR, 'units-zero.nnjson'), 'utf8').replace('{', `{"name": "${name}",`);
    const result = loadModel(text);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.ok(!result.errors.some((e) => e.message.includes('nested')), result.errors.map((e) => e.message).join('\n'));
    assert.ok(result.errors.some((e) => e.message.includes('layers[0].units must be a positive integer')));
  });
});
