// The tiny-network loop, unrolled and as loops, against the Trainer with plain SGD, per sample and per mini-batch:
// the same weights after several epochs, to the last bit or nearly.

import assert from 'node:assert/strict';
import { createRng, Dense, makeActivation, Network, Trainer } from '../../../src/engine';
import type { ActivationName } from '../../../src/model/types';
import { TinyTrainer } from '../../../src/engine/tiny';
import { assertClose, randomArray, randomMlp } from '../engine/helpers';

function compare(sizes: number[], acts: ActivationName[], count: number, epochs: number, batchSize = 1): void {
  for (const unroll of [true, false]) compareOnce(sizes, acts, count, epochs, batchSize, unroll);
}

function compareOnce(sizes: number[], acts: ActivationName[], count: number, epochs: number, batchSize: number, unroll: boolean): void {
  const rng = createRng(99);
  const inputs = randomArray(rng, count * sizes[0]);
  const targets = randomArray(rng, count * sizes[sizes.length - 1], 0.5);
  const reference = randomMlp(sizes, acts, 5);
  const fast = randomMlp(sizes, acts, 5);
  const data = { count, inputSize: sizes[0], targetSize: sizes[sizes.length - 1], inputs, targets };
  const trainer = new Trainer(reference, data, { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.1 }, batchSize, shuffle: false, rng });
  let lastLoss = 0;
  for (let e = 0; e < epochs; e++) lastLoss = trainer.runEpoch()?.loss ?? NaN;
  const tiny = TinyTrainer.for(fast, { unroll });
  assert.ok(tiny);
  const loss = tiny.trainEpochs(inputs, targets, count, epochs, 0.1, batchSize);
  assertClose([loss], [lastLoss], 'mean loss of the last epoch', 1e-12, 1e-9);
  reference.denseLayers().forEach((d, l) => {
    const f = fast.denseLayers()[l];
    assertClose(f.weights, d.weights, `layer ${l} weights`, 1e-13, 1e-12);
    assertClose(f.bias, d.bias, `layer ${l} bias`, 1e-13, 1e-12);
  });
  assert.ok(fast.denseLayers()[0].weights.some((w, i) => w !== randomMlp(sizes, acts, 5).denseLayers()[0].weights[i]), 'training moved the weights');
}

describe('kernels: the tiny-network per-sample loop', () => {
  it('trains the paper\'s AND network exactly like the Trainer at batch size 1', () => compare([2, 3, 1], ['tanh', 'tanh'], 4, 25));
  it('agrees on a deeper network with sigmoid, relu, leakyRelu and linear', () =>
    compare([3, 5, 4, 2], ['sigmoid', 'relu', 'leakyRelu'], 7, 6));
  it('agrees with a linear output', () => compare([2, 8, 8, 1], ['tanh', 'tanh', 'linear'], 10, 4));
  it('agrees at batch size 10 on the spiral-sized 2-8-8-1 network, last batch short', () =>
    compare([2, 8, 8, 1], ['tanh', 'tanh', 'tanh'], 25, 5, 10));
  it('falls back to the loops beyond the unrolling limit and still agrees', () => compare([40, 30, 2], ['relu', 'linear'], 5, 2, 2));
  it('declines networks it cannot run', () => {
    const net = new Network(2, [new Dense(2, 3), makeActivation('softmax')]);
    assert.equal(TinyTrainer.for(net), undefined);
  });
});
