import { strict as assert } from 'node:assert';
import { collapsePreview, equationText, orientedMatrix } from '../../../webview/viewmodel/equation';
import { createRng, normal } from '../../../src/engine/random';

function forward(layers: { weights: number[][]; bias: number[] }[], x: number[]): number[] {
  return layers.reduce((v, l) => l.weights.map((row, j) => row.reduce((s, w, i) => s + w * v[i]!, l.bias[j]!)), x);
}

describe('webview view-model: equation and Appendix A preview', () => {
  it('writes the layer equation with real shapes in both conventions', () => {
    assert.equal(equationText(3, 2, 'tanh', 'column'), 'y(3×1) = tanh(W(3×2)·x(2×1) + b(3×1))');
    assert.equal(equationText(3, 2, 'tanh', 'row'), 'y(1×3) = tanh(x(1×2)·W(2×3) + b(1×3))');
    assert.equal(equationText(1, 3, 'linear', 'column'), 'y(1×1) = W(1×3)·x(3×1) + b(1×1)');
  });

  it('transposes W for the row convention', () => {
    assert.deepEqual(orientedMatrix([[1, 2], [3, 4], [5, 6]], 2, 'row'), [[1, 3, 5], [2, 4, 6]]);
    assert.deepEqual(orientedMatrix([[1, 2]], 2, 'column'), [[1, 2]]);
  });

  it('previews a collapsed linear stack that computes the same outputs', () => {
    const rng = createRng(7);
    const layer = (units: number, inputs: number) => ({
      weights: Array.from({ length: units }, () => Array.from({ length: inputs }, () => normal(rng))),
      bias: Array.from({ length: units }, () => normal(rng)),
    });
    const stack = [layer(4, 3), layer(5, 4), layer(2, 5)];
    const merged = collapsePreview(stack);
    assert.equal(merged.weights.length, 2);
    assert.equal(merged.weights[0]!.length, 3);
    for (let t = 0; t < 5; t++) {
      const x = [normal(rng), normal(rng), normal(rng)];
      const a = forward(stack, x);
      const b = forward([merged], x);
      a.forEach((v, k) => assert.ok(Math.abs(v - b[k]!) < 1e-9, `output ${k}: ${v} vs ${b[k]}`));
    }
  });
});
