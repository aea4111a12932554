// The diagnostics' check of a data file: a large file is parsed in chunks with
// turns for the event loop between them, and a file that has not changed is not
// read again, whatever the edits of the network around it.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFileChecker, type DataCheck, type DataFileAccess, type FileStamp, type PointedProblem } from '../../../src/host/diagnostics/dataProblems';
import { fileChunks } from '../../../src/host/data/stream';
import type { NnModel } from '../../../src/model/types';
import { writeLargeCsv } from '../../support/largeCsv';
import { countTurns } from '../../support/eventLoop';

function network(inputs: number, outputs: number, path: string, inputColumns: string[]): NnModel {
  return {
    format: 'nnjson',
    version: 1,
    inputs,
    layers: [{ type: 'dense', units: 4 }, { type: 'activation', activation: 'relu' }, { type: 'dense', units: outputs }],
    training: { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.1 }, epochs: 1, batchSize: 1, seed: 1 },
    data: { source: 'file', path, inputs: inputColumns, targets: ['y'] },
  };
}

/** Files of `dir` on disk, counting the reads and the chunks handed out. */
function countingAccess(dir: string): DataFileAccess & { reads: number; chunksRead: number } {
  const access = {
    reads: 0,
    chunksRead: 0,
    stat(relativePath: string): Promise<FileStamp | { problem: string }> {
      const path = join(dir, relativePath);
      try {
        const stat = statSync(path);
        return Promise.resolve({ id: path, mtime: stat.mtimeMs, size: stat.size });
      } catch {
        return Promise.resolve({ problem: `the data file "${relativePath}" does not exist` });
      }
    },
    async *chunks(stamp: FileStamp): AsyncGenerator<string> {
      access.reads++;
      for await (const chunk of fileChunks(stamp.id)) {
        access.chunksRead++;
        yield chunk;
      }
    },
  };
  return access;
}

async function settle(check: DataCheck): Promise<PointedProblem[]> {
  return 'done' in check ? check.done : check.pending;
}

describe('data chooser: the diagnostics check of a data file', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'nn-datacheck-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the event loop turns while it parses a large file, and reads it once while it is unchanged', async () => {
    const rows = await writeLargeCsv(join(dir, 'big.csv'), 8 * 1024 * 1024, 'a,b,y', (i) => `${i},${i % 7},${(i % 5) / 4}`);
    const access = countingAccess(dir);
    const checker = new DataFileChecker();
    const loop = countTurns();
    const first = await checker.check(network(2, 1, 'big.csv', ['a', 'b']), access);
    assert.ok('pending' in first, 'a file never read before is parsed');
    assert.deepEqual(await settle(first), []);
    loop.stop();
    assert.equal(access.reads, 1);
    // 8 MB in chunks of 256 K characters: the loop ran between every one of them.
    assert.ok(access.chunksRead >= 30, `${access.chunksRead} chunks`);
    assert.ok(loop.turns >= access.chunksRead, `the event loop ran ${loop.turns} times during ${access.chunksRead} chunks (${rows} rows)`);

    // Edits of the network (here: a different output size) and repeated checks stat the file but read nothing.
    const again = await checker.check(network(2, 1, 'big.csv', ['a', 'b']), access);
    assert.deepEqual(again, { done: [] });
    const wider = await checker.check(network(2, 3, 'big.csv', ['a', 'b']), access);
    assert.ok('done' in wider);
    assert.equal(wider.done.length, 1);
    assert.match(wider.done[0].message, /^big\.csv: the data has 1 target column \(y\) but the network has 3 outputs$/);
    assert.equal(access.reads, 1);

    // A new mapping is a new parse.
    const oneInput = await checker.check(network(1, 1, 'big.csv', ['a']), access);
    assert.ok('pending' in oneInput);
    assert.deepEqual(await settle(oneInput), []);
    assert.equal(access.reads, 2);
  });

  it('yields between chunks even when they arrive without any I/O', async () => {
    const rowsPerChunk = 20_000;
    const chunks = ['a,b,y\n', ...Array.from({ length: 40 }, (_, c) =>
      Array.from({ length: rowsPerChunk }, (_, r) => `${c},${r},${r % 3}\n`).join(''))];
    const memory: DataFileAccess = { stat: () => Promise.resolve({ id: 'mem.csv', mtime: 1, size: 1 }), chunks: () => chunks };
    const loop = countTurns();
    const problems = await settle(await new DataFileChecker().check(network(2, 1, 'mem.csv', ['a', 'b']), memory));
    loop.stop();
    assert.deepEqual(problems, []);
    assert.ok(loop.turns >= 40, `the event loop ran ${loop.turns} times during 40 chunks`);
  });

  it('reads the file again once it has been written, and shares a parse that is still running', async () => {
    const path = join(dir, 'small.csv');
    writeFileSync(path, 'a,b,y\n1,2,0\n3,4,1\n');
    const access = countingAccess(dir);
    const checker = new DataFileChecker();
    const model = network(2, 1, 'small.csv', ['a', 'b']);
    const [one, two] = await Promise.all([checker.check(model, access), checker.check(model, access)]);
    assert.deepEqual(await settle(one), []);
    assert.deepEqual(await settle(two), []);
    assert.equal(access.reads, 1, 'two checks of one version share one read');

    writeFileSync(path, 'a,b,y\n1,2,0\n3,oops,1\n');
    // The same size and a clock that may not have moved: set the time so the stamp surely differs.
    const later = new Date(statSync(path).mtimeMs + 5_000);
    utimesSync(path, later, later);
    const changed = await settle(await checker.check(model, access));
    assert.equal(access.reads, 2);
    assert.deepEqual(changed, [{ pointer: '/data/inputs/1', message: 'small.csv: row 3, column "b": "oops" is not a number' }]);
    // The problem is kept as well: an unchanged bad file is not read again either.
    assert.deepEqual(await checker.check(model, access), { done: changed });
    assert.equal(access.reads, 2);
  });

  it('reports a file that vanished between the stat and the read on data.path', async () => {
    const access = countingAccess(dir);
    const gone: DataFileAccess = { stat: () => Promise.resolve({ id: join(dir, 'gone.csv'), mtime: 1, size: 10 }), chunks: (s) => access.chunks(s) };
    const problems = await settle(await new DataFileChecker().check(network(2, 1, 'gone.csv', ['a', 'b']), gone));
    assert.deepEqual(problems, [{ pointer: '/data/path', message: 'gone.csv: the file does not exist' }]);
  });
});
