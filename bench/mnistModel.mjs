// The MNIST network the product benchmarks train in the real worker
// (bench/product.mjs and the extension-host section, bench/hostLag.ts):
// 784-128-64-10, ReLU, softmax + cross-entropy, a seeded subset of the
// built-in digits with a fifth held out, and no end to its epochs.

export const MNIST_SAMPLES = 10000;

export function mnistModel(batchSize, optimizer = { type: 'sgd', learningRate: 0.05 }) {
  return {
    format: 'nnjson',
    version: 1,
    inputs: 784,
    layers: [
      { type: 'dense', units: 128, init: 'he' },
      { type: 'activation', activation: 'relu' },
      { type: 'dense', units: 64, init: 'he' },
      { type: 'activation', activation: 'relu' },
      { type: 'dense', units: 10, init: 'xavier' },
      { type: 'activation', activation: 'softmax' },
    ],
    training: { task: 'multiclass', loss: 'categoricalCrossEntropy', optimizer, epochs: 1000000, batchSize, seed: 1, shuffle: true },
    data: { source: 'builtin', name: 'mnist', samples: MNIST_SAMPLES, split: { test: 0.2 } },
  };
}
