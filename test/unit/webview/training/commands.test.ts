import { strict as assert } from 'node:assert';
import type { TrainingStatus } from '../../../../src/protocol/training';
import { enabledCommands, TRAINING_COMMANDS } from '../../../../webview/training/viewmodel/commands';

const on = (status: TrainingStatus | undefined, epoch = 3, readOnly = false, hasModel = true): string[] =>
  [...enabledCommands({ status, epoch, readOnly, hasModel })].sort();

describe('webview training: which controls apply', () => {
  it('lists every command of the protocol once, each with an aria label', () => {
    const names = TRAINING_COMMANDS.map((c) => c.command);
    assert.deepEqual([...names].sort(), ['apply', 'discard', 'pause', 'reset', 'resume', 'stepBatch', 'stepEpoch', 'stop', 'train']);
    for (const c of TRAINING_COMMANDS) assert.match(c.aria, /\w+ \w+/);
  });

  it('starts a session from nothing or from idle', () => {
    assert.deepEqual(on(undefined, 0), ['stepBatch', 'stepEpoch', 'train']);
    assert.deepEqual(on('idle', 0), ['discard', 'stepBatch', 'stepEpoch', 'train']);
  });

  it('while running, only pausing and stopping apply', () => {
    assert.deepEqual(on('running'), ['pause', 'stop']);
  });

  it('while paused, steps, resume, stop, reset, apply and discard apply', () => {
    assert.deepEqual(on('paused'), ['apply', 'discard', 'reset', 'resume', 'stepBatch', 'stepEpoch', 'stop']);
    assert.ok(!on('paused', 0).includes('apply'), 'nothing trained yet');
  });

  it('after the run, the weights can be applied, reset or discarded; a failed run cannot be applied', () => {
    assert.deepEqual(on('done'), ['apply', 'discard', 'reset']);
    assert.deepEqual(on('stopped'), ['apply', 'discard', 'reset']);
    assert.deepEqual(on('failed'), ['discard', 'reset']);
  });

  it('never applies to a read-only document, and nothing applies without a model', () => {
    assert.ok(!on('done', 3, true).includes('apply'));
    assert.deepEqual(on('paused', 3, false, false), []);
  });
});
