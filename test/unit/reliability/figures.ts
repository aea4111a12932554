// Where the reliability suites leave the figures RELIABILITY.md reports:
// test-output/reliability/<name>.json, rewritten on every run. Each suite also
// ends with a test that RELIABILITY.md states the figures it just measured, so
// the report fails the run the moment it goes stale.

import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIGURES_DIR = join(__dirname, '../../../test-output/reliability');
export const REPORT = join(__dirname, '../../../RELIABILITY.md');

export function writeFigures(name: string, figures: object): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  writeFileSync(join(FIGURES_DIR, `${name}.json`), JSON.stringify(figures, null, 2) + '\n');
}

/** A count as the report writes it: 1,529. */
export const count = (n: number): string => n.toLocaleString('en-US');

/** The report's text with every run of white space as one space, so a phrase may wrap across lines. */
export function reportText(report = readFileSync(REPORT, 'utf8')): string {
  return report.replace(/\s+/g, ' ');
}

/** Fails unless RELIABILITY.md contains every phrase, and names the ones to write. */
export function assertReportStates(suite: string, phrases: readonly string[], report = reportText()): void {
  const missing = phrases.filter((p) => !report.includes(p.replace(/\s+/g, ' ')));
  assert.deepEqual(missing, [], `RELIABILITY.md does not state what the ${suite} suite measured in this run; it should say:\n  ${missing.join('\n  ')}`);
}
