// Messages from the webview are untrusted. Whatever arrives, the validator
// never throws, and what it accepts carries only known, finite, in-range
// fields, in a fresh object: hostile keys and extra fields never get through.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseWebviewMessage } from '../../../src/protocol/validate';
import { writeFigures } from './figures';

const TYPES = ['ready', 'edit', 'openAsText', 'exportDiagram', 'log', 'training', 'scrubTo', 'boundaryResolution'];
const KINDS = ['addLayer', 'removeLayer', 'setUnits', 'setActivation', 'setLoss', 'setOptimizer', 'setTraining', 'setInit', 'setWeight', 'setBias', 'collapseLinear'];

/** Every number inside an accepted message is finite. */
function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value && typeof value === 'object') return Object.values(value).every(allFinite);
  return true;
}

const nearlyValid = fc.record(
  {
    type: fc.constantFrom(...TYPES, 'Edit', '__proto__', ''),
    version: fc.oneof(fc.integer(), fc.double(), fc.string()),
    edit: fc.record(
      {
        kind: fc.constantFrom(...KINDS, 'deleteFile', 'constructor'),
        dense: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double(), fc.constant(1e308)),
        before: fc.integer({ min: -2, max: 5 }),
        units: fc.oneof(fc.integer({ min: -5, max: 300_000 }), fc.constant(Number.NaN), fc.constant(Infinity)),
        neuron: fc.integer({ min: -1, max: 5 }),
        input: fc.integer({ min: -1, max: 5 }),
        value: fc.oneof(fc.double(), fc.string(), fc.constant(null)),
        activation: fc.constantFrom('relu', 'tanh', 'softmax', 'evil', ''),
        loss: fc.constantFrom('mse', 'hinge', 'toString'),
        field: fc.constantFrom('epochs', 'batchSize', 'seed', 'inputs', '__proto__'),
        optimizer: fc.record({ type: fc.constantFrom('sgd', 'adam', 'rmsprop'), learningRate: fc.oneof(fc.double(), fc.constant(-1), fc.constant(0)) }, { requiredKeys: [] }),
        from: fc.integer({ min: -1, max: 4 }),
        to: fc.integer({ min: -1, max: 4 }),
      },
      { requiredKeys: ['kind'] },
    ),
    format: fc.constantFrom('svg', 'png', 'pdf'),
    data: fc.string(),
    level: fc.constantFrom('info', 'warn', 'error', 'debug'),
    message: fc.string(),
    command: fc.constantFrom('train', 'pause', 'apply', 'rm -rf'),
    epoch: fc.oneof(fc.integer({ min: -3, max: 10 }), fc.double()),
    resolution: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.double()),
    extra: fc.anything(),
  },
  { requiredKeys: ['type'] },
);

describe('reliability: messages from the webview', () => {
  const tally = { tried: 0, accepted: 0, rejected: 0 };
  after(() => writeFigures('messages', tally));

  it('never throws on arbitrary values and accepts only clean, finite, known messages', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), nearlyValid), (raw) => {
        tally.tried++;
        let parsed: ReturnType<typeof parseWebviewMessage>;
        assert.doesNotThrow(() => (parsed = parseWebviewMessage(raw)));
        if (parsed === undefined) {
          tally.rejected++;
          return;
        }
        tally.accepted++;
        assert.ok(TYPES.includes(parsed.type), parsed.type);
        assert.notEqual(parsed, raw, 'a fresh object is built');
        assert.ok(allFinite(parsed), JSON.stringify(parsed));
        assert.ok(!('extra' in parsed), 'unknown fields are dropped');
        if (parsed.type === 'edit') {
          assert.ok(KINDS.includes(parsed.edit.kind));
          assert.ok(Number.isInteger(parsed.version));
          assert.notEqual(parsed.edit, (raw as { edit: unknown }).edit);
        }
      }),
      { seed: 4242, numRuns: 5000 },
    );
    assert.ok(tally.accepted >= 100 && tally.rejected >= 1000, JSON.stringify(tally));
  });
});
