import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { quickFixes } from '../../../src/host/diagnostics/fixes';
import { locateTrainingProblems } from '../../../src/host/diagnostics/training';
import { risingRun, trainingProblems } from '../../../src/host/training/problems';
import { serializeModel } from '../../../src/model/serialize';
import { loadModel } from '../../../src/model/parse';
import type { NnModel } from '../../../src/model/types';
import type { LayerSnapshot, TrainingSnapshot, TrainingView } from '../../../src/protocol/training';

function blobs(): NnModel {
  const loaded = loadModel(readFileSync(join(__dirname, '..', '..', '..', 'examples', 'blobs.nnjson'), 'utf8'));
  if (!loaded.ok) throw new Error('examples/blobs.nnjson does not load');
  return loaded.model;
}

function layer(dense: number, units: number, inputs: number, deadUnits: number[]): LayerSnapshot {
  const z = (n: number) => new Float32Array(n);
  return {
    dense, units, inputs, deadUnits, nonFinite: false, gradInputNorm: 0,
    weights: z(units * inputs), bias: z(units), gradWeights: z(units * inputs), gradBias: z(units), deltaWeights: z(units * inputs),
  };
}

function view(loss: number[], layers: LayerSnapshot[], divergence?: TrainingSnapshot['divergence']): TrainingView {
  const latest: TrainingSnapshot = { epoch: loss.length, batch: 0, batches: 1, loss: loss.at(-1) ?? NaN, learningRate: 0.01, layers, divergence };
  return { status: 'paused', totalEpochs: 100, series: { loss, testLoss: [], accuracy: [], testAccuracy: [], validationLoss: [], validationAccuracy: [] }, latest, timeline: [] };
}

describe('training problems for the Problems panel', () => {
  it('counts the epochs at the end over which the loss rose', () => {
    assert.equal(risingRun([]), 0);
    assert.equal(risingRun([3, 2, 1]), 0);
    assert.equal(risingRun([3, 1, 2, 3, 4]), 3);
    assert.equal(risingRun([1, 2, 2, 3]), 1, 'a flat step ends the run');
  });

  it('finds nothing in a healthy run', () => {
    const model = blobs();
    const problems = trainingProblems(model, view([1, 0.8, 0.6, 0.5], [layer(0, 8, 2, [3]), layer(1, 3, 8, [])]));
    assert.deepEqual(problems, []);
  });

  it('reports a ReLU layer with most units dead, on that layer of the file', () => {
    const model = blobs();
    const [problem, ...rest] = trainingProblems(model, view([1, 0.9], [layer(0, 8, 2, [0, 1, 2, 3, 4]), layer(1, 3, 8, [0, 1, 2])]));
    assert.deepEqual(rest, [], 'the softmax output layer is not a ReLU layer');
    assert.equal(problem.kind, 'deadRelu');
    assert.equal(problem.kind === 'deadRelu' && problem.layer, model.layers.findIndex((l) => l.type === 'dense'));
    assert.match(problem.message, /5 of 8 ReLU units of Dense layer 1/);
  });

  it('blames the learning rate after five rising epochs and suggests half of it', () => {
    const model = blobs();
    const rate = model.training.optimizer.learningRate;
    const problems = trainingProblems(model, view([0.5, 0.6, 0.7, 0.8, 0.9, 1.0], []));
    assert.equal(problems.length, 1);
    assert.equal(problems[0].kind, 'learningRateTooHigh');
    assert.equal(problems[0].kind === 'learningRateTooHigh' && problems[0].suggestedLearningRate, rate / 2);
    assert.deepEqual(trainingProblems(model, view([0.5, 0.6, 0.7, 0.8, 0.9], [])), [], 'four rising epochs are not enough');
  });

  it('reports divergence with where it happened, and a tenth of the learning rate', () => {
    const model = blobs();
    const rate = model.training.optimizer.learningRate;
    const problems = trainingProblems(model, view([1, 2, 3, 4, 5, 6], [], { epoch: 6, dense: 1, what: 'weights' }));
    assert.equal(problems.length, 1, 'a diverged run is not also blamed for rising loss');
    assert.equal(problems[0].kind, 'divergence');
    assert.match(problems[0].message, /epoch 6: the weights of Dense layer 2/);
    assert.equal(problems[0].kind === 'divergence' && problems[0].suggestedLearningRate, rate / 10);
  });

  for (const [rate, tenth, half] of [[0.7, 0.07, 0.35], [0.3, 0.03, 0.15], [0.13, 0.013, 0.065]] as const) {
    it(`suggests readable learning rates for a rate of ${rate}, in the message and in the fix`, () => {
      const model = blobs();
      model.training.optimizer.learningRate = rate;
      const [diverged] = trainingProblems(model, view([1, 2], [], { epoch: 2, dense: 0, what: 'loss' }));
      const [rising] = trainingProblems(model, view([0.5, 0.6, 0.7, 0.8, 0.9, 1.0], []));
      const text = serializeModel(model);
      for (const [problem, expected] of [[diverged, tenth], [rising, half]] as const) {
        assert.ok(problem.kind !== 'deadRelu');
        assert.equal(problem.suggestedLearningRate, expected);
        assert.ok(problem.message.includes(String(expected)), problem.message);
        assert.doesNotMatch(problem.message, /\d{6,}/, 'no long float in the message');
        const [located] = locateTrainingProblems(text, [problem]);
        const [fix] = quickFixes(text, located);
        assert.equal(fix.title, `Lower the learning rate to ${expected}`);
        assert.match(fix.text, new RegExp(`"learningRate": ${String(expected).replace('.', '\\.')}\\b`));
      }
    });
  }
});
