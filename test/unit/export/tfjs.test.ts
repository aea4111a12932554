// TF.js LayersModel export checked by loading it into @tensorflow/tfjs, and the
// import checked by round-tripping our own export.

import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs';
import { exportTfjs } from '../../../src/export/tfjsExport';
import { importTfjs } from '../../../src/export/tfjsImport';
import { InteropError } from '../../../src/export/types';
import { allModels, maxAbsDiff, randomRows } from './models';
import { ourPredictions } from './predictions';

async function tfjsPredictions(modelJson: string, weights: Uint8Array, rows: number[][]): Promise<number[][]> {
  const json = JSON.parse(modelJson) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
  const buffer = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: buffer }));
  const output = model.predict(tf.tensor2d(rows)) as tf.Tensor;
  const result = (await output.array()) as number[][];
  output.dispose();
  model.dispose();
  return result;
}

describe('TF.js export and import', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  for (const model of allModels()) {
    it(`${model.name}: tf.loadLayersModel predicts what predict does`, async () => {
      const rows = randomRows(24, model.inputs, 9);
      const { modelJson, weights } = exportTfjs(model, 'model.weights.bin');
      const theirs = await tfjsPredictions(modelJson, weights, rows);
      const diff = maxAbsDiff(theirs, ourPredictions(model, rows));
      assert.ok(diff < 1e-5, `max difference ${diff}`);
    });

    it(`${model.name}: importing the export gives the same layers and predictions`, async () => {
      const rows = randomRows(24, model.inputs, 10);
      const { modelJson, weights } = exportTfjs(model, 'w.bin');
      const back = await importTfjs(JSON.parse(modelJson), 'x', async (name) => (name === 'w.bin' ? weights : undefined), 0);
      assert.deepEqual(back.model.layers.map((l) => (l.type === 'dense' ? l.units : l.activation)), model.layers.map((l) => (l.type === 'dense' ? l.units : l.activation)));
      assert.deepEqual(back.model.training, model.training);
      const diff = maxAbsDiff(ourPredictions(back.model, rows), ourPredictions(model, rows));
      assert.ok(diff < 1e-5, `max difference ${diff}`);
    });
  }

  it('reports a missing weights shard by name', async () => {
    const { modelJson } = exportTfjs(allModels()[0], 'gone.bin');
    await assert.rejects(
      importTfjs(JSON.parse(modelJson), 'x', async () => undefined, 0),
      (err: unknown) => err instanceof InteropError && /weights shard "gone\.bin".*missing/.test(err.message),
    );
  });

  it('reports a truncated weights shard', async () => {
    const { modelJson, weights } = exportTfjs(allModels()[0], 'w.bin');
    await assert.rejects(
      importTfjs(JSON.parse(modelJson), 'x', async () => weights.subarray(0, weights.length - 4), 0),
      (err: unknown) => err instanceof InteropError && /truncated/.test(err.message),
    );
  });
});
