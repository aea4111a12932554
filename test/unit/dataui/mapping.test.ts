// From chosen columns to the document's next model: the data block, and the
// network resized to fit, checked against the file loader, the schema and the
// CLI's data path.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../../src/data';
import { fileDataSpec, modelWithData, outputUnits, shapeMismatch, type ColumnChoice } from '../../../src/host/data/mapping';
import { networkFromModel, withInitializedWeights } from '../../../src/model/network';
import { loadModel } from '../../../src/model/parse';
import { prepareData, resolveSamples } from '../../../src/model/samples';
import { serializeModel } from '../../../src/model/serialize';
import { outputSetup, taskMismatch, withTaskFit } from '../../../src/host/data/taskFit';
import { evaluate } from '../../../src/engine';
import { inferTask } from '../../../src/model/task';
import type { DenseLayer, NnModel } from '../../../src/model/types';
import { IRIS_CSV } from './support/iris-csv';

const IRIS_TEXT = readFileSync(IRIS_CSV, 'utf8');
const FEATURES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];
const SPECIES: ColumnChoice = { path: 'data/iris.csv', inputs: FEATURES, targets: ['species'], categorical: true };

function example(name: string): NnModel {
  const loaded = loadModel(readFileSync(`examples/${name}`, 'utf8'));
  assert.ok(loaded.ok);
  return loaded.model;
}

function irisSamples(choice: ColumnChoice = SPECIES) {
  return parseCsv(IRIS_TEXT, { inputs: choice.inputs, targets: choice.targets, categorical: choice.categorical ? { column: choice.targets[0] } : undefined });
}

/** Reloads through the schema-checked loader, as the editor does after the edit. */
function reload(model: NnModel): NnModel {
  const loaded = loadModel(serializeModel(model));
  assert.ok(loaded.ok, loaded.ok ? '' : loaded.errors.map((e) => e.message).join('; '));
  return loaded.model;
}

describe('data chooser: the data block and the resized network', () => {
  it('writes path, columns and the classes in file order; keeps the split, drops fitted normalisation numbers', () => {
    const previous = { source: 'builtin' as const, name: 'and', split: { test: 0.3, validation: 0.1 }, normalization: { method: 'minmax' as const, min: [0, 0], max: [1, 1] } };
    const spec = fileDataSpec(SPECIES, irisSamples(), previous);
    assert.deepEqual(spec, {
      source: 'file', path: 'data/iris.csv', inputs: FEATURES, targets: ['species'],
      categorical: { column: 'species', classes: ['setosa', 'versicolor', 'virginica'] },
      normalization: { method: 'minmax' }, split: { test: 0.3, validation: 0.1 },
    });
  });

  it('defaults to z-score and a 20% test split, and writes no categorical block for numeric targets', () => {
    const choice: ColumnChoice = { path: 'd.csv', inputs: ['sepal_length', 'sepal_width'], targets: ['petal_width'], categorical: false };
    const spec = fileDataSpec(choice, irisSamples(choice));
    assert.equal(spec.source, 'file');
    assert.ok(!('categorical' in spec));
    assert.deepEqual(spec.normalization, { method: 'zscore' });
    assert.deepEqual(spec.split, { test: 0.2 });
  });

  it('says what does not fit, and nothing when the network fits', () => {
    const samples = irisSamples();
    assert.equal(shapeMismatch(example('iris.nnjson'), samples), undefined);
    const problem = shapeMismatch(example('and.nnjson'), samples);
    assert.match(problem ?? '', /4 input columns .* network takes 2 inputs/);
    assert.match(problem ?? '', /3 classes \(setosa, versicolor, virginica\), one output each, but the network has 1 output/);
  });

  it('without resizing, only the data block changes', () => {
    const model = example('iris.nnjson');
    const samples = irisSamples();
    const next = modelWithData(model, fileDataSpec(SPECIES, samples, model.data), samples, false);
    assert.deepEqual({ ...next, data: undefined, inputNames: undefined, outputNames: undefined }, { ...model, data: undefined, inputNames: undefined, outputNames: undefined });
    assert.deepEqual(next.inputNames, FEATURES);
    assert.deepEqual(next.outputNames, ['setosa', 'versicolor', 'virginica']);
  });

  it('resizes the AND network to 4 → 3 with the species as output names; the result loads and prepares on the CLI data path', async () => {
    const and = example('and.nnjson');
    const samples = irisSamples();
    const next = reload(modelWithData(and, fileDataSpec(SPECIES, samples, and.data), samples, true));
    assert.equal(next.inputs, 4);
    assert.equal(outputUnits(next), 3);
    assert.deepEqual(next.outputNames, ['setosa', 'versicolor', 'virginica']);
    assert.deepEqual(next.inputNames, FEATURES);
    const network = networkFromModel(next);
    assert.equal(network.outputSize, 3);
    const data = prepareData(next, await resolveSamples(next, () => Promise.resolve(IRIS_TEXT)), network.outputSize);
    assert.equal(data.train.count + (data.test?.count ?? 0), 150);
  });

  it('keeps the weights of inputs and neurons both shapes have when resizing', () => {
    const and = withInitializedWeights(example('and.nnjson'));
    const samples = irisSamples();
    const next = modelWithData(and, fileDataSpec(SPECIES, samples), samples, true);
    const before = and.layers.filter((l): l is DenseLayer => l.type === 'dense');
    const after = next.layers.filter((l): l is DenseLayer => l.type === 'dense');
    for (let j = 0; j < 3; j++) assert.deepEqual(after[0].weights?.[j].slice(0, 2), before[0].weights?.[j]);
    assert.equal(after[0].weights?.[0].length, 4);
    assert.deepEqual(after[0].bias, before[0].bias);
    assert.deepEqual(after[1].weights?.[0], before[1].weights?.[0]);
    assert.equal(after[1].weights?.length, 3);
  });
});

describe('data chooser: the output activation, loss and task the data calls for', () => {
  const PETS = 'x1,x2,pet\n0,0,cat\n0,1,dog\n1,0,cat\n1,1,dog\n0.5,0.2,cat\n0.4,0.9,dog\n';
  const PETS_CHOICE: ColumnChoice = { path: 'pets.csv', inputs: ['x1', 'x2'], targets: ['pet'], categorical: true };
  const pets = () => parseCsv(PETS, { inputs: ['x1', 'x2'], targets: ['pet'], categorical: { column: 'pet' } });

  /** The AND network turned into a regression network: linear output, MSE, task regression. */
  function regressionNet(outputs = 1): NnModel {
    const and = example('and.nnjson');
    const layers = and.layers.slice(0, 3).map((l) => (l.type === 'dense' && l === and.layers[2] ? { ...l, units: outputs } : l));
    return { ...and, layers, outputNames: undefined, training: { ...and.training, loss: 'mse', task: 'regression' } };
  }

  function lastActivation(model: NnModel): string {
    const last = model.layers[model.layers.length - 1];
    return last.type === 'activation' ? last.activation : 'linear';
  }

  it('turns the AND network resized for Iris into 3 softmax outputs with categorical cross-entropy, task multiclass', async () => {
    const and = withInitializedWeights(example('and.nnjson'));
    const samples = irisSamples();
    const sized = modelWithData(and, fileDataSpec(SPECIES, samples, and.data), samples, true);
    assert.deepEqual(outputSetup(sized), { task: 'binary', activation: 'tanh', loss: 'mse' });
    const fit = taskMismatch(sized, samples);
    assert.deepEqual(fit, { task: 'multiclass', activation: 'softmax', loss: 'categoricalCrossEntropy', classes: 3 });
    const next = reload(withTaskFit(sized, fit!));
    assert.equal(lastActivation(next), 'softmax');
    assert.equal(next.training.loss, 'categoricalCrossEntropy');
    assert.equal(next.training.task, 'multiclass');
    assert.equal(taskMismatch(next, samples), undefined, 'once set, nothing more is asked');
    // Only the output changed: every weight the resize wrote is kept, and the hidden tanh stays.
    const denseOf = (m: NnModel) => m.layers.filter((l): l is DenseLayer => l.type === 'dense');
    assert.deepEqual(denseOf(next).map((d) => d.weights), denseOf(sized).map((d) => d.weights));
    assert.equal(next.layers.length, sized.layers.length);
    assert.deepEqual(next.layers[1], sized.layers[1]);
    // And training now reports accuracy over the three species.
    const network = networkFromModel(next);
    const data = prepareData(next, await resolveSamples(next, () => Promise.resolve(IRIS_TEXT)), network.outputSize);
    assert.equal(inferTask(next, network.outputSize), 'multiclass');
    const result = evaluate(network, data.train, next.training.loss, inferTask(next, network.outputSize));
    assert.ok(result.accuracy !== undefined && result.accuracy >= 0 && result.accuracy <= 1);
  });

  it('sets a regression network up for two classes: one sigmoid output with binary cross-entropy, or two softmax outputs', () => {
    const samples = pets();
    const one = modelWithData(regressionNet(1), fileDataSpec(PETS_CHOICE, samples), samples, false);
    assert.equal(inferTask(one, 1), 'regression');
    const fitOne = taskMismatch(one, samples);
    assert.deepEqual(fitOne, { task: 'binary', activation: 'sigmoid', loss: 'binaryCrossEntropy', classes: 2 });
    const binary = reload(withTaskFit(one, fitOne!));
    assert.deepEqual(outputSetup(binary), { task: 'binary', activation: 'sigmoid', loss: 'binaryCrossEntropy' });
    assert.equal(outputUnits(binary), 1);

    const two = modelWithData(regressionNet(2), fileDataSpec(PETS_CHOICE, samples), samples, false);
    const fitTwo = taskMismatch(two, samples);
    assert.deepEqual(fitTwo, { task: 'multiclass', activation: 'softmax', loss: 'categoricalCrossEntropy', classes: 2 });
    const multiclass = reload(withTaskFit(two, fitTwo!));
    assert.deepEqual(outputSetup(multiclass), { task: 'multiclass', activation: 'softmax', loss: 'categoricalCrossEntropy' });
    assert.deepEqual(multiclass.outputNames, ['cat', 'dog']);
  });

  it('sets a classifier up for numeric targets: a linear output with MSE, task regression', () => {
    const choice: ColumnChoice = { path: 'd.csv', inputs: ['sepal_length', 'sepal_width'], targets: ['petal_width'], categorical: false };
    const samples = irisSamples(choice);
    const and = modelWithData(example('and.nnjson'), fileDataSpec(choice, samples), samples, false);
    const fit = taskMismatch(and, samples);
    assert.deepEqual(fit, { task: 'regression', activation: 'linear', loss: 'mse' });
    const next = reload(withTaskFit(and, fit!));
    assert.deepEqual(outputSetup(next), { task: 'regression', activation: 'linear', loss: 'mse' });
    assert.equal(outputUnits(next), 1);
  });

  it('asks nothing when the network already suits the data', () => {
    const iris = example('iris.nnjson');
    const samples = irisSamples();
    assert.equal(taskMismatch(modelWithData(iris, fileDataSpec(SPECIES, samples, iris.data), samples, false), samples), undefined);
    // The paper's AND network (tanh, MSE) learns two classes as 0/1 as it is.
    const petsSet = pets();
    assert.equal(taskMismatch(modelWithData(example('and.nnjson'), fileDataSpec(PETS_CHOICE, petsSet), petsSet, false), petsSet), undefined);
    const widthChoice: ColumnChoice = { path: 'd.csv', inputs: ['sepal_length', 'sepal_width'], targets: ['petal_width'], categorical: false };
    const widths = irisSamples(widthChoice);
    assert.equal(taskMismatch(modelWithData(regressionNet(1), fileDataSpec(widthChoice, widths), widths, false), widths), undefined);
  });
});
