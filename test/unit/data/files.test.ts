import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError, parseCsv, parseJsonData, previewCsv, type ColumnMapping } from '../../../src/data';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'data');
const read = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

describe('data: CSV and JSON files', () => {
  it('parses a numeric CSV with a semicolon delimiter, CRLF lines, quotes and a blank line', () => {
    const set = parseCsv(read('good/semicolon-crlf.csv'), { inputs: ['x1', 'x2'], targets: ['y'] });
    assert.equal(set.count, 3);
    assert.deepEqual(Array.from(set.inputs), [0, 0, 1, -0.25, 3, 4]);
    assert.deepEqual(Array.from(set.targets), [0.5, 1.25, -7]);
    assert.equal(set.task, 'regression');
    assert.deepEqual(set.inputNames, ['x1', 'x2']);
  });

  it('one-hot encodes a categorical target in order of first appearance, trimming cells', () => {
    const mapping: ColumnMapping = { inputs: ['petal_length', 'petal_width'], targets: ['species'], categorical: { column: 'species' } };
    const set = parseCsv(read('good/flowers.csv'), mapping);
    assert.equal(set.count, 6);
    assert.equal(set.task, 'multiclass');
    assert.deepEqual(set.classes, ['setosa', 'versicolor', 'virginica']);
    assert.deepEqual(Array.from(set.inputs.subarray(2, 4)), [1.4, 0.2]);
    const labels: string[] = [];
    for (let s = 0; s < set.count; s++) {
      const row = Array.from(set.targets.subarray(s * 3, s * 3 + 3));
      assert.equal(row.reduce((a, b) => a + b, 0), 1);
      labels.push(set.classes![row.indexOf(1)]);
    }
    // Oracle: the species column of the fixture, read naively.
    const expected = read('good/flowers.csv').split('\n').slice(1).filter((l) => l.trim()).map((l) => l.split(',')[4].trim());
    assert.deepEqual(labels, expected);
  });

  it('honours the given class order, and two classes become one binary target', () => {
    const text = 'a,b,flower\n1,2,tulip\n3,4,rose\n5,6,tulip\n';
    const set = parseCsv(text, { inputs: ['a', 'b'], targets: [], categorical: { column: 'flower', classes: ['tulip', 'rose'] } });
    assert.equal(set.task, 'binary');
    assert.equal(set.targetSize, 1);
    assert.deepEqual(set.classes, ['tulip', 'rose']);
    assert.deepEqual(Array.from(set.targets), [0, 1, 0]);
  });

  it('infers binary and one-hot multiclass tasks from numeric targets', () => {
    assert.equal(parseCsv('a,y\n1,0\n2,1\n', { inputs: ['a'], targets: ['y'] }).task, 'binary');
    const oneHot = parseCsv('a,p,q\n1,0,1\n2,1,0\n', { inputs: ['a'], targets: ['p', 'q'] });
    assert.equal(oneHot.task, 'multiclass');
    assert.deepEqual(oneHot.classes, ['p', 'q']);
    assert.equal(parseCsv('a,p,q\n1,1,1\n2,1,0\n', { inputs: ['a'], targets: ['p', 'q'] }).task, 'regression');
  });

  it('parses JSON records with numeric strings, ignoring unmapped fields', () => {
    const set = parseJsonData(read('good/records.json'), { inputs: ['area', 'rooms'], targets: ['price'] });
    assert.equal(set.count, 3);
    assert.deepEqual(Array.from(set.inputs), [50, 2, 80, 3, 120, 4]);
    assert.deepEqual(Array.from(set.targets), [150.5, 240, 360.25]);
  });

  it('parses JSON matrices, naming columns from the mapping when it fits', () => {
    const set = parseJsonData(read('good/matrices.json'), { inputs: ['p', 'q'], targets: [] });
    assert.equal(set.count, 4);
    assert.deepEqual(Array.from(set.targets), [0, 0, 0, 1]);
    assert.deepEqual(set.inputNames, ['p', 'q']);
    assert.deepEqual(set.targetNames, ['y1']);
    assert.equal(set.task, 'binary');
  });

  it('reads a byte-order mark as nothing, and JSON records with class labels', () => {
    assert.deepEqual(Array.from(parseCsv('\uFEFFa,y\n1,2\n', { inputs: ['a'], targets: ['y'] }).inputs), [1]);
    const text = JSON.stringify([{ x: 1, kind: 'b' }, { x: 2, kind: 'a' }, { x: 3, kind: 'c' }, { x: 4, kind: 'a' }]);
    const set = parseJsonData(text, { inputs: ['x'], targets: ['kind'], categorical: { column: 'kind' } });
    assert.deepEqual(set.classes, ['b', 'a', 'c']);
    assert.deepEqual(Array.from(set.targets), [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0]);
  });

  it('previews the header, the first rows and the numeric columns', () => {
    const preview = previewCsv(read('good/flowers.csv'), 2);
    assert.deepEqual(preview.columns, ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species']);
    assert.deepEqual(preview.rows, [['5.1', '3.5', '1.4', '0.2', 'setosa'], ['4.9', '3.0', '1.4', '0.2', 'setosa']]);
    assert.deepEqual(preview.numericColumns, ['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    assert.deepEqual(previewCsv('', 5), { columns: [], rows: [], numericColumns: [] });
  });
});

interface BadCase {
  file: string;
  mapping: ColumnMapping;
  message: string;
  row?: number;
  column?: string;
}

const XY: ColumnMapping = { inputs: ['a', 'b'], targets: ['y'] };
const BAD: BadCase[] = [
  { file: 'missing-column.csv', mapping: { inputs: ['sepal_length', 'petal_width'], targets: ['species'], categorical: { column: 'species' } },
    message: 'row 1: column "petal_width" is missing (found: sepal_length, sepal_width, species)', row: 1, column: 'petal_width' },
  { file: 'ragged-row.csv', mapping: XY, message: 'row 4 has 2 cells but the header has 3 columns', row: 4 },
  { file: 'non-numeric.csv', mapping: { inputs: ['sepal_length', 'petal_width'], targets: ['species'], categorical: { column: 'species' } },
    message: 'row 14, column "petal_width": "abc" is not a number', row: 14, column: 'petal_width' },
  { file: 'empty.csv', mapping: XY, message: 'the file is empty' },
  { file: 'blank-only.csv', mapping: XY, message: 'the file is empty' },
  { file: 'header-only.csv', mapping: XY, message: 'the file has a header row but no data rows' },
  { file: 'one-class.csv', mapping: { inputs: ['a', 'b'], targets: ['label'], categorical: { column: 'label' } },
    message: 'column "label" has only one class ("cat"); a categorical target needs at least two', column: 'label' },
  { file: 'nan-cell.csv', mapping: XY, message: 'row 3, column "b": "NaN" is not a finite number', row: 3, column: 'b' },
  { file: 'infinity-cell.csv', mapping: XY, message: 'row 4, column "a": "-Infinity" is not a finite number', row: 4, column: 'a' },
  { file: 'empty-cell.csv', mapping: XY, message: 'row 3, column "b": the cell is empty', row: 3, column: 'b' },
  { file: 'unknown-class.csv', mapping: { inputs: ['a', 'b'], targets: ['flower'], categorical: { column: 'flower', classes: ['tulip', 'daisy'] } },
    message: 'row 3, column "flower": "rose" is not one of the classes tulip, daisy', row: 3, column: 'flower' },
  { file: 'unterminated-quote.csv', mapping: XY, message: 'row 3: quoted field unterminated', row: 3 },
  { file: 'blank-lines-before-error.csv', mapping: XY, message: 'row 7, column "y": "x1" is not a number', row: 7, column: 'y' },
  { file: 'hex-cell.csv', mapping: XY, message: 'row 2, column "b": "0x10" is not a number', row: 2, column: 'b' },
  { file: 'record-missing-field.json', mapping: XY, message: 'record 2 has no field "b"', row: 2, column: 'b' },
  { file: 'record-text-cell.json', mapping: XY, message: 'record 2, field "b": "three" is not a number', row: 2, column: 'b' },
  { file: 'matrices-ragged.json', mapping: XY, message: 'inputs row 2 must be an array of 2 numbers', row: 2 },
  { file: 'matrices-mismatch.json', mapping: XY, message: '"inputs" has 2 rows but "targets" has 1' },
  { file: 'not-json.json', mapping: XY, message: 'the file is not valid JSON: trailing comma before ] is not allowed in JSON (line 1, column 26)' },
];

describe('data: bad files', () => {
  for (const bad of BAD) {
    it(`rejects ${bad.file}`, () => {
      const text = read(join('bad', bad.file));
      const parse = bad.file.endsWith('.json') ? parseJsonData : parseCsv;
      let caught: unknown;
      try {
        parse(text, bad.mapping);
      } catch (error) {
        caught = error;
      }
      assert.ok(caught instanceof DataError, `expected a DataError, got ${String(caught)}`);
      assert.equal(caught.message, bad.message);
      assert.equal(caught.row, bad.row);
      assert.equal(caught.column, bad.column);
    });
  }

  it('says on which line and column a JSON data file stops being JSON', () => {
    const cases: [string, string][] = [
      ['[\n  {"a": 1, "b": 2, "y": 0},\n  {"a": 3 "b": 4, "y": 1}\n]\n', 'expected a comma (line 3, column 11)'],
      ['[\n  {"a": 1, "b": 2, "y": 0}\n', 'the file ends too early: expected a comma or a closing bracket ] (line 3, column 1)'],
      ['{"inputs": [[1, 2]], "targets": [[0]]} // done', 'comments are not allowed in JSON (line 1, column 40)'],
      ['[{"a": 1, "b": 2, "y": tru}]', 'unexpected character (line 1, column 24)'],
    ];
    for (const [text, where] of cases) {
      assert.throws(() => parseJsonData(text, XY), (e: unknown) => e instanceof DataError && e.message === `the file is not valid JSON: ${where}`, text);
    }
  });
});
