// Data paths in a `.nnjson` file are relative to the file's folder and must
// stay inside the workspace folder that holds it: a network shared in a
// repository must never read, or point at, anything outside that repository.
// Pure: works on the POSIX paths of URIs (uri.path), not on the file system.

import { posix } from 'node:path';
import { DataError } from '../../data';

function inside(root: string, path: string): boolean {
  const base = root.endsWith('/') ? root : `${root}/`;
  return path.startsWith(base);
}

/**
 * The path to write into the model: `dataPath` relative to the folder of
 * `modelPath`, with forward slashes. Throws DataError when either file lies
 * outside `rootPath`.
 */
export function relativeDataPath(modelPath: string, dataPath: string, rootPath: string): string {
  const data = posix.normalize(dataPath);
  const model = posix.normalize(modelPath);
  if (!inside(rootPath, model)) throw new DataError('the network is not inside a workspace folder, so it cannot name a data file');
  if (!inside(rootPath, data)) throw new DataError(`${dataPath} is outside the workspace folder ${rootPath}; choose a file inside it`);
  return posix.relative(posix.dirname(model), data);
}

/**
 * Where a model's relative data path points, as an absolute POSIX path.
 * Throws DataError when it is absolute or leads out of `rootPath`.
 */
export function resolveDataPath(modelPath: string, relative: string, rootPath: string): string {
  if (relative.trim() === '') throw new DataError('data.path is empty');
  if (posix.isAbsolute(relative) || /^[a-zA-Z]:[\\/]/.test(relative) || relative.startsWith('\\')) {
    throw new DataError(`data.path "${relative}" must be relative to the network's folder`);
  }
  const target = posix.normalize(posix.join(posix.dirname(posix.normalize(modelPath)), relative.replace(/\\/g, '/')));
  if (!inside(rootPath, target)) throw new DataError(`data.path "${relative}" leads outside the workspace folder`);
  return target;
}
