#!/usr/bin/env node
// Assembles the engine's WAT kernels into WebAssembly with wabt (pure JS/WASM,
// works offline). Two GEMM flavours come from one source, and the element-wise kernels from another:
//   gemm.wasm          SIMD128 with mul + add
//   gemm-relaxed.wasm  the same, with every `acc + a·b` accumulation rewritten
//                      into f32x4.relaxed_madd (a fused multiply-add where the CPU has one)
//   elementwise.wasm   fused bias + activation, activation backward + dL/db, SGD
// The outputs are build products in dist/; they are never committed.
// As a module: `assembleKernels()` returns the three binaries, for tests and benchmarks.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src', 'engine', 'wasm', 'gemm.wat');
const elementwiseSource = join(root, 'src', 'engine', 'wasm', 'elementwise.wat');

/** `(f32x4.add (local.get $acc) (f32x4.mul (local.get $x) (local.get $y)))` → relaxed_madd(x, y, acc). */
const MUL_ADD = /\(f32x4\.add \(local\.get (\$\w+)\) \(f32x4\.mul \(local\.get (\$\w+)\) \(local\.get (\$\w+)\)\)\)/g;

export function relaxedSource(text) {
  return text.replace(MUL_ADD, '(f32x4.relaxed_madd (local.get $2) (local.get $3) (local.get $1))');
}

/** @returns {Promise<{ simd: Uint8Array, relaxed: Uint8Array, elementwise: Uint8Array }>} */
export async function assembleKernels() {
  const require = createRequire(import.meta.url);
  const wabt = await require('wabt')();
  const text = readFileSync(source, 'utf8');
  const features = { simd: true, threads: true, bulk_memory: true, relaxed_simd: true };
  const assemble = (name, wat) => {
    const module = wabt.parseWat(name, wat, features);
    try {
      module.validate(features);
      return module.toBinary({ log: false }).buffer;
    } finally {
      module.destroy();
    }
  };
  return {
    simd: assemble('gemm.wat', text),
    relaxed: assemble('gemm-relaxed.wat', relaxedSource(text)),
    elementwise: assemble('elementwise.wat', readFileSync(elementwiseSource, 'utf8')),
  };
}

/** Write the three binaries into dist/. */
export async function buildWasm(outdir = join(root, 'dist')) {
  const { simd, relaxed, elementwise } = await assembleKernels();
  mkdirSync(outdir, { recursive: true });
  writeFileSync(join(outdir, 'gemm.wasm'), simd);
  writeFileSync(join(outdir, 'gemm-relaxed.wasm'), relaxed);
  writeFileSync(join(outdir, 'elementwise.wasm'), elementwise);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildWasm().then(
    () => console.log('dist/gemm.wasm, dist/gemm-relaxed.wasm and dist/elementwise.wasm assembled'),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
