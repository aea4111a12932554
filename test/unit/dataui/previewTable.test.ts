// The preview table Choose Training Data shows beside the editor: the file's
// own header and first rows, each cell in its column, numbers right-aligned.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { previewDataText, TABLE_ROWS } from '../../../src/host/data/columns';
import { MAX_CELL, previewTable } from '../../../src/host/data/previewTable';
import { IRIS_CSV, IRIS_CSV_HEADER } from './support/iris-csv';

/** The table's lines: header, rule, rows, cut at the blank line that ends the rows. */
function tableLines(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('#') || l.trimStart().startsWith('#'));
  const end = lines.indexOf('', start);
  return lines.slice(start, end);
}

/** A row's cells: columns are two or more spaces apart, and no previewed cell here holds two spaces. */
function cells(line: string): string[] {
  return line.trim().split(/ {2,}/);
}

describe('data preview table', () => {
  it("shows the Iris file's header and its first rows, value for value", () => {
    const text = readFileSync(IRIS_CSV, 'utf8');
    const table = previewTable(previewDataText(text, 'csv'), 'data/iris.csv');
    const [header, rule, ...rows] = tableLines(table);
    assert.deepEqual(header.trim().split(/\s+/), ['#', ...IRIS_CSV_HEADER]);
    assert.match(rule, /^-+( {2}-+)+$/);
    assert.equal(rows.length, TABLE_ROWS);
    const fileRows = text.trim().split('\n').slice(1, TABLE_ROWS + 1).map((l) => l.split(','));
    rows.forEach((row, r) => {
      const got = cells(row);
      assert.equal(got[0], String(r + 1));
      assert.deepEqual(got.slice(1).map((v, j) => (j < 4 ? Number(v) : v)), fileRows[r].map((v, j) => (j < 4 ? Number(v) : v)));
    });
    assert.match(table, /the first 20 rows of the 150 rows read/);
    assert.match(table, /species: text · 3 classes: setosa, versicolor, virginica/);
  });

  it('right-aligns numbers, left-aligns text, and keeps every column in line', () => {
    const table = previewTable(previewDataText('x,label\n1,a\n22.5,bb\n-3,c\n', 'csv'), 'small.csv');
    const [header, , ...rows] = tableLines(table);
    assert.equal(rows.length, 3);
    const xEnd = header.indexOf('x') + 1;
    const labelAt = header.indexOf('label');
    assert.deepEqual(rows.map((row) => row.slice(0, xEnd).trim().split(/\s+/)[1]), ['1', '22.5', '-3'], 'each number ends under the end of its header');
    assert.deepEqual(rows.map((row) => row.slice(labelAt)), ['a', 'bb', 'c'], 'each label starts under the start of its header');
  });

  it('cuts a long cell and flattens a line break inside a quoted cell, so each row stays one line', () => {
    const long = 'a'.repeat(100);
    const table = previewTable(previewDataText(`v,name\n1,"${long}"\n2,"two\nlines"\n`, 'csv'), 'odd.csv');
    const [, , first, second] = tableLines(table);
    assert.ok(first.includes(`${'a'.repeat(MAX_CELL - 1)}…`), first);
    assert.ok(!first.includes('a'.repeat(MAX_CELL)), 'cut to the cell limit');
    assert.ok(second.includes('two lines'), second);
  });
});
