// The paper's layer object model. A batch of `count` samples is a sample-major
// Float64Array: sample s occupies [s·width, (s+1)·width). In the paper's
// column convention this is the matrix X (width × count) stored column by
// column, so y = W·x + b for every column is Y = X·Wᵀ + b here.

import type { ActivationName } from '../model/types';

export interface Layer {
  readonly kind: 'dense' | ActivationName;
  /**
   * Fix the width of the layer's input when it is placed in a network and
   * return the width of its output. Throws when the width does not fit.
   */
  connect(inputSize: number): number;
  /**
   * Y = f(X) for `count` samples. The returned buffer belongs to the layer and
   * may be longer than count·outputSize; it stays valid until the next
   * forward. The layer keeps a reference to `input` for `backward`, so the
   * caller must not change it in between.
   */
  forward(input: Float64Array, count: number): Float64Array;
  /**
   * Given dL/dY of the last forward pass, store the layer's parameter
   * gradients (if any) and return dL/dX, computed with the parameters that
   * forward used. Never changes the parameters.
   */
  backward(outputGradient: Float64Array, count: number): Float64Array;
}
