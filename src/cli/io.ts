// File access for the CLI: reading a model with located errors, and writing
// atomically so that a failed or interrupted run never leaves a half-written file.

import { promises as fs } from 'node:fs';
import { dirname, basename, join, resolve, isAbsolute } from 'node:path';
import { loadModel } from '../model/parse';
import type { ModelError, NnModel } from '../model/types';

/** An expected failure: printed as one line, exit code 1, no stack trace. */
export class CliError extends Error {}

export async function readText(path: string, what = 'file'): Promise<string> {
  try {
    // A byte-order mark, as some Windows editors write, is not part of the JSON or CSV text.
    return (await fs.readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${path}: no such ${what}`);
    if (code === 'EISDIR') throw new CliError(`${path}: is a directory, not a ${what}`);
    throw new CliError(`${path}: cannot read (${code ?? (err as Error).message})`);
  }
}

/** Loads a `.nnjson` file, or throws a CliError naming the first problems with their lines. */
export async function readModel(path: string): Promise<NnModel> {
  const text = await readText(path, '.nnjson file');
  const result = loadModel(text);
  if (result.ok) return result.model;
  throw new CliError(locatedErrors(path, result.errors, 5));
}

/** Errors as "file:line:column: message" lines, the form terminals and editors link to. */
export function locatedErrors(path: string, errors: readonly ModelError[], limit = Infinity): string {
  // The prefix already says where, so the message's own "(line, column)" is dropped.
  const shown = errors.slice(0, limit).map((e) => `${path}:${e.line}:${e.column}: ${e.message.replace(/ \(line \d+, column \d+\)$/, '')}`);
  if (errors.length > limit) shown.push(`… and ${errors.length - limit} more`);
  return shown.join('\n');
}

/** Writes via a temporary file in the same folder and a rename, so readers see the old or the new text, never a mix. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const handle = await fs.open(tmp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, path);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw new CliError(`${path}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** Resolves a data path the way the model means it: relative to the `.nnjson` file's folder. */
export function dataReader(modelPath: string): (relative: string) => Promise<string> {
  return (relative) => readText(isAbsolute(relative) ? relative : resolve(dirname(modelPath), relative), 'data file');
}
