// synaptic's Perceptron: an object graph of neurons, trained sample by sample
// with activate + propagate (it has no batches and no softmax; see BENCHMARKS.md).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export async function prepare(w, data) {
  const { Architect, Neuron } = require('synaptic');
  const net = new Architect.Perceptron(...w.sizes);
  const squash = w.hidden === 'relu' ? Neuron.squash.RELU : Neuron.squash.TANH;
  net.layers.hidden.forEach((layer) => layer.set({ squash }));
  net.layers.output.set({ squash: w.output === 'tanh' ? Neuron.squash.TANH : Neuron.squash.LOGISTIC });
  const inputs = w.sizes[0];
  const outputs = w.sizes[w.sizes.length - 1];
  const rows = [];
  for (let s = 0; s < data.count; s++) {
    rows.push({ x: Array.from(data.x.subarray(s * inputs, (s + 1) * inputs)), y: Array.from(data.y.subarray(s * outputs, (s + 1) * outputs)) });
  }
  const perChunk = Math.min(rows.length, inputs > 100 ? 1 : 100);
  let next = 0;
  return {
    kernels: 'synaptic',
    train: {
      run: () => {
        for (let i = 0; i < perChunk; i++) {
          const row = rows[next++ % rows.length];
          net.activate(row.x);
          net.propagate(w.lr, row.y);
        }
      },
      samples: perChunk,
    },
    infer: {
      run: () => {
        for (let i = 0; i < perChunk; i++) net.activate(rows[next++ % rows.length].x);
      },
      samples: perChunk,
    },
  };
}
