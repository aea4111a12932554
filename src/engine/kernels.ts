// The numeric kernels of the engine. Layers, losses and optimizers reach
// matrices only through `kernels`, so a faster backend (WASM SIMD, say) can be
// installed with `installKernels` without touching them.
//
// Matrices are row-major Float64Arrays. Sizes are passed explicitly because
// buffers may be longer than the matrix they hold (they are sized for the
// largest batch seen). `accumulate` adds into C instead of overwriting it.

export interface Kernels {
  /** C (m×n) = A (m×k) · B (k×n). */
  matMul(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number, accumulate: boolean): void;
  /** C (m×n) = A (m×k) · Bᵀ, with B stored n×k. */
  matMulTransB(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number, accumulate: boolean): void;
  /** C (m×n) = Aᵀ · B (k×n), with A stored k×m. */
  matMulTransA(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number, accumulate: boolean): void;
  /** a[r][j] += v[j] for every row r of the rows×n matrix a. */
  addRowVector(a: Float64Array, v: Float64Array, rows: number, n: number): void;
  /** out[j] = Σ_r a[r][j] (+ out[j] when accumulating): the column sums of a rows×n matrix. */
  sumRows(a: Float64Array, out: Float64Array, rows: number, n: number, accumulate: boolean): void;
  /** y[i] += alpha·x[i] for i < length. */
  axpy(alpha: number, x: Float64Array, y: Float64Array, length: number): void;
  /** Σ x[i]² for i < length. */
  sumSquares(x: Float64Array, length: number): number;
}

function matMul(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number, accumulate: boolean): void {
  if (!accumulate) c.fill(0, 0, m * n);
  // i-p-j order: the inner loop walks a row of B and a row of C contiguously.
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    const ai = i * k;
    for (let p = 0; p < k; p++) {
      const aip = a[ai + p];
      if (aip === 0) continue;
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] += aip * b[bp + j];
    }
  }
}

function matMulTransB(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number, accumulate: boolean): void {
  // Each entry is a dot product of two contiguous rows.
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    const ci = i * n;
    for (let j = 0; j < n; j++) {
      const bj = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += a[ai + p] * b[bj + p];
      c[ci + j] = accumulate ? c[ci + j] + s : s;
    }
  }
}

function matMulTransA(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number, accumulate: boolean): void {
  if (!accumulate) c.fill(0, 0, m * n);
  // p-i-j order: a sum of outer products of row p of A and row p of B.
  for (let p = 0; p < k; p++) {
    const ap = p * m;
    const bp = p * n;
    for (let i = 0; i < m; i++) {
      const api = a[ap + i];
      if (api === 0) continue;
      const ci = i * n;
      for (let j = 0; j < n; j++) c[ci + j] += api * b[bp + j];
    }
  }
}

function addRowVector(a: Float64Array, v: Float64Array, rows: number, n: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    for (let j = 0; j < n; j++) a[o + j] += v[j];
  }
}

function sumRows(a: Float64Array, out: Float64Array, rows: number, n: number, accumulate: boolean): void {
  if (!accumulate) out.fill(0, 0, n);
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    for (let j = 0; j < n; j++) out[j] += a[o + j];
  }
}

function axpy(alpha: number, x: Float64Array, y: Float64Array, length: number): void {
  for (let i = 0; i < length; i++) y[i] += alpha * x[i];
}

function sumSquares(x: Float64Array, length: number): number {
  let s = 0;
  for (let i = 0; i < length; i++) s += x[i] * x[i];
  return s;
}

/** The plain TypeScript reference backend. */
export const referenceKernels: Readonly<Kernels> = Object.freeze({
  matMul,
  matMulTransB,
  matMulTransA,
  addRowVector,
  sumRows,
  axpy,
  sumSquares,
});

/** The backend in use. Layers call through this object, never the functions above. */
export const kernels: Kernels = { ...referenceKernels };

/** Replace some or all kernels; call with no argument to restore the reference backend. */
export function installKernels(backend: Partial<Kernels> = referenceKernels): void {
  Object.assign(kernels, referenceKernels, backend);
}

/** A buffer of at least `length` elements: `current` when it is large enough, otherwise a new one. */
export function ensureCapacity(current: Float64Array, length: number): Float64Array {
  return current.length >= length ? current : new Float64Array(length);
}
