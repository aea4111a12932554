// tanh without a call into the C library, for the tiny-network code, where
// Math.tanh was most of a sample's time (generated code gets it written out
// by tanhStatements, the loops call fastTanh):
//   tanh z = E / (E + 2), E = e^{2z} − 1.
// With 2z = n·h + r, h = ln 2 / 32, 0 ≤ r < h: E = e^{nh}·(e^r − 1) + (e^{nh} − 1), two
// non-negative terms (no cancellation), e^{nh} and e^{nh} − 1 from tables, e^r − 1 by its
// Taylor series to r^7 (truncation below 2^-58 relative). Within 4 ulp of Math.tanh
// (test/unit/engine/fastTanh.test.ts); odd, and ±1 beyond |z| = 22 as Math.tanh.

const STEPS = 32;
/** h = ln 2 / 32, split so that n·H_HI is exact for every table index (the fdlibm split of ln 2). */
const H_HI = 6.93147180369123816490e-1 / STEPS;
const H_LO = 1.90821492927058770002e-10 / STEPS;
const INV_H = STEPS / Math.LN2;
/** 2z ≤ 44 needs n < 44 / h ≈ 2031. */
const SIZE = 2032;
const EXP = new Float64Array(SIZE);
const EXPM1 = new Float64Array(SIZE);
for (let n = 0; n < SIZE; n++) {
  const c = n * H_HI + n * H_LO;
  EXP[n] = Math.exp(c);
  EXPM1[n] = Math.expm1(c);
}
const C2 = 1 / 2;
const C3 = 1 / 6;
const C4 = 1 / 24;
const C5 = 1 / 120;
const C6 = 1 / 720;
const C7 = 1 / 5040;
/** Below this tanh z rounds to z. */
const TINY = 2 ** -28;

/** The tables generated code reads, bound under these names by whoever compiles `tanhStatements`. */
export const TANH_TABLES = { TANH_EXP: EXP, TANH_EXPM1: EXPM1 };

/**
 * fastTanh of the expression `z` as statements that declare `out`: the same operations in the same
 * order, written out so a large generated function needs no call (V8 stops inlining calls into a
 * function once its inlining budget is spent). The test checks both agree bit for bit.
 */
export function tanhStatements(z: string, out: string): string {
  const c = (v: number): string => String(v);
  return `let ${out};
{ const x = ${z}; const z = x < 0 ? -x : x;
  if (!(z >= ${c(TINY)})) ${out} = x;
  else if (z > 22) ${out} = x < 0 ? -1 : 1;
  else { const w = 2 * z; const n = (w * ${c(INV_H)}) | 0; const r = w - n * ${c(H_HI)} - n * ${c(H_LO)}; const r2 = r * r;
    const em = r + r2 * ((${c(C2)} + r * ${c(C3)}) + r2 * ((${c(C4)} + r * ${c(C5)}) + r2 * (${c(C6)} + r * ${c(C7)})));
    const e = TANH_EXP[n] * em + TANH_EXPM1[n]; const t = e / (e + 2); ${out} = x < 0 ? -t : t; } }`;
}

export function fastTanh(x: number): number {
  const z = x < 0 ? -x : x;
  // NaN, ±0 and tiny values come back as they are.
  if (!(z >= TINY)) return x;
  if (z > 22) return x < 0 ? -1 : 1;
  const w = 2 * z;
  const n = (w * INV_H) | 0;
  const r = w - n * H_HI - n * H_LO;
  // e^r − 1 in Estrin's form: shorter dependency chains than Horner's.
  const r2 = r * r;
  const em = r + r2 * ((C2 + r * C3) + r2 * ((C4 + r * C5) + r2 * (C6 + r * C7)));
  const e = EXP[n]! * em + EXPM1[n]!;
  const t = e / (e + 2);
  return x < 0 ? -t : t;
}
