// Property: whatever is done to a valid file, loading never throws and ends
// either in a model that survives a serialize/load round trip, or in errors
// that point inside the text. Ajv on the raw JSON is the oracle for
// schema-level acceptance.

import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { loadModel } from '../../../src/model/parse';
import { serializeModel } from '../../../src/model/serialize';
import { mutation } from '../../support/mutations';

const ROOT = join(__dirname, '../../..');
const VALID = join(ROOT, 'test/fixtures/model/valid');
const BASES = readdirSync(VALID).map((f) => readFileSync(join(VALID, f), 'utf8'));
const schema = JSON.parse(readFileSync(join(ROOT, 'media/nnjson.schema.json'), 'utf8')) as object;
const oracle = new Ajv({ allErrors: true, strict: false }).compile(schema);

function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

describe('model: fuzzed files', () => {
  it('never throws, and either round-trips or reports located errors', () => {
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), (which, mutations) => {
        const text = mutations.reduce((t, m) => m(t), BASES[which % BASES.length]);
        const result = loadModel(text);
        if (result.ok) {
          const again = loadModel(serializeModel(result.model));
          assert.ok(again.ok, 'a serialized model must load');
          assert.deepStrictEqual(again.model, result.model);
          assert.equal(oracle(JSON.parse(text)), true, 'the schema must accept what the loader accepts');
          accepted++;
          return;
        }
        assert.ok(result.errors.length >= 1);
        for (const e of result.errors) {
          assert.ok(e.line >= 1 && e.column >= 1, e.message);
          assert.ok(e.line <= lineCount(text), e.message);
          assert.ok(e.offset >= 0 && e.offset + e.length <= text.length, e.message);
          assert.ok(e.message.endsWith(`(line ${e.line}, column ${e.column})`), e.message);
        }
        rejected++;
      }),
      { seed: 20261203, numRuns: 1000 },
    );
    // Both outcomes must actually occur, or the property says nothing.
    assert.ok(accepted >= 50 && rejected >= 50, `${accepted} accepted, ${rejected} rejected`);
  });

  it('rejects every document the schema rejects', () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 2 }), (which, mutations) => {
        const text = mutations.reduce((t, m) => m(t), BASES[which % BASES.length]);
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          return;
        }
        if (!oracle(parsed)) assert.equal(loadModel(text).ok, false);
      }),
      { seed: 7, numRuns: 1000 },
    );
  });
});
