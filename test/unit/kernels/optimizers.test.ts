// The momentum and Adam kernels (elementwise.wat, through wasmUpdate) against
// the engine's optimizers in float64, over several steps on widths that leave
// a partial last vector, and without touching the buffers next to theirs.

import assert from 'node:assert/strict';
import { createRng, makeOptimizer, Dense } from '../../../src/engine';
import type { LayerBuffers } from '../../../src/engine/wasm/mlp';
import { WasmRuntime } from '../../../src/engine/wasm/runtime';
import { wasmUpdate } from '../../../src/engine/wasm/update';
import type { OptimizerSpec } from '../../../src/model/types';
import { assertClose, randomArray } from '../engine/helpers';
import { kernelBinaries } from './support';

const SPECS: OptimizerSpec[] = [
  { type: 'sgd', learningRate: 0.3 },
  { type: 'momentum', learningRate: 0.1, momentum: 0.8 },
  { type: 'adam', learningRate: 0.01 },
  { type: 'adam', learningRate: 0.02, beta1: 0.5, beta2: 0.9, epsilon: 1e-4 },
];

describe('kernels: the optimizers on WASM memory', () => {
  let rt: WasmRuntime;
  before(async () => {
    const created = WasmRuntime.create(await kernelBinaries());
    assert.ok(created?.elementwise);
    rt = created;
  });

  for (const spec of SPECS) {
    for (const [inputs, units] of [[1, 1], [3, 5], [17, 3], [128, 8]]) {
      it(`${JSON.stringify(spec)}, a ${units}×${inputs} layer, five steps`, () => {
        const rng = createRng(inputs * 13 + units);
        const ew = rt.elementwise!;
        const mark = rt.mark();
        const layer: LayerBuffers = {
          dense: new Dense(inputs, units), inputs, units,
          w: rt.alloc(units * inputs), gw: rt.alloc(units * inputs), b: rt.alloc(units), gb: rt.alloc(units), y: 0,
        };
        const update = wasmUpdate(spec, [layer], rt, ew);
        const guard = rt.alloc(4);
        const w = randomArray(rng, units * inputs).map(Math.fround);
        const b = randomArray(rng, units).map(Math.fround);
        rt.f32.set(w, layer.w >> 2);
        rt.f32.set(b, layer.b >> 2);
        const reference = makeOptimizer(spec);
        for (let step = 0; step < 5; step++) {
          const gw = randomArray(rng, w.length).map(Math.fround);
          const gb = randomArray(rng, b.length).map(Math.fround);
          rt.f32.set(gw, layer.gw >> 2);
          rt.f32.set(gb, layer.gb >> 2);
          update(spec.learningRate);
          reference.beginStep();
          reference.update(0, w, gw, spec.learningRate);
          reference.update(1, b, gb, spec.learningRate);
        }
        assertClose(rt.f32.subarray(layer.w >> 2, (layer.w >> 2) + w.length), w, 'weights', 1e-6, 1e-5);
        assertClose(rt.f32.subarray(layer.b >> 2, (layer.b >> 2) + b.length), b, 'bias', 1e-6, 1e-5);
        assert.deepEqual(Array.from(rt.f32.subarray(guard >> 2, (guard >> 2) + 4)), [0, 0, 0, 0], 'the next buffer is untouched');
        rt.release(mark);
      });
    }
  }
});
