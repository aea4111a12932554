// Diagram update cost in Chromium: the fully expanded 784-128-64-10 designer
// (≈110k links) receives one training snapshot per frame, and the diagram's
// own paint timing (data-paint-ms on .diagram) is read after each.
// Run by `npm run bench` (after a build); prints one JSON line with p50, p95 and max in ms.
import { createRng, makeLoss } from '../src/engine';
import { networkFromModel } from '../src/model/network';
import type { TrainingSnapshot, TrainingView } from '../src/protocol/training';
import { mlpState } from '../test/webview/designerStates';
import { launchChromium, openHarness } from '../test/webview/support/harness';
import { deliverTyped, nextFrames, typedExpression } from '../test/webview/support/typed';

const FRAMES = Number(process.argv[2] ?? 40);

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

async function main(): Promise<void> {
  const state = mlpState([784, 128, 64, 10], ['relu', 'relu', 'softmax']);
  const network = networkFromModel(state.model!);
  const rng = createRng(3);
  const count = 32;
  const inputs = Float64Array.from({ length: count * 784 }, () => rng());
  const targets = new Float64Array(count * 10);
  for (let s = 0; s < count; s++) targets[s * 10 + (s % 10)] = 1;
  network.lossAndGradients(inputs, targets, count, makeLoss('categoricalCrossEntropy'));
  const snapshot = (epoch: number): TrainingSnapshot => ({
    epoch, batch: 0, batches: 1, loss: 2.3 / epoch, learningRate: 0.05,
    layers: network.denseLayers().map((d, k) => ({
      dense: k, units: d.units, inputs: d.inputSize,
      weights: Float32Array.from(d.weights, (w, i) => w * (1 + 0.01 * Math.sin(epoch + i))),
      bias: Float32Array.from(d.bias), gradWeights: Float32Array.from(d.gradWeights), gradBias: Float32Array.from(d.gradBias),
      deltaWeights: Float32Array.from(d.weights, (w) => w / 100), gradInputNorm: 1, deadUnits: [], nonFinite: false,
    })),
  });
  const view: TrainingView = {
    status: 'running', totalEpochs: FRAMES + 1,
    series: { loss: [2.3], testLoss: [null], accuracy: [null], testAccuracy: [null] },
    latest: snapshot(1), timeline: [1],
  };
  const harness = await launchChromium();
  try {
    const page = await openHarness(harness, { theme: 'dark', state, viewport: { width: 1400, height: 900 } });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.locator('g.column[data-column="0"] text.more').click();
    await page.locator('g.column[data-column="1"] text.more').click();
    await deliverTyped(page, { type: 'training', view });
    await nextFrames(page, 3);
    // Later snapshots are made in the page and posted with a structured clone, as VS Code delivers
    // them: decoding 110k-value JSON per frame would put the harness's garbage collections in the timings.
    await page.evaluate(`window.__first = ${typedExpression({ ...snapshot(1), base: network.denseLayers().map((d) => Float32Array.from(d.weights)) })}`);
    const times: number[] = [];
    for (let epoch = 2; epoch < FRAMES + 2; epoch++) {
      await page.evaluate(`(() => {
        const { base, ...first } = window.__first;
        const e = ${epoch};
        const layers = first.layers.map((l, k) => ({ ...l, weights: base[k].map((w, i) => w * (1 + 0.01 * Math.sin(e + i))) }));
        window.postMessage({ type: 'trainingSnapshot', snapshot: { ...first, epoch: e, loss: 2.3 / e, layers } }, '*');
      })()`);
      await nextFrames(page);
      times.push(Number(await page.locator('.diagram').getAttribute('data-paint-ms')));
    }
    const links = 784 * 128 + 128 * 64 + 64 * 10;
    console.log(JSON.stringify({ links, frames: times.length, p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: Math.max(...times) }));
  } finally {
    await harness.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
