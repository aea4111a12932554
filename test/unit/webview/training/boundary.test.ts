import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { domainColour, gridPixels, gridValueAt, outputDomain, project, rescale, signedPosition } from '../../../../webview/training/viewmodel/boundary';
import type { Palette } from '../../../../webview/viewmodel/scales';

const palette: Palette = { negative: { r: 255, g: 128, b: 0 }, neutral: { r: 128, g: 128, b: 128 }, positive: { r: 0, g: 64, b: 255 } };

describe('webview training: decision-boundary maths', () => {
  it('centres a sigmoid or softmax output at 0.5, tanh at 0, others on their largest |value|', () => {
    assert.deepEqual(outputDomain('sigmoid', [0.2]), { lo: 0, mid: 0.5, hi: 1 });
    assert.deepEqual(outputDomain('softmax', [0.2]), { lo: 0, mid: 0.5, hi: 1 });
    assert.deepEqual(outputDomain('tanh', [3]), { lo: -1, mid: 0, hi: 1 });
    assert.deepEqual(outputDomain('linear', [-4, 2]), { lo: -4, mid: 0, hi: 4 });
  });

  it('maps lo, mid and hi to the two hues and the neutral colour, and clamps outside', () => {
    const d = outputDomain('sigmoid', []);
    assert.deepEqual(domainColour(0, d, palette), palette.negative);
    assert.deepEqual(domainColour(0.5, d, palette), palette.neutral);
    assert.deepEqual(domainColour(1, d, palette), palette.positive);
    assert.equal(signedPosition(2, d), 1);
    assert.equal(signedPosition(0.75, d), 0.5);
    assert.equal(signedPosition(NaN, d), 0);
  });

  it('flips grid rows so that y grows upwards on the canvas', () => {
    // 2 × 2 grid, row 0 (y low) = [0, 0], row 1 (y high) = [1, 1].
    const px = gridPixels([0, 0, 1, 1], 2, { lo: 0, mid: 0.5, hi: 1 }, palette);
    assert.deepEqual([...px.slice(0, 4)], [0, 64, 255, 255], 'top-left pixel is the high row');
    assert.deepEqual([...px.slice(8, 12)], [255, 128, 0, 255], 'bottom-left pixel is the low row');
  });

  it('rescales linearly', () => {
    assert.equal(rescale(5, [0, 10], [0, 280]), 140);
    assert.equal(rescale(-0.5, [-0.5, 1.5], [0, 1]), 0);
  });

  it('projects with a rotation: lengths are kept, and no rotation shows x across and z up', () => {
    fc.assert(fc.property(
      fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }),
      fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }), fc.double({ min: -1.5, max: 1.5, noNaN: true }),
      (x, y, z, yaw, pitch) => {
        const p = project(x, y, z, yaw, pitch);
        return Math.abs(p.x ** 2 + p.y ** 2 + p.depth ** 2 - (x ** 2 + y ** 2 + z ** 2)) < 1e-9;
      },
    ));
    const flat = project(1, 0, 0, 0, 0);
    assert.ok(Math.abs(flat.x - 1) < 1e-12 && Math.abs(flat.y) < 1e-12 && Math.abs(flat.depth) < 1e-12);
    const up = project(0, 0, 1, 0.7, 0);
    assert.ok(Math.abs(up.y - 1) < 1e-12 && Math.abs(up.x) < 1e-12);
  });

  it('reads the nearest grid sample under a point, and nothing outside the grid', () => {
    // 3 × 3 over [0, 2] × [10, 12]: value = 10·gy + gx.
    const values = [0, 1, 2, 10, 11, 12, 20, 21, 22];
    assert.deepEqual(gridValueAt(values, 3, [0, 2], [10, 12], 0.9, 11.2), { gx: 1, gy: 1, value: 11 });
    assert.deepEqual(gridValueAt(values, 3, [0, 2], [10, 12], 2, 12), { gx: 2, gy: 2, value: 22 });
    assert.equal(gridValueAt(values, 3, [0, 2], [10, 12], 3, 11), undefined);
  });
});
