// How problems are reported: all of them, once each, in document order.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_TEXT_LENGTH } from '../../../src/model/limits';
import { loadModel } from '../../../src/model/parse';
import type { ModelError } from '../../../src/model/types';

const AND = readFileSync(join(__dirname, '../../fixtures/model/valid/and.nnjson'), 'utf8');

function errorsOf(text: string): ModelError[] {
  const result = loadModel(text);
  assert.equal(result.ok, false);
  return result.ok ? [] : result.errors;
}

describe('model: error reporting', () => {
  it('reports every problem in a file, in document order', () => {
    const text = AND.replace('"units": 3', '"units": 0').replace('"loss": "mse"', '"loss": "l1"').replace('"seed": 42', '"seed": "x"');
    const errors = errorsOf(text);
    assert.deepEqual(
      errors.map((e) => e.pointer),
      ['/layers/0/units', '/training/loss', '/training/seed'],
    );
    const offsets = errors.map((e) => e.offset);
    assert.deepEqual(offsets, [...offsets].sort((a, b) => a - b));
  });

  it('reports a problem once even when several checks find it', () => {
    const text = AND.replace('"learningRate": 0.1', '"learningRate": -1e999');
    const errors = errorsOf(text);
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /^training\.optimizer\.learningRate must be a finite number/);
  });

  it('points a missing property at the object that lacks it', () => {
    const text = AND.replace('"learningRate": 0.1', '"rate": 0.1');
    const [error] = errorsOf(text);
    assert.equal(error.pointer, '/training/optimizer');
    assert.equal(text.slice(error.offset, error.offset + error.length).replace(/\s+/g, ''), '{"type":"sgd","rate":0.1}');
    assert.match(error.message, /^training\.optimizer is missing "learningRate" \(line \d+, column 18\)$/);
  });

  it('gives the squiggle range of the whole offending value', () => {
    const text = AND.replace('"name": "and"', '"name": 17');
    const [error] = errorsOf(text);
    assert.equal(error.pointer, '/data/name');
    assert.equal(text.slice(error.offset, error.offset + error.length), '17');
    assert.match(error.message, /^data\.name must be a string/);
  });

  it('checks the shapes of a later layer against the previous dense layer', () => {
    const text = AND.replace('"units": 1\n', '"units": 1,\n      "weights": [[0.1, 0.2]]\n');
    const [error] = errorsOf(text);
    assert.equal(error.pointer, '/layers/2/weights/0');
    assert.match(error.message, /has 2 values but the layer takes 3 inputs \(from the previous dense layer\)/);
  });

  it('checks inline targets against the output width and the sample count', () => {
    const inline = '"data": {\n    "source": "inline",\n    "inputs": [[0, 0], [1, 1]],\n    "targets": [[0, 1], [1], [0]]\n  }';
    const text = AND.replace(/"data": \{[^}]*\}/, inline);
    const messages = errorsOf(text).map((e) => e.message);
    assert.equal(messages.length, 2);
    assert.match(messages[0], /^data\.targets has 3 rows but data\.inputs has 2/);
    assert.match(messages[1], /^data\.targets\[0\] has 2 values but the network has 1 output/);
  });

  it('counts lines after CRLF and CR line ends alike', () => {
    const crlf = AND.replace(/\n/g, '\r\n').replace('"epochs": 1000', '"epochs": 0');
    const [error] = errorsOf(crlf);
    const lf = AND.replace('"epochs": 1000', '"epochs": 0');
    const [expected] = errorsOf(lf);
    assert.deepEqual([error.line, error.column], [expected.line, expected.column]);
  });

  it('stops listing problems at a sane number for a hostile file', () => {
    const rows = Array.from({ length: 500 }, () => '[1, 2, 3]').join(', ');
    const text = AND.replace('"units": 3\n', `"units": 500,\n      "weights": [${rows}]\n`);
    const errors = errorsOf(text);
    assert.ok(errors.length >= 50 && errors.length <= 100, `${errors.length} errors`);
  });

  it('rejects a missing or non-integer version before anything else', () => {
    const missing = errorsOf(AND.replace('  "version": 1,\n', '').replace('"units": 3', '"units": 0'));
    assert.deepEqual(missing.map((e) => [e.pointer, e.line, e.column]), [['', 1, 1]]);
    assert.match(missing[0].message, /^the document is missing "version"/);
    const text = AND.replace('"version": 1', '"version": "1"');
    const [error] = errorsOf(text);
    assert.equal(error.pointer, '/version');
    assert.equal(text.slice(error.offset, error.offset + error.length), '"1"');
  });

  it('refuses a file larger than the text limit before parsing it', () => {
    const [error] = errorsOf(' '.repeat(MAX_TEXT_LENGTH + 1));
    assert.deepEqual([error.line, error.column], [1, 1]);
    assert.match(error.message, /^the file is larger than the limit of 128 MB/);
  });
});

describe('model: class names against the output layer', () => {
  const withClasses = (units: number, classes: string[]): string => {
    const model = JSON.parse(AND) as { layers: { type: string; units?: number }[]; data?: unknown; outputNames?: string[] };
    delete model.outputNames;
    const dense = model.layers.filter((l) => l.type === 'dense');
    dense[dense.length - 1].units = units;
    model.data = { source: 'file', path: 'd.csv', inputs: ['a', 'b'], targets: ['label'], categorical: { column: 'label', classes } };
    return JSON.stringify(model, null, 2);
  };

  it('accepts two classes on one output (0/1) and on two outputs (one-hot)', () => {
    assert.equal(loadModel(withClasses(1, ['no', 'yes'])).ok, true);
    assert.equal(loadModel(withClasses(2, ['no', 'yes'])).ok, true);
  });

  it('refuses three classes on one output, naming both counts', () => {
    const [error] = errorsOf(withClasses(1, ['a', 'b', 'c']));
    assert.equal(error.pointer, '/data/categorical/classes');
    assert.match(error.message, /3 classes but the network has 1 output/);
  });
});
