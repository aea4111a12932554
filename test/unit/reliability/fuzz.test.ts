// The loader under hostile input: at least 1,000 mutated and truncated files
// per run plus the saved regression seeds in test/fixtures/fuzz/. Each one is
// loaded, or rejected with errors that point inside the text; nothing throws,
// nothing hangs, and huge declared sizes are refused before anything is allocated.
// The Problems panel's pure path (problems, training problems, quick fixes)
// gets the same files: nothing throws and every range lies inside the text.

import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseTree, type ParseError } from 'jsonc-parser';
import { quickFixes } from '../../../src/host/diagnostics/fixes';
import { modelProblems, type Problem } from '../../../src/host/diagnostics/problems';
import { locateTrainingProblems, type TrainingProblem } from '../../../src/host/diagnostics/training';
import { DESIGNER_MAX_PARAMETERS, documentState } from '../../../src/host/documentModel';
import { parameterCount } from '../../../src/model/layers';
import { MAX_PARAMETERS, MAX_UNITS } from '../../../src/model/limits';
import { loadModel } from '../../../src/model/parse';
import { serializeModel } from '../../../src/model/serialize';
import type { LoadResult } from '../../../src/model/types';
import { mutation } from '../../support/mutations';
import { assertReportStates, count, writeFigures } from './figures';

const ROOT = join(__dirname, '../../..');
const SEEDS = join(ROOT, 'test/fixtures/fuzz');
const BASES = [
  ...readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.nnjson')).map((f) => readFileSync(join(ROOT, 'examples', f), 'utf8')),
  ...readdirSync(join(ROOT, 'test/fixtures/model/valid')).map((f) => readFileSync(join(ROOT, 'test/fixtures/model/valid', f), 'utf8')),
];
const RUNS = 1500;
const SEED = 8_2026;
/**
 * The bound: no file may take a second. Far above any real load (a few
 * ms); only a hang trips it. It is checked on the CPU time of the load alone, so
 * a busy machine that leaves the test waiting for a core does not count, and a
 * load over it is timed again before the test fails: a hang repeats, a stall does not.
 */
const HANG_GUARD_MS = 1_000;
/** What a training run can report, aimed at the first Dense layer and the learning rate. */
const TRAINING_PROBLEMS: TrainingProblem[] = [
  { kind: 'divergence', message: 'the loss became NaN at epoch 3', epoch: 3 },
  { kind: 'deadRelu', layer: 0, message: 'every unit of layers[0] outputs 0 for every sample' },
  { kind: 'learningRateTooHigh', message: 'the loss rose for 5 epochs in a row', suggestedLearningRate: 0.01 },
];

interface Tally {
  cases: number;
  accepted: number;
  rejected: number;
  maxMs: number;
  slowest: string;
  designerChecked: number;
  /** Problems the Problems panel would show, from the loader and from training. */
  problems: number;
  /** Quick fixes offered for them, each checked to leave well-formed JSON. */
  fixes: number;
  times: number[];
}

/** CPU milliseconds (user and system) that `work` takes; waiting for a core is not counted. */
function cpuMs(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function assertInside(problem: Problem, text: string, label: string): void {
  assert.ok(Number.isInteger(problem.offset) && Number.isInteger(problem.length), `${label}: ${problem.message}`);
  assert.ok(problem.offset >= 0 && problem.length >= 0 && problem.offset + problem.length <= text.length, `${label}: ${problem.pointer} at ${problem.offset}+${problem.length} of ${text.length}`);
  assert.ok(problem.message.trim().length > 0, `${label}: an empty message at ${problem.pointer}`);
}

/** The Problems panel's pure path on `text`: nothing throws, ranges lie inside, fixes keep the file JSON and change it. */
function checkDiagnostics(text: string, label: string, tally: Tally): void {
  let problems: Problem[];
  try {
    problems = [...modelProblems(text).problems, ...locateTrainingProblems(text, TRAINING_PROBLEMS)];
  } catch (error) {
    assert.fail(`${label}: the diagnostics threw ${String(error)}`);
  }
  for (const problem of problems) {
    assertInside(problem, text, label);
    tally.problems++;
    let fixes: ReturnType<typeof quickFixes>;
    try {
      fixes = quickFixes(text, problem);
    } catch (error) {
      assert.fail(`${label}: quickFixes for ${problem.pointer} threw ${String(error)}`);
    }
    for (const fix of fixes) {
      const errors: ParseError[] = [];
      parseTree(fix.text, errors, { allowTrailingComma: true, disallowComments: false });
      assert.deepEqual(errors, [], `${label}: "${fix.title}" leaves well-formed JSON`);
      assert.notEqual(fix.text, text, `${label}: "${fix.title}" changes the text`);
      tally.fixes++;
    }
  }
}

function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

/** Loads one file and checks the outcome; returns how long loading took. */
function check(text: string, label: string, tally: Tally): LoadResult {
  const start = performance.now();
  let result: LoadResult | undefined;
  let cpu: number;
  try {
    cpu = cpuMs(() => (result = loadModel(text)));
  } catch (error) {
    assert.fail(`${label}: loadModel threw ${String(error)}`);
  }
  const ms = performance.now() - start;
  if (cpu >= HANG_GUARD_MS) cpu = Math.min(cpu, cpuMs(() => loadModel(text)));
  assert.ok(cpu < HANG_GUARD_MS, `${label}: loading took ${cpu.toFixed(0)} ms of CPU time, twice`);
  assert.ok(result);
  tally.cases++;
  tally.times.push(ms);
  if (ms > tally.maxMs) {
    tally.maxMs = ms;
    tally.slowest = label;
  }
  if (result.ok) {
    tally.accepted++;
    assert.deepStrictEqual(loadModel(serializeModel(result.model)), result, `${label}: a loaded model survives a round trip`);
    if (parameterCount(result.model) <= DESIGNER_MAX_PARAMETERS) {
      const state = documentState(text, 1, false, 'fuzz.nnjson');
      assert.ok(state.model, `${label}: the designer shows what the loader accepts`);
      tally.designerChecked++;
    }
  } else {
    tally.rejected++;
    assert.ok(result.errors.length >= 1, label);
    for (const e of result.errors) {
      assert.ok(e.line >= 1 && e.line <= lineCount(text) && e.column >= 1, `${label}: ${e.message}`);
      assert.ok(e.offset >= 0 && e.offset + e.length <= text.length, `${label}: ${e.message}`);
      assert.match(e.message, /\S.* \(line \d+, column \d+\)$/, label);
    }
  }
  checkDiagnostics(text, label, tally);
  return result;
}

describe('reliability: fuzzed .nnjson files', function () {
  this.timeout(300_000);
  const tally: Tally = { cases: 0, accepted: 0, rejected: 0, maxMs: 0, slowest: '', designerChecked: 0, problems: 0, fixes: 0, times: [] };
  const seeds = { files: 0, accepted: 0, rejected: 0 };

  // The first load compiles the schema; keep that out of the per-file figures.
  before(() => assert.ok(loadModel(BASES[0]).ok));
  after(() => {
    const sorted = [...tally.times].sort((a, b) => a - b);
    const quantile = (q: number): number => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2));
    const { times: _times, ...counts } = tally;
    writeFigures('fuzz', { generated: RUNS, seed: SEED, hangGuardMs: HANG_GUARD_MS, seeds, ...counts, maxMs: Number(tally.maxMs.toFixed(2)), medianMs: quantile(0.5), p99Ms: quantile(0.99) });
    console.log(`      fuzz: ${tally.cases} files (${tally.accepted} loaded, ${tally.rejected} rejected), slowest ${tally.maxMs.toFixed(1)} ms`);
  });

  it(`loads or rejects with located errors ${RUNS} mutated and truncated files`, () => {
    const before = tally.cases;
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (which, mutations) => {
        const text = mutations.reduce((t, m) => m(t), BASES[which % BASES.length]);
        check(text, mutations.map(String).join(', '), tally);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    assert.equal(tally.cases - before, RUNS);
    assert.ok(tally.accepted >= 50 && tally.rejected >= 500, `${tally.accepted} accepted, ${tally.rejected} rejected`);
  });

  it('keeps the saved regression seeds: accept-* load, reject-* are refused with a location', () => {
    const files = readdirSync(SEEDS).filter((f) => f.endsWith('.nnjson'));
    assert.ok(files.length >= 25);
    for (const file of files) {
      const result = check(readFileSync(join(SEEDS, file), 'utf8'), file, tally);
      seeds.files++;
      if (file.startsWith('accept-')) {
        assert.ok(result.ok, `${file}: ${!result.ok ? result.errors[0].message : ''}`);
        seeds.accepted++;
      } else {
        assert.ok(file.startsWith('reject-'), `${file}: seeds are named accept-* or reject-*`);
        assert.equal(result.ok, false, file);
        seeds.rejected++;
      }
    }
    assert.equal(({} as Record<string, unknown>).x, undefined, 'no prototype was polluted');
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype was polluted');
  });

  it('refuses huge declared sizes with a clear message, before allocating anything', () => {
    const text = (inputs: number, units: number): string =>
      JSON.stringify({
        format: 'nnjson', version: 1, inputs,
        layers: [{ type: 'dense', units }, { type: 'activation', activation: 'relu' }, { type: 'dense', units: 2 }],
        training: { loss: 'mse', optimizer: { type: 'sgd', learningRate: 0.1 }, epochs: 1, batchSize: 1, seed: 1 },
      }, null, 2);
    const heap = process.memoryUsage().heapUsed;
    const units = loadModel(text(2, MAX_UNITS + 1));
    assert.ok(!units.ok);
    assert.match(units.errors.map((e) => e.message).join('\n'), new RegExp(`layers\\[0\\]\\.units is ${MAX_UNITS + 1}, more than the limit of ${MAX_UNITS}`));
    // Each layer within the unit cap, the product far beyond the parameter cap.
    const params = loadModel(text(MAX_UNITS, MAX_UNITS));
    assert.ok(!params.ok);
    const expected = (MAX_UNITS * (MAX_UNITS + 1) + 2 * (MAX_UNITS + 1)).toLocaleString('en-US');
    assert.match(params.errors[0].message, new RegExp(`the network has ${expected} parameters, more than the limit of ${MAX_PARAMETERS.toLocaleString('en-US')}`));
    // 10^10 weights as float64 would be 80 GB; loading stays within a few megabytes.
    assert.ok(process.memoryUsage().heapUsed - heap < 64 * 1024 * 1024, 'no allocation proportional to the declared size');
    const justUnder = loadModel(text(1000, 1000));
    assert.ok(justUnder.ok, 'a network within the caps loads');
  });

  // Last, so it sees the counts of the whole run; a partial run (a grep) has nothing to compare.
  it('RELIABILITY.md states the figures of this run', function () {
    if (tally.cases !== RUNS + seeds.files || seeds.files === 0) this.skip();
    assertReportStates('fuzz', [
      `Fuzzed \`.nnjson\` files: ${count(tally.cases)} per run, all passed`,
      `**What is generated:** ${count(RUNS)} files`,
      `fast-check (seed ${SEED})`,
      `**Saved regression seeds:** ${seeds.files} files, each named for its expected outcome: ${seeds.accepted} \`accept-*\` and ${seeds.rejected} \`reject-*\``,
      `**Outcome:** ${count(tally.accepted)} files loaded and ${count(tally.rejected)} were rejected`,
      `the designer's state was built from ${count(tally.designerChecked)} of them`,
      `the hang guard is ${count(HANG_GUARD_MS)} ms of CPU time per file`,
      `**The Problems panel on the same files:** ${count(tally.problems)} problems and ${count(tally.fixes)} quick fixes`,
    ]);
  });
});
