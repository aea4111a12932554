import { strict as assert } from 'node:assert';
import { MAX_UNITS, parseDesignerEdit, parseWebviewMessage } from '../../../src/protocol/validate';
import type { DesignerEdit } from '../../../src/protocol/webview';

/** One valid edit of every kind, and for each field the values that must be refused. */
const CASES: { edit: DesignerEdit; bad: Record<string, unknown[]> }[] = [
  {
    edit: { kind: 'addLayer', before: 1, units: 4, activation: 'relu' },
    bad: { before: [-1, 0.5, '1', null], units: [0, -3, 2.5, MAX_UNITS + 1, NaN, Infinity], activation: ['ReLU', 'gelu', 1, undefined] },
  },
  { edit: { kind: 'removeLayer', dense: 0 }, bad: { dense: [-1, 1.5, '0', undefined, NaN] } },
  { edit: { kind: 'setUnits', dense: 2, units: MAX_UNITS }, bad: { dense: [-2, 1e12], units: [0, 3.2, '4', MAX_UNITS + 1] } },
  { edit: { kind: 'setActivation', dense: 0, activation: 'softmax' }, bad: { dense: [0.1], activation: ['Softmax', '', {}] } },
  { edit: { kind: 'setLoss', loss: 'crossEntropy' }, bad: { loss: ['cross-entropy', 'MSE', 3, null] } },
  {
    edit: { kind: 'setOptimizer', optimizer: { type: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } },
    bad: {
      optimizer: [
        { type: 'adam', learningRate: 0 },
        { type: 'adam', learningRate: -1 },
        { type: 'adam', learningRate: NaN },
        { type: 'adam', learningRate: 0.1, beta1: 1 },
        { type: 'adam', learningRate: 0.1, beta2: -0.1 },
        { type: 'adam', learningRate: 0.1, epsilon: 0 },
        { type: 'rmsprop', learningRate: 0.1 },
        { type: 'momentum', learningRate: 0.1, momentum: 1.5 },
        { learningRate: 0.1 },
        'sgd',
      ],
    },
  },
  { edit: { kind: 'setOptimizer', optimizer: { type: 'sgd', learningRate: 0.5 } }, bad: {} },
  { edit: { kind: 'setOptimizer', optimizer: { type: 'momentum', learningRate: 0.5, momentum: 0.9 } }, bad: {} },
  {
    edit: { kind: 'setTraining', field: 'epochs', value: 100 },
    bad: { field: ['learningRate', 'Epochs', undefined], value: [0, -1, 1.5, Infinity, '100'] },
  },
  { edit: { kind: 'setTraining', field: 'batchSize', value: 1 }, bad: { value: [0, 2.5] } },
  { edit: { kind: 'setTraining', field: 'seed', value: 0 }, bad: { value: [-1, 0.5, 2 ** 32] } },
  { edit: { kind: 'setInit', dense: 1, init: 'he' }, bad: { dense: [-1], init: ['glorot', 'He', 0] } },
  {
    edit: { kind: 'setWeight', dense: 0, neuron: 2, input: 1, value: -0.25 },
    bad: { dense: [-1], neuron: [-1, 0.5, '2'], input: [-1, 1.5], value: [NaN, Infinity, -Infinity, '0.5', null] },
  },
  { edit: { kind: 'setBias', dense: 1, neuron: 0, value: 3 }, bad: { neuron: [-1, 2.2], value: [NaN, '3', undefined] } },
  { edit: { kind: 'collapseLinear', from: 0, to: 2 }, bad: { from: [-1, 2, 3, 0.5], to: [0, 1.5, '2'] } },
];

describe('parseWebviewMessage', () => {
  it('accepts the simple messages and drops unknown fields', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready', extra: 1 }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'openAsText' }), { type: 'openAsText' });
    assert.deepEqual(parseWebviewMessage({ type: 'log', level: 'warn', message: 'x' }), { type: 'log', level: 'warn', message: 'x' });
  });

  it('rejects malformed and unknown messages', () => {
    for (const raw of [undefined, null, 0, 'ready', [], [{ type: 'ready' }], {}, { type: 'READY' }, { type: 'save' }, { type: 'state', state: {} }]) {
      assert.equal(parseWebviewMessage(raw), undefined, JSON.stringify(raw));
    }
    assert.equal(parseWebviewMessage({ type: 'log', level: 'debug', message: 'x' }), undefined);
    assert.equal(parseWebviewMessage({ type: 'log', level: 'info', message: 5 }), undefined);
  });

  it('accepts every edit kind with a valid version and copies only known fields', () => {
    for (const { edit } of CASES) {
      const parsed = parseWebviewMessage({ type: 'edit', edit: { ...edit, junk: 1 }, version: 7 });
      assert.deepEqual(parsed, { type: 'edit', edit, version: 7 }, edit.kind);
    }
  });

  it('refuses edits with a missing or malformed version', () => {
    const edit = CASES[0].edit;
    for (const version of [undefined, -1, 1.5, '3', NaN]) {
      assert.equal(parseWebviewMessage({ type: 'edit', edit, version }), undefined, String(version));
    }
  });

  it('refuses unknown edit kinds', () => {
    for (const edit of [undefined, null, {}, { kind: 'deleteAll' }, { kind: 'AddLayer', before: 0, units: 1, activation: 'relu' }]) {
      assert.equal(parseDesignerEdit(edit), undefined);
    }
  });

  for (const { edit, bad } of CASES) {
    for (const [field, values] of Object.entries(bad)) {
      it(`refuses ${edit.kind} with a bad ${field}`, () => {
        for (const value of values) {
          const broken = { ...edit, [field]: value };
          assert.equal(parseDesignerEdit(broken), undefined, `${field} = ${String(value)}`);
        }
        const missing: Record<string, unknown> = { ...edit };
        delete missing[field];
        assert.equal(parseDesignerEdit(missing), undefined, `${field} missing`);
      });
    }
  }

  it('checks exported diagrams by format', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"></svg>';
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    assert.deepEqual(parseWebviewMessage({ type: 'exportDiagram', format: 'svg', data: svg }), { type: 'exportDiagram', format: 'svg', data: svg });
    assert.deepEqual(parseWebviewMessage({ type: 'exportDiagram', format: 'png', data: png }), { type: 'exportDiagram', format: 'png', data: png });
    assert.equal(parseWebviewMessage({ type: 'exportDiagram', format: 'png', data: svg }), undefined);
    assert.equal(parseWebviewMessage({ type: 'exportDiagram', format: 'svg', data: png }), undefined);
    assert.equal(parseWebviewMessage({ type: 'exportDiagram', format: 'pdf', data: svg }), undefined);
    assert.equal(parseWebviewMessage({ type: 'exportDiagram', format: 'svg', data: 12 }), undefined);
  });
});
