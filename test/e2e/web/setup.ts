// Mocha's browser build, set up before any suite file registers its tests
// (bootstrap.ts imports this module first; esbuild keeps import order).
import 'mocha/mocha.js';

/** The parts of the browser build's global `mocha` the bootstrap uses. */
export interface BrowserMocha {
  setup(options: { ui: 'bdd'; reporter: string; timeout: number; color: boolean }): void;
  grep(pattern: string): void;
  run(done: (failures: number) => void): { stats?: { passes: number; failures: number; pending: number } };
}

export const mocha = (globalThis as unknown as { mocha: BrowserMocha }).mocha;
/** NN_E2E_GREP of the run, built into the bundle by test/e2e/run.mjs. */
declare const NN_E2E_GREP: string;

mocha.setup({ ui: 'bdd', reporter: 'spec', timeout: 60_000, color: false });
if (NN_E2E_GREP) mocha.grep(NN_E2E_GREP);
