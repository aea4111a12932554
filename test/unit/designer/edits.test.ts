import { strict as assert } from 'node:assert';
import { applyEdit, EditError, editRng } from '../../../src/model/edits';
import { withInitializedWeights } from '../../../src/model/network';
import { loadModel } from '../../../src/model/parse';
import { serializeModel } from '../../../src/model/serialize';
import type { DenseLayer, LayerSpec, NnModel } from '../../../src/model/types';
import type { DesignerEdit } from '../../../src/protocol/webview';

/** The paper's AND network shape, 2-3-1 with tanh, with hand-picked weights. */
function andModel(): NnModel {
  return {
    format: 'nnjson',
    version: 1,
    inputs: 2,
    layers: [
      { type: 'dense', units: 3, weights: [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], bias: [0.01, 0.02, 0.03] },
      { type: 'activation', activation: 'tanh' },
      { type: 'dense', units: 1, weights: [[0.7, 0.8, 0.9]], bias: [0.04] },
      { type: 'activation', activation: 'tanh' },
    ],
    training: { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.1 }, epochs: 100, batchSize: 1, seed: 42 },
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

function dense(model: NnModel): DenseLayer[] {
  return model.layers.filter((l): l is DenseLayer => l.type === 'dense');
}

/** Every Dense layer has units × (previous width) weights and units biases, all finite. */
function assertShapes(model: NnModel): void {
  let width = model.inputs;
  for (const d of dense(model)) {
    assert.ok(d.weights, 'weights present');
    assert.equal(d.weights.length, d.units);
    for (const row of d.weights) {
      assert.equal(row.length, width);
      assert.ok(row.every(Number.isFinite));
    }
    assert.deepEqual(d.bias?.length, d.units);
    width = d.units;
  }
}

const kinds = (layers: LayerSpec[]): string[] => layers.map((l) => (l.type === 'dense' ? `dense${l.units}` : l.activation));

describe('applyEdit', () => {
  it('never changes the model it is given', () => {
    const frozen = deepFreeze(andModel());
    const edits: DesignerEdit[] = [
      { kind: 'addLayer', before: 1, units: 2, activation: 'relu' },
      { kind: 'removeLayer', dense: 0 },
      { kind: 'setUnits', dense: 0, units: 5 },
      { kind: 'setActivation', dense: 0, activation: 'relu' },
      { kind: 'setWeight', dense: 1, neuron: 0, input: 2, value: 9 },
      { kind: 'setBias', dense: 0, neuron: 1, value: 9 },
      { kind: 'setTraining', field: 'seed', value: 3 },
    ];
    for (const edit of edits) assert.doesNotThrow(() => applyEdit(frozen, edit), edit.kind);
    assert.deepEqual(frozen, andModel());
  });

  it('adds a hidden layer and refits the next layer, keeping the columns that still fit', () => {
    const next = applyEdit(andModel(), { kind: 'addLayer', before: 1, units: 4, activation: 'relu' });
    assert.deepEqual(kinds(next.layers), ['dense3', 'tanh', 'dense4', 'relu', 'dense1', 'tanh']);
    assertShapes(next);
    const [first, added, out] = dense(next);
    assert.deepEqual(first, andModel().layers[0]);
    assert.deepEqual(added.bias, [0, 0, 0, 0]);
    assert.ok(added.weights!.flat().some((w) => w !== 0), 'new weights drawn, not zero');
    assert.deepEqual(out.weights![0].slice(0, 3), [0.7, 0.8, 0.9]);
    assert.deepEqual(out.bias, [0.04]);
  });

  it('adds a first hidden layer in front of the others', () => {
    const next = applyEdit(andModel(), { kind: 'addLayer', before: 0, units: 2, activation: 'linear' });
    assert.deepEqual(kinds(next.layers), ['dense2', 'linear', 'dense3', 'tanh', 'dense1', 'tanh']);
    assertShapes(next);
    // The old first layer had two inputs and still has two: its weights survive whole.
    assert.deepEqual(dense(next)[1].weights, [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]);
  });

  it('draws new weights deterministically from the seed', () => {
    const edit: DesignerEdit = { kind: 'addLayer', before: 1, units: 4, activation: 'tanh' };
    const a = applyEdit(andModel(), edit);
    const b = applyEdit(andModel(), edit);
    assert.deepEqual(a, b);
    const other = andModel();
    other.training.seed = 43;
    assert.notDeepEqual(dense(applyEdit(other, edit))[1].weights, dense(a)[1].weights);
  });

  it('gives a new cell the same value whatever the old shape was', () => {
    const small = applyEdit(andModel(), { kind: 'setUnits', dense: 0, units: 2 });
    const grownFromSmall = applyEdit(small, { kind: 'setUnits', dense: 0, units: 5 });
    const grownFromThree = applyEdit(andModel(), { kind: 'setUnits', dense: 0, units: 5 });
    assert.deepEqual(dense(grownFromSmall)[0].weights!.slice(3), dense(grownFromThree)[0].weights!.slice(3));
  });

  it('uses the layer initialiser for new weights', () => {
    const model = andModel();
    (model.layers[0] as DenseLayer).init = 'zeros';
    const next = applyEdit(model, { kind: 'setUnits', dense: 0, units: 4 });
    assert.deepEqual(dense(next)[0].weights![3], [0, 0]);
    // The next layer keeps its own initialiser (Glorot before tanh), so its new column is not zero.
    assert.notEqual(dense(next)[1].weights![0][3], 0);
  });

  it('shrinks a layer by keeping its first rows and the next layer its first columns', () => {
    const next = applyEdit(andModel(), { kind: 'setUnits', dense: 0, units: 2 });
    assertShapes(next);
    assert.deepEqual(dense(next)[0].weights, [[0.1, 0.2], [0.3, 0.4]]);
    assert.deepEqual(dense(next)[0].bias, [0.01, 0.02]);
    assert.deepEqual(dense(next)[1].weights, [[0.7, 0.8]]);
  });

  it('grows a layer keeping every existing weight', () => {
    const next = applyEdit(andModel(), { kind: 'setUnits', dense: 0, units: 5 });
    assertShapes(next);
    assert.deepEqual(dense(next)[0].weights!.slice(0, 3), [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]);
    assert.deepEqual(dense(next)[0].bias, [0.01, 0.02, 0.03, 0, 0]);
    assert.deepEqual(dense(next)[1].weights![0].slice(0, 3), [0.7, 0.8, 0.9]);
  });

  it('resizing the output layer keeps the output names in step', () => {
    const model = andModel();
    model.outputNames = ['and'];
    const grown = applyEdit(model, { kind: 'setUnits', dense: 1, units: 3 });
    assert.equal(grown.outputNames?.length, 3);
    assert.equal(grown.outputNames?.[0], 'and');
    assert.deepEqual(applyEdit(grown, { kind: 'setUnits', dense: 1, units: 1 }).outputNames, ['and']);
  });

  it('removes a hidden layer with its activation and fixes the next input width', () => {
    const next = applyEdit(andModel(), { kind: 'removeLayer', dense: 0 });
    assert.deepEqual(kinds(next.layers), ['dense1', 'tanh']);
    assertShapes(next);
    assert.deepEqual(dense(next)[0].weights, [[0.7, 0.8]]);
  });

  it('refuses to remove the output layer or a layer that does not exist', () => {
    assert.throws(() => applyEdit(andModel(), { kind: 'removeLayer', dense: 1 }), EditError);
    assert.throws(() => applyEdit(andModel(), { kind: 'removeLayer', dense: 2 }), EditError);
    assert.throws(() => applyEdit(andModel(), { kind: 'addLayer', before: 3, units: 1, activation: 'relu' }), EditError);
  });

  it('changes or inserts the activation after a Dense layer', () => {
    const relu = applyEdit(andModel(), { kind: 'setActivation', dense: 0, activation: 'relu' });
    assert.deepEqual(kinds(relu.layers), ['dense3', 'relu', 'dense1', 'tanh']);
    const bare = andModel();
    bare.layers.pop();
    const sig = applyEdit(bare, { kind: 'setActivation', dense: 1, activation: 'sigmoid' });
    assert.deepEqual(kinds(sig.layers), ['dense3', 'tanh', 'dense1', 'sigmoid']);
    const leaky = andModel();
    leaky.layers[1] = { type: 'activation', activation: 'leakyRelu', alpha: 0.2, name: 'act' };
    assert.deepEqual(applyEdit(leaky, { kind: 'setActivation', dense: 0, activation: 'tanh' }).layers[1], { type: 'activation', activation: 'tanh', name: 'act' });
  });

  it('refuses softmax anywhere but after the output layer', () => {
    assert.throws(() => applyEdit(andModel(), { kind: 'setActivation', dense: 0, activation: 'softmax' }), /softmax/);
    assert.throws(() => applyEdit(andModel(), { kind: 'addLayer', before: 1, units: 2, activation: 'softmax' }), EditError);
    assert.equal(applyEdit(andModel(), { kind: 'setActivation', dense: 1, activation: 'softmax' }).layers[3].type, 'activation');
  });

  it('sets the training fields, loss, optimizer and initialiser', () => {
    const m = andModel();
    assert.equal(applyEdit(m, { kind: 'setLoss', loss: 'hinge' }).training.loss, 'hinge');
    assert.deepEqual(applyEdit(m, { kind: 'setOptimizer', optimizer: { type: 'adam', learningRate: 0.01 } }).training.optimizer, { type: 'adam', learningRate: 0.01 });
    assert.equal(applyEdit(m, { kind: 'setTraining', field: 'epochs', value: 7 }).training.epochs, 7);
    assert.equal(applyEdit(m, { kind: 'setTraining', field: 'batchSize', value: 4 }).training.batchSize, 4);
    assert.equal(applyEdit(m, { kind: 'setTraining', field: 'seed', value: 9 }).training.seed, 9);
    const he = applyEdit(m, { kind: 'setInit', dense: 1, init: 'he' });
    assert.equal(dense(he)[1].init, 'he');
    assert.deepEqual(dense(he)[1].weights, dense(m)[1].weights);
  });

  it('sets one weight or bias and refuses indices out of range', () => {
    const w = applyEdit(andModel(), { kind: 'setWeight', dense: 0, neuron: 2, input: 1, value: -3 });
    const expected = andModel();
    (expected.layers[0] as DenseLayer).weights![2][1] = -3;
    assert.deepEqual(w, expected);
    const b = applyEdit(andModel(), { kind: 'setBias', dense: 1, neuron: 0, value: 2 });
    assert.deepEqual(dense(b)[1].bias, [2]);
    assert.throws(() => applyEdit(andModel(), { kind: 'setWeight', dense: 0, neuron: 3, input: 0, value: 1 }), EditError);
    assert.throws(() => applyEdit(andModel(), { kind: 'setWeight', dense: 0, neuron: 0, input: 2, value: 1 }), EditError);
    assert.throws(() => applyEdit(andModel(), { kind: 'setBias', dense: 2, neuron: 0, value: 1 }), EditError);
  });

  it('writes out seed-drawn weights before a structural edit, so the ones the user saw stay', () => {
    const bare = andModel();
    for (const l of bare.layers) {
      if (l.type === 'dense') {
        delete l.weights;
        delete l.bias;
      }
    }
    const seen = withInitializedWeights(bare);
    const next = applyEdit(bare, { kind: 'addLayer', before: 0, units: 2, activation: 'tanh' });
    assert.deepEqual(dense(next).slice(1), dense(seen));
    // Settings edits leave the weights to the seed.
    assert.equal(dense(applyEdit(bare, { kind: 'setLoss', loss: 'mae' }))[0].weights, undefined);
  });

  it('derives distinct generators per layer and seed', () => {
    assert.notEqual(editRng(1, 0)(), editRng(1, 1)());
    assert.notEqual(editRng(1, 0)(), editRng(2, 0)());
    assert.equal(editRng(5, 3)(), editRng(5, 3)());
  });
});

describe('applyEdit results as files', () => {
  it('serialise to documents the loader accepts', () => {
    const edits: DesignerEdit[] = [
      { kind: 'addLayer', before: 1, units: 4, activation: 'leakyRelu' },
      { kind: 'addLayer', before: 0, units: 2, activation: 'linear' },
      { kind: 'removeLayer', dense: 0 },
      { kind: 'setUnits', dense: 1, units: 2 },
      { kind: 'setActivation', dense: 2, activation: 'softmax' },
      { kind: 'setActivation', dense: 1, activation: 'sigmoid' },
      { kind: 'setWeight', dense: 0, neuron: 0, input: 0, value: 1e-7 },
      { kind: 'collapseLinear', from: 0, to: 1 },
    ];
    let model = andModel();
    model.layers[1] = { type: 'activation', activation: 'linear' };
    for (const edit of edits) {
      if (edit.kind === 'collapseLinear') model = applyEdit(model, { kind: 'setActivation', dense: 0, activation: 'linear' });
      model = applyEdit(model, edit);
      const loaded = loadModel(serializeModel(model));
      assert.ok(loaded.ok, `${edit.kind}: ${loaded.ok ? '' : loaded.errors.map((e) => e.message).join('; ')}`);
      assert.deepEqual(loaded.model, model, edit.kind);
    }
  });
});
