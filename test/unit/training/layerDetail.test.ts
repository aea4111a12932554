import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TrainingSession, type WorkerPort } from '../../../src/host/training/session';
import { loadModel } from '../../../src/model/parse';
import type { TrainingSnapshot } from '../../../src/protocol/training';
import { parseWebviewMessage } from '../../../src/protocol/validate';
import type { HostToWorker, WorkerToHost } from '../../../src/protocol/worker';

function snapshot(epoch: number): TrainingSnapshot {
  return {
    epoch, batch: 0, batches: 1, loss: 1, learningRate: 0.1,
    layers: [{
      dense: 0, units: 1, inputs: 2, weights: new Float32Array([epoch, -epoch]), bias: new Float32Array([0]),
      gradWeights: new Float32Array(2), gradBias: new Float32Array(1), deltaWeights: new Float32Array(2),
      gradInputNorm: 0, deadUnits: [], nonFinite: false,
    }],
  };
}

/** A worker that answers scrubs from a fixed set of kept epochs. */
function keptEpochsWorker(kept: readonly number[]): WorkerPort & { sent: HostToWorker[]; emit(m: WorkerToHost): void } {
  let onMessage: (m: WorkerToHost) => void = () => undefined;
  const worker = {
    sent: [] as HostToWorker[],
    emit: (m: WorkerToHost) => onMessage(m),
    postMessage(m: HostToWorker) {
      worker.sent.push(m);
      if (m.type === 'scrub' && kept.includes(m.epoch)) onMessage({ type: 'scrubbed', id: m.id, snapshot: snapshot(m.epoch), timeline: [...kept] });
      if (m.type === 'scrub' && !kept.includes(m.epoch)) onMessage({ type: 'scrubbed', id: m.id, timeline: [...kept] });
    },
    on(event: string, listener: (value: never) => void) {
      if (event === 'message') onMessage = listener as (m: WorkerToHost) => void;
    },
    terminate() {},
  };
  return worker as WorkerPort & { sent: HostToWorker[]; emit(m: WorkerToHost): void };
}

describe('layer detail on demand', () => {
  const loaded = loadModel(readFileSync(join(__dirname, '..', '..', '..', 'examples', 'and.nnjson'), 'utf8'));
  if (!loaded.ok) throw new Error('examples/and.nnjson does not load');
  const model = loaded.model;

  function session(kept: readonly number[]) {
    const worker = keptEpochsWorker(kept);
    const s = new TrainingSession(() => worker, { model, boundaryResolution: 8, stream: true, keepRecentEpochs: 10, keepEveryNth: 10 },
      { updatesPerSecond: 0 });
    s.start();
    worker.emit({ type: 'ready', totalEpochs: 10, batches: 1, snapshot: snapshot(0) });
    worker.emit({ type: 'snapshot', snapshot: snapshot(7) });
    return { s, worker };
  }

  it('answers the latest epoch from the latest snapshot, without asking the worker', async () => {
    const { s, worker } = session([]);
    const layer = await s.layerDetail(0, 7);
    assert.deepEqual(Array.from(layer!.weights), [7, -7]);
    assert.equal(worker.sent.filter((m) => m.type === 'scrub').length, 0);
  });

  it('answers an earlier epoch from the worker\'s timeline, and nothing for an epoch it no longer keeps', async () => {
    const { s, worker } = session([2]);
    assert.deepEqual(Array.from((await s.layerDetail(0, 2))!.weights), [2, -2]);
    assert.equal(await s.layerDetail(0, 3), undefined);
    assert.equal(await s.layerDetail(5, 7), undefined, 'no such layer');
    assert.deepEqual(worker.sent.flatMap((m) => (m.type === 'scrub' ? [m.epoch] : [])), [2, 3]);
  });
});

describe('the webview\'s visibility and detail messages', () => {
  it('accepts well-formed ones as fresh objects', () => {
    const columns = [784, 64, 10];
    const parsed = parseWebviewMessage({ type: 'visibleNeurons', columns, extra: 1 });
    assert.deepEqual(parsed, { type: 'visibleNeurons', columns: [784, 64, 10] });
    assert.notEqual((parsed as { columns: number[] }).columns, columns);
    assert.deepEqual(parseWebviewMessage({ type: 'layerDetail', dense: 1, epoch: 0 }), { type: 'layerDetail', dense: 1, epoch: 0 });
  });

  for (const raw of [
    { type: 'visibleNeurons' },
    { type: 'visibleNeurons', columns: 'all' },
    { type: 'visibleNeurons', columns: [1, -1] },
    { type: 'visibleNeurons', columns: [1, 2.5] },
    { type: 'visibleNeurons', columns: [1, '2'] },
    { type: 'visibleNeurons', columns: [1e9] },
    { type: 'visibleNeurons', columns: new Array(20_000).fill(1) },
    { type: 'layerDetail', dense: -1, epoch: 0 },
    { type: 'layerDetail', dense: 0 },
    { type: 'layerDetail', dense: 0, epoch: 1.5 },
    { type: 'layerDetail', dense: '0', epoch: 1 },
  ]) {
    it(`drops ${JSON.stringify(raw).slice(0, 60)}`, () => assert.equal(parseWebviewMessage(raw), undefined));
  }
});
