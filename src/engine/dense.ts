// A fully connected layer, y = W·x + b, with W[j][i] joining input i to
// neuron j (the paper's column convention).

import type { InitName } from '../model/types';
import { ensureCapacity, kernels } from './kernels';
import type { Layer } from './layer';
import { normal, type Rng } from './random';

export class Dense implements Layer {
  readonly kind = 'dense' as const;
  /** units × inputSize, row-major: W[j][i] = weights[j·inputSize + i]. */
  weights: Float64Array;
  bias: Float64Array;
  /** dL/dW of the last backward pass, summed over its batch; same layout as weights. */
  gradWeights: Float64Array;
  /** dL/db of the last backward pass, summed over its batch. */
  gradBias: Float64Array;

  private input: Float64Array = new Float64Array(0);
  private output: Float64Array = new Float64Array(0);
  private inputGradient: Float64Array = new Float64Array(0);

  constructor(
    readonly inputSize: number,
    readonly units: number,
  ) {
    if (!Number.isInteger(inputSize) || inputSize < 1 || !Number.isInteger(units) || units < 1) {
      throw new RangeError(`Dense(${inputSize}, ${units}): sizes must be positive integers`);
    }
    this.weights = new Float64Array(units * inputSize);
    this.bias = new Float64Array(units);
    this.gradWeights = new Float64Array(units * inputSize);
    this.gradBias = new Float64Array(units);
  }

  /**
   * Draw the weights from the seeded generator, row by row; the bias becomes zero.
   * 'normal': N(0, 1) as in the paper. 'xavier': Glorot normal, N(0, 2/(n_in + n_out)).
   * 'he': N(0, 2/n_in). 'zeros': all zero.
   */
  initialize(init: InitName, rng: Rng): void {
    const std =
      init === 'normal' ? 1
      : init === 'xavier' ? Math.sqrt(2 / (this.inputSize + this.units))
      : init === 'he' ? Math.sqrt(2 / this.inputSize)
      : 0;
    for (let p = 0; p < this.weights.length; p++) this.weights[p] = std === 0 ? 0 : std * normal(rng);
    this.bias.fill(0);
  }

  connect(inputSize: number): number {
    if (inputSize !== this.inputSize) {
      throw new RangeError(`Dense layer expects ${this.inputSize} inputs but receives ${inputSize}`);
    }
    return this.units;
  }

  /** Y = X·Wᵀ + b for the batch, i.e. y = W·x + b for every sample. */
  forward(input: Float64Array, count: number): Float64Array {
    this.input = input;
    this.output = ensureCapacity(this.output, count * this.units);
    kernels.matMulTransB(input, this.weights, this.output, count, this.inputSize, this.units, false);
    kernels.addRowVector(this.output, this.bias, count, this.units);
    return this.output;
  }

  backward(outputGradient: Float64Array, count: number): Float64Array {
    const n = this.inputSize;
    const u = this.units;
    // dL/dW = dL/dY·Xᵀ in the column convention: for each edge, summed over the batch.
    kernels.matMulTransA(outputGradient, this.input, this.gradWeights, u, count, n, false);
    // dL/db = dL/dY summed over the batch.
    kernels.sumRows(outputGradient, this.gradBias, count, u, false);
    // dL/dX = Wᵀ·dL/dY, with the weights the forward pass used (nothing has updated them).
    this.inputGradient = ensureCapacity(this.inputGradient, count * n);
    kernels.matMul(outputGradient, this.weights, this.inputGradient, count, u, n, false);
    return this.inputGradient;
  }

  /** dL/dX of the last backward pass (count × inputSize; the buffer may be longer). */
  get inputGradientBuffer(): Float64Array {
    return this.inputGradient;
  }

  /** Paper eq. 2 for one layer: n_in·n_out weights plus n_out biases. */
  parameterCount(): number {
    return this.inputSize * this.units + this.units;
  }
}
