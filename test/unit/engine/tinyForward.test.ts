import assert from 'node:assert/strict';
import { createRng, Dense, makeActivation, Network, type Layer, type Rng } from '../../../src/engine';
import { TinyForward } from '../../../src/engine/tinyForward';
import { assertClose, randomArray, randomSize } from './helpers';

const ACTIVATIONS = ['tanh', 'sigmoid', 'relu', 'leakyRelu', 'linear', undefined] as const;

/** A random plain MLP of 1–3 Dense layers up to 8 wide, each followed by a random element-wise activation or none. */
function randomTinyNetwork(rng: Rng): Network {
  const inputs = randomSize(rng, 1, 6);
  const layers: Layer[] = [];
  let width = inputs;
  for (let l = randomSize(rng, 1, 3); l > 0; l--) {
    const d = new Dense(width, randomSize(rng, 1, 8));
    d.weights.set(randomArray(rng, d.weights.length, 1.5));
    d.bias.set(randomArray(rng, d.bias.length, 0.5));
    layers.push(d);
    const act = ACTIVATIONS[randomSize(rng, 0, ACTIVATIONS.length - 1)];
    if (act) layers.push(makeActivation(act, 0.01 + rng() * 0.2));
    width = d.units;
  }
  return new Network(inputs, layers);
}

/** The layer-by-layer forward pass, copied out of the last layer's buffer. */
function reference(network: Network, x: Float64Array, count: number): Float64Array {
  return network.forward(x, count).slice(0, count * network.outputSize);
}

describe('compiled forward pass of tiny networks', () => {
  it('agrees with the layer-by-layer forward to 1e-13 on random tiny networks', () => {
    const rng = createRng(41);
    for (let trial = 0; trial < 200; trial++) {
      const network = randomTinyNetwork(rng);
      assert.ok(TinyForward.for(network.inputSize, network.layers), `trial ${trial} compiles`);
      const count = randomSize(rng, 1, 7);
      const x = randomArray(rng, count * network.inputSize, 2);
      const expected = reference(network, x, count);
      assertClose(network.infer(x, count), expected, `trial ${trial}`, 1e-13, 1e-13);
      assertClose(network.predictBatch(x, count), expected, `trial ${trial}, predictBatch`, 1e-13, 1e-13);
    }
  });

  it('reads the weights at every call, so training between calls is seen', () => {
    const rng = createRng(42);
    const network = randomTinyNetwork(rng);
    const x = randomArray(rng, 3 * network.inputSize);
    network.infer(x, 3);
    for (const d of network.denseLayers()) {
      d.weights.set(randomArray(rng, d.weights.length));
      d.bias = randomArray(rng, d.bias.length);
    }
    assertClose(network.infer(x, 3), reference(network, x, 3), 'after new weights', 1e-13, 1e-13);
  });

  it('leaves the caches of a forward pass for its backward pass', () => {
    const build = (): Network => randomTinyNetwork(createRng(43));
    const rng = createRng(44);
    const plain = build();
    const interrupted = build();
    const x = randomArray(rng, 4 * plain.inputSize);
    const other = randomArray(rng, 5 * plain.inputSize);
    const gradient = randomArray(rng, 4 * plain.outputSize);
    plain.forward(x, 4);
    plain.backward(gradient, 4);
    interrupted.forward(x, 4);
    interrupted.infer(other, 5);
    interrupted.backward(gradient, 4);
    interrupted.denseLayers().forEach((d, l) => {
      assert.deepEqual(d.gradWeights, plain.denseLayers()[l]!.gradWeights, `dL/dW of layer ${l}`);
      assert.deepEqual(d.gradBias, plain.denseLayers()[l]!.gradBias, `dL/db of layer ${l}`);
    });
  });

  it('leaves networks it does not cover to the layers', () => {
    const rng = createRng(45);
    const softmax = new Network(3, [new Dense(3, 4), makeActivation('softmax')]);
    const wide = new Network(40, [new Dense(40, 30), makeActivation('tanh')]);
    for (const network of [softmax, wide]) {
      for (const d of network.denseLayers()) d.weights.set(randomArray(rng, d.weights.length));
      assert.equal(TinyForward.for(network.inputSize, network.layers), undefined);
      const x = randomArray(rng, 2 * network.inputSize);
      assert.deepEqual(network.predictBatch(x, 2), reference(network, x, 2));
    }
  });
});
