// A problem found while loading, before it is given a line and column.

export interface Issue {
  /** JSON pointer of the offending value; for a missing property, its parent object. */
  pointer: string;
  /** Plain sentence without the location, e.g. "layers[2].units must be a positive integer". */
  message: string;
  /** An explicit text range, for problems that are not about a value (syntax errors). */
  range?: { offset: number; length: number };
  /** Where the issue came from; a structure issue (duplicate key, non-finite number) explains a schema issue at the same pointer. */
  kind: 'syntax' | 'structure' | 'schema' | 'semantic';
}
