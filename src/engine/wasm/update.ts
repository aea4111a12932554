// The optimizers of optimizers.ts on the WASM trainer's float32 parameters,
// as element-wise kernels (elementwise.wat), with their state (velocity,
// moments) in the same memory. Same math, same defaults (resolveOptimizer).

import type { OptimizerSpec } from '../../model/types';
import { resolveOptimizer } from '../optimizers';
import type { LayerBuffers } from './mlp';
import type { ElementwiseKernels, WasmRuntime } from './runtime';

/** One optimizer step over every layer's weights and bias from their gradients, at rate `lr`. */
export type WasmUpdate = (lr: number) => void;

/** The (weights, gradient, length) pairs a step updates: each layer's W then b, as Trainer orders its slots. */
function parameterSlots(layers: readonly LayerBuffers[]): { p: number; g: number; length: number }[] {
  return layers.flatMap((s) => [
    { p: s.w, g: s.gw, length: s.units * s.inputs },
    { p: s.b, g: s.gb, length: s.units },
  ]);
}

export function wasmUpdate(spec: OptimizerSpec, layers: readonly LayerBuffers[], rt: WasmRuntime, ew: ElementwiseKernels): WasmUpdate {
  const opt = resolveOptimizer(spec);
  const slots = parameterSlots(layers);
  switch (opt.type) {
    case 'sgd':
      return (lr) => {
        for (const s of slots) ew.sgd(s.p, s.g, s.length, lr);
      };
    case 'momentum': {
      const velocity = slots.map((s) => rt.alloc(s.length));
      return (lr) => slots.forEach((s, k) => ew.momentum(s.p, s.g, velocity[k], s.length, lr, opt.momentum));
    }
    case 'adam': {
      const moments = slots.map((s) => ({ m: rt.alloc(s.length), v: rt.alloc(s.length) }));
      let t = 0;
      return (lr) => {
        t++;
        const a = lr / (1 - Math.pow(opt.beta1, t));
        const scale = 1 / Math.sqrt(1 - Math.pow(opt.beta2, t));
        slots.forEach((s, k) => ew.adam(s.p, s.g, moments[k].m, moments[k].v, s.length, a, scale, opt.beta1, opt.beta2, opt.epsilon));
      };
    }
    default: {
      const unknown: never = opt;
      throw new RangeError(`unknown optimizer ${JSON.stringify(unknown)}`);
    }
  }
}
