// Problems with a workspace data file named in the `data` block: it is refused,
// missing, unreadable, or its columns do not fit the network. Reported as
// pointers into the data block; reading the file is the caller's job.

import { checkShapes, DataError, parseCsv, parseJsonData, type SampleSet } from '../../data';
import { outputSize } from '../../model/layers';
import type { DataSpec, NnModel } from '../../model/types';

export interface PointedProblem {
  pointer: string;
  message: string;
}

/** The file's text, or why it cannot be had (refused by the path rules, not found, …). */
export type ReadResult = { text: string } | { problem: string };

type FileSpec = Extract<DataSpec, { source: 'file' }>;

export async function dataProblems(model: NnModel, read: (relativePath: string) => Promise<ReadResult>): Promise<PointedProblem[]> {
  const spec = model.data;
  if (spec?.source !== 'file') return [];
  const got = await read(spec.path);
  if ('problem' in got) return [{ pointer: '/data/path', message: got.problem }];
  let set: SampleSet;
  try {
    const mapping = { inputs: spec.inputs, targets: spec.targets, categorical: spec.categorical };
    set = spec.path.toLowerCase().endsWith('.json') ? parseJsonData(got.text, mapping) : parseCsv(got.text, mapping);
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    return [{ pointer: columnPointer(spec, error.column), message: `${spec.path}: ${error.message}` }];
  }
  const mismatch = checkShapes(set, model.inputs, outputSize(model));
  return mismatch ? [{ pointer: '/data', message: `${spec.path}: ${mismatch}` }] : [];
}

/** The entry of the data block that names `column`, else the path. */
function columnPointer(spec: FileSpec, column: string | undefined): string {
  if (column === undefined) return '/data/path';
  const input = spec.inputs.indexOf(column);
  if (input >= 0) return `/data/inputs/${input}`;
  const target = spec.targets.indexOf(column);
  if (target >= 0) return `/data/targets/${target}`;
  if (spec.categorical?.column === column) return '/data/categorical/column';
  return '/data/path';
}
