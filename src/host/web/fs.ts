// Stands in for `node:fs` in the browser build of the extension host. VS Code
// for the Web hands out file: URIs for a local folder opened in the browser;
// shared code streams those from disk with createReadStream, so here the file
// is read through vscode.workspace.fs and handed over in slices, with Node's
// error codes for a missing file or a folder.

import * as vscode from 'vscode';
import { StringDecoder } from './stringDecoder';

const NODE_CODES: Record<string, string> = { FileNotFound: 'ENOENT', FileIsADirectory: 'EISDIR' };

async function* slices(path: string, sliceBytes: number): AsyncGenerator<string> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(vscode.Uri.file(path));
  } catch (error) {
    const code = error instanceof vscode.FileSystemError ? NODE_CODES[error.code] ?? 'EIO' : 'EIO';
    throw Object.assign(new Error(error instanceof Error ? error.message : String(error)), { code });
  }
  const decoder = new StringDecoder('utf8');
  for (let at = 0; at < bytes.length; at += sliceBytes) yield decoder.write(bytes.subarray(at, at + sliceBytes));
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Only what stream.ts uses: UTF-8 text chunks as an async iterable, and destroy(). */
export function createReadStream(path: string, options: { encoding: 'utf8'; highWaterMark?: number }): AsyncIterable<string> & { destroy(): void } {
  const iterable = slices(path, options.highWaterMark ?? 64 * 1024);
  return Object.assign(iterable, { destroy: () => void iterable.return(undefined) });
}
