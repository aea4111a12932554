// Where the reliability suites leave the figures RELIABILITY.md reports:
// test-output/reliability/<name>.json, rewritten on every run.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIGURES_DIR = join(__dirname, '../../../test-output/reliability');

export function writeFigures(name: string, figures: object): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  writeFileSync(join(FIGURES_DIR, `${name}.json`), JSON.stringify(figures, null, 2) + '\n');
}
