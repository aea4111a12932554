// Gradient-descent updates (paper eq. 16–17 and two common refinements).
// An optimizer updates parameter slots in place from their gradients; each
// slot keeps its own state (velocity, moments), allocated once per slot.

import type { OptimizerSpec } from '../model/types';

export interface Optimizer {
  /** Call once before the slot updates of a step (Adam counts steps). */
  beginStep(): void;
  /** value ← value − update(grad) for parameter slot `slot`, with learning rate `lr`. */
  update(slot: number, value: Float64Array, grad: Float64Array, lr: number): void;
}

/** State buffer for `slot`, created at the parameter's size on first use. */
function stateFor(states: Float64Array[], slot: number, length: number): Float64Array {
  let s = states[slot];
  if (s === undefined || s.length !== length) {
    s = new Float64Array(length);
    states[slot] = s;
  }
  return s;
}

/** Plain SGD: w ← w − η·∂L/∂w. */
class Sgd implements Optimizer {
  beginStep(): void {}
  update(_slot: number, value: Float64Array, grad: Float64Array, lr: number): void {
    for (let i = 0; i < value.length; i++) value[i] -= lr * grad[i];
  }
}

/** Momentum: v ← μ·v + ∂L/∂w; w ← w − η·v (the form tf.train.momentum uses). */
class Momentum implements Optimizer {
  private readonly velocity: Float64Array[] = [];
  constructor(private readonly mu: number) {}
  beginStep(): void {}
  update(slot: number, value: Float64Array, grad: Float64Array, lr: number): void {
    const v = stateFor(this.velocity, slot, value.length);
    for (let i = 0; i < value.length; i++) {
      v[i] = this.mu * v[i] + grad[i];
      value[i] -= lr * v[i];
    }
  }
}

/**
 * Adam: m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; m̂ = m/(1−β1ᵗ); v̂ = v/(1−β2ᵗ);
 * w ← w − η·m̂/(√v̂ + ε).
 */
class Adam implements Optimizer {
  private readonly m: Float64Array[] = [];
  private readonly v: Float64Array[] = [];
  private t = 0;
  constructor(
    private readonly beta1: number,
    private readonly beta2: number,
    private readonly epsilon: number,
  ) {}
  beginStep(): void {
    this.t++;
  }
  update(slot: number, value: Float64Array, grad: Float64Array, lr: number): void {
    const m = stateFor(this.m, slot, value.length);
    const v = stateFor(this.v, slot, value.length);
    const { beta1: b1, beta2: b2, epsilon } = this;
    const c1 = 1 - Math.pow(b1, this.t);
    const c2 = 1 - Math.pow(b2, this.t);
    for (let i = 0; i < value.length; i++) {
      const g = grad[i];
      m[i] = b1 * m[i] + (1 - b1) * g;
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      value[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + epsilon);
    }
  }
}

/** An optimizer's hyperparameters with the defaults filled in. */
export type ResolvedOptimizer =
  | { type: 'sgd' }
  | { type: 'momentum'; momentum: number }
  | { type: 'adam'; beta1: number; beta2: number; epsilon: number };

/** Defaults: momentum 0.9; Adam β1 0.9, β2 0.999, ε 1e-8. Throws on a learning rate that is not positive. */
export function resolveOptimizer(spec: OptimizerSpec): ResolvedOptimizer {
  if (!Number.isFinite(spec.learningRate) || spec.learningRate <= 0) {
    throw new RangeError(`learning rate must be a positive number, got ${spec.learningRate}`);
  }
  switch (spec.type) {
    case 'sgd':
      return { type: 'sgd' };
    case 'momentum':
      return { type: 'momentum', momentum: spec.momentum ?? 0.9 };
    case 'adam':
      return { type: 'adam', beta1: spec.beta1 ?? 0.9, beta2: spec.beta2 ?? 0.999, epsilon: spec.epsilon ?? 1e-8 };
    default: {
      const unknown: never = spec;
      throw new RangeError(`unknown optimizer ${JSON.stringify(unknown)}`);
    }
  }
}

export function makeOptimizer(spec: OptimizerSpec): Optimizer {
  const resolved = resolveOptimizer(spec);
  switch (resolved.type) {
    case 'sgd':
      return new Sgd();
    case 'momentum':
      return new Momentum(resolved.momentum);
    case 'adam':
      return new Adam(resolved.beta1, resolved.beta2, resolved.epsilon);
    default: {
      const unknown: never = resolved;
      throw new RangeError(`unknown optimizer ${JSON.stringify(unknown)}`);
    }
  }
}
