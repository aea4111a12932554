import { strict as assert } from 'node:assert';
import { createRng, randomInt } from '../../../src/engine/random';
import { DataError, createCsvStreamParser, parseCsv, type ColumnMapping, type CsvProgress, type SampleSet } from '../../../src/data';

function pushInChunks(text: string, mapping: ColumnMapping, seed: number, progress?: (p: CsvProgress) => void): SampleSet {
  const rng = createRng(seed);
  const parser = createCsvStreamParser(mapping, progress);
  for (let at = 0; at < text.length;) {
    const size = 1 + randomInt(rng, 23);
    parser.push(text.slice(at, at + size));
    at += size;
  }
  return parser.finish();
}

const MAPPING: ColumnMapping = { inputs: ['a', 'b'], targets: ['label'], categorical: { column: 'label' } };

describe('data: streamed CSV', () => {
  const text = 'a,b,label\r\n1,2,"red"\r\n\r\n3,4,"multi\nline, with comma"\r\n5,6,"say ""hi"""\r\n7,8,red\r\n';

  it('gives the same samples whatever the chunk boundaries, quotes and newlines included', () => {
    const whole = parseCsv(text, MAPPING);
    assert.deepEqual(whole.classes, ['red', 'multi\nline, with comma', 'say "hi"']);
    for (let seed = 1; seed <= 20; seed++) {
      const streamed = pushInChunks(text, MAPPING, seed);
      assert.deepEqual(streamed, whole, `chunking with seed ${seed}`);
    }
  });

  it('keeps line-based row numbers across chunk boundaries', () => {
    const bad = 'a,b,label\n1,2,x\n\n"3",4,"two\nlines"\n5,oops,x\n';
    for (let seed = 1; seed <= 10; seed++) {
      assert.throws(() => pushInChunks(bad, MAPPING, seed), (e: unknown) =>
        e instanceof DataError && e.row === 6 && e.column === 'b' && e.message === 'row 6, column "b": "oops" is not a number');
    }
  });

  it('reports progress in rows and characters', () => {
    const reports: CsvProgress[] = [];
    pushInChunks(text, MAPPING, 7, (p) => reports.push(p));
    assert.ok(reports.length > 3);
    for (let i = 1; i < reports.length; i++) {
      assert.ok(reports[i].rows >= reports[i - 1].rows);
      assert.ok(reports[i].characters >= reports[i - 1].characters);
    }
    assert.deepEqual(reports[reports.length - 1], { rows: 4, characters: text.length });
  });

  it('parses a generated 100,000-row CSV into the right shape and values', () => {
    const rows = 100_000;
    const lines = ['id,half,third,cls'];
    for (let i = 0; i < rows; i++) lines.push(`${i},${i / 2},${(i % 7) - 3},${['p', 'q', 'r'][i % 3]}`);
    const big = lines.join('\n');
    const set = parseCsv(big, { inputs: ['id', 'half', 'third'], targets: ['cls'], categorical: { column: 'cls' } });
    assert.equal(set.count, rows);
    assert.equal(set.inputs.length, rows * 3);
    assert.equal(set.targets.length, rows * 3);
    assert.deepEqual(set.classes, ['p', 'q', 'r']);
    for (const i of [0, 1, 4242, 65_537, rows - 1]) {
      assert.deepEqual(Array.from(set.inputs.subarray(i * 3, i * 3 + 3)), [i, i / 2, (i % 7) - 3]);
      assert.equal(set.targets[i * 3 + (i % 3)], 1);
    }
    const chunked = createCsvStreamParser({ inputs: ['id', 'half', 'third'], targets: ['cls'], categorical: { column: 'cls' } });
    for (let at = 0; at < big.length; at += 65_536) chunked.push(big.slice(at, at + 65_536));
    assert.deepEqual(chunked.finish(), set);
  });
});
