// Runs inside the VS Code extension host (code-server or desktop VS Code) as the
// `extensionTestsPath` module: mocha over the compiled suite next to this file.
// Counts go to NN_RESULTS_FILE through the shared count reporter when that
// variable reaches the extension host, and always to the log as one marked line
// that test/e2e/run.mjs reads back.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** The lines test/e2e/run.mjs looks for. */
export const START_MARK = 'NN_E2E_START';
export const RESULTS_MARK = 'NN_E2E_RESULTS ';

export async function run(): Promise<void> {
  // out/e2e/bootstrap.js → repository root
  const root = path.resolve(__dirname, '..', '..');
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: Number(process.env.NN_E2E_TEST_TIMEOUT_MS ?? 60_000),
    reporter: path.join(root, 'test', 'support', 'count-reporter.cjs'),
  });
  const grep = process.env.NN_E2E_GREP;
  if (grep) mocha.grep(grep);
  const suiteDir = path.join(__dirname, 'suite');
  for (const file of fs.readdirSync(suiteDir).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(suiteDir, file));
  }
  console.log(START_MARK);
  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats ?? { passes: 0, failures: 1 } as Mocha.Stats));
  });
  console.log(`${RESULTS_MARK}${JSON.stringify({ passed: stats.passes, failed: stats.failures, pending: stats.pending })}`);
  if (stats.failures > 0) throw new Error(`${stats.failures} end-to-end test(s) failed`);
  if (stats.passes === 0) throw new Error('no end-to-end test ran');
}
