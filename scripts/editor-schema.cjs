// Writes media/nnjson.editor.schema.json: the file schema with every constraint
// taken out, for the JSON language service in the text editor. That service
// then offers completions and hovers from it but reports no schema problems:
// the extension's own diagnostics report those, with the field's path and a
// plainer message, so each problem shows once in the Problems panel.
//
//   node scripts/editor-schema.cjs          write the file
//   node scripts/editor-schema.cjs --check  exit 1 when the file is stale

'use strict';

const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

/** Keywords that only constrain values; completions and hovers do not use them. */
const CONSTRAINTS = new Set([
  'type', 'required', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minItems', 'maxItems', 'uniqueItems', 'minLength', 'maxLength', 'pattern',
  'minProperties', 'maxProperties', 'additionalProperties', 'additionalItems',
]);

/** Keywords whose value maps names to schemas. */
const NAMED = new Set(['properties', 'patternProperties', 'definitions']);

/** The schema without constraints; `if` conditions are kept as they are, since a condition never reports a problem. */
function editorSchema(node) {
  if (Array.isArray(node)) return node.map(editorSchema);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (NAMED.has(key)) {
      // Keys here are property or definition names, not keywords.
      out[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, editorSchema(schema)]));
    } else if (CONSTRAINTS.has(key)) {
      continue;
    } else if (key === 'if') {
      out.if = value;
    } else if (key === 'enum' || key === 'const') {
      // Offered as completions, never checked.
      const values = key === 'enum' ? value : [value];
      out.examples = [...new Set([...(node.examples ?? []), ...values])];
    } else if (key !== 'examples' || !('enum' in node || 'const' in node)) {
      out[key] = editorSchema(value);
    }
  }
  return out;
}

const root = join(__dirname, '..');
const SOURCE = join(root, 'media', 'nnjson.schema.json');
const TARGET = join(root, 'media', 'nnjson.editor.schema.json');

/** The text the editor schema file must have. */
function editorSchemaText() {
  const schema = JSON.parse(readFileSync(SOURCE, 'utf8'));
  const editor = editorSchema(schema);
  editor.description = `${schema.description} This copy for the text editor offers completions and hovers; the extension reports the problems.`;
  return `${JSON.stringify(editor, null, 2)}\n`;
}

module.exports = { editorSchema, editorSchemaText, SOURCE, TARGET };

if (require.main === module) {
  const text = editorSchemaText();
  if (process.argv.includes('--check')) {
    if (readFileSync(TARGET, 'utf8') !== text) {
      console.error(`${TARGET} is stale: run node scripts/editor-schema.cjs`);
      process.exit(1);
    }
  } else {
    writeFileSync(TARGET, text);
  }
}
