// Activation functions as layers of their own, as in the paper. Element-wise
// activations apply the chain rule per element (paper eq. 21,
// dL/dX = dL/dY ⊙ f'(X)); Softmax couples the outputs of a sample and uses its
// Jacobian instead.

import type { ActivationName } from '../model/types';
import { ensureCapacity } from './kernels';
import type { Layer } from './layer';

abstract class ActivationLayer implements Layer {
  abstract readonly kind: ActivationName;
  protected size = 0;
  protected input: Float64Array = new Float64Array(0);
  protected output: Float64Array = new Float64Array(0);
  protected inputGradient: Float64Array = new Float64Array(0);

  connect(inputSize: number): number {
    this.size = inputSize;
    return inputSize;
  }

  forward(input: Float64Array, count: number): Float64Array {
    const length = count * this.size;
    this.input = input;
    this.output = ensureCapacity(this.output, length);
    this.apply(input, this.output, count, length);
    return this.output;
  }

  backward(outputGradient: Float64Array, count: number): Float64Array {
    const length = count * this.size;
    this.inputGradient = ensureCapacity(this.inputGradient, length);
    this.chain(outputGradient, this.inputGradient, count, length);
    return this.inputGradient;
  }

  /** Y = f(X) over the first `length` elements. */
  protected abstract apply(x: Float64Array, y: Float64Array, count: number, length: number): void;
  /** dL/dX from dL/dY, using this.input and this.output of the last forward. */
  protected abstract chain(dy: Float64Array, dx: Float64Array, count: number, length: number): void;
}

class Relu extends ActivationLayer {
  readonly kind = 'relu' as const;
  protected apply(x: Float64Array, y: Float64Array, _count: number, length: number): void {
    for (let i = 0; i < length; i++) y[i] = x[i] > 0 ? x[i] : 0;
  }
  /** f'(x) = 1 for x > 0, else 0 (0 at the kink). */
  protected chain(dy: Float64Array, dx: Float64Array, _count: number, length: number): void {
    for (let i = 0; i < length; i++) dx[i] = this.input[i] > 0 ? dy[i] : 0;
  }
}

class LeakyRelu extends ActivationLayer {
  readonly kind = 'leakyRelu' as const;
  constructor(readonly alpha: number) {
    super();
  }
  protected apply(x: Float64Array, y: Float64Array, _count: number, length: number): void {
    const a = this.alpha;
    for (let i = 0; i < length; i++) y[i] = x[i] > 0 ? x[i] : a * x[i];
  }
  /** f'(x) = 1 for x > 0, else alpha. */
  protected chain(dy: Float64Array, dx: Float64Array, _count: number, length: number): void {
    const a = this.alpha;
    for (let i = 0; i < length; i++) dx[i] = this.input[i] > 0 ? dy[i] : a * dy[i];
  }
}

class Sigmoid extends ActivationLayer {
  readonly kind = 'sigmoid' as const;
  protected apply(x: Float64Array, y: Float64Array, _count: number, length: number): void {
    for (let i = 0; i < length; i++) {
      // Two branches so exp never overflows.
      const v = x[i];
      if (v >= 0) y[i] = 1 / (1 + Math.exp(-v));
      else {
        const e = Math.exp(v);
        y[i] = e / (1 + e);
      }
    }
  }
  /** σ'(x) = σ(x)·(1 − σ(x)). */
  protected chain(dy: Float64Array, dx: Float64Array, _count: number, length: number): void {
    const y = this.output;
    for (let i = 0; i < length; i++) dx[i] = dy[i] * y[i] * (1 - y[i]);
  }
}

class Tanh extends ActivationLayer {
  readonly kind = 'tanh' as const;
  protected apply(x: Float64Array, y: Float64Array, _count: number, length: number): void {
    for (let i = 0; i < length; i++) y[i] = Math.tanh(x[i]);
  }
  /** tanh'(x) = 1 − tanh²(x). */
  protected chain(dy: Float64Array, dx: Float64Array, _count: number, length: number): void {
    const y = this.output;
    for (let i = 0; i < length; i++) dx[i] = dy[i] * (1 - y[i] * y[i]);
  }
}

class Linear extends ActivationLayer {
  readonly kind = 'linear' as const;
  protected apply(x: Float64Array, y: Float64Array, _count: number, length: number): void {
    y.set(x.subarray(0, length));
  }
  protected chain(dy: Float64Array, dx: Float64Array, _count: number, length: number): void {
    dx.set(dy.subarray(0, length));
  }
}

export class Softmax extends ActivationLayer {
  readonly kind = 'softmax' as const;
  /** y_k = exp(x_k − max x) / Σ_j exp(x_j − max x), per sample; the shift keeps exp finite. */
  protected apply(x: Float64Array, y: Float64Array, count: number): void {
    const n = this.size;
    for (let s = 0; s < count; s++) {
      const o = s * n;
      let max = -Infinity;
      for (let k = 0; k < n; k++) if (x[o + k] > max) max = x[o + k];
      let sum = 0;
      for (let k = 0; k < n; k++) {
        const e = Math.exp(x[o + k] - max);
        y[o + k] = e;
        sum += e;
      }
      for (let k = 0; k < n; k++) y[o + k] /= sum;
    }
  }
  /**
   * Jacobian-vector product per sample: ∂y_k/∂x_i = y_k(δ_ki − y_i), so
   * dL/dx_i = y_i·(dL/dy_i − Σ_k dL/dy_k·y_k).
   */
  protected chain(dy: Float64Array, dx: Float64Array, count: number): void {
    const n = this.size;
    const y = this.output;
    for (let s = 0; s < count; s++) {
      const o = s * n;
      let dot = 0;
      for (let k = 0; k < n; k++) dot += dy[o + k] * y[o + k];
      for (let i = 0; i < n; i++) dx[o + i] = y[o + i] * (dy[o + i] - dot);
    }
  }
  /** The outputs of the last forward pass (count × size). */
  lastOutput(): Float64Array {
    return this.output;
  }
}

/** An activation layer; `alpha` is leakyRelu's negative slope (default 0.01). */
export function makeActivation(name: ActivationName, alpha = 0.01): Layer {
  switch (name) {
    case 'relu':
      return new Relu();
    case 'leakyRelu':
      return new LeakyRelu(alpha);
    case 'sigmoid':
      return new Sigmoid();
    case 'tanh':
      return new Tanh();
    case 'softmax':
      return new Softmax();
    case 'linear':
      return new Linear();
    default: {
      const unknown: never = name;
      throw new RangeError(`unknown activation "${String(unknown)}"`);
    }
  }
}
