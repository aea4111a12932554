// The `nnjson` CLI as a user runs it: a real child process on the bundled CLI,
// checked for exit codes, one-line messages and files left untouched on failure.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildCli } from './bundle';

const root = resolve(__dirname, '..', '..', '..');
let work: string;
let runner: string;

function nnjson(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [runner, ...args], { cwd: work, encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function example(name: string): string {
  const target = join(work, name);
  copyFileSync(join(root, 'examples', name), target);
  return target;
}

describe('nnjson CLI', function () {
  this.timeout(180_000);

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'nnjson-cli-'));
    runner = await buildCli(work);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('trains the paper AND network and then predicts its truth table', () => {
    const file = example('and.nnjson');
    const train = nnjson('train', file, '--quiet');
    assert.equal(train.code, 0, train.stderr);
    assert.match(train.stdout, /trained \d+ epochs: loss/);
    const trained = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(trained.layers[0].weights.length, 3, 'weights of Dense(2,3) are written back');
    assert.ok(trained.history.loss.length > 0);
    const cases: Array<[string, number]> = [['0,0', 0], ['0,1', 0], ['1,0', 0], ['1,1', 1]];
    for (const [input, expected] of cases) {
      const out = nnjson('predict', file, '--input', input);
      assert.equal(out.code, 0, out.stderr);
      const y = Number(out.stdout.trim());
      assert.ok(Math.abs(y - expected) < 0.25, `AND(${input}) gave ${out.stdout.trim()}, expected about ${expected}`);
    }
  });

  it('writes to --out and leaves the source unchanged', () => {
    const file = example('xor.nnjson');
    const before = readFileSync(file, 'utf8');
    const out = join(work, 'xor-trained.nnjson');
    const run = nnjson('train', file, '--out', out, '--epochs', '5', '--quiet');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(readFileSync(file, 'utf8'), before);
    assert.equal(JSON.parse(readFileSync(out, 'utf8')).history.loss.length, 5);
  });

  it('reads a file that starts with a byte-order mark', () => {
    const file = example('and.nnjson');
    writeFileSync(file, '\uFEFF' + readFileSync(file, 'utf8'));
    const run = nnjson('validate', file);
    assert.equal(run.code, 0, run.stderr);
  });

  it('predicts several samples at once and as JSON', () => {
    const file = example('and.nnjson');
    const run = nnjson('predict', file, '--input', '0,0;1,1', '--input', '0,1', '--json');
    assert.equal(run.code, 0, run.stderr);
    const rows = JSON.parse(run.stdout) as number[][];
    assert.equal(rows.length, 3);
    assert.ok(rows.every((r) => r.length === 1 && Number.isFinite(r[0])));
  });

  it('inspects a network: architecture and the eq. 2 parameter count', () => {
    const file = example('and.nnjson');
    const run = nnjson('inspect', file, '--json');
    assert.equal(run.code, 0, run.stderr);
    const info = JSON.parse(run.stdout);
    // Dense(2,3) + Dense(3,1): (2·3 + 3) + (3·1 + 1), counted here independently of the engine.
    assert.equal(info.parameters, 2 * 3 + 3 + (3 * 1 + 1));
    assert.deepEqual(info.layers.map((l: { units: number }) => l.units), [3, 1]);
    const text = nnjson('inspect', file);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /parameters: 13 in total/);
  });

  describe('bad input gives one line with the location, exit 1, no stack trace, and the file unchanged', () => {
    const cases: Array<{ name: string; text?: string; args: (file: string) => string[]; message: RegExp }> = [
      { name: 'a missing file', args: () => ['train', 'does-not-exist.nnjson'], message: /does-not-exist\.nnjson: no such \.nnjson file/ },
      { name: 'malformed JSON', text: '{\n  "format": "nnjson",\n  "version": 1,\n', args: (f) => ['train', f], message: /bad\.nnjson:\d+:\d+: / },
      {
        name: 'a schema error',
        text: undefined,
        args: (f) => ['train', f],
        message: /bad\.nnjson:\d+:\d+: layers\[0\]\.units must be/,
      },
      { name: 'a non-numeric input', args: (f) => ['predict', f, '--input', '1,abc'], message: /value 2 \("abc"\) is not a number/ },
      { name: 'the wrong input width', args: (f) => ['predict', f, '--input', '1,0,1'], message: /takes 2 inputs, got 3/ },
      { name: 'a bad flag value', args: (f) => ['train', f, '--epochs', 'ten'], message: /epochs.*positive integer/ },
      { name: 'predict with no input', args: (f) => ['predict', f], message: /needs --input/ },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const file = join(work, 'bad.nnjson');
        let text = c.text ?? readFileSync(join(root, 'examples', 'and.nnjson'), 'utf8');
        if (c.name === 'a schema error') text = text.replace(/"units": 3/, '"units": -3');
        writeFileSync(file, text);
        const run = nnjson(...c.args(file));
        assert.equal(run.code, 1, `exit code; stderr: ${run.stderr}`);
        assert.match(run.stderr, c.message);
        assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
        assert.equal(readFileSync(file, 'utf8'), text, 'the file is unchanged');
        assert.deepEqual(readdirSync(work).filter((n) => n.endsWith('.tmp')), [], 'no temporary file is left');
      });
    }

    it('a location is given once, as file:line:column', () => {
      const file = join(work, 'bad.nnjson');
      writeFileSync(file, readFileSync(join(root, 'examples', 'and.nnjson'), 'utf8').replace(/"units": 3/, '"units": 0'));
      const run = nnjson('validate', file);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /bad\.nnjson:\d+:\d+: layers\[0\]\.units must be/);
      assert.doesNotMatch(run.stderr, /\(line \d+, column \d+\)/);
    });

    it('a bad cell in the training CSV names the CSV, its row and its column', () => {
      const file = example('and.nnjson');
      const model = JSON.parse(readFileSync(file, 'utf8'));
      model.data = { source: 'file', path: 'train.csv', inputs: ['a', 'b'], targets: ['y'] };
      const text = JSON.stringify(model, null, 2);
      writeFileSync(file, text);
      writeFileSync(join(work, 'train.csv'), 'a,b,y\n0,0,0\n0,1,zero\n');
      const run = nnjson('train', file);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /^nnjson: train\.csv: .*row 3.*"y"/);
      assert.equal(readFileSync(file, 'utf8'), text);
    });

    it('a non-numeric cell in a CSV for predict', () => {
      const file = example('and.nnjson');
      const model = JSON.parse(readFileSync(file, 'utf8'));
      model.inputNames = ['a', 'b'];
      writeFileSync(file, JSON.stringify(model, null, 2));
      const csv = join(work, 'in.csv');
      writeFileSync(csv, 'a,b\n0,1\n1,x\n');
      const run = nnjson('predict', file, '--csv', csv);
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, /in\.csv: .*row 3.*"b"|in\.csv: .*"b".*row 3/);
    });
  });
});
