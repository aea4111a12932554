// The data path the chooser writes into a `.nnjson` file: relative to the
// file's folder, inside the workspace folder, and never through "..", the
// same rules src/host/dataPath.ts applies when the path is read back.
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
  const relative = posix.relative(posix.dirname(model), data);
  // Stored paths never go through ".." (see src/host/dataPath.ts), so the data must sit beside the network or below it.
  if (relative.split('/').includes('..')) {
    throw new DataError(`${dataPath} is not in the network's folder or below it; move the data file there, or the network next to it`);
  }
  return relative;
}
