// Which task a network is trained for, from its declaration, loss, data block
// and output activation (the rule is written out in src/model/task.ts).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel } from '../../../src/model/parse';
import { inferTask } from '../../../src/model/task';
import type { ActivationName, DataSpec, LossName, NnModel, TaskName } from '../../../src/model/types';

function net(options: { outputs: number; activation?: ActivationName; loss: LossName; data?: DataSpec; task?: TaskName }): NnModel {
  const layers: NnModel['layers'] = [{ type: 'dense', units: 4 }, { type: 'activation', activation: 'relu' }, { type: 'dense', units: options.outputs }];
  if (options.activation) layers.push({ type: 'activation', activation: options.activation });
  return {
    format: 'nnjson',
    version: 1,
    inputs: 2,
    layers,
    training: { loss: options.loss, optimizer: { type: 'sgd', learningRate: 0.1 }, epochs: 1, batchSize: 1, seed: 1, ...(options.task ? { task: options.task } : {}) },
    ...(options.data ? { data: options.data } : {}),
  };
}

const numericFile: DataSpec = { source: 'file', path: 'd.csv', inputs: ['a', 'b'], targets: ['y'] };
const classFile: DataSpec = { source: 'file', path: 'd.csv', inputs: ['a', 'b'], targets: ['y'], categorical: { column: 'y', classes: ['p', 'q', 'r'] } };

describe('model: the inferred task', () => {
  it('calls the paper\'s AND network (tanh output, MSE) binary without its task', () => {
    const loaded = loadModel(readFileSync(join(__dirname, '../../../examples/and.nnjson'), 'utf8'));
    assert.ok(loaded.ok);
    const { task, ...training } = loaded.model.training;
    assert.equal(task, 'binary');
    assert.equal(inferTask({ ...loaded.model, training }, 1), 'binary');
    // Without its data block the tanh output alone says the same.
    assert.equal(inferTask({ ...loaded.model, training, data: undefined }, 1), 'binary');
  });

  it('keeps a declared task whatever the rest says', () => {
    assert.equal(inferTask(net({ outputs: 1, activation: 'sigmoid', loss: 'binaryCrossEntropy', task: 'regression' }), 1), 'regression');
    assert.equal(inferTask(net({ outputs: 3, loss: 'mse', task: 'multiclass' }), 3), 'multiclass');
  });

  it('reads a classification loss as classes, by the number of outputs', () => {
    for (const loss of ['binaryCrossEntropy', 'crossEntropy', 'categoricalCrossEntropy', 'hinge'] as const) {
      assert.equal(inferTask(net({ outputs: 1, activation: 'sigmoid', loss, data: numericFile }), 1), 'binary', loss);
      assert.equal(inferTask(net({ outputs: 3, activation: 'softmax', loss, data: numericFile }), 3), 'multiclass', loss);
    }
  });

  it('follows the data block under MSE: a built-in set\'s task, a categorical column', () => {
    assert.equal(inferTask(net({ outputs: 1, loss: 'mse', data: { source: 'builtin', name: 'circle' } }), 1), 'binary');
    assert.equal(inferTask(net({ outputs: 1, activation: 'tanh', loss: 'mse', data: { source: 'builtin', name: 'plane' } }), 1), 'regression');
    assert.equal(inferTask(net({ outputs: 3, loss: 'mae', data: { source: 'builtin', name: 'blobs' } }), 3), 'multiclass');
    assert.equal(inferTask(net({ outputs: 3, activation: 'sigmoid', loss: 'mse', data: classFile }), 3), 'multiclass');
  });

  it('falls back on the output activation when the data cannot tell', () => {
    const cases: [ActivationName | undefined, number, TaskName][] = [
      ['sigmoid', 1, 'binary'],
      ['tanh', 1, 'binary'],
      ['softmax', 3, 'multiclass'],
      [undefined, 1, 'regression'],
      ['linear', 1, 'regression'],
      ['relu', 1, 'regression'],
      ['sigmoid', 2, 'regression'],
      ['tanh', 4, 'regression'],
    ];
    for (const [activation, outputs, task] of cases) {
      for (const data of [numericFile, undefined]) {
        assert.equal(inferTask(net({ outputs, activation, loss: 'mse', data }), outputs), task, `${activation ?? 'no activation'} × ${outputs}, ${data ? 'numeric file' : 'no data'}`);
      }
    }
  });
});
