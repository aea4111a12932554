// TensorFlow.js on the cpu or wasm backend: variables, a tidy forward pass,
// and optimizer.minimize per batch, the usual custom training loop.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export async function prepare(w, data, backend) {
  const tf = require('@tensorflow/tfjs');
  if (backend === 'wasm') {
    const wasm = require('@tensorflow/tfjs-backend-wasm');
    // Load the .wasm files from node_modules; nothing is fetched.
    wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '..', 'dist') + '/');
  }
  await tf.setBackend(backend);
  await tf.ready();
  const sizes = w.sizes;
  const inputs = sizes[0];
  const outputs = sizes[sizes.length - 1];
  const kernels = [];
  const biases = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const scale = Math.sqrt(2 / sizes[l]);
    kernels.push(tf.variable(tf.randomNormal([sizes[l], sizes[l + 1]], 0, scale, 'float32', 1 + l)));
    biases.push(tf.variable(tf.zeros([sizes[l + 1]])));
  }
  const forward = (x) => {
    let h = x;
    for (let l = 0; l < kernels.length; l++) {
      const z = tf.add(tf.matMul(h, kernels[l]), biases[l]);
      if (l + 1 === kernels.length) return z;
      h = w.hidden === 'relu' ? tf.relu(z) : tf.tanh(z);
    }
    return h;
  };
  const batches = [];
  for (let s = 0; s + w.batch <= data.count; s += w.batch) {
    batches.push({
      x: tf.tensor2d(Float32Array.from(data.x.subarray(s * inputs, (s + w.batch) * inputs)), [w.batch, inputs]),
      y: tf.tensor2d(Float32Array.from(data.y.subarray(s * outputs, (s + w.batch) * outputs)), [w.batch, outputs]),
    });
  }
  const optimizer = tf.train.sgd(w.lr);
  let next = 0;
  const perChunk = Math.max(1, Math.min(batches.length, Math.ceil(64 / w.batch)));
  return {
    kernels: `tfjs ${backend}`,
    train: {
      run: () => {
        for (let i = 0; i < perChunk; i++) {
          const { x, y } = batches[next++ % batches.length];
          optimizer.minimize(() => {
            const z = forward(x);
            return w.output === 'softmax' ? tf.losses.softmaxCrossEntropy(y, z) : tf.losses.meanSquaredError(y, tf.tanh(z));
          });
        }
      },
      samples: perChunk * w.batch,
    },
    infer: {
      run: () => {
        const { x } = batches[next++ % batches.length];
        const out = tf.tidy(() => (w.output === 'softmax' ? tf.softmax(forward(x)) : tf.tanh(forward(x))));
        out.dataSync();
        out.dispose();
      },
      samples: w.batch,
    },
  };
}
