// The engine's public surface. Pure TypeScript: no VS Code, DOM, D3 or Node-only imports.

export { createRng, normal, randomInt, shuffleInPlace, type Rng } from './random';
export { kernels, installKernels, referenceKernels, type Kernels } from './kernels';
export type { Layer } from './layer';
export { Dense } from './dense';
export { makeActivation, Softmax } from './activations';
export { makeLoss, CLIP_EPSILON, fusesWithSoftmax, softmaxCrossEntropyGradient, type Loss } from './losses';
export { Network } from './network';
export { makeOptimizer, type Optimizer } from './optimizers';
export { learningRateAt } from './schedules';
export { datasetFromRows, type Dataset } from './dataset';
export { accuracy } from './metrics';
export { evaluate, type Evaluation } from './evaluate';
export { Trainer, train, type TrainerOptions, type LayerGradients, type EpochReport, type BatchReport } from './trainer';
