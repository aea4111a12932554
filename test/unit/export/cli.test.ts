// `nnjson export` and `nnjson import` as a user runs them: exit codes, the
// files written, and no partial file at the output path after a failure.

import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { serializeModel } from '../../../src/model/serialize';
import { loadModel } from '../../../src/model/parse';
import { allModels, maxAbsDiff, randomRows } from './models';
import { ourPredictions } from './predictions';

let work = '';

/** Runs the CLI in this process, capturing what it prints. */
async function nnjson(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

function networkFile(name: string): string {
  const model = allModels().find((m) => m.name === name);
  assert.ok(model);
  const path = join(work, `${name}.nnjson`);
  writeFileSync(path, serializeModel(model));
  return path;
}

describe('nnjson export and import', () => {
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'nnjson-interop-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('exports to ONNX and imports it back to an equivalent network', async () => {
    const file = networkFile('classes');
    const exported = await nnjson('export', file, '--format', 'onnx', '-o', join(work, 'net.onnx'));
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /wrote .*net\.onnx/);
    const imported = await nnjson('import', join(work, 'net.onnx'), '-o', join(work, 'back.nnjson'));
    assert.equal(imported.code, 0, imported.stderr);
    const original = loadModel(readFileSync(file, 'utf8'));
    const back = loadModel(readFileSync(join(work, 'back.nnjson'), 'utf8'));
    assert.ok(original.ok && back.ok);
    const rows = randomRows(8, 4, 2);
    assert.ok(maxAbsDiff(ourPredictions(back.model, rows), ourPredictions(original.model, rows)) < 1e-5);
  });

  it('exports TF.js as model.json plus its shard, and each format names its files', async () => {
    const file = networkFile('paper-and');
    assert.equal((await nnjson('export', file, '--format', 'tfjs', '-o', join(work, 'model.json'))).code, 0);
    assert.equal((await nnjson('export', file, '--format', 'numpy')).code, 0);
    assert.equal((await nnjson('export', file, '--format', 'pytorch', '-o', work)).code, 0);
    assert.deepEqual(readdirSync(work).sort(), ['model.json', 'model.weights.bin', 'paper-and.nnjson', 'paper-and.py', 'paper-and_numpy.py']);
  });

  it('a missing weights shard fails with its name and writes nothing', async () => {
    const file = networkFile('paper-and');
    await nnjson('export', file, '--format', 'tfjs', '-o', join(work, 'model.json'));
    rmSync(join(work, 'model.weights.bin'));
    const result = await nnjson('import', join(work, 'model.json'), '-o', join(work, 'out.nnjson'));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /weights shard "model\.weights\.bin" named in model\.json is missing/);
    assert.deepEqual(readdirSync(work).sort(), ['model.json', 'paper-and.nnjson']);
  });

  it('a truncated .onnx fails clearly and writes nothing', async () => {
    const file = networkFile('classes');
    await nnjson('export', file, '--format', 'onnx', '-o', join(work, 'net.onnx'));
    const bytes = readFileSync(join(work, 'net.onnx'));
    writeFileSync(join(work, 'net.onnx'), bytes.subarray(0, bytes.length >> 1));
    const result = await nnjson('import', join(work, 'net.onnx'), '-o', join(work, 'out.nnjson'));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^nnjson: .*net\.onnx: not a readable ONNX file; it may be truncated or corrupt/);
    assert.equal(existsSync(join(work, 'out.nnjson')), false);
    assert.deepEqual(readdirSync(work).sort(), ['classes.nnjson', 'net.onnx']);
  });

  it('a Keras JSON with a Conv2D layer fails naming the layer and writes nothing', async () => {
    const source = join(__dirname, '..', '..', 'fixtures', 'export', 'keras-conv.json');
    const out = join(work, 'cnn.nnjson');
    const result = await nnjson('import', source, '-o', out);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /layer "conv2d" \(Conv2D\) is not supported/);
    assert.deepEqual(readdirSync(work), []);
  });

  it('will not overwrite an existing network without --force', async () => {
    const source = join(__dirname, '..', '..', 'fixtures', 'export', 'keras2-iris.json');
    const out = join(work, 'iris.nnjson');
    writeFileSync(out, 'keep me');
    const refused = await nnjson('import', source, '-o', out);
    assert.equal(refused.code, 1);
    assert.equal(readFileSync(out, 'utf8'), 'keep me');
    const forced = await nnjson('import', source, '-o', out, '--force', '--seed', '3');
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stderr, /Dropout/);
    assert.ok(loadModel(readFileSync(out, 'utf8')).ok);
  });

  it('rejects an unknown format before writing anything', async () => {
    const file = networkFile('paper-and');
    const result = await nnjson('export', file, '--format', 'caffe');
    assert.equal(result.code, 1);
    assert.deepEqual(readdirSync(work), ['paper-and.nnjson']);
  });
});
