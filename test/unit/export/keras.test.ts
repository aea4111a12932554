// Keras model.to_json() import: Keras 2 and Keras 3 files, weights from the
// seed, and unsupported layers reported by name.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importNetwork } from '../../../src/export';
import { loadModel } from '../../../src/model/parse';
import { serializeModel } from '../../../src/model/serialize';

const fixtures = join(__dirname, '..', '..', 'fixtures', 'export');
const fixture = (name: string): Uint8Array => readFileSync(join(fixtures, name));
const shape = (layers: { type: string; units?: number; activation?: string; alpha?: number }[]) =>
  layers.map((l) => (l.type === 'dense' ? l.units : l.alpha === undefined ? l.activation : `${l.activation}(${l.alpha})`));

describe('Keras import', () => {
  it('reads a Keras 2 Sequential: InputLayer, fused activations, Dropout left out with a warning, LeakyReLU alpha', async () => {
    const result = await importNetwork('iris.json', fixture('keras2-iris.json'), { seed: 4 });
    assert.ok(result.ok, result.ok ? '' : result.errors.join('; '));
    assert.equal(result.model.inputs, 4);
    assert.equal(result.model.name, 'iris_mlp');
    assert.deepEqual(shape(result.model.layers), [10, 'relu', 8, 'tanh', 'leakyRelu(0.3)', 3, 'softmax']);
    assert.equal(result.model.training.loss, 'categoricalCrossEntropy');
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0], /"dropout" \(Dropout\)/);
    assert.ok(loadModel(serializeModel(result.model)).ok, 'the result is a valid .nnjson document');
  });

  it('reads a Keras 3 Sequential: batch_shape, ReLU layer, use_bias false gives zero bias', async () => {
    const result = await importNetwork('reg.json', fixture('keras3-regression.json'), { seed: 1 });
    assert.ok(result.ok, result.ok ? '' : result.errors.join('; '));
    assert.equal(result.model.inputs, 2);
    assert.deepEqual(shape(result.model.layers), [6, 'sigmoid', 'relu', 1]);
    assert.equal(result.model.training.loss, 'mse');
    const first = result.model.layers[0];
    assert.ok(first.type === 'dense');
    assert.deepEqual(first.bias, [0, 0, 0, 0, 0, 0]);
  });

  it('initialises the weights from the seed: same seed same weights, another seed others', async () => {
    const weights = async (seed: number) => {
      const result = await importNetwork('iris.json', fixture('keras2-iris.json'), { seed });
      assert.ok(result.ok);
      const first = result.model.layers[0];
      assert.ok(first.type === 'dense' && first.weights);
      return first.weights;
    };
    assert.deepEqual(await weights(5), await weights(5));
    assert.notDeepEqual(await weights(5), await weights(6));
  });

  it('names every unsupported layer, e.g. Conv2D and Flatten', async () => {
    const result = await importNetwork('cnn.json', fixture('keras-conv.json'));
    assert.equal(result.ok, false);
    const message = result.ok ? '' : result.errors[0];
    assert.match(message, /layer "conv2d" \(Conv2D\) is not supported/);
    assert.match(message, /layer "flatten" \(Flatten\) is not supported/);
  });

  it('rejects an unknown activation by layer name', async () => {
    const text = new TextDecoder().decode(fixture('keras2-iris.json')).replace('"activation": "tanh"', '"activation": "selu"');
    const result = await importNetwork('selu.json', new TextEncoder().encode(text));
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.errors[0], /layer "dense_1" \(Dense\) uses activation "selu"/);
  });

  it('rejects text that is not JSON with a clear message', async () => {
    const result = await importNetwork('broken.json', new TextEncoder().encode('{"class_name": "Seq'));
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.errors[0], /broken\.json is not valid JSON/);
  });
});
