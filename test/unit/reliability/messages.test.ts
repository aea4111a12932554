// Messages from the webview are untrusted. Whatever arrives, the validator
// never throws, and what it accepts carries only known, finite, in-range
// fields, in a fresh object: hostile keys and extra fields never get through.
// What it refuses is logged as dropped, once, and nothing acts on it.

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { acceptWebviewMessage } from '../../../src/protocol/validate';
import type { DesignerEdit, TrainingCommand, WebviewToHost } from '../../../src/protocol/webview';
import { assertReportStates, count, writeFigures } from './figures';

type MessageType = WebviewToHost['type'];

/**
 * Near-valid fields for every message type of the protocol. Keyed by the
 * protocol's own union, so a message type added to it (or removed) fails the
 * type check here until the test generates it.
 */
const FIELDS: Record<MessageType, Record<string, fc.Arbitrary<unknown>>> = {
  ready: {},
  openAsText: {},
  edit: {
    version: fc.oneof(fc.integer(), fc.double(), fc.string()),
    edit: fc.record(
      {
        kind: fc.constantFrom(...(Object.keys({ addLayer: 1, removeLayer: 1, setUnits: 1, setActivation: 1, setLoss: 1, setOptimizer: 1, setTraining: 1, setInit: 1, setWeight: 1, setBias: 1, collapseLinear: 1 } satisfies Record<DesignerEdit['kind'], 1>)), 'deleteFile', 'constructor'),
        dense: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double(), fc.constant(1e308)),
        before: fc.integer({ min: -2, max: 5 }),
        units: fc.oneof(fc.integer({ min: -5, max: 300_000 }), fc.constant(Number.NaN), fc.constant(Infinity)),
        neuron: fc.integer({ min: -1, max: 5 }),
        input: fc.integer({ min: -1, max: 5 }),
        value: fc.oneof(fc.double(), fc.string(), fc.constant(null)),
        activation: fc.constantFrom('relu', 'tanh', 'softmax', 'evil', ''),
        loss: fc.constantFrom('mse', 'hinge', 'toString'),
        init: fc.constantFrom('xavier', 'he', 'normal', 'zeros', 'eval'),
        field: fc.constantFrom('epochs', 'batchSize', 'seed', 'inputs', '__proto__'),
        optimizer: fc.record({ type: fc.constantFrom('sgd', 'adam', 'momentum', 'rmsprop'), learningRate: fc.oneof(fc.double(), fc.constant(-1), fc.constant(0)) }, { requiredKeys: [] }),
        from: fc.integer({ min: -1, max: 4 }),
        to: fc.integer({ min: -1, max: 4 }),
      },
      { requiredKeys: ['kind'] },
    ),
  },
  exportDiagram: {
    format: fc.constantFrom('svg', 'png', 'pdf'),
    data: fc.oneof(fc.string(), fc.constantFrom('<svg xmlns="http://www.w3.org/2000/svg"></svg>', 'data:image/png;base64,iVBORw0KGgo=', 'data:text/html,<script>')),
  },
  log: { level: fc.constantFrom('info', 'warn', 'error', 'debug'), message: fc.oneof(fc.string(), fc.integer()) },
  training: { command: fc.constantFrom(...(Object.keys({ train: 1, pause: 1, resume: 1, stepEpoch: 1, stepBatch: 1, stop: 1, reset: 1, apply: 1, discard: 1 } satisfies Record<TrainingCommand, 1>)), 'rm -rf', '') },
  scrubTo: { epoch: fc.oneof(fc.integer({ min: -3, max: 10 }), fc.double(), fc.constant(2_000_000)) },
  boundaryResolution: { resolution: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.double()) },
  visibleNeurons: {
    columns: fc.oneof(
      fc.array(fc.oneof(fc.integer({ min: -2, max: 200_000 }), fc.double(), fc.constant('3')), { maxLength: 6 }),
      fc.constant(new Array<number>(10_001).fill(1)),
      fc.string(),
    ),
  },
  revealText: { offset: fc.oneof(fc.integer({ min: -3, max: 100_000 }), fc.double(), fc.constant(Number.MAX_VALUE)), length: fc.oneof(fc.integer({ min: -3, max: 100 }), fc.double(), fc.string()) },
  quickFix: {
    // Mostly in range, so enough of them get through for the accepting side to be checked too.
    error: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 5 }), weight: 6 }, fc.integer({ min: -2, max: -1 }), fc.double(), fc.constant('0')),
    fix: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 3 }), weight: 6 }, fc.constant(-1), fc.double(), fc.constant(2_000_000_000)),
    version: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 10 }), weight: 6 }, fc.constant(-1), fc.double(), fc.string()),
  },
  layerDetail: { dense: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double(), fc.constant(2_000_000)), epoch: fc.oneof(fc.integer({ min: -3, max: 10 }), fc.double()) },
};
const TYPES = Object.keys(FIELDS) as MessageType[];

/** Every number inside an accepted message is finite. */
function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value && typeof value === 'object') return Object.values(value).every(allFinite);
  return true;
}

/** One message of each type with its own fields, all optional, plus an unknown field. */
const nearlyValid = fc.oneof(
  ...TYPES.map((type) => fc.record({ type: fc.constant<string>(type), ...FIELDS[type], extra: fc.anything() }, { requiredKeys: ['type'] })),
  fc.record({ type: fc.constantFrom('Edit', '__proto__', '', 'visibleneurons'), ...FIELDS.edit, ...FIELDS.visibleNeurons }, { requiredKeys: ['type'] }),
);

const index = fc.integer({ min: 0, max: 3 });
/** Designer edits with the fields their kind needs, so the validator's accepting side is exercised too. */
const wellFormedEdit = fc.record({
  type: fc.constant('edit'),
  version: fc.nat(),
  edit: fc.oneof(
    fc.record({ kind: fc.constant('addLayer'), before: index, units: fc.integer({ min: 1, max: 64 }), activation: fc.constantFrom('relu', 'tanh') }),
    fc.record({ kind: fc.constant('removeLayer'), dense: index }),
    fc.record({ kind: fc.constant('setUnits'), dense: index, units: fc.integer({ min: 0, max: 200_000 }) }),
    fc.record({ kind: fc.constant('setActivation'), dense: index, activation: fc.constantFrom('sigmoid', 'softmax', 'swish') }),
    fc.record({ kind: fc.constant('setLoss'), loss: fc.constantFrom('mae', 'hinge', 'huber') }),
    fc.record({ kind: fc.constant('setOptimizer'), optimizer: fc.record({ type: fc.constantFrom('sgd', 'adam', 'momentum'), learningRate: fc.double({ min: -1, max: 1 }), momentum: fc.double({ min: 0, max: 1.5 }) }, { requiredKeys: ['type', 'learningRate'] }) }),
    fc.record({ kind: fc.constant('setTraining'), field: fc.constantFrom('epochs', 'batchSize', 'seed'), value: fc.integer({ min: -1, max: 5_000_000_000 }) }),
    fc.record({ kind: fc.constant('setInit'), dense: index, init: fc.constantFrom('he', 'xavier', 'lecun') }),
    fc.record({ kind: fc.constant('setWeight'), dense: index, neuron: index, input: index, value: fc.double() }),
    fc.record({ kind: fc.constant('setBias'), dense: index, neuron: index, value: fc.double() }),
    fc.record({ kind: fc.constant('collapseLinear'), from: index, to: index }),
  ),
  extra: fc.anything(),
}, { requiredKeys: ['type', 'version', 'edit'] });

describe('reliability: messages from the webview', () => {
  const RUNS = 6000;
  const tally = { tried: 0, accepted: 0, rejected: 0, byType: Object.fromEntries(TYPES.map((t) => [t, { accepted: 0, rejected: 0 }])) as Record<MessageType, { accepted: number; rejected: number }> };
  after(() => writeFigures('messages', tally));

  it('never throws on arbitrary values, accepts only clean, finite, known messages, and logs each one it drops', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), nearlyValid, nearlyValid, wellFormedEdit), (raw) => {
        tally.tried++;
        const logged: string[] = [];
        let parsed: WebviewToHost | undefined;
        assert.doesNotThrow(() => (parsed = acceptWebviewMessage(raw, (line) => logged.push(line))));
        const type = (raw as { type?: unknown } | null)?.type;
        const known = typeof type === 'string' && Object.hasOwn(FIELDS, type) ? (type as MessageType) : undefined;
        if (parsed === undefined) {
          tally.rejected++;
          if (known) tally.byType[known].rejected++;
          assert.equal(logged.length, 1, 'a dropped message is logged once');
          assert.match(logged[0], /^designer: dropped a malformed message: /);
          assert.ok(logged[0].length <= 300, 'the log line is bounded');
          return;
        }
        tally.accepted++;
        assert.deepEqual(logged, [], 'an accepted message is not logged as dropped');
        assert.ok(TYPES.includes(parsed.type), parsed.type);
        assert.equal(parsed.type, type);
        tally.byType[parsed.type].accepted++;
        assert.notEqual(parsed, raw, 'a fresh object is built');
        assert.ok(allFinite(parsed), JSON.stringify(parsed));
        assert.ok(!('extra' in parsed), 'unknown fields are dropped');
        assert.ok(Object.keys(parsed).every((key) => key === 'type' || key in FIELDS[parsed!.type]), `only the protocol's fields: ${Object.keys(parsed).join(', ')}`);
        if (parsed.type === 'edit') {
          assert.ok(Number.isInteger(parsed.version));
          assert.notEqual(parsed.edit, (raw as { edit: unknown }).edit);
        }
        if (parsed.type === 'visibleNeurons') {
          assert.notEqual(parsed.columns, (raw as { columns: unknown }).columns, 'a fresh array');
          assert.ok(parsed.columns.length <= 10_000 && parsed.columns.every((n) => Number.isInteger(n) && n >= 0));
        }
        if (parsed.type === 'layerDetail') assert.ok(Number.isInteger(parsed.dense) && parsed.dense >= 0 && Number.isInteger(parsed.epoch) && parsed.epoch >= 0);
      }),
      { seed: 4242, numRuns: RUNS },
    );
    assert.ok(tally.accepted >= 100 && tally.rejected >= 1000, JSON.stringify(tally));
    for (const type of TYPES) {
      assert.ok(tally.byType[type].accepted >= 5, `${type}: only ${tally.byType[type].accepted} accepted`);
      if (Object.keys(FIELDS[type]).length > 0) assert.ok(tally.byType[type].rejected >= 5, `${type}: only ${tally.byType[type].rejected} rejected`);
    }
  });

  it('RELIABILITY.md states the figures of this run', function () {
    if (tally.tried !== RUNS) this.skip();
    assertReportStates('messages', [
      `Messages from the webview: ${count(RUNS)} per run, all passed`,
      `It accepted ${count(tally.accepted)} messages and rejected ${count(tally.rejected)}`,
      `all ${TYPES.length} message types of the protocol`,
      ...TYPES.map((t) => `\`${t}\` ${count(tally.byType[t].accepted)}/${count(tally.byType[t].rejected)}`),
    ]);
  });
});
