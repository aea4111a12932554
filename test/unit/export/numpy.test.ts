// The paper-style NumPy export, run with Debian's python3-numpy: its
// predictions must match ours to 1e-6, and the paper's train() must take the
// same SGD step our engine's gradients give.

import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeLoss } from '../../../src/engine';
import { exportNumpy } from '../../../src/export/numpyExport';
import { networkFromModel } from '../../../src/model/network';
import { scaleInputs } from '../../../src/model/samples';
import type { NnModel } from '../../../src/model/types';
import { allModels, maxAbsDiff, randomRows } from './models';
import { ourPredictions } from './predictions';
import { pythonHas, runPython } from './python';

const PREDICT = `
import json, runpy, sys
import numpy as np
ns = runpy.run_path(sys.argv[1])
rows = json.load(sys.stdin)
print(json.dumps(ns["predict_rows"](ns["build_network"](), rows).tolist()))
`;

const TRAIN_ONE = `
import json, runpy, sys
import numpy as np
ns = runpy.run_path(sys.argv[1])
data = json.load(sys.stdin)
net = ns["build_network"]()
x = ns["normalize"](np.array([data["x"]])).T
y = np.array([data["y"]]).T
ns["train"](net, ns["loss"], ns["loss_prime"], [x], [y], epochs=1, learning_rate=data["lr"], verbose=False)
print(json.dumps([layer.weights.tolist() for layer in net if isinstance(layer, ns["Dense"])]))
`;

/** W − η·dL/dW for one sample, from the engine's own backward pass. */
function engineStep(model: NnModel, x: number[], y: number[], lr: number): number[][][] {
  const network = networkFromModel(model);
  const input = Float64Array.from(scaleInputs(model, [x])[0]);
  network.lossAndGradients(input, Float64Array.from(y), 1, makeLoss(model.training.loss));
  return network.denseLayers().map((d) =>
    Array.from({ length: d.units }, (_, j) => Array.from({ length: d.inputSize }, (_, i) => d.weights[j * d.inputSize + i] - lr * d.gradWeights[j * d.inputSize + i])),
  );
}

describe('NumPy paper-code export', function () {
  let dir = '';
  before(function () {
    if (!pythonHas('numpy')) this.skip(); // python3 with numpy (Debian python3-numpy) is not installed here
    dir = mkdtempSync(join(tmpdir(), 'nn-numpy-'));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const model of allModels()) {
    it(`${model.name}: numpy predictions match predict to 1e-6`, () => {
      const file = join(dir, 'network.py');
      writeFileSync(file, exportNumpy(model));
      const rows = randomRows(20, model.inputs, 4);
      const theirs = JSON.parse(runPython(PREDICT, [file], JSON.stringify(rows))) as number[][];
      const diff = maxAbsDiff(theirs, ourPredictions(model, rows));
      assert.ok(diff < 1e-6, `max difference ${diff}`);
    });
  }

  for (const model of allModels()) {
    it(`${model.name}: one step of the paper's train() equals the engine's SGD step`, () => {
      const file = join(dir, 'network.py');
      writeFileSync(file, exportNumpy(model));
      const x = randomRows(1, model.inputs, 6)[0];
      const width = ourPredictions(model, [x])[0].length;
      const y = Array.from({ length: width }, (_, k) => (k === 0 ? 1 : 0));
      const lr = 0.5;
      const theirs = JSON.parse(runPython(TRAIN_ONE, [file], JSON.stringify({ x, y, lr }))) as number[][][];
      const ours = engineStep(model, x, y, lr);
      assert.equal(theirs.length, ours.length);
      const before = networkFromModel(model).denseLayers()[0].weights;
      assert.ok(ours[0].flat().some((w, k) => Math.abs(w - before[k]) > 1e-9), 'the step changes the weights');
      theirs.forEach((w, l) => assert.ok(maxAbsDiff(w, ours[l]) < 1e-9, `layer ${l}: max difference ${maxAbsDiff(w, ours[l])}`));
    });
  }
});
