import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { documentState } from '../../../src/host/documentModel';
import { chosenFix, errorFixTitles, MAX_FIXED_ERRORS } from '../../../src/host/errorFixes';
import { quickFixes } from '../../../src/host/diagnostics/fixes';
import { fromModelError } from '../../../src/host/diagnostics/problems';
import { loadModel } from '../../../src/model/parse';
import { parseWebviewMessage } from '../../../src/protocol/validate';

type Doc = { layers: Record<string, unknown>[]; training: Record<string, unknown> };
const AND = readFileSync('examples/and.nnjson', 'utf8');

function broken(change: (d: Doc) => void): string {
  const doc = JSON.parse(AND) as Doc;
  change(doc);
  return JSON.stringify(doc, null, 2);
}

describe("the designer's error panel: quick fixes", () => {
  it("offers the host's fixes for each error, in order, and none where nothing obvious applies", () => {
    const text = broken((d) => {
      d.layers[0]!.bias = [0, 0];
      d.layers[2]!.weights = [[1, 2, 3, 4]];
      d.training.epochs = -1;
    });
    const state = documentState(text, 3, false, 'and.nnjson');
    assert.deepEqual(state.errors.map((e) => e.pointer), ['/layers/0/bias', '/layers/2/weights/0', '/training/epochs']);
    assert.deepEqual(state.fixes, [
      ['Re-initialise weights of layers[0] from the seed'],
      ["Set units to match the next layer's input (layers[0].units = 4)", 'Re-initialise weights of layers[2] from the seed'],
      [],
    ]);
    assert.equal(documentState(text, 3, true, 'and.nnjson').fixes, undefined, 'a read-only document is offered no fix');
  });

  it('leaves states without any fix as they were', () => {
    const state = documentState(broken((d) => (d.training.epochs = -1)), 1, false, 'and.nnjson');
    assert.equal(state.errors.length, 1);
    assert.ok(!('fixes' in state));
    assert.ok(!('fixes' in documentState(AND, 1, false, 'and.nnjson')));
  });

  it('turns the chosen fix into a text that loads and differs only where the fix says', () => {
    const text = broken((d) => (d.layers[2]!.weights = [[1, 2, 3, 4]]));
    const fix = chosenFix(text, 0, 0);
    assert.ok(fix);
    const loaded = loadModel(fix.text);
    assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.errors));
    const expected = JSON.parse(text) as Doc;
    expected.layers[0] = { type: 'dense', units: 4, init: 'normal' };
    assert.deepEqual(JSON.parse(fix.text), expected);
    const reinit = chosenFix(text, 0, 1);
    assert.ok(reinit && loadModel(reinit.text).ok);
    assert.equal((JSON.parse(reinit.text) as Doc).layers[2]!.weights, undefined);
  });

  it('has no fix for an index the state did not offer, or for a text that loads', () => {
    const text = broken((d) => (d.layers[0]!.bias = [0, 0]));
    assert.equal(chosenFix(text, 0, 1), undefined);
    assert.equal(chosenFix(text, 1, 0), undefined);
    assert.equal(chosenFix(AND, 0, 0), undefined);
  });

  it(`works out fixes for the first ${MAX_FIXED_ERRORS} errors only`, () => {
    const text = broken((d) => {
      for (let k = 0; k < 30; k++) d.layers.push({ type: 'dense', units: 1, bias: [0, 0] });
    });
    const loaded = loadModel(text);
    assert.ok(!loaded.ok);
    const fixes = errorFixTitles(text, loaded.errors) ?? [];
    assert.ok(loaded.errors.length > MAX_FIXED_ERRORS);
    assert.ok(fixes.slice(0, MAX_FIXED_ERRORS).every((f) => f.length > 0));
    assert.ok(fixes.slice(MAX_FIXED_ERRORS).every((f) => f.length === 0));
  });

  it('offers the same fixes, with the same texts, as the text editor\'s light bulb', () => {
    const text = broken((d) => {
      d.layers[0]!.bias = [0, 0];
      d.layers[2]!.weights = [[1, 2, 3, 4]];
    });
    const loaded = loadModel(text);
    assert.ok(!loaded.ok);
    loaded.errors.forEach((error, k) => {
      const bulb = quickFixes(text, fromModelError(error, 'error'));
      assert.ok(bulb.length > 0);
      bulb.forEach((expected, f) => assert.deepEqual(chosenFix(text, k, f), expected));
    });
  });
});

describe("the designer's error panel: messages", () => {
  it('accepts a reveal of a text range and a quick fix with integer indices', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'revealText', offset: 10, length: 3, extra: 1 }), { type: 'revealText', offset: 10, length: 3 });
    assert.deepEqual(parseWebviewMessage({ type: 'quickFix', error: 1, fix: 0, version: 7, evil: 'x' }), { type: 'quickFix', error: 1, fix: 0, version: 7 });
  });

  it('refuses malformed ones', () => {
    for (const raw of [
      { type: 'revealText', offset: -1, length: 3 },
      { type: 'revealText', offset: 1.5, length: 3 },
      { type: 'revealText', offset: 1, length: Infinity },
      { type: 'revealText', offset: '1', length: 3 },
      { type: 'revealText', offset: 1 },
      { type: 'quickFix', error: 0, fix: 0 },
      { type: 'quickFix', error: -1, fix: 0, version: 1 },
      { type: 'quickFix', error: 0, fix: NaN, version: 1 },
      { type: 'quickFix', error: 0, fix: 0, version: 1.5 },
      { type: 'quickFix', error: 2_000_000, fix: 0, version: 1 },
    ]) {
      assert.equal(parseWebviewMessage(raw), undefined, JSON.stringify(raw));
    }
  });
});
