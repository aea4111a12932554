// The `extensionTestsPath` module of the web mode of the end-to-end suite
// (test/e2e/run.mjs --web): it runs in VS Code's web extension host, a Web
// Worker with no Node, next to the extension's browser entry. Everything is in
// this one bundle, mocha's browser build included; the counts go to the log as
// the marked line the runner reads (there is no file system to write them to).
import { mocha } from './setup';
import './web.test';
import './virtualWorkspace.test';

const START_MARK = 'NN_E2E_START';
const RESULTS_MARK = 'NN_E2E_RESULTS ';

export function run(): Promise<void> {
  console.log(START_MARK);
  return new Promise((resolve, reject) => {
    const runner = mocha.run(() => {
      const stats = runner.stats ?? { passes: 0, failures: 1, pending: 0 };
      console.log(`${RESULTS_MARK}${JSON.stringify({ passed: stats.passes, failed: stats.failures, pending: stats.pending })}`);
      if (stats.failures > 0) reject(new Error(`${stats.failures} end-to-end test(s) failed`));
      else if (stats.passes === 0) reject(new Error('no end-to-end test ran'));
      else resolve();
    });
  });
}
