// The compiled validator for media/nnjson.schema.json, built once on first use.

import Ajv, { type ValidateFunction } from 'ajv';
import schema from '../../media/nnjson.schema.json';

/** Keywords VS Code's JSON language service reads for IntelliSense; they do not affect validation. */
const EDITOR_KEYWORDS = ['markdownDescription', 'markdownEnumDescriptions', 'defaultSnippets'];

let compiled: ValidateFunction | undefined;

export function schemaValidator(): ValidateFunction {
  if (!compiled) {
    // strictRequired is off because "then" branches name properties defined beside them.
    // verbose: each error carries the schema it failed, which the messages are written from.
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false });
    for (const keyword of EDITOR_KEYWORDS) ajv.addKeyword(keyword);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

export { schema as nnjsonSchema };
