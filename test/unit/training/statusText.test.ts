import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TrainingSession, type WorkerPort } from '../../../src/host/training/session';
import { formatLoss, statusBarText } from '../../../src/host/training/statusText';
import { loadModel } from '../../../src/model/parse';
import type { TrainingSnapshot } from '../../../src/protocol/training';
import type { WorkerToHost } from '../../../src/protocol/worker';

const root = join(__dirname, '..', '..', '..');

function snapshot(epoch: number, loss: number): TrainingSnapshot {
  const layer = {
    dense: 0, units: 1, inputs: 2,
    weights: new Float32Array(2), bias: new Float32Array(1), gradWeights: new Float32Array(2), gradBias: new Float32Array(1), deltaWeights: new Float32Array(2),
    gradInputNorm: 0, deadUnits: [], nonFinite: false,
  };
  return { epoch, batch: 0, batches: 4, loss, learningRate: 0.5, layers: [layer] };
}

describe('the training status bar text', () => {
  it('shows the epoch and the loss of a running session, the pause, and nothing once it ends', () => {
    const loaded = loadModel(readFileSync(join(root, 'examples', 'xor.nnjson'), 'utf8'));
    assert.ok(loaded.ok);
    let emit: (m: WorkerToHost) => void = () => undefined;
    const worker: WorkerPort = {
      postMessage: () => undefined,
      on(event: string, listener: (value: never) => void) {
        if (event === 'message') emit = listener as (m: WorkerToHost) => void;
      },
      terminate: () => undefined,
    };
    const session = new TrainingSession(() => worker, { model: loaded.model, boundaryResolution: 8, stream: true, keepRecentEpochs: 200, keepEveryNth: 10 },
      { updatesPerSecond: 0 });
    assert.equal(statusBarText('xor.nnjson', session.view()), undefined, 'an idle session shows nothing');
    session.command('train');
    emit({ type: 'ready', totalEpochs: 2000, batches: 4, snapshot: snapshot(0, 0.75) });
    emit({ type: 'state', state: 'running', epoch: 0 });
    emit({ type: 'snapshot', snapshot: snapshot(37, 0.123456), series: { from: 1, loss: Array(37).fill(0.2), testLoss: [], accuracy: [], testAccuracy: [], validationLoss: [], validationAccuracy: [] } });
    assert.deepEqual(statusBarText('xor.nnjson', session.view()), {
      text: '$(sync~spin) xor.nnjson: epoch 37/2000 · loss 0.1235',
      tooltip: 'NN Designer: training running. Click to show the designer.',
    });
    emit({ type: 'snapshot', snapshot: snapshot(38, 0.0000456) });
    emit({ type: 'state', state: 'paused', epoch: 38 });
    assert.equal(statusBarText('xor.nnjson', session.view())?.text, '$(debug-pause) xor.nnjson: epoch 38/2000 · loss 4.56e-5');
    emit({ type: 'state', state: 'done', epoch: 38 });
    assert.equal(statusBarText('xor.nnjson', session.view()), undefined, 'a finished session hides the item');
  });

  it('writes losses with four decimals, small ones in exponent form, and non-finite ones as they are', () => {
    assert.equal(formatLoss(0.5), '0.5000');
    assert.equal(formatLoss(0), '0.0000');
    assert.equal(formatLoss(0.00099), '9.90e-4');
    assert.equal(formatLoss(NaN), 'NaN');
    assert.equal(formatLoss(-Infinity), '-Infinity');
  });
});
