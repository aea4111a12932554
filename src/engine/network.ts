// A network is the paper's list of layers, run forward in order and backward
// in reverse.

import { Softmax } from './activations';
import { Dense } from './dense';
import { ensureCapacity } from './kernels';
import type { Layer } from './layer';
import { fusesWithSoftmax, softmaxCrossEntropyGradient, type Loss } from './losses';
import { TinyForward } from './tinyForward';

export class Network {
  readonly outputSize: number;
  private readonly dense: Dense[];
  private lossGradient: Float64Array = new Float64Array(0);
  private lastInputGradient: Float64Array = new Float64Array(0);
  private lastOutputBuffer: Float64Array = new Float64Array(0);
  /** The compiled forward of a tiny network (null when it does not apply), made on first inference. */
  private tinyForward: TinyForward | null | undefined;

  constructor(
    readonly inputSize: number,
    readonly layers: Layer[],
  ) {
    if (!Number.isInteger(inputSize) || inputSize < 1) throw new RangeError(`input size must be a positive integer, got ${inputSize}`);
    let width = inputSize;
    for (const layer of layers) width = layer.connect(width);
    this.outputSize = width;
    this.dense = layers.filter((l): l is Dense => l instanceof Dense);
  }

  denseLayers(): Dense[] {
    return this.dense;
  }

  /** Paper eq. 2: Σ over Dense layers of n_in·n_out + n_out. */
  parameterCount(): number {
    return this.dense.reduce((sum, d) => sum + d.parameterCount(), 0);
  }

  /** Forward pass of `count` samples; the result is the last layer's buffer (see Layer.forward). */
  forward(input: Float64Array, count: number): Float64Array {
    let x = input;
    for (const layer of this.layers) x = layer.forward(x, count);
    return x;
  }

  /**
   * Forward pass for inference only: the same values as `forward`, through compiled straight-line
   * code where the network is tiny, without leaving the caches a backward pass would need.
   */
  infer(input: Float64Array, count: number): Float64Array {
    if (this.tinyForward === undefined) this.tinyForward = TinyForward.for(this.inputSize, this.layers) ?? null;
    return this.tinyForward ? this.tinyForward.forward(input, count) : this.forward(input, count);
  }

  /** Backward pass from dL/dY of layer `from − 1`'s output down to the input; returns dL/dX of the network input. */
  backward(outputGradient: Float64Array, count: number, from = this.layers.length): Float64Array {
    let g = outputGradient;
    for (let l = from - 1; l >= 0; l--) g = this.layers[l].backward(g, count);
    this.lastInputGradient = g;
    return g;
  }

  /** True when the last layer is Softmax and the loss is a cross-entropy, so the gradient fuses to ŷ − y. */
  fusesSoftmax(loss: Loss): boolean {
    return this.layers.length > 0 && this.layers[this.layers.length - 1] instanceof Softmax && fusesWithSoftmax(loss.name);
  }

  /**
   * Forward, loss and backward for one batch: every Dense layer's gradWeights
   * and gradBias then hold the gradient of the batch-mean loss. Returns the
   * loss and leaves the predictions in `lastOutput`. Parameters are not changed.
   */
  lossAndGradients(input: Float64Array, targets: Float64Array, count: number, loss: Loss): number {
    const out = this.forward(input, count);
    this.lastOutputBuffer = out;
    const size = this.outputSize;
    const value = loss.value(out, targets, count, size);
    this.lossGradient = ensureCapacity(this.lossGradient, count * size);
    if (this.fusesSoftmax(loss)) {
      // The fused gradient is with respect to the Softmax input, so backward starts below it.
      softmaxCrossEntropyGradient(out, targets, count, size, this.lossGradient);
      this.backward(this.lossGradient, count, this.layers.length - 1);
    } else {
      loss.gradient(out, targets, count, size, this.lossGradient);
      this.backward(this.lossGradient, count);
    }
    return value;
  }

  /** The predictions of the last `lossAndGradients` (count × outputSize, buffer may be longer). */
  get lastOutput(): Float64Array {
    return this.lastOutputBuffer;
  }

  /** dL/dX of the network input from the last backward pass. */
  get inputGradient(): Float64Array {
    return this.lastInputGradient;
  }

  /** Sample-major in, sample-major out; the result is a fresh array of count × outputSize. */
  predictBatch(inputs: Float64Array, count: number): Float64Array {
    if (inputs.length < count * this.inputSize) {
      throw new RangeError(`predictBatch: ${count} samples need ${count * this.inputSize} inputs, got ${inputs.length}`);
    }
    if (count === 0) return new Float64Array(0);
    return this.infer(inputs, count).slice(0, count * this.outputSize);
  }

  /** One output row per input row. */
  predict(inputs: number[][]): number[][] {
    const flat = new Float64Array(inputs.length * this.inputSize);
    inputs.forEach((row, s) => {
      if (row.length !== this.inputSize) throw new RangeError(`row ${s} has ${row.length} values, expected ${this.inputSize}`);
      flat.set(row, s * this.inputSize);
    });
    const out = this.predictBatch(flat, inputs.length);
    const rows: number[][] = [];
    for (let s = 0; s < inputs.length; s++) rows.push(Array.from(out.subarray(s * this.outputSize, (s + 1) * this.outputSize)));
    return rows;
  }
}
