// Canonical files survive load → serialize unchanged, other valid files are
// reformatted into canonical form, and fields this release does not know
// are kept.

import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '../../../src/model/parse';
import { serializeModel } from '../../../src/model/serialize';
import type { NnModel } from '../../../src/model/types';

const ROOT = join(__dirname, '../../..');
const EXAMPLES = join(ROOT, 'examples');
const VALID = join(ROOT, 'test/fixtures/model/valid');
const FULL = join(VALID, 'full.nnjson');
const AND = join(VALID, 'and.nnjson');

export function exampleFiles(): string[] {
  return readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.nnjson'))
    .map((f) => join(EXAMPLES, f));
}

function mustLoad(text: string): NnModel {
  const result = loadModel(text);
  if (!result.ok) assert.fail(result.errors.map((e) => e.message).join('\n'));
  return result.model;
}

describe('model: round trip', () => {
  it('finds the example networks, the paper\'s AND first among them', () => {
    const names = exampleFiles().map((f) => f.slice(EXAMPLES.length + 1));
    assert.ok(names.length >= 3, `found ${names.join(', ')}`);
    for (const name of ['and.nnjson', 'blobs.nnjson', 'xor.nnjson']) assert.ok(names.includes(name), `${name} is among the examples`);
  });

  for (const file of [...exampleFiles(), FULL, AND]) {
    it(`reproduces ${file.slice(ROOT.length + 1)} byte for byte`, () => {
      const text = readFileSync(file, 'utf8');
      assert.equal(serializeModel(mustLoad(text)), text);
    });
  }

  it('reformats compact and four-space JSON into the canonical text', () => {
    const canonical = readFileSync(FULL, 'utf8');
    const value: unknown = JSON.parse(canonical);
    for (const variant of [JSON.stringify(value), JSON.stringify(value, null, 4), JSON.stringify(value, null, '\t') + '\n\n']) {
      assert.equal(serializeModel(mustLoad(variant)), canonical);
    }
  });

  it('puts known keys in canonical order and writes numbers in shortest form', () => {
    const messy = `{"training": {"seed": 1, "batchSize": 1, "epochs": 1.0e1, "optimizer": {"learningRate": 0.10, "type": "sgd"}, "loss": "mse"},
      "layers": [{"units": 1, "bias": [-0.0, 2.50E0], "type": "dense", "weights": [[1E-1, 1], [2, 3]]}],
      "inputs": 2, "version": 1, "format": "nnjson"}`;
    const expected = [
      '{',
      '  "format": "nnjson",',
      '  "version": 1,',
      '  "inputs": 2,',
      '  "layers": [',
      '    {',
      '      "type": "dense",',
      '      "units": 1,',
      '      "weights": [',
      '        [0.1, 1],',
      '        [2, 3]',
      '      ],',
      '      "bias": [0, 2.5]',
      '    }',
      '  ],',
      '  "training": {',
      '    "loss": "mse",',
      '    "optimizer": {',
      '      "type": "sgd",',
      '      "learningRate": 0.1',
      '    },',
      '    "epochs": 10,',
      '    "batchSize": 1,',
      '    "seed": 1',
      '  }',
      '}',
      '',
    ].join('\n');
    // Two weight rows for one unit is a shape error, so check the text the serializer writes without loading it.
    const model = JSON.parse(messy) as NnModel;
    assert.equal(serializeModel(model), expected);
  });

  it('changes exactly one line when one weight changes', () => {
    const text = readFileSync(FULL, 'utf8');
    const model = mustLoad(text);
    const dense = model.layers[0];
    assert.ok(dense.type === 'dense' && dense.weights);
    dense.weights[1][0] = 0.75;
    const before = text.split('\n');
    const after = serializeModel(model).split('\n');
    assert.equal(after.length, before.length);
    const changed = after.filter((line, i) => line !== before[i]);
    assert.deepEqual(changed, ['        [0.75, 3.5],']);
  });

  it('writes a NaN weight so that loading reports it at that weight', () => {
    const model = mustLoad(readFileSync(FULL, 'utf8'));
    const dense = model.layers[2];
    assert.ok(dense.type === 'dense' && dense.weights);
    dense.weights[0][1] = NaN;
    const result = loadModel(serializeModel(model));
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(result.errors.map((e) => e.pointer), ['/layers/2/weights/0/1']);
  });

  it('keeps unknown fields at the top level, in layers and in nested objects, after the known ones', () => {
    const model = mustLoad(readFileSync(FULL, 'utf8'));
    assert.deepEqual(model.zUnknownTopLevel, []);
    assert.deepEqual(model.aUnknownTopLevel, {});
    assert.equal(model.layers[0].color, '#ff8800');
    assert.deepEqual(model.layers[3].note, { zeta: 1, alpha: [true, null, 'x'] });
    assert.deepEqual(model.training.earlyStopping, { patience: 10 });
    const keys = Object.keys(JSON.parse(serializeModel(model)) as object);
    assert.deepEqual(keys.slice(-2), ['zUnknownTopLevel', 'aUnknownTopLevel']);
  });

  it('keeps a "__proto__" key as an ordinary field', () => {
    const text = readFileSync(AND, 'utf8').replace('"inputs": 2,', '"inputs": 2,\n  "__proto__": {"polluted": true},');
    const model = mustLoad(text);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(model), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(model, '__proto__')?.value, { polluted: true });
    assert.ok(serializeModel(model).includes('"__proto__": {\n    "polluted": true\n  }'));
  });

  it('loads a newer format version with a warning and keeps its fields', () => {
    const text = readFileSync(AND, 'utf8')
      .replace('"version": 1', '"version": 2')
      .replace(/\n\}\n$/, ',\n  "residual": true\n}\n');
    const result = loadModel(text);
    assert.ok(result.ok, 'a version 2 file must load');
    assert.equal(result.warnings.length, 1);
    const [warning] = result.warnings;
    assert.equal(warning.pointer, '/version');
    assert.deepEqual([warning.line, warning.column], [3, 14]);
    assert.match(warning.message, /version 2 is newer/);
    assert.equal(serializeModel(result.model), text);
  });

  it('gives no warnings for a version 1 file', () => {
    const result = loadModel(readFileSync(AND, 'utf8'));
    assert.ok(result.ok);
    assert.deepEqual(result.warnings, []);
  });
});
