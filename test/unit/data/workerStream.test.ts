// A large data file reaches the training worker in chunks: streamed from disk by the
// worker for local files, or posted by the host a chunk at a time for other file
// systems. The init message never carries the text, and the samples are checked
// against the formula that generated the file.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHUNK_CHARACTERS, type CsvProgress } from '../../../src/data';
import { feedWorker } from '../../../src/host/training/dataFeed';
import type { WorkerPort } from '../../../src/host/training/session';
import type { NnModel } from '../../../src/model/types';
import type { DataFeed, HostToWorker, WorkerInit, WorkerToHost } from '../../../src/protocol/worker';
import { parseDataFile } from '../../../src/host/data/stream';
import { loadSamples } from '../../../src/worker/load';
import { TrainingLoop } from '../../../src/worker/trainingLoop';
import { writeLargeCsv } from '../../support/largeCsv';

const CLASSES = ['red', 'green', 'blue'];
/** Row i of the generated file: x1 = i, x2 = i / 4, x3 = (i mod 1000) − 500, label = CLASSES[i mod 3]. */
const row = (i: number): string => `${i},${i / 4},${(i % 1000) - 500},${CLASSES[i % 3]}`;
const BATCH = 4096;
const TEST_FRACTION = 0.1;

function model(path: string): NnModel {
  return {
    format: 'nnjson', version: 1, inputs: 3,
    layers: [{ type: 'dense', units: 3 }, { type: 'activation', activation: 'softmax' }],
    training: { loss: 'categoricalCrossEntropy', optimizer: { type: 'sgd', learningRate: 0.01 }, epochs: 1, batchSize: BATCH, seed: 5 },
    data: {
      source: 'file', path, inputs: ['x1', 'x2', 'x3'], targets: ['label'], categorical: { column: 'label', classes: CLASSES },
      normalization: { method: 'zscore' }, split: { test: TEST_FRACTION },
    },
  } as NnModel;
}

function initFor(path: string, data: DataFeed): WorkerInit {
  return { model: model(path), data, boundaryResolution: 8, stream: true, keepRecentEpochs: 10, keepEveryNth: 10 };
}

/** A TrainingLoop as the worker runs it; every clock reading is a second later, so no progress report is throttled away. */
function workerLoop() {
  const posted: WorkerToHost[] = [];
  let clock = 0;
  const loop = new TrainingLoop({ post: (m) => posted.push(m), defer: (task) => setImmediate(task), now: () => (clock += 1000), readDisk: parseDataFile });
  const settled = async (): Promise<WorkerToHost> => {
    for (;;) {
      const end = posted.find((m) => m.type === 'ready' || m.type === 'failed');
      if (end) return end;
      await new Promise((r) => setImmediate(r));
    }
  };
  return { loop, posted, settled };
}

/** Batches per epoch for the generated file, from the row count alone. */
function expectedBatches(rows: number): number {
  return Math.ceil((rows - Math.round(rows * TEST_FRACTION)) / BATCH);
}

describe('data: large files stream into the training worker', function () {
  this.timeout(120_000);
  let dir: string;
  let bigPath: string;
  let bigRows: number;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nn-worker-data-'));
    bigPath = join(dir, 'big.csv');
    bigRows = await writeLargeCsv(bigPath, 30 * 1024 * 1024, 'x1,x2,x3,label', row);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a 30 MB CSV from disk in chunks, with the right count and values', async () => {
    const progress: CsvProgress[] = [];
    const set = await loadSamples(model('big.csv'), { kind: 'disk', path: 'big.csv', fsPath: bigPath }, { onProgress: (p) => progress.push(p), readDisk: parseDataFile });
    assert.equal(set.count, bigRows);
    assert.ok(bigRows > 1_000_000, `${bigRows} rows`);
    assert.deepEqual(set.classes, CLASSES);
    for (const i of [0, 1, 2, 99_999, 654_321, bigRows - 1]) {
      assert.deepEqual(Array.from(set.inputs.subarray(i * 3, i * 3 + 3)), [i, i / 4, (i % 1000) - 500], `row ${i}`);
      assert.deepEqual(Array.from(set.targets.subarray(i * 3, i * 3 + 3)), CLASSES.map((_, k) => (k === i % 3 ? 1 : 0)), `row ${i}`);
    }
    // One report per chunk: a 30 MB file read at once would give a single one.
    assert.ok(progress.length >= (30 * 1024 * 1024) / CHUNK_CHARACTERS - 1, `${progress.length} chunks`);
    for (let k = 1; k < progress.length; k++) assert.ok(progress[k].rows >= progress[k - 1].rows);
  });

  it('builds the session from a local file the worker reads itself; the init message holds no file text', async () => {
    const init = initFor('big.csv', { kind: 'disk', path: 'big.csv', fsPath: bigPath });
    assert.ok(JSON.stringify(init).length < 2000, 'the init message is small');
    const { loop, posted, settled } = workerLoop();
    loop.handle({ type: 'init', init });
    const end = await settled();
    assert.equal(end.type, 'ready', end.type === 'failed' ? end.message : '');
    assert.equal(end.type === 'ready' && end.batches, expectedBatches(bigRows));
    const reports = posted.filter((m) => m.type === 'progress');
    assert.ok(reports.length >= 20, `${reports.length} progress messages`);
    assert.ok(reports.every((m) => m.type === 'progress' && m.rows <= bigRows));
    assert.ok(posted.indexOf(end) > posted.indexOf(reports[reports.length - 1]), 'progress comes before ready');
  });

  it('sends the text of a file from another file system as chunk messages after init', async () => {
    const path = join(dir, 'remote.csv');
    const rows = await writeLargeCsv(path, 3 * 1024 * 1024, 'x1,x2,x3,label', row);
    const { loop, settled } = workerLoop();
    const toWorker: HostToWorker[] = [];
    const port: WorkerPort = {
      postMessage: (m) => {
        toWorker.push(m);
        loop.handle(m);
      },
      on: () => port,
      terminate: () => undefined,
    };
    const fed = feedWorker(port, { feed: { kind: 'messages', path: 'remote.csv' }, readBytes: async () => readFileSync(path) });
    fed.postMessage({ type: 'init', init: initFor('remote.csv', { kind: 'messages', path: 'remote.csv' }) });
    const end = await settled();
    assert.equal(end.type, 'ready', end.type === 'failed' ? end.message : '');
    assert.equal(end.type === 'ready' && end.batches, expectedBatches(rows));
    assert.equal(toWorker[0].type, 'init');
    const chunks = toWorker.filter((m) => m.type === 'dataChunk');
    assert.ok(chunks.length >= 10, `${chunks.length} chunks`);
    assert.ok(chunks.every((m) => m.type === 'dataChunk' && m.text.length <= CHUNK_CHARACTERS));
    assert.equal(chunks.map((m) => (m.type === 'dataChunk' ? m.text : '')).join(''), readFileSync(path, 'utf8'));
    assert.equal(toWorker.at(-1)?.type, 'dataEnd');
  });

  it('fails before training starts with the row and column of a bad cell deep in the file', async () => {
    const path = join(dir, 'bad.csv');
    const lines = ['x1,x2,x3,label'];
    for (let i = 0; i < 200_000; i++) lines.push(i === 150_000 ? '1,oops,3,red' : row(i));
    writeFileSync(path, `${lines.join('\n')}\n`);
    const { loop, posted, settled } = workerLoop();
    loop.handle({ type: 'init', init: initFor('bad.csv', { kind: 'disk', path: 'bad.csv', fsPath: path }) });
    const end = await settled();
    assert.deepEqual(end, { type: 'failed', message: 'bad.csv: row 150002, column "x2": "oops" is not a number' });
    assert.ok(!posted.some((m) => m.type === 'ready' || m.type === 'snapshot'));
  });

  it('fails when the host cannot read a file from another file system', async () => {
    const { loop, settled } = workerLoop();
    const port: WorkerPort = { postMessage: (m) => loop.handle(m), on: () => port, terminate: () => undefined };
    const fed = feedWorker(port, { feed: { kind: 'messages', path: 'gone.csv' }, readBytes: () => Promise.reject(new Error('no such file')) });
    fed.postMessage({ type: 'init', init: initFor('gone.csv', { kind: 'messages', path: 'gone.csv' }) });
    assert.deepEqual(await settled(), { type: 'failed', message: 'gone.csv: cannot read the file: no such file' });
  });
});
