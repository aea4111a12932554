// Numeric faults, tried the way a user meets them: `nnjson train` as a child
// process on a file with NaN or Inf in its weights, data or hyperparameters, a
// zero or negative learning rate, no data, a batch larger than the data, or a
// rate that makes training diverge. Each must end in exit code 1 with a plain
// message (no stack trace), and leave the file byte for byte as it was.

import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { linkSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli } from '../cli/bundle';
import { assertReportStates, writeFigures } from './figures';

let work: string;
let runner: string;

type Doc = Record<string, unknown> & { layers: Record<string, unknown>[]; training: Record<string, unknown> & { optimizer: Record<string, unknown> } };

/** The paper's AND network on inline data; each case breaks one thing. */
function andNetwork(): Doc {
  return {
    format: 'nnjson',
    version: 1,
    inputs: 2,
    layers: [
      { type: 'dense', units: 3, weights: [[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], bias: [0, 0, 0] },
      { type: 'activation', activation: 'tanh' },
      { type: 'dense', units: 1 },
      { type: 'activation', activation: 'tanh' },
    ],
    training: { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.1 }, epochs: 20, batchSize: 1, seed: 42 },
    data: { source: 'inline', inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [[0], [0], [0], [1]] },
  };
}

function withCsv(csv: string): Doc {
  const doc = andNetwork();
  doc.data = { source: 'file', path: 'data.csv', inputs: ['a', 'b'], targets: ['y'] };
  writeFileSync(join(work, 'data.csv'), csv);
  return doc;
}

interface FaultCase {
  name: string;
  /** The file's text; a function so data files are written just before the run. */
  text: () => string;
  /** What the user must be told. */
  message: RegExp;
}

const json = (doc: unknown): string => JSON.stringify(doc, null, 2) + '\n';
const edit = (change: (d: Doc) => void): (() => string) => () => {
  const doc = andNetwork();
  change(doc);
  return json(doc);
};
/** JSON.stringify cannot write these, so they go into the text afterwards. */
const literal = (change: (d: Doc) => void, marker: string, replacement: string): (() => string) => () => edit(change)().replace(marker, replacement);
const CSV_HEADER = 'a,b,y\n';

/**
 * A preload for the CLI's process: the first write of more than a few bytes, by
 * whatever call, writes half its text and kills the process, as a power cut or
 * kill -9 in the middle of saving would.
 */
const DIE_MID_WRITE = `
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const die = (write, data, args) => {
  const text = String(data);
  if (text.length < 64) return false;
  write(text.slice(0, text.length >> 1), ...args);
  process.kill(process.pid, 'SIGKILL');
  return true;
};
const writeFileSync = fs.writeFileSync;
fs.writeFileSync = (target, data, ...rest) => (die((t) => writeFileSync(target, t), data, []) ? undefined : writeFileSync(target, data, ...rest));
const writeFile = fsp.writeFile;
fsp.writeFile = async (target, data, ...rest) => { if (!die((t) => writeFileSync(target, t), data, [])) return writeFile(target, data, ...rest); };
const open = fsp.open;
fsp.open = async (...args) => {
  const handle = await open(...args);
  for (const method of ['writeFile', 'write']) {
    const original = handle[method].bind(handle);
    handle[method] = async (data, ...rest) => {
      if (typeof data === 'string' || ArrayBuffer.isView(data)) {
        const text = typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString();
        if (text.length >= 64) { await original(text.slice(0, text.length >> 1)); await handle.sync(); process.kill(process.pid, 'SIGKILL'); }
      }
      return original(data, ...rest);
    };
  }
  return handle;
};
`;

const CASES: FaultCase[] = [
  { name: 'NaN weight (written as null)', text: edit((d) => ((d.layers[0].weights as unknown[][])[1][0] = null)), message: /:\d+:\d+: layers\[0\]\.weights\[1\]\[0\] must be a number/ },
  { name: 'infinite weight (1e999)', text: literal((d) => ((d.layers[0].weights as unknown[][])[1][0] = 'INF'), '"INF"', '1e999'), message: /:\d+:\d+: layers\[0\]\.weights\[1\]\[0\] must be a finite number/ },
  { name: 'NaN bias (written as null)', text: edit((d) => ((d.layers[0].bias as unknown[])[2] = null)), message: /:\d+:\d+: layers\[0\]\.bias\[2\] must be a number/ },
  { name: 'bare NaN token in the file', text: literal(() => undefined, '"learningRate": 0.1', '"learningRate": NaN'), message: /:\d+:\d+: syntax error/ },
  { name: 'infinite learning rate (1e999)', text: literal(() => undefined, '"learningRate": 0.1', '"learningRate": 1e999'), message: /:\d+:\d+: training\.optimizer\.learningRate must be a finite number/ },
  { name: 'NaN learning rate (null)', text: edit((d) => (d.training.optimizer.learningRate = null)), message: /:\d+:\d+: training\.optimizer\.learningRate must be a (positive )?number/ },
  { name: 'zero learning rate', text: edit((d) => (d.training.optimizer.learningRate = 0)), message: /:\d+:\d+: training\.optimizer\.learningRate must be a positive number/ },
  { name: 'negative learning rate', text: edit((d) => (d.training.optimizer.learningRate = -0.1)), message: /:\d+:\d+: training\.optimizer\.learningRate must be a positive number/ },
  { name: 'NaN momentum (null)', text: edit((d) => (d.training.optimizer = { type: 'momentum', learningRate: 0.1, momentum: null })), message: /:\d+:\d+: training\.optimizer\.momentum must be/ },
  { name: 'infinite epochs (1e999)', text: literal(() => undefined, '"epochs": 20', '"epochs": 1e999'), message: /:\d+:\d+: training\.epochs must be a finite number/ },
  { name: 'zero batch size', text: edit((d) => (d.training.batchSize = 0)), message: /:\d+:\d+: training\.batchSize must be a positive integer/ },
  { name: 'NaN in inline data (null)', text: edit((d) => (((d.data as { inputs: unknown[][] }).inputs[2][1]) = null)), message: /:\d+:\d+: data\.inputs\[2\]\[1\] must be a number/ },
  { name: 'infinite inline target (1e999)', text: literal((d) => ((d.data as { targets: unknown[][] }).targets[3][0] = 'INF'), '"INF"', '1e999'), message: /:\d+:\d+: data\.targets\[3\]\[0\] must be a finite number/ },
  { name: 'empty inline data', text: edit((d) => (d.data = { source: 'inline', inputs: [], targets: [] })), message: /:\d+:\d+: data\.inputs must not be empty/ },
  { name: 'no data block at all', text: edit((d) => delete d.data), message: /has no "data" block/ },
  { name: 'NaN cell in a CSV file', text: () => json(withCsv(`${CSV_HEADER}0,0,0\n0,NaN,0\n1,1,1\n`)), message: /row 3, column "b"/ },
  { name: 'Infinity cell in a CSV file', text: () => json(withCsv(`${CSV_HEADER}0,0,0\nInfinity,1,0\n1,1,1\n`)), message: /row 3, column "a"/ },
  { name: '1e999 cell in a CSV file', text: () => json(withCsv(`${CSV_HEADER}0,0,0\n1e999,1,0\n1,1,1\n`)), message: /row 3, column "a"/ },
  { name: 'empty cell in a CSV file', text: () => json(withCsv(`${CSV_HEADER}0,0,0\n,1,0\n1,1,1\n`)), message: /row 3, column "a"/ },
  { name: 'CSV file with a header and no rows', text: () => json(withCsv(CSV_HEADER)), message: /no (data )?rows|empty|no records/ },
  { name: 'empty CSV file', text: () => json(withCsv('')), message: /empty/ },
  { name: 'missing CSV file', text: () => { rmSync(join(work, 'data.csv'), { force: true }); const d = andNetwork(); d.data = { source: 'file', path: 'data.csv', inputs: ['a', 'b'], targets: ['y'] }; return json(d); }, message: /data\.csv: no such data file/ },
  { name: 'batch size larger than the data', text: edit((d) => (d.training.batchSize = 64)), message: /batch size 64 is larger than the 4 training samples/ },
  { name: 'learning rate so high that training diverges', text: edit((d) => { d.training.optimizer.learningRate = 1e300; d.layers[3] = { type: 'activation', activation: 'linear' }; }), message: /training diverged at epoch \d+ .*lower learning rate/ },
];

describe('reliability: numeric faults through nnjson train', function () {
  this.timeout(300_000);
  const figures: { fault: string; exitCode: number | null; message: string }[] = [];
  const atomic: string[] = [];

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'nnjson-faults-'));
    runner = await buildCli(work);
  });
  after(() => {
    writeFigures('faults', { cases: figures, atomic });
    rmSync(work, { recursive: true, force: true });
  });

  for (const fault of CASES) {
    it(`${fault.name}: refused with a clear message, file untouched`, () => {
      const file = join(work, 'net.nnjson');
      const text = fault.text();
      writeFileSync(file, text);
      const run = spawnSync(process.execPath, [runner, 'train', file, '--quiet'], { cwd: work, encoding: 'utf8', timeout: 120_000 });
      const message = run.stderr.trim();
      figures.push({ fault: fault.name, exitCode: run.status, message: message.replaceAll(work, '.') });
      assert.equal(run.status, 1, `exit code for ${fault.name}; stderr: ${run.stderr}`);
      assert.match(message, fault.message);
      assert.doesNotMatch(run.stderr, /^\s+at /m, 'no stack trace');
      assert.equal(readFileSync(file, 'utf8'), text, 'the file is unchanged');
      assert.deepEqual(readdirSync(work).filter((f) => f.endsWith('.tmp')), [], 'no temporary file is left');
    });
  }

  it('writes atomically: the trained file is a new inode put in place by a rename, and a failed write leaves no temporary file', () => {
    const file = join(work, 'ok.nnjson');
    const original = json(andNetwork());
    writeFileSync(file, original);
    // A second name for the original inode: a write into the file itself would show through it.
    const keep = join(work, 'ok-original.link');
    linkSync(file, keep);
    const inode = statSync(file).ino;
    const ok = spawnSync(process.execPath, [runner, 'train', file, '--quiet', '--epochs', '3'], { cwd: work, encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { history: { loss: number[] } }).history.loss.length, 3);
    assert.notEqual(statSync(file).ino, inode, 'the file was replaced, not rewritten in place');
    assert.equal(readFileSync(keep, 'utf8'), original, 'the old inode still holds the old text, untouched');
    assert.deepEqual(readdirSync(work).filter((f) => f.endsWith('.tmp')), [], 'no temporary file is left');
    rmSync(keep);
    const bad = spawnSync(process.execPath, [runner, 'train', file, '--quiet', '--epochs', '1', '--out', join(work, 'no-such-dir', 'x.nnjson')], { cwd: work, encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /cannot write/);
    assert.deepEqual(readdirSync(work).filter((f) => f.endsWith('.tmp')), []);
    atomic.push('a successful run replaces the inode; the old one keeps the old text', 'a failed write leaves no temporary file');
  });

  it('a run killed half-way through writing the trained file leaves the original byte for byte', () => {
    const file = join(work, 'killed.nnjson');
    const original = json(andNetwork());
    writeFileSync(file, original);
    // Loaded before the CLI: every way of writing a file writes half of what it is given and then the process is killed.
    const preload = join(work, 'die-mid-write.cjs');
    writeFileSync(preload, DIE_MID_WRITE);
    const run = spawnSync(process.execPath, ['--require', preload, runner, 'train', file, '--quiet', '--epochs', '3'], { cwd: work, encoding: 'utf8' });
    assert.equal(run.signal, 'SIGKILL', `the run was killed while writing; status ${run.status}, stderr: ${run.stderr}`);
    assert.equal(readFileSync(file, 'utf8'), original, 'the file is byte for byte as it was');
    // The half-written text is in the temporary file beside it, never in the file.
    const leftovers = readdirSync(work).filter((f) => f.endsWith('.tmp'));
    assert.equal(leftovers.length, 1, `one temporary file holds the half-written text: ${leftovers.join(', ')}`);
    assert.match(leftovers[0], /^\.killed\.nnjson\..*\.tmp$/);
    assert.ok(readFileSync(join(work, leftovers[0]), 'utf8').length > 0, 'the write was under way when the run was killed');
    rmSync(join(work, leftovers[0]));
    atomic.push('a run killed half-way through its write leaves the file byte for byte');
  });

  it('a run interrupted with Ctrl-C while training leaves the file byte for byte', async () => {
    const file = join(work, 'interrupted.nnjson');
    const original = edit((d) => (d.training.epochs = 1_000_000))();
    writeFileSync(file, original);
    const child = spawn(process.execPath, [runner, 'train', file], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const training = new Promise<boolean>((resolve) => {
      const seen = (chunk: Buffer): void => {
        output += chunk.toString();
        if (/epoch 1\//.test(output)) resolve(true);
      };
      child.stdout.on('data', seen);
      child.stderr.on('data', seen);
    });
    assert.ok(await Promise.race([training, exited.then(() => false)]), `the run ended before its first epoch: ${output}`);
    child.kill('SIGINT');
    assert.equal(await exited, 1, output);
    assert.match(output, /training interrupted after \d+ of 1000000 epochs; the file was not changed/);
    assert.equal(readFileSync(file, 'utf8'), original, 'the file is byte for byte as it was');
    assert.deepEqual(readdirSync(work).filter((f) => f.endsWith('.tmp')), [], 'no temporary file is left');
    atomic.push('a run interrupted with Ctrl-C leaves the file byte for byte');
  });

  it('RELIABILITY.md states the fault cases of this run', function () {
    if (figures.length !== CASES.length) this.skip();
    assertReportStates('faults', [
      `Numeric faults: ${CASES.length} cases through \`nnjson train\`, all passed`,
      `**Atomic writes:** ${atomic.length} cases`,
    ]);
  });
});
