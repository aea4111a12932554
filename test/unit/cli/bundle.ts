// The `nnjson` CLI as a user runs it, for the tests that spawn it: the same
// wiring as bin/nnjson.js, pointed at a bundle built from the sources under
// test, optionally with the WASM kernels beside it as dist/ has them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { kernelBinaries } from '../kernels/support';

export const root = resolve(__dirname, '..', '..', '..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Bundles the CLI into `dir` (with gemm.wasm and friends when `withKernels`); returns the script that runs it, dir/nnjson.js. */
export async function buildCli(dir: string, withKernels = false): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const { nodeBundle } = await import('../../../scripts/esbuild-options.cjs');
  await esbuild.build({ ...nodeBundle, entryPoints: [join(root, 'src/cli/main.ts')], outfile: join(dir, 'cli.js'), logLevel: 'silent' });
  const runner = join(dir, 'nnjson.js');
  writeFileSync(runner, `require('./cli.js').main(process.argv.slice(2)).then((c) => { process.exitCode = c; });\n`);
  if (withKernels) {
    const { simd, relaxed, elementwise } = await kernelBinaries();
    writeFileSync(join(dir, 'gemm.wasm'), simd);
    writeFileSync(join(dir, 'gemm-relaxed.wasm'), relaxed);
    writeFileSync(join(dir, 'elementwise.wasm'), elementwise);
  }
  return runner;
}

/** `buildCli`, and a runner for the bundle that logs the kernel and trainer choice (NODE_DEBUG=nnjson). */
export async function bundleCli(dir: string, withKernels = false): Promise<(args: string[], env?: Record<string, string>) => CliRun> {
  const runner = await buildCli(dir, withKernels);
  return (args, env = {}) => {
    const run = spawnSync(process.execPath, [runner, ...args], {
      cwd: dir, encoding: 'utf8', timeout: 300_000, env: { ...process.env, NODE_DEBUG: 'nnjson', ...env },
    });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
  };
}
