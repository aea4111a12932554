// Streaming a data file into the CSV parser: the shape of a large generated
// file, turns given to the event loop while it is parsed, cancellation, and
// the located messages for bad files.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataError, type CsvProgress } from '../../../src/data';
import { decodeInSlices, fileHead, parseCsvChunks, parseCsvFile } from '../../../src/host/data/stream';
import { writeLargeCsv } from '../../support/largeCsv';
import { countTurns } from '../../support/eventLoop';

const CLASSES = ['red', 'green', 'blue'];
/** Row i of the generated file: x1 = i, x2 = i / 8, x3 = (i mod 1000) - 500, label = CLASSES[i mod 3]. */
function row(i: number): string {
  return `${i},${i / 8},${(i % 1000) - 500},${CLASSES[i % 3]}`;
}

function refusedWith(message: string, row?: number, column?: string) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof DataError, String(error));
    assert.equal(error.message, message);
    assert.equal(error.row, row);
    assert.equal(error.column, column);
    return true;
  };
}

describe('data chooser: streaming files', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'nn-dataui-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('parses a 20 MB file into the right shape, with progress, giving the event loop turns between chunks', async () => {
    const path = join(dir, 'large.csv');
    const rows = await writeLargeCsv(path, 20 * 1024 * 1024, 'x1,x2,x3,label', row);
    const progress: CsvProgress[] = [];
    const loop = countTurns();
    const set = await parseCsvFile(path, { inputs: ['x1', 'x2', 'x3'], targets: ['label'], categorical: { column: 'label' } }, {
      onProgress: (p) => progress.push(p),
    });
    loop.stop();
    assert.equal(set.count, rows);
    assert.equal(set.inputSize, 3);
    assert.equal(set.targetSize, 3);
    assert.deepEqual(set.classes, CLASSES);
    for (const i of [0, 1, 2, 12_345, rows - 1]) {
      assert.deepEqual(Array.from(set.inputs.subarray(i * 3, i * 3 + 3)), [i, i / 8, (i % 1000) - 500], `row ${i}`);
      assert.deepEqual(Array.from(set.targets.subarray(i * 3, i * 3 + 3)), CLASSES.map((_, k) => (k === i % 3 ? 1 : 0)), `row ${i}`);
    }
    assert.ok(progress.length >= 20, `${progress.length} progress reports`);
    for (let k = 1; k < progress.length; k++) assert.ok(progress[k].rows >= progress[k - 1].rows);
    assert.ok(loop.turns >= 20, `the event loop ran ${loop.turns} times during the parse`);
  });

  it('stops between chunks when cancelled', async () => {
    const path = join(dir, 'cancel.csv');
    await writeLargeCsv(path, 4 * 1024 * 1024, 'x1,x2,x3,label', row);
    const signal = { aborted: false };
    const run = parseCsvFile(path, { inputs: ['x1'], targets: ['x2'] }, { signal, onProgress: () => { signal.aborted = true; } });
    await assert.rejects(run, refusedWith('reading the data was cancelled'));
  });

  it('gives the same samples whether the text arrives whole, in slices of bytes, or in tiny chunks', async () => {
    const text = `\uFEFFa,b,"c, quoted",t\n${Array.from({ length: 500 }, (_, i) => `${i},"${i * 2}",é${i % 2},${i % 2}`).join('\r\n')}\r\n`;
    const mapping = { inputs: ['a', 'b'], targets: ['t'] };
    const whole = await parseCsvChunks([text], mapping);
    const sliced = await parseCsvChunks(decodeInSlices(new TextEncoder().encode(text), 7), mapping);
    const tiny = await parseCsvChunks(text.match(/[\s\S]{1,5}/g) ?? [], mapping);
    assert.equal(whole.count, 500);
    assert.deepEqual(Array.from(whole.inputs.subarray(998)), [499, 998]);
    for (const other of [sliced, tiny]) {
      assert.deepEqual(other.inputs, whole.inputs);
      assert.deepEqual(other.targets, whole.targets);
    }
  });

  const mapping = { inputs: ['x', 'y'], targets: ['label'], categorical: { column: 'label' } };
  const bad: Array<[name: string, text: string, message: string, row?: number, column?: string]> = [
    ['an empty file', '', 'the file is empty'],
    ['a header with no rows', 'x,y,label\n', 'the file has a header row but no data rows'],
    ['a ragged row', 'x,y,label\n1,2,a\n3,b\n', 'row 3 has 2 cells but the header has 3 columns', 3],
    ['a non-numeric cell', 'x,y,label\n1,2,a\n3,four,b\n', 'row 3, column "y": "four" is not a number', 3, 'y'],
    ['an empty cell', 'x,y,label\n1,,a\n', 'row 2, column "y": the cell is empty', 2, 'y'],
    ['a missing column', 'x,z,label\n1,2,a\n', 'row 1: column "y" is missing (found: x, z, label)', 1, 'y'],
    ['one class only', 'x,y,label\n1,2,a\n3,4,a\n', 'column "label" has only one class ("a"); a categorical target needs at least two', undefined, 'label'],
  ];
  for (const [name, text, message, row, column] of bad) {
    it(`refuses ${name} with its row and column`, async () => {
      const path = join(dir, `${name.replace(/\W+/g, '-')}.csv`);
      writeFileSync(path, text);
      await assert.rejects(parseCsvFile(path, mapping), refusedWith(message, row, column));
    });
  }

  it('refuses a missing file and a folder, naming the path', async () => {
    const missing = join(dir, 'nope.csv');
    await assert.rejects(parseCsvFile(missing, mapping), refusedWith(`the data file ${missing} does not exist`));
    await assert.rejects(parseCsvFile(dir, mapping), refusedWith(`${dir} is a folder, not a data file`));
  });

  it('reads the head of a large file for the preview, as the file begins', async () => {
    const path = join(dir, 'head.csv');
    await writeLargeCsv(path, 4 * 1024 * 1024, 'x1,x2,x3,label', row);
    const head = await fileHead(path, 256 * 1024);
    assert.ok(head.length >= 256 * 1024 && head.length < 1024 * 1024, `${head.length} characters`);
    assert.equal(head, readFileSync(path, 'utf8').slice(0, head.length));
  });
});
