// Writes a CSV of at least `minBytes`, 10,000 rows at a time with back-pressure,
// so the large-file tests never build the whole text in memory.

import { createWriteStream } from 'node:fs';

/** Writes `header`, then `row(0)`, `row(1)`, … until the file holds `minBytes`; returns the row count. */
export async function writeLargeCsv(path: string, minBytes: number, header: string, row: (i: number) => string): Promise<number> {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  let bytes = 0;
  let rows = 0;
  while (bytes < minBytes) {
    const lines: string[] = [];
    for (let k = 0; k < 10_000; k++) lines.push(row(rows++));
    const block = `${lines.join('\n')}\n`;
    bytes += block.length;
    if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return rows;
}
