// The data preview a non-2-D session sends with `ready`: the first training rows as
// prepareData splits and encodes them, before normalisation, and the split sizes.
import { strict as assert } from 'node:assert';
import { dataPreview, loadIris, parseCsv } from '../../../src/data';
import { prepareData } from '../../../src/model/samples';
import type { NnModel } from '../../../src/model/types';
import type { WorkerToHost } from '../../../src/protocol/worker';
import { TrainingSession, type WorkerPort } from '../../../src/host/training/session';
import type { TrainingView } from '../../../src/protocol/training';
import { TrainingLoop } from '../../../src/worker/trainingLoop';

const CLASSES = ['low', 'mid', 'high'];
const CSV = ['a,b,c,level', ...Array.from({ length: 57 }, (_, i) => `${i},${i * 2},${100 - i},${CLASSES[i % 3]}`)].join('\n');
const MAPPING = { inputs: ['a', 'b', 'c'], targets: ['level'], categorical: { column: 'level' } };

function model(split: { test: number; validation?: number }, normalization: 'none' | 'zscore'): NnModel {
  return {
    format: 'nnjson', version: 1, inputs: 3, outputNames: ['Low', 'Mid', 'High'],
    layers: [{ type: 'dense', units: 3 }, { type: 'activation', activation: 'softmax' }],
    training: { loss: 'categoricalCrossEntropy', optimizer: { type: 'sgd', learningRate: 0.1 }, epochs: 1, batchSize: 4, seed: 9 },
    data: { source: 'inline', inputs: [], targets: [], split, normalization: { method: normalization } },
  } as unknown as NnModel;
}

describe('data: the table preview', () => {
  const samples = parseCsv(CSV, MAPPING);

  it('shows the first training rows as prepareData makes them, before normalisation', () => {
    const split = { test: 0.2, validation: 0.1 };
    const preview = dataPreview(samples, { split, seed: 9, outputSize: 3, outputNames: ['Low', 'Mid', 'High'] });
    // Oracle: the training split prepareData makes without normalisation.
    const { train, test, validation } = prepareData(model(split, 'none'), samples, 3);
    assert.equal(preview.count, 57);
    assert.deepEqual([preview.train, preview.test, preview.validation], [train.count, test?.count, validation?.count]);
    assert.deepEqual(preview.inputs, ['a', 'b', 'c']);
    assert.deepEqual(preview.targets, ['Low', 'Mid', 'High']);
    assert.equal(preview.rows.length, 20);
    preview.rows.forEach((row, s) => {
      assert.deepEqual(row, [...train.inputs.subarray(s * 3, s * 3 + 3), ...train.targets.subarray(s * 3, s * 3 + 3)], `row ${s}`);
    });
  });

  it('names the two classes of a 0/1 target, and one-hot columns for two outputs', () => {
    const two = parseCsv('x,y,kind\n1,2,cat\n3,4,dog\n5,6,cat\n', { inputs: ['x', 'y'], targets: ['kind'], categorical: { column: 'kind' } });
    const binary = dataPreview(two, { seed: 1, outputSize: 1 });
    assert.deepEqual(binary.binaryClasses, ['cat', 'dog']);
    assert.deepEqual(binary.rows, [[1, 2, 0], [3, 4, 1], [5, 6, 0]]);
    const oneHot = dataPreview(two, { seed: 1, outputSize: 2 });
    assert.equal(oneHot.binaryClasses, undefined);
    assert.deepEqual(oneHot.targets, ['cat', 'dog']);
    assert.deepEqual(oneHot.rows, [[1, 2, 1, 0], [3, 4, 0, 1], [5, 6, 1, 0]]);
  });

  /** The `ready` message of a worker loop started on `m`. */
  async function readyOf(m: NnModel): Promise<Extract<WorkerToHost, { type: 'ready' }>> {
    const posted: WorkerToHost[] = [];
    const loop = new TrainingLoop({ post: (message) => posted.push(message), defer: (task) => setImmediate(task), now: () => 0 });
    loop.handle({ type: 'init', init: { model: m, boundaryResolution: 8, stream: true, keepRecentEpochs: 10, keepEveryNth: 10 } });
    while (!posted.some((p) => p.type === 'ready' || p.type === 'failed')) await new Promise((r) => setImmediate(r));
    const ready = posted.find((p) => p.type === 'ready');
    assert.ok(ready?.type === 'ready', JSON.stringify(posted));
    return ready;
  }

  it('comes with ready for a four-input network, named after the classes', async () => {
    const m: NnModel = {
      ...model({ test: 0.2 }, 'zscore'), inputs: 4, outputNames: undefined,
      data: { source: 'builtin', name: 'iris', split: { test: 0.2 }, normalization: { method: 'zscore' } },
    };
    const ready = await readyOf(m);
    assert.equal(ready.points, undefined);
    assert.ok(ready.preview);
    assert.deepEqual([ready.preview.count, ready.preview.train, ready.preview.test], [150, 120, 30]);
    assert.deepEqual(ready.preview.inputs, ['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    assert.deepEqual(ready.preview.targets, ['setosa', 'versicolor', 'virginica']);
  });

  it('is not sent for a two-input network, which gets its points for the scatter', async () => {
    const m: NnModel = {
      ...model({ test: 0.2 }, 'none'), inputs: 2, outputNames: undefined,
      layers: [{ type: 'dense', units: 1 }, { type: 'activation', activation: 'sigmoid' }],
      training: { loss: 'binaryCrossEntropy', optimizer: { type: 'sgd', learningRate: 0.1 }, epochs: 1, batchSize: 4, seed: 9 },
      data: { source: 'builtin', name: 'circle', samples: 50, split: { test: 0.2 } },
    };
    const ready = await readyOf(m);
    assert.equal(ready.preview, undefined);
    assert.equal(ready.points?.count, 40);
  });

  it('reaches the view the host sends the webview, through the session', async () => {
    const listeners: ((m: WorkerToHost) => void)[] = [];
    const loop = new TrainingLoop({ post: (m) => listeners.forEach((l) => l(m)), defer: (task) => setImmediate(task), now: () => 0 });
    const port: WorkerPort = {
      postMessage: (m) => loop.handle(m),
      on: (event: string, listener: (m: WorkerToHost) => void) => {
        if (event === 'message') listeners.push(listener);
        return port;
      },
      terminate: () => undefined,
    } as WorkerPort;
    const views: TrainingView[] = [];
    const m: NnModel = { ...model({ test: 0.2 }, 'zscore'), inputs: 4, outputNames: undefined, data: { source: 'builtin', name: 'iris', split: { test: 0.2 } } };
    const session = new TrainingSession(() => port, { model: m, boundaryResolution: 8, stream: true, keepRecentEpochs: 10, keepEveryNth: 10 },
      { updatesPerSecond: 10 }, { view: (v) => views.push(v) });
    session.start();
    while (views.length === 0) await new Promise((r) => setImmediate(r));
    assert.equal(session.view().preview?.count, 150);
    // The session passes on what the worker computed, unchanged.
    assert.deepEqual(views[0]!.preview?.rows, dataPreview(loadIris(), { split: { test: 0.2 }, seed: 9, outputSize: 3 }).rows);
    session.dispose();
  });
});
