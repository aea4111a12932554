// The training loop on the WASM-resident trainer against the same loop on the
// reference step: the same epochs, losses, snapshots and trained weights within
// float32 tolerance, weights readable mid-epoch, and WASM memory reused on Reset.

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WasmRuntime } from '../../../src/engine/wasm/runtime';
import { loadModel } from '../../../src/model/parse';
import type { NnModel } from '../../../src/model/types';
import type { TrainedParameters, WorkerToHost } from '../../../src/protocol/worker';
import { buildSession } from '../../../src/worker/build';
import { loadSamples } from '../../../src/worker/load';
import { TrainingLoop } from '../../../src/worker/trainingLoop';
import { assertClose } from '../engine/helpers';
import { kernelBinaries } from '../kernels/support';

/**
 * The blobs example widened to 2-64-64-3, enough work per batch for the WASM
 * trainer, on SGD by default. (Adam divides by √v̂ + ε, so where a gradient
 * cancels to ~ε the float32 rounding of the WASM trainer moves a parameter by
 * up to η: its runs agree on the loss, not to float32 tolerance on every weight.)
 */
function wideBlobs(optimizer: NnModel['training']['optimizer'] = { type: 'sgd', learningRate: 0.1 }): NnModel {
  const text = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'blobs.nnjson'), 'utf8');
  const loaded = loadModel(text);
  if (!loaded.ok) throw new Error('examples/blobs.nnjson does not load');
  const model = loaded.model;
  model.layers = [
    { type: 'dense', units: 64, init: 'he' },
    { type: 'activation', activation: 'relu' },
    { type: 'dense', units: 64, init: 'he' },
    { type: 'activation', activation: 'tanh' },
    ...model.layers.slice(2),
  ];
  model.training.epochs = 5;
  model.training.optimizer = optimizer;
  return model;
}

/** A loop whose deferred slices run when `drain` is called; every clock reading moves 1 ms, so slices are one batch. */
function harness(model: NnModel, runtime?: WasmRuntime) {
  const posted: WorkerToHost[] = [];
  const deferred: (() => void)[] = [];
  let clock = 0;
  const loop = new TrainingLoop({ post: (m) => posted.push(m), defer: (task) => deferred.push(task), now: () => clock++, kernels: { runtime } });
  const send = (m: Parameters<TrainingLoop['handle']>[0]): void => loop.handle(m);
  const init = { model, boundaryResolution: 8, stream: true, sliceMs: 0, keepRecentEpochs: 50, keepEveryNth: 10 };
  return {
    posted,
    send,
    start: async () => {
      send({ type: 'init', init });
      await new Promise((r) => setImmediate(r));
    },
    drain: () => {
      while (deferred.length > 0) deferred.shift()!();
    },
    weights: (id: number): TrainedParameters => {
      send({ type: 'weights', id });
      const reply = posted.find((m) => m.type === 'weights' && m.id === id);
      assert.ok(reply?.type === 'weights');
      return reply.parameters;
    },
    snapshots: () => posted.flatMap((m) => (m.type === 'snapshot' || m.type === 'ready' ? [m.snapshot] : [])),
  };
}

function sameParameters(fast: TrainedParameters, ref: TrainedParameters, what: string): void {
  fast.layers.forEach((l, k) => {
    assertClose(l.weights, ref.layers[k].weights, `${what}: layer ${k} weights`, 3e-5, 1e-3);
    assertClose(l.bias, ref.layers[k].bias, `${what}: layer ${k} bias`, 3e-5, 1e-3);
  });
}

describe('TrainingLoop on the WASM-resident trainer', () => {
  let rt: WasmRuntime;
  before(async () => {
    const created = WasmRuntime.create(await kernelBinaries());
    assert.ok(created?.elementwise, 'the kernels instantiate');
    rt = created;
  });

  it('the session picks the WASM trainer for a wide MLP and the reference step for the AND network', async () => {
    const model = wideBlobs();
    const session = buildSession(model, await loadSamples(model, undefined), { runtime: rt });
    assert.equal(session.trainer.backend, 'wasm');
    session.trainer.dispose();
    const and = loadModel(readFileSync(join(__dirname, '..', '..', '..', 'examples', 'and.nnjson'), 'utf8'));
    assert.ok(and.ok);
    assert.equal(buildSession(and.model, await loadSamples(and.model, undefined), { runtime: rt }).trainer.backend, 'reference');
  });

  it('runs to the end with the reference loop\'s losses, snapshots and weights', async () => {
    const fast = harness(wideBlobs(), rt);
    const ref = harness(wideBlobs());
    for (const h of [fast, ref]) {
      await h.start();
      h.send({ type: 'run' });
      h.drain();
    }
    const fs = fast.snapshots();
    const rs = ref.snapshots();
    assert.deepEqual(fs.map((s) => s.epoch), rs.map((s) => s.epoch));
    assert.equal(fs.at(-1)?.epoch, 5);
    assertClose(fs.map((s) => s.loss), rs.map((s) => s.loss), 'snapshot losses', 1e-5, 1e-4);
    const last = fs.at(-1)!;
    last.layers.forEach((layer, l) => {
      const other = rs.at(-1)!.layers[l];
      assertClose(layer.weights, other.weights, `layer ${l} snapshot weights`, 3e-5, 1e-3);
      assertClose(layer.gradWeights, other.gradWeights, `layer ${l} snapshot dL/dW`, 3e-5, 1e-3);
      assertClose(layer.deltaWeights, other.deltaWeights, `layer ${l} snapshot ΔW`, 3e-5, 1e-3);
      // The worker skips dL/dX of the data (snapshots carry the probe's per-neuron values instead).
      if (l === 0) assert.ok(Number.isNaN(layer.gradInputNorm));
      else assertClose([layer.gradInputNorm], [other.gradInputNorm], `layer ${l} ‖dL/dX‖`, 1e-5, 1e-4);
      assertClose(layer.gradInputs!, other.gradInputs!, `layer ${l} per-neuron |dL/dX|`, 3e-5, 1e-3);
    });
    sameParameters(fast.weights(1), ref.weights(1), 'after the run');
  });

  it('trains the example\'s Adam to the reference loop\'s losses', async () => {
    const adam = { type: 'adam', learningRate: 0.01 } as const;
    const fast = harness(wideBlobs(adam), rt);
    const ref = harness(wideBlobs(adam));
    for (const h of [fast, ref]) {
      await h.start();
      h.send({ type: 'run' });
      h.drain();
    }
    assert.equal(fast.snapshots().at(-1)?.epoch, 5);
    assertClose(fast.snapshots().map((s) => s.loss), ref.snapshots().map((s) => s.loss), 'snapshot losses', 1e-4, 2e-3);
  });

  it('stops at a divergence with the non-finite values in the snapshot', async () => {
    // Linear hidden layers, so nothing saturates or dies: the logits overflow float32 and softmax gives NaN.
    const model = wideBlobs({ type: 'sgd', learningRate: 1e30 });
    model.layers = model.layers.map((l) => (l.type === 'activation' && l.activation !== 'softmax' ? { ...l, activation: 'linear' } : l));
    const fast = harness(model, rt);
    await fast.start();
    fast.send({ type: 'run' });
    fast.drain();
    const divergence = fast.posted.find((m) => m.type === 'divergence');
    assert.ok(divergence, 'the loop reported a divergence');
    const last = fast.snapshots().at(-1)!;
    assert.ok(last.divergence, 'the last snapshot marks it');
    assert.ok(last.layers.some((l) => l.nonFinite), 'the synced layers carry the non-finite values');
  });

  it('hands out current weights mid-epoch and reuses its memory on Reset', async () => {
    const fast = harness(wideBlobs(), rt);
    const ref = harness(wideBlobs());
    for (const h of [fast, ref]) {
      await h.start();
      for (let b = 0; b < 3; b++) h.send({ type: 'stepBatch' });
    }
    const fw = fast.weights(2);
    sameParameters(fw, ref.weights(2), 'after three batches');
    const first = fast.snapshots()[0].layers[0].weights;
    assert.ok(fw.layers[0].weights.some((w, i) => Math.abs(w - first[i]) > 1e-6), 'the batches moved the weights');
    const batch = fast.snapshots().at(-1)!;
    assert.equal(batch.batch, 3);
    assertClose(batch.layers[1].gradWeights, ref.snapshots().at(-1)!.layers[1].gradWeights, 'the last batch\'s dL/dW', 3e-5, 1e-3);
    const used = rt.mark();
    fast.send({ type: 'reset' });
    assert.equal(rt.mark(), used, 'the rebuilt session took the freed memory');
    sameParameters(fast.weights(3), { ...fw, layers: fast.snapshots()[0].layers.map((l) => ({ ...l, weights: Float64Array.from(l.weights), bias: Float64Array.from(l.bias) })) }, 'after Reset');
  });
});
