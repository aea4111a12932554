import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createRng, randomInt } from '../../../src/engine/random';
import { loadModel } from '../../../src/model/parse';
import { serializeModel } from '../../../src/model/serialize';
import { documentState, editedText } from '../../../src/host/documentModel';
import { newNetworkModel, parseSizes } from '../../../src/host/newNetworkModel';
import { minimalReplacement, withLineEndings } from '../../../src/host/textEdit';

const AND = readFileSync('examples/and.nnjson', 'utf8');

function applyReplacement(text: string, r: ReturnType<typeof minimalReplacement>): string {
  return r ? text.slice(0, r.start) + r.text + text.slice(r.end) : text;
}

describe('minimalReplacement', () => {
  it('turns the old text into the new one, touching only the differing span', () => {
    const rng = createRng(11);
    const alphabet = 'ab\n{}😀';
    const word = (n: number): string => Array.from({ length: n }, () => alphabet[randomInt(rng, alphabet.length)]).join('');
    for (let trial = 0; trial < 500; trial++) {
      const a = word(randomInt(rng, 12));
      const b = word(randomInt(rng, 12));
      const r = minimalReplacement(a, b);
      assert.equal(applyReplacement(a, r), b, JSON.stringify([a, b]));
      if (r) {
        assert.ok(!/[\uDC00-\uDFFF]/.test(a.charAt(r.start)) || r.start === 0 || !/[\uD800-\uDBFF]/.test(a.charAt(r.start - 1)), 'no split pair');
      } else {
        assert.equal(a, b);
      }
    }
  });

  it('replaces just the changed characters of one line', () => {
    assert.deepEqual(minimalReplacement('{\n  "units": 3\n}\n', '{\n  "units": 4\n}\n'), { start: 13, end: 14, text: '4' });
  });

  it('keeps CRLF documents in CRLF', () => {
    assert.equal(withLineEndings('a\nb\n', '\r\n'), 'a\r\nb\r\n');
    assert.equal(withLineEndings('a\nb\n', '\n'), 'a\nb\n');
  });
});

describe('documentState and editedText', () => {
  it('gives the webview a model with every weight present', () => {
    const state = documentState(AND, 3, false, 'and.nnjson');
    assert.equal(state.version, 3);
    assert.deepEqual(state.errors, []);
    for (const l of state.model!.layers) if (l.type === 'dense') assert.ok(l.weights && l.bias);
  });

  it('refuses to draw a network too large to fill in, pointing at its layers, without allocating its weights', () => {
    // 7000 × 7000 weights in a file of a few hundred bytes: valid for the loader, far too many for a diagram.
    const model = JSON.parse(AND);
    delete model.inputNames;
    model.inputs = 7000;
    model.layers[0].units = 7000;
    const huge = serializeModel(model);
    const state = documentState(huge, 1, false, 'huge.nnjson');
    assert.equal(state.model, undefined);
    assert.equal(state.errors.length, 1);
    assert.match(state.errors[0].message, /49,\d{3},\d{3} parameters; the designer draws networks of up to 1,000,000/);
    assert.equal(state.errors[0].line, huge.slice(0, huge.indexOf('"layers"')).split('\n').length);
  });

  it('reports errors with line numbers for an invalid text and refuses to edit it', () => {
    const broken = AND.replace('"units": 3', '"units": -3');
    const state = documentState(broken, 1, true, 'and.nnjson');
    assert.equal(state.model, undefined);
    assert.ok(state.errors.length > 0);
    assert.equal(state.errors[0].line, broken.slice(0, broken.indexOf('-3')).split('\n').length);
    const result = editedText(broken, { kind: 'setLoss', loss: 'mae' });
    assert.equal(result.ok, false);
  });

  it('edits the loss in the canonical text without touching anything else', () => {
    const loaded = loadModel(AND);
    assert.ok(loaded.ok);
    const canonical = serializeModel(loaded.model);
    const result = editedText(canonical, { kind: 'setLoss', loss: 'mae' });
    assert.ok(result.ok);
    const r = minimalReplacement(canonical, result.text)!;
    assert.equal(canonical.slice(r.start - 2, r.end + 2), '"mse"');
    assert.equal(r.text, 'a');
  });

  it('refuses edits that do not fit the model or would make it invalid', () => {
    assert.deepEqual(editedText(AND, { kind: 'removeLayer', dense: 5 }).ok, false);
    const r = editedText(AND, { kind: 'setActivation', dense: 0, activation: 'softmax' });
    assert.equal(r.ok, false);
    assert.match((r as { message: string }).message, /softmax/);
  });
});

describe('New Network', () => {
  it('parses hidden sizes', () => {
    assert.deepEqual(parseSizes('8,8', 100), [8, 8]);
    assert.deepEqual(parseSizes(' 16 , 4 2', 100), [16, 4, 2]);
    assert.deepEqual(parseSizes('', 100), []);
    for (const bad of ['0', '-1', '2.5', 'a', '8,,x', '101']) assert.equal(parseSizes(bad, 100), undefined, bad);
  });

  it('writes a model the loader accepts, with the loss and output activation of the task', () => {
    for (const [task, loss, act] of [['regression', 'mse', 'linear'], ['binary', 'binaryCrossEntropy', 'sigmoid'], ['multiclass', 'categoricalCrossEntropy', 'softmax']] as const) {
      const model = newNetworkModel({ inputs: 4, hidden: [8, 8], outputs: 3, task });
      const loaded = loadModel(serializeModel(model));
      assert.ok(loaded.ok, task);
      assert.equal(loaded.model.training.loss, loss);
      assert.deepEqual(loaded.model.layers.map((l) => (l.type === 'dense' ? l.units : l.activation)), [8, 'relu', 8, 'relu', 3, act]);
    }
  });
});
