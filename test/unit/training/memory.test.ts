import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  clampWorkerMemoryMb, DEFAULT_WORKER_MEMORY_MB, estimateSessionMemory, MAX_WORKER_MEMORY_MB, memoryRefusal, MIN_WORKER_MEMORY_MB,
} from '../../../src/host/training/memory';
import { MAX_PARAMETERS } from '../../../src/model/limits';
import { networkFromModel, withInitializedWeights } from '../../../src/model/network';
import { loadModel } from '../../../src/model/parse';
import type { NnModel } from '../../../src/model/types';
import { Dense } from '../../../src/engine';

const root = join(__dirname, '..', '..', '..');
const MB = 1024 * 1024;
const POLICY = { keepRecentEpochs: 200, keepEveryNth: 10 };

function example(name: string): NnModel {
  const loaded = loadModel(readFileSync(join(root, 'examples', `${name}.nnjson`), 'utf8'));
  if (!loaded.ok) throw new Error(`examples/${name}.nnjson does not load`);
  return loaded.model;
}

/** A model with these layer widths and no weights written out, trained with `optimizer`. */
function mlp(sizes: number[], optimizer: 'sgd' | 'adam' = 'adam', epochs = 10): NnModel {
  const model = example('and');
  model.inputs = sizes[0]!;
  model.layers = sizes.slice(1).flatMap((units) => [{ type: 'dense' as const, units }, { type: 'activation' as const, activation: 'relu' as const }]);
  model.training = { ...model.training, epochs, optimizer: { type: optimizer, learningRate: 0.01 } };
  model.data = { source: 'builtin', name: 'and' };
  return model;
}

describe('training memory: the workerMemoryMb setting', () => {
  it('is a whole number of megabytes within its bounds, or the default', () => {
    assert.equal(clampWorkerMemoryMb(512), 512);
    assert.equal(clampWorkerMemoryMb(512.9), 512);
    assert.equal(clampWorkerMemoryMb(0), MIN_WORKER_MEMORY_MB);
    assert.equal(clampWorkerMemoryMb(-4096), MIN_WORKER_MEMORY_MB);
    assert.equal(clampWorkerMemoryMb(1e12), MAX_WORKER_MEMORY_MB);
    for (const bad of [undefined, null, '4096', NaN, Infinity, -Infinity, {}, true]) assert.equal(clampWorkerMemoryMb(bad), DEFAULT_WORKER_MEMORY_MB, String(bad));
  });

  it('matches the bounds and default declared in package.json', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { default: number; minimum: number; maximum: number }> } };
    };
    const setting = manifest.contributes.configuration.properties['nnDesigner.training.workerMemoryMb']!;
    assert.deepEqual([setting.default, setting.minimum, setting.maximum], [DEFAULT_WORKER_MEMORY_MB, MIN_WORKER_MEMORY_MB, MAX_WORKER_MEMORY_MB]);
  });
});

describe('training memory: the estimate', () => {
  it('covers at least the arrays the engine allocates for the network, and the data as float64', () => {
    for (const name of ['and', 'xor', 'blobs', 'iris', 'mnist']) {
      const model = example(name);
      const network = networkFromModel(withInitializedWeights(model));
      let engine = 0;
      for (const layer of network.layers) if (layer instanceof Dense) engine += layer.weights.byteLength + layer.bias.byteLength + layer.gradWeights.byteLength + layer.gradBias.byteLength;
      const estimate = estimateSessionMemory(model, POLICY);
      assert.equal(estimate.parameters * 16, engine, `${name}: W and dL/dW in float64`);
      assert.ok(estimate.bytes > engine + estimate.dataValues * 8, name);
    }
  });

  it('counts the data of each kind of source: rows × (inputs + outputs)', () => {
    const mnist = example('mnist');
    assert.equal(mnist.data?.source === 'builtin' && mnist.data.samples, 4000);
    assert.equal(estimateSessionMemory(mnist, POLICY).dataValues, 4000 * (784 + 10));
    const and = example('and');
    assert.equal(estimateSessionMemory(and, POLICY).dataValues, 4 * 3, 'the AND truth table');
    and.data = { source: 'inline', inputs: Array.from({ length: 1000 }, () => [0, 1]), targets: Array.from({ length: 1000 }, () => [1]) };
    assert.equal(estimateSessionMemory(and, POLICY).dataValues, 3000);
    and.data = { source: 'file', path: 'data.csv', inputs: ['a', 'b'], targets: ['y'] } as NnModel['data'];
    assert.equal(estimateSessionMemory(and, { ...POLICY, dataFileBytes: 10 * MB }).dataValues, 5 * MB, 'a file: at most a value per two characters');
  });

  it('grows with the parameters, the optimizer state, the data and the kept epochs', () => {
    const small = estimateSessionMemory(mlp([100, 100, 10]), POLICY).bytes;
    const large = estimateSessionMemory(mlp([1000, 1000, 10]), POLICY).bytes;
    assert.ok(large > 50 * small);
    assert.ok(estimateSessionMemory(mlp([1000, 1000, 10], 'adam'), POLICY).bytes > estimateSessionMemory(mlp([1000, 1000, 10], 'sgd'), POLICY).bytes);
    const longer = estimateSessionMemory(mlp([1000, 1000, 10], 'adam', 100), POLICY).bytes;
    assert.ok(longer > large, 'more epochs kept on the timeline');
    // The timeline's budget caps what the kept epochs hold; only the latest always stays.
    const capped = estimateSessionMemory(mlp([1000, 1000, 10], 'adam', 100_000), POLICY).bytes;
    const parameters = 1000 * 1001 + 10 * 1001;
    assert.ok(capped - longer <= 256 * MB, `${(capped - longer) / MB} MB more for ${parameters} parameters`);
  });
});

describe('training memory: the refusal', () => {
  it('refuses a network under the parameter cap whose arrays need gigabytes, naming the estimate and the setting', () => {
    // 7,000 × 7,000 = 49 M weights: under MAX_PARAMETERS, but about 4 GB of arrays.
    const model = mlp([7000, 7000, 1]);
    const estimate = estimateSessionMemory(model, POLICY);
    assert.ok(estimate.parameters < MAX_PARAMETERS);
    const message = memoryRefusal('huge.nnjson', estimate, DEFAULT_WORKER_MEMORY_MB);
    assert.ok(message);
    assert.match(message, /^training huge\.nnjson would need about 4\.\d GB for its weights, gradients, snapshots and data \(49,014,001 parameters, 12 data values\), more than the 2,048 MB that the setting nnDesigner\.training\.workerMemoryMb allows/);
    assert.equal(memoryRefusal('huge.nnjson', estimate, 8192), undefined, 'a larger budget lets it train');
  });

  it('lets every example train under the default, and refuses MNIST under 16 MB', () => {
    for (const name of ['and', 'xor', 'blobs', 'iris', 'mnist']) {
      assert.equal(memoryRefusal(name, estimateSessionMemory(example(name), POLICY), DEFAULT_WORKER_MEMORY_MB), undefined, name);
    }
    assert.match(memoryRefusal('mnist.nnjson', estimateSessionMemory(example('mnist'), POLICY), 16) ?? '', /^training mnist\.nnjson would need about \d+ MB .*\(50,890 parameters, 3,176,000 data values\), more than the 16 MB/);
  });

  it('refuses on data alone: a large data file with a small network', () => {
    const model = example('and');
    model.data = { source: 'file', path: 'big.csv', inputs: ['a', 'b'], targets: ['y'] } as NnModel['data'];
    const estimate = estimateSessionMemory(model, { ...POLICY, dataFileBytes: 200 * MB });
    assert.ok(memoryRefusal('and.nnjson', estimate, DEFAULT_WORKER_MEMORY_MB)?.includes('104,857,600 data values'));
    assert.equal(memoryRefusal('and.nnjson', estimateSessionMemory(model, { ...POLICY, dataFileBytes: 20 * MB }), DEFAULT_WORKER_MEMORY_MB), undefined);
  });
});
