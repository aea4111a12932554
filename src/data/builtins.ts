// The catalogue of built-in data sets and the one entry point that generates them.
// Every synthetic set is a pure function of (samples, noise, seed).
import { createRng } from '../engine/random';
import { ABC_CLASSES, BINARY_CLASSES, checkOptions, type GeneratorOptions } from './generators/common';
import { truthTable } from './generators/truthTables';
import { circle, gaussians, moons, spiral, xorQuadrants } from './generators/classify2d';
import { multiGaussian, plane } from './generators/regress2d';
import { BLOB_CLASSES, blobs, spiral3 } from './generators/multiclass2d';
import { IRIS_CLASSES, MNIST_CLASSES, MNIST_TOTAL, loadIris, loadMnist } from './real';
import { DataError, type BuiltinInfo, type SampleSet } from './types';


function gate(name: string, title: string, rule: string): BuiltinInfo {
  return {
    name, title, description: `Truth table of ${rule}: the four points of {0,1}², target 0 or 1.`,
    task: 'binary', inputSize: 2, targetSize: 1, defaultSamples: 4, defaultNoise: 0, classes: [...BINARY_CLASSES],
    inputRange: [0, 1], fixed: true,
  };
}

function planar(name: string, title: string, description: string, task: 'binary' | 'regression'): BuiltinInfo {
  return {
    name, title, description, task, inputSize: 2, targetSize: 1, defaultSamples: 500,
    defaultNoise: task === 'regression' ? 0.05 : 0.1, inputRange: [-6, 6], ...(task === 'binary' ? { classes: [...BINARY_CLASSES] } : {}),
  };
}

function threeClass(name: string, title: string, description: string): BuiltinInfo {
  return {
    name, title, description, task: 'multiclass', inputSize: 2, targetSize: 3, defaultSamples: 600,
    defaultNoise: 0.1, classes: [...ABC_CLASSES], inputRange: [-6, 6],
  };
}

export const BUILTIN_DATASETS: readonly BuiltinInfo[] = [
  gate('and', 'AND', 'x1 AND x2 (the paper\'s example)'),
  gate('or', 'OR', 'x1 OR x2'),
  gate('xor', 'XOR', 'x1 XOR x2'),
  gate('nand', 'NAND', 'NOT (x1 AND x2)'),
  planar('circle', 'Circle', 'Class 1 inside a disc of radius 2.5, class 0 in a ring out to radius 5.', 'binary'),
  planar('xorQuadrants', 'XOR quadrants', 'Class 1 in the first and third quadrants of [-5, 5]², class 0 in the others.', 'binary'),
  planar('gaussians', 'Two Gaussians', 'Two Gaussian clouds centred at (2, 2) (class 1) and (-2, -2) (class 0).', 'binary'),
  planar('spiral', 'Spiral', 'Two interleaved spiral arms out to radius 5, one per class.', 'binary'),
  planar('moons', 'Moons', 'Two interleaved half circles; x in [-6, 6], y in [-3, 3].', 'binary'),
  planar('plane', 'Plane', 'Regression: y = (x1 + x2) / 12 over [-6, 6]², so y lies in [-1, 1].', 'regression'),
  planar('multiGaussian', 'Gaussian bumps', 'Regression: six Gaussian bumps of alternating sign over [-6, 6]², y in [-1, 1].', 'regression'),
  threeClass('blobs', 'Gaussian blobs', 'Gaussian blobs evenly spaced at radius 3.5, three by default (one-hot classes A, B, C); `classes` sets 2 to 8.'),
  threeClass('spiral3', 'Three-arm spiral', 'Three interleaved spiral arms out to radius 5, one-hot classes A, B, C.'),
  {
    name: 'iris', title: 'Iris', description: 'Fisher\'s 150 Iris flowers: 4 measurements in cm, 3 species.',
    task: 'multiclass', inputSize: 4, targetSize: 3, defaultSamples: 150, defaultNoise: 0, classes: [...IRIS_CLASSES],
    inputRange: [0, 8], fixed: true,
  },
  {
    name: 'mnist', title: 'MNIST digits', description: `Handwritten digits, 28 × 28 pixels in [0, 1]; a seeded draw from ${MNIST_TOTAL} images.`,
    task: 'multiclass', inputSize: 784, targetSize: 10, defaultSamples: 2000, defaultNoise: 0, classes: [...MNIST_CLASSES],
    inputRange: [0, 1],
  },
];

const GENERATORS: Record<string, (options: GeneratorOptions) => SampleSet> = {
  circle, xorQuadrants, gaussians, spiral, moons, plane, multiGaussian, blobs, spiral3,
};

export function findBuiltin(name: string): BuiltinInfo | undefined {
  return BUILTIN_DATASETS.find((info) => info.name === name);
}

/**
 * Generates a built-in set. `samples` and `noise` default to the catalogue's values;
 * the truth tables and Iris ignore them, MNIST honours only `samples`.
 */
export function generateBuiltin(name: string, options: { samples?: number; noise?: number; seed: number; classes?: number }): SampleSet {
  const info = findBuiltin(name);
  if (!info) {
    throw new DataError(`unknown built-in data set "${name}"; known: ${BUILTIN_DATASETS.map((d) => d.name).join(', ')}`);
  }
  if (info.name === 'iris') return loadIris();
  const samples = options.samples ?? info.defaultSamples;
  if (info.name === 'mnist') return loadMnist({ train: samples, test: 0, seed: options.seed }).train;
  if (info.fixed) return truthTable(info.name);
  const noise = options.noise ?? info.defaultNoise;
  checkOptions(name, samples, noise, 1);
  const { classes } = options;
  if (classes !== undefined) {
    if (name !== 'blobs') throw new DataError(`data set "${name}" has a fixed number of classes; only "blobs" takes "classes"`);
    if (!Number.isInteger(classes) || classes < BLOB_CLASSES.min || classes > BLOB_CLASSES.max) {
      throw new DataError(`data set "blobs" takes ${BLOB_CLASSES.min} to ${BLOB_CLASSES.max} classes; got ${classes}`);
    }
  }
  return GENERATORS[name]({ samples, noise, rng: createRng(options.seed), classes });
}
