// Format versions. A document is brought up to FORMAT_VERSION one step at a
// time; a document from a newer release is read as it is, with a warning,
// and its unknown fields are kept.

import type { Issue } from './issue';
import { FORMAT, FORMAT_VERSION } from './types';

/** UPGRADES[v] turns a version-v document into version v + 1. Version 1 is the first. */
const UPGRADES: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {};

export interface Migration {
  doc: unknown;
  /** Problems that make the document unreadable as .nnjson at all. */
  errors: Issue[];
  warnings: Issue[];
}

export function migrate(doc: unknown): Migration {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return { doc, errors: [], warnings: [] }; // the schema reports the wrong type
  }
  const record = doc as Record<string, unknown>;
  const errors: Issue[] = [];
  if (!('format' in record)) {
    errors.push({ pointer: '', message: `the document is missing "format"; an NN Designer file starts with "format": "${FORMAT}"`, kind: 'schema' });
  } else if (record.format !== FORMAT) {
    errors.push({ pointer: '/format', message: `format must be "${FORMAT}"`, kind: 'schema' });
  }
  const version = record.version;
  if (!('version' in record)) {
    errors.push({ pointer: '', message: 'the document is missing "version"', kind: 'schema' });
  } else if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    errors.push({ pointer: '/version', message: `version must be a positive integer; this release reads version ${FORMAT_VERSION}`, kind: 'schema' });
  }
  if (errors.length > 0) return { doc, errors, warnings: [] };

  const v = version as number;
  if (v > FORMAT_VERSION) {
    const message = `version ${v} is newer than this release reads (${FORMAT_VERSION}); fields it does not know are kept but ignored`;
    return { doc, errors, warnings: [{ pointer: '/version', message, kind: 'schema' }] };
  }
  let current = record;
  for (let step = v; step < FORMAT_VERSION; step++) {
    const upgrade = UPGRADES[step];
    if (upgrade) current = upgrade(current);
  }
  return { doc: current, errors, warnings: [] };
}
