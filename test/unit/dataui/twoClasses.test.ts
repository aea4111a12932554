// Choosing a two-class column for a network that already has two outputs keeps
// them (one-hot, named after the classes); a one-output network stays 0/1.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../../src/data';
import { fileDataSpec, modelWithData, outputUnits, type ColumnChoice } from '../../../src/host/data/mapping';
import { loadModel } from '../../../src/model/parse';
import { prepareData } from '../../../src/model/samples';
import { serializeModel } from '../../../src/model/serialize';
import type { NnModel } from '../../../src/model/types';
import { networkFromModel } from '../../../src/model/network';
import { IRIS_CSV } from './support/iris-csv';

const FEATURES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];
const CHOICE: ColumnChoice = { path: 'data/two.csv', inputs: FEATURES, targets: ['species'], categorical: true };
/** Iris without virginica: two classes in a text column. */
const TEXT = readFileSync(IRIS_CSV, 'utf8').split('\n').filter((line) => !line.includes('virginica')).join('\n');

function iris(outputUnits: number): NnModel {
  const loaded = loadModel(readFileSync('examples/iris.nnjson', 'utf8'));
  assert.ok(loaded.ok);
  const layers = loaded.model.layers.map((l, i, all) => {
    if (l.type !== 'dense' || all.slice(i + 1).some((n) => n.type === 'dense')) return l;
    const { weights: _w, bias: _b, ...rest } = l;
    return { ...rest, units: outputUnits };
  });
  return { ...loaded.model, layers, outputNames: undefined };
}

function reload(model: NnModel): NnModel {
  const loaded = loadModel(serializeModel(model));
  assert.ok(loaded.ok, loaded.ok ? '' : loaded.errors.map((e) => e.message).join('; '));
  return loaded.model;
}

describe('data chooser: two classes', () => {
  const samples = parseCsv(TEXT, { inputs: FEATURES, targets: ['species'], categorical: { column: 'species' } });

  it('keeps a two-output softmax network and names its outputs after the classes', () => {
    const next = reload(modelWithData(iris(2), fileDataSpec(CHOICE, samples), samples, true));
    assert.equal(outputUnits(next), 2);
    assert.deepEqual(next.outputNames, ['setosa', 'versicolor']);
    const data = prepareData(next, samples, networkFromModel(next).outputSize);
    assert.equal(data.train.targetSize, 2);
  });

  it('keeps a one-output network at 0/1', () => {
    const next = reload(modelWithData(iris(1), fileDataSpec(CHOICE, samples), samples, true));
    assert.equal(outputUnits(next), 1);
    assert.deepEqual(next.outputNames, ['species']);
    assert.deepEqual(next.data?.source === 'file' && next.data.categorical?.classes, ['setosa', 'versicolor']);
  });

  it('resizes a three-output network to one 0/1 output', () => {
    const next = reload(modelWithData(iris(3), fileDataSpec(CHOICE, samples), samples, true));
    assert.equal(outputUnits(next), 1);
  });
});
