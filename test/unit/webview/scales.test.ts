import { strict as assert } from 'node:assert';
import { bucketOf, divergingScale, layerDomains, layerMaxAbs, MAX_WIDTH, MIN_WIDTH, type Palette } from '../../../webview/viewmodel/scales';

const palette: Palette = {
  negative: { r: 255, g: 128, b: 0 },
  neutral: { r: 128, g: 128, b: 128 },
  positive: { r: 0, g: 64, b: 255 },
};

describe('webview view-model: scales', () => {
  const scale = divergingScale(2, palette);

  it('maps zero to the neutral colour and the ends to the theme colours', () => {
    assert.equal(scale.colour(0), '#808080');
    assert.equal(scale.colour(2), '#0040ff');
    assert.equal(scale.colour(-2), '#ff8000');
  });

  it('is symmetric: ±v have the same magnitude, width and opacity', () => {
    for (const v of [0.1, 0.5, 1, 1.7]) {
      assert.equal(scale.magnitude(v), scale.magnitude(-v));
      assert.equal(scale.width(v), scale.width(-v));
      assert.equal(scale.opacity(v), scale.opacity(-v));
      assert.notEqual(scale.colour(v), scale.colour(-v));
    }
  });

  it('grows with |v| and clamps beyond the domain', () => {
    assert.ok(scale.width(0.5) < scale.width(1));
    assert.equal(scale.width(0), MIN_WIDTH);
    assert.equal(scale.width(2), MAX_WIDTH);
    assert.equal(scale.width(50), MAX_WIDTH);
    assert.equal(scale.colour(-50), scale.colour(-2));
    assert.equal(scale.magnitude(Number.NaN), 1);
  });

  it('falls back to a unit domain when every value is zero', () => {
    assert.equal(divergingScale(0, palette).maxAbs, 1);
    assert.equal(divergingScale(Number.NaN, palette).maxAbs, 1);
  });

  it('finds the largest |value| over weights and bias', () => {
    assert.equal(layerMaxAbs([[0.5, -3], [1, 2]], [0.1]), 3);
    assert.equal(layerMaxAbs([[0.5]], [-4]), 4);
  });

  it('normalises per layer or with one symmetric domain', () => {
    assert.deepEqual(layerDomains([1, 4, 0.5], 'perLayer'), [1, 4, 0.5]);
    assert.deepEqual(layerDomains([1, 4, 0.5], 'symmetric'), [4, 4, 4]);
  });

  it('buckets magnitudes into the requested number of bins', () => {
    assert.equal(bucketOf(scale, 0, 8), 0);
    assert.equal(bucketOf(scale, 2, 8), 7);
    assert.equal(bucketOf(scale, -1, 8), 4);
  });
});
