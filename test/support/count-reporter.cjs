// Mocha reporter: prints like "spec" and, at the end, writes the pass/fail
// counts to the file named by NN_RESULTS_FILE, so scripts/run-tests.mjs can
// add up suites that run in different processes (or inside VS Code).
const Mocha = require('mocha');
const fs = require('node:fs');

const { EVENT_RUN_END } = Mocha.Runner.constants;

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const file = process.env.NN_RESULTS_FILE;
      if (!file) return;
      const { passes, failures, pending } = runner.stats;
      fs.writeFileSync(file, JSON.stringify({ passed: passes, failed: failures, pending }));
    });
  }
}

module.exports = CountReporter;
