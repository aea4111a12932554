// The schema as VS Code's own JSON language service uses it in the text
// editor (media/nnjson.editor.schema.json, the file schema without its
// constraints): completions and hovers come from it, and it adds no problem of
// its own, since the extension's diagnostics report each one once.

import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getLanguageService, TextDocument, type LanguageService, type JSONSchema } from 'vscode-json-languageservice';
import { loadModel } from '../../../src/model/parse';
import { editorSchemaText, TARGET } from '../../../scripts/editor-schema.cjs';

const ROOT = join(__dirname, '../../..');
const SCHEMA_URI = 'file:///media/nnjson.editor.schema.json';
const schema = JSON.parse(readFileSync(join(ROOT, 'media/nnjson.editor.schema.json'), 'utf8')) as JSONSchema;
const MALFORMED = join(ROOT, 'test/fixtures/model/malformed');
const AND = readFileSync(join(ROOT, 'test/fixtures/model/valid/and.nnjson'), 'utf8');

function service(withSchema = true): LanguageService {
  const ls = getLanguageService({});
  ls.configure({ validate: true, allowComments: false, schemas: withSchema ? [{ uri: SCHEMA_URI, fileMatch: ['*.nnjson'], schema }] : [] });
  return ls;
}

function documentOf(text: string): TextDocument {
  return TextDocument.create('file:///work/net.nnjson', 'json', 1, text);
}

async function diagnostics(text: string, withSchema = true): Promise<{ message: string; line: number; character: number }[]> {
  const ls = service(withSchema);
  const doc = documentOf(text);
  const found = await ls.doValidation(doc, ls.parseJSONDocument(doc));
  return found.map((d) => ({ message: typeof d.message === 'string' ? d.message : d.message.value, line: d.range.start.line, character: d.range.start.character }));
}

/** Completion labels at the place marked "|" in `text`. */
async function completionsAt(text: string): Promise<string[]> {
  const at = text.indexOf('|');
  const doc = documentOf(text.slice(0, at) + text.slice(at + 1));
  const ls = service();
  const list = await ls.doComplete(doc, doc.positionAt(at), ls.parseJSONDocument(doc));
  return (list?.items ?? []).map((i) => i.label);
}

describe('model: schema in the JSON language service', () => {
  for (const name of ['and', 'xor', 'blobs']) {
    it(`shows no problems in examples/${name}.nnjson`, async () => {
      assert.deepEqual(await diagnostics(readFileSync(join(ROOT, 'examples', `${name}.nnjson`), 'utf8')), []);
    });
  }

  it('is the file schema without its constraints, as scripts/editor-schema.cjs writes it', () => {
    assert.equal(readFileSync(TARGET, 'utf8'), editorSchemaText(), 'run node scripts/editor-schema.cjs');
  });

  it('adds no problem to what the JSON service finds without a schema, for every malformed fixture we reject', async () => {
    const files = readdirSync(MALFORMED).filter((f) => f.endsWith('.nnjson'));
    assert.ok(files.length >= 20);
    for (const file of files) {
      const text = readFileSync(join(MALFORMED, file), 'utf8');
      assert.equal(loadModel(text).ok, false, `${file} is rejected by the loader`);
      assert.deepEqual(await diagnostics(text), await diagnostics(text, false), file);
    }
  });

  it('offers every loss after "loss":', async () => {
    const labels = await completionsAt(AND.replace('"loss": "mse"', '"loss": |'));
    for (const loss of ['"mse"', '"mae"', '"crossEntropy"', '"binaryCrossEntropy"', '"categoricalCrossEntropy"', '"hinge"']) {
      assert.ok(labels.includes(loss), `${loss} missing from ${labels.join(', ')}`);
    }
  });

  it('offers the dense-layer properties inside a dense layer', async () => {
    const labels = await completionsAt(AND.replace('"units": 3', '"units": 3,\n      |'));
    for (const key of ['init', 'weights', 'bias', 'name']) assert.ok(labels.includes(key), `${key} missing from ${labels.join(', ')}`);
    assert.ok(!labels.includes('activation'), 'an activation-layer property is offered in a dense layer');
  });

  it('shows the description when hovering a property', async () => {
    const ls = service();
    const doc = documentOf(AND);
    const hover = await ls.doHover(doc, doc.positionAt(AND.indexOf('"batchSize"') + 2), ls.parseJSONDocument(doc));
    const contents = JSON.stringify(hover?.contents ?? '');
    assert.match(contents, /Samples per weight update/);
  });
});
