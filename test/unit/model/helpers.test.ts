// Small pure helpers: the dense-layer view, parameter count (checked against
// TensorFlow.js), pointer paths and text locations.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { denseLayers, outputSize, parameterCount } from '../../../src/model/layers';
import { locate } from '../../../src/model/locate';
import { loadModel } from '../../../src/model/parse';
import { parsePointer, pointerToPath, toPointer } from '../../../src/model/pointer';
import type { LayerSpec, NnModel } from '../../../src/model/types';

const VALID = join(__dirname, '../../fixtures/model/valid');

function load(file: string): NnModel {
  const result = loadModel(readFileSync(join(VALID, file), 'utf8'));
  if (!result.ok) assert.fail(result.errors[0].message);
  return result.model;
}

function modelOf(inputs: number, layers: LayerSpec[]): NnModel {
  return { format: 'nnjson', version: 1, inputs, layers, training: { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.1 }, epochs: 1, batchSize: 1, seed: 1 } };
}

describe('model: helpers', () => {
  it('lists the dense layers of the AND network with their input sizes and activations', () => {
    const dense = denseLayers(load('and.nnjson'));
    assert.deepEqual(
      dense.map((d) => [d.index, d.inputSize, d.layer.units, d.activation]),
      [
        [0, 2, 3, 'tanh'],
        [2, 3, 1, 'tanh'],
      ],
    );
  });

  it("treats a dense layer without a following activation as linear", () => {
    const model = modelOf(4, [{ type: 'dense', units: 5 }, { type: 'dense', units: 2 }, { type: 'activation', activation: 'softmax' }]);
    assert.deepEqual(denseLayers(model).map((d) => d.activation), ['linear', 'softmax']);
    assert.equal(outputSize(model), 2);
  });

  it('counts 13 parameters in the paper\'s AND network (eq. 2)', () => {
    assert.equal(parameterCount(load('and.nnjson')), 2 * 3 + 3 + 3 * 1 + 1);
  });

  it('counts parameters like TensorFlow.js for several architectures', () => {
    const shapes = [[2, 3, 1], [784, 128, 64, 10], [5, 1], [3, 7, 7, 7, 2]];
    for (const [inputs, ...units] of shapes) {
      const layers: LayerSpec[] = units.flatMap((u) => [{ type: 'dense', units: u }, { type: 'activation', activation: 'relu' }] as LayerSpec[]);
      const tfModel = tf.sequential();
      units.forEach((u, i) => tfModel.add(tf.layers.dense(i === 0 ? { units: u, inputShape: [inputs] } : { units: u })));
      assert.equal(parameterCount(modelOf(inputs, layers)), tfModel.countParams(), `shape ${[inputs, ...units].join('-')}`);
      tfModel.dispose();
    }
  });

  it('turns pointers into the paths used in messages', () => {
    assert.equal(pointerToPath('/layers/2/units'), 'layers[2].units');
    assert.equal(pointerToPath('/layers/0/weights/1/2'), 'layers[0].weights[1][2]');
    assert.equal(pointerToPath(''), 'the document');
    assert.equal(pointerToPath('/a~1b/c~0d'), '["a/b"]["c~d"]');
    assert.equal(pointerToPath('/data/my key'), 'data["my key"]');
  });

  it('parses and builds pointers as inverses, escaping "/" and "~"', () => {
    for (const segments of [[], ['layers', 2, 'units'], ['a/b', 'c~d', 0], ['']]) {
      assert.deepEqual(parsePointer(toPointer(segments)), segments);
    }
  });

  it('locates a value by pointer, and a missing one at its nearest ancestor', () => {
    const text = readFileSync(join(VALID, 'and.nnjson'), 'utf8');
    const lossAt = text.indexOf('"mse"');
    const lines = text.slice(0, lossAt).split('\n');
    assert.deepEqual(locate(text, '/training/loss'), { line: lines.length, column: lines[lines.length - 1].length + 1, offset: lossAt, length: 5 });
    const training = locate(text, '/training');
    assert.deepEqual(locate(text, '/training/nothing/here'), training);
    assert.equal(text[training.offset], '{');
    assert.deepEqual(locate(text, ''), { line: 1, column: 1, offset: 0, length: text.trimEnd().length });
  });

  it('locates inside a text with syntax errors as far as it can', () => {
    const where = locate('{\n  "a": [1, 2,\n', '/a/1');
    assert.deepEqual([where.line, where.column, where.length], [2, 12, 1]);
  });
});
