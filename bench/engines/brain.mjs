// brain.js NeuralNetwork: typed arrays per layer, trained sample by sample
// through its public train() (it has no batches and no softmax; see BENCHMARKS.md).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export async function prepare(w, data) {
  const brain = require('brain.js');
  const inputs = w.sizes[0];
  const outputs = w.sizes[w.sizes.length - 1];
  const net = new brain.NeuralNetwork({ hiddenLayers: w.sizes.slice(1, -1), activation: w.hidden === 'relu' ? 'relu' : 'tanh' });
  const rows = [];
  for (let s = 0; s < data.count; s++) {
    rows.push({ input: Array.from(data.x.subarray(s * inputs, (s + 1) * inputs)), output: Array.from(data.y.subarray(s * outputs, (s + 1) * outputs)) });
  }
  // One train() call formats its data first, so give each call enough samples to amortise it.
  const slice = inputs > 1000 ? 4 : inputs > 100 ? 32 : rows.length;
  const iterations = inputs > 100 ? 1 : Math.max(1, Math.ceil(400 / slice));
  const options = { iterations, errorThresh: 1e-9, learningRate: w.lr, log: false };
  let next = 0;
  const chunkRows = () => {
    const start = (next++ * slice) % rows.length;
    return rows.slice(start, start + slice);
  };
  net.train(chunkRows(), { ...options, iterations: 1 });
  return {
    kernels: 'brain.js',
    train: { run: () => net.train(chunkRows(), options), samples: slice * iterations },
    infer: {
      run: () => {
        for (const row of chunkRows()) net.run(row.input);
      },
      samples: slice,
    },
  };
}
