// The canonical order of known keys, per place in the document. Unknown keys
// follow the known ones in the order they had.

const LAYER = ['type', 'name', 'units', 'activation', 'alpha', 'init', 'weights', 'bias'];

const ORDERS: Record<string, readonly string[]> = {
  '': ['format', 'version', 'name', 'description', 'inputs', 'inputNames', 'outputNames', 'layers', 'training', 'data', 'history'],
  '/layers/*': LAYER,
  '/training': ['task', 'loss', 'optimizer', 'schedule', 'epochs', 'batchSize', 'seed', 'shuffle'],
  '/training/optimizer': ['type', 'learningRate', 'momentum', 'beta1', 'beta2', 'epsilon'],
  '/training/schedule': ['type', 'stepSize', 'gamma'],
  '/data': ['source', 'name', 'path', 'samples', 'noise', 'seed', 'classes', 'inputs', 'targets', 'categorical', 'normalization', 'split'],
  '/data/categorical': ['column', 'classes'],
  '/data/normalization': ['method', 'min', 'max', 'mean', 'std'],
  '/data/split': ['test', 'validation'],
  '/history': ['loss', 'testLoss', 'accuracy'],
};

/** `path` is the key path from the root, with array indexes written as "*". */
export function orderedKeys(path: string, obj: Record<string, unknown>): string[] {
  const keys = Object.keys(obj);
  const known = ORDERS[path];
  if (!known) return keys;
  const present = new Set(keys);
  return [...known.filter((k) => present.has(k)), ...keys.filter((k) => !known.includes(k))];
}
