import * as assert from 'node:assert/strict';
import { reduceLayer, reduceSnapshot } from '../../../src/host/training/summarize';
import type { LayerSnapshot, TrainingSnapshot } from '../../../src/protocol/training';
import { LayerDetails } from '../../../webview/training/details';
import { paintFor } from '../../../webview/training/viewmodel/paint';
import { fullLinks, lacksDrawnLinks, summaryRange } from '../../../webview/training/viewmodel/sample';

function layer(dense: number, units: number, inputs: number): LayerSnapshot {
  const n = units * inputs;
  // Distinct values, so a misplaced link is noticed: W[j][i] = j + i/1000, and a peak outside the first 64 × 64.
  const weights = Float32Array.from({ length: n }, (_, p) => Math.floor(p / inputs) + (p % inputs) / 1000);
  weights[n - 1] = -500;
  return {
    dense, units, inputs, weights, bias: new Float32Array(units).fill(0.5),
    gradWeights: weights.map((w) => w / 10), gradBias: new Float32Array(units), deltaWeights: weights.map((w) => -w),
    gradInputNorm: 0, deadUnits: [], nonFinite: false,
  };
}

function snapshot(epoch: number): TrainingSnapshot {
  return { epoch, batch: 0, batches: 1, loss: 1, learningRate: 0.1, layers: [layer(0, 100, 80), layer(1, 3, 100)] };
}

describe('sampled layers in the webview', () => {
  it('puts a sampled block back at j·inputs + i, with zeros outside it', () => {
    const full = layer(0, 100, 80);
    const sampled = reduceLayer(full, 64, 50);
    const links = fullLinks(sampled, 'deltaWeights');
    assert.equal(links.length, 100 * 80);
    for (let j = 0; j < 100; j++) {
      for (let i = 0; i < 80; i++) {
        const expected = j < 64 && i < 50 ? full.deltaWeights[j * 80 + i] : 0;
        assert.equal(links[j * 80 + i], expected, `[${j}][${i}]`);
      }
    }
    assert.equal(fullLinks(full, 'weights'), full.weights, 'a whole layer is used as it is');
  });

  it('takes a sampled layer\'s colour range from the summary of the whole matrix', () => {
    const sampled = reduceLayer(layer(0, 100, 80), 64, 64);
    assert.equal(summaryRange(sampled, 'weights'), 500);
    assert.equal(summaryRange(sampled, 'gradWeights'), 50);
    assert.equal(summaryRange(layer(0, 2, 2), 'weights'), undefined);
    const paint = paintFor(reduceSnapshot(snapshot(1), undefined), 'delta');
    assert.equal(paint.linkMax[0], 500, 'the peak outside the drawn block sets the range');
  });

  it('knows when the drawn block outgrows the sample', () => {
    const sampled = reduceLayer(layer(0, 100, 80), 64, 64);
    assert.equal(lacksDrawnLinks(sampled, 64, 64), false);
    assert.equal(lacksDrawnLinks(sampled, 100, 64), true);
    assert.equal(lacksDrawnLinks(sampled, 64, 80), true);
    assert.equal(lacksDrawnLinks(layer(0, 100, 80), 100, 80), false);
  });

  it('asks for each layer once per epoch, and uses the answer only for that epoch', async () => {
    const details = new LayerDetails();
    const s2 = reduceSnapshot(snapshot(2), undefined);
    assert.deepEqual(details.toRequest(s2, [80, 100, 3]), [0]);
    assert.deepEqual(details.toRequest(s2, [80, 100, 3]), [], 'asked already');
    assert.equal(details.waiting, true);
    const settled = details.settled(60_000);
    details.accept(0, 2, snapshot(2).layers[0]);
    await settled;
    const resolved = details.resolve(s2);
    assert.equal(resolved.layers[0]!.sample, undefined);
    assert.equal(resolved.layers[0]!.weights.length, 8000);
    assert.equal(resolved.layers[1], s2.layers[1]);
    const s3 = reduceSnapshot(snapshot(3), undefined);
    assert.equal(details.resolve(s3), s3, 'another epoch keeps its sample');
  });

  it('after a reset ignores answers to earlier requests, whose epoch numbers now mean something else', () => {
    const details = new LayerDetails();
    const s2 = reduceSnapshot(snapshot(2), undefined);
    assert.equal(details.ask(0, 2), true);
    details.clear();
    details.accept(0, 2, snapshot(2).layers[0]);
    assert.equal(details.waiting, false);
    assert.equal(details.resolve(s2), s2);
    assert.equal(details.ask(0, 2), true, 'it may be asked for again');
  });
});
