// The schema file itself: valid draft-07, accepts the shipped examples when
// used directly through Ajv, agrees with the name lists in types.ts, and
// documents every property for IntelliSense.

import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { BUILTIN_DATASETS } from '../../../src/data/builtins';
import { loadModel } from '../../../src/model/parse';
import { ACTIVATIONS, INITS, LOSSES } from '../../../src/model/types';

const ROOT = join(__dirname, '../../..');
const schema = JSON.parse(readFileSync(join(ROOT, 'media/nnjson.schema.json'), 'utf8')) as Record<string, unknown>;
type Schema = Record<string, unknown>;

function plainAjv(): Ajv {
  // Lenient about editor-only keywords: this is the oracle, not the loader's own validator.
  return new Ajv({ allErrors: true, strict: false });
}

function definition(name: string): Schema {
  return (schema.definitions as Record<string, Schema>)[name];
}

function property(def: string, prop: string): Schema {
  return (definition(def).properties as Record<string, Schema>)[prop];
}

describe('model: JSON schema', () => {
  it('is a valid draft-07 schema', () => {
    const ajv = plainAjv();
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(ajv.validateSchema(schema), true, JSON.stringify(ajv.errors));
  });

  const files = [
    ...readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.nnjson')).map((f) => join(ROOT, 'examples', f)),
    ...readdirSync(join(ROOT, 'test/fixtures/model/valid')).map((f) => join(ROOT, 'test/fixtures/model/valid', f)),
  ];
  for (const file of files) {
    it(`accepts ${file.slice(ROOT.length + 1)} through Ajv directly`, () => {
      const validate = plainAjv().compile(schema);
      const ok = validate(JSON.parse(readFileSync(file, 'utf8')));
      assert.equal(ok, true, JSON.stringify(validate.errors, null, 2));
    });
  }

  it('rejects a document whose layer units are not a positive integer', () => {
    const validate = plainAjv().compile(schema);
    const doc = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/model/valid/and.nnjson'), 'utf8')) as { layers: Schema[] };
    for (const units of [0, -3, 2.5, '3']) {
      doc.layers[0].units = units;
      assert.equal(validate(doc), false, `units ${String(units)}`);
    }
  });

  it('lists the same names as types.ts', () => {
    assert.deepEqual(property('activationLayer', 'activation').enum, [...ACTIVATIONS]);
    assert.deepEqual(property('training', 'loss').enum, [...LOSSES]);
    assert.deepEqual(property('denseLayer', 'init').enum, [...INITS]);
  });

  it('offers exactly the built-in data sets of src/data, each described by its catalogue entry', () => {
    const names = BUILTIN_DATASETS.map((d) => d.name);
    assert.deepEqual(property('data', 'name').examples, names);
    const builtin = (definition('data').allOf as Schema[]).find((branch) => JSON.stringify(branch.if).includes('"builtin"'))!;
    const name = ((builtin.then as Schema).properties as Record<string, Schema>).name;
    assert.deepEqual(name.enum, names);
    assert.deepEqual(name.markdownEnumDescriptions, BUILTIN_DATASETS.map((d) => `**${d.title}**: ${d.description}`));
  });

  it('refuses an unknown built-in name through the loader, with its line, and lets other sources be', () => {
    const model = JSON.parse(readFileSync(join(ROOT, 'examples/and.nnjson'), 'utf8')) as { data: Record<string, unknown> };
    model.data = { source: 'builtin', name: 'gaussian' };
    const loaded = loadModel(JSON.stringify(model, null, 2));
    assert.ok(!loaded.ok);
    const error = loaded.errors.find((e) => e.pointer === '/data/name');
    assert.ok(error, loaded.errors.map((e) => e.message).join('; '));
    assert.match(error.message, /^data\.name must be one of and, or, xor, nand, circle, xorQuadrants, gaussians, .* \(line \d+, column \d+\)$/);
    model.data = { source: 'builtin', name: 'gaussians' };
    assert.ok(loadModel(JSON.stringify(model)).ok);
  });

  it('describes every property and every enum value', () => {
    const missing: string[] = [];
    const visit = (node: unknown, where: string): void => {
      if (Array.isArray(node)) node.forEach((n, i) => visit(n, `${where}/${i}`));
      if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
      const s = node as Schema;
      // "if" conditions and "then" branches only select and add constraints; the documented properties are elsewhere.
      if (s.properties && /\/(if|then)$/.test(where)) return;
      for (const [name, prop] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) {
        if (typeof prop.description !== 'string' && !prop.$ref) missing.push(`${where}/properties/${name}`);
        if (Array.isArray(prop.enum) && prop.enum.length > 1) {
          const docs = prop.markdownEnumDescriptions;
          if (!Array.isArray(docs) || docs.length !== prop.enum.length) missing.push(`${where}/properties/${name} (enum descriptions)`);
        }
      }
      for (const [key, value] of Object.entries(s)) if (key !== 'properties' && key !== 'defaultSnippets') visit(value, `${where}/${key}`);
      for (const [name, prop] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) visit(prop, `${where}/properties/${name}`);
    };
    visit(schema, '#');
    assert.deepEqual(missing, []);
  });

  it('allows unknown properties everywhere', () => {
    const strictSpots: string[] = [];
    JSON.stringify(schema, (key, value: unknown) => {
      if (key === 'additionalProperties' && value === false) strictSpots.push(key);
      return value;
    });
    assert.deepEqual(strictSpots, []);
  });
});
