import assert from 'node:assert/strict';
import { createRng } from '../../../src/engine';
import { fastTanh, TANH_TABLES, tanhStatements } from '../../../src/engine/fastTanh';

const bits = new BigInt64Array(1);
const view = new Float64Array(bits.buffer);

/** Distance in units in the last place between two doubles of the same sign. */
function ulps(a: number, b: number): number {
  view[0] = a;
  const ia = bits[0]!;
  view[0] = b;
  const ib = bits[0]!;
  return Number(ia > ib ? ia - ib : ib - ia);
}

describe('fastTanh', () => {
  it('stays within 4 ulp of Math.tanh from 1e-9 to beyond 22, on both signs', () => {
    const rng = createRng(7);
    let worst = 0;
    for (const scale of [1e-8, 1e-4, 0.05, 0.3, 1, 3, 10, 30]) {
      for (let k = 0; k < 20_000; k++) {
        const x = (rng() * 2 - 1) * scale;
        const d = ulps(fastTanh(x), Math.tanh(x));
        worst = Math.max(worst, d);
        assert.ok(d <= 4, `tanh(${x}): ${fastTanh(x)} against ${Math.tanh(x)}, ${d} ulp`);
      }
    }
    // Where its table and its series meet: every multiple of ln 2 / 64 up to 2z = 44, and either side.
    for (let n = 0; n < 2032; n++) {
      const z = (n * Math.LN2) / 64;
      for (const x of [z, z * (1 + 1e-15), z * (1 - 1e-15)]) assert.ok(ulps(fastTanh(x), Math.tanh(x)) <= 4, `tanh(${x})`);
    }
    assert.ok(worst > 0, 'the sweep met rounding differences, so it compares real values');
  });

  it('is odd, keeps the sign of zero, saturates and passes NaN through', () => {
    const rng = createRng(8);
    for (let k = 0; k < 1000; k++) {
      const x = rng() * 25;
      assert.equal(fastTanh(-x), -fastTanh(x));
    }
    assert.ok(Object.is(fastTanh(0), 0));
    assert.ok(Object.is(fastTanh(-0), -0));
    assert.equal(fastTanh(1e-12), 1e-12);
    assert.equal(fastTanh(Infinity), 1);
    assert.equal(fastTanh(-Infinity), -1);
    assert.equal(fastTanh(-700), -1);
    assert.ok(Number.isNaN(fastTanh(NaN)));
  });

  it('is written out for generated code with the same result, bit for bit', () => {
    const make = new Function('TANH_EXP', 'TANH_EXPM1', `return (v) => {\n${tanhStatements('v', 'y')}\nreturn y;\n};`) as (e: Float64Array, m: Float64Array) => (v: number) => number;
    const inline = make(TANH_TABLES.TANH_EXP, TANH_TABLES.TANH_EXPM1);
    const rng = createRng(9);
    const specials = [0, -0, 1e-12, -3e-9, 22, 22.5, -30, Infinity, -Infinity, NaN];
    for (const x of specials) assert.ok(Object.is(inline(x), fastTanh(x)), `tanh(${x})`);
    for (let k = 0; k < 100_000; k++) {
      const x = (rng() * 2 - 1) * [1e-6, 0.5, 3, 25][k % 4]!;
      assert.ok(Object.is(inline(x), fastTanh(x)), `tanh(${x})`);
    }
  });
});
