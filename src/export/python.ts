// Python source helpers shared by the NumPy and PyTorch writers.

/** Shortest round-trip decimal; Python's float() reads it back to the same double. */
export function pyNumber(x: number): string {
  const text = String(x);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

export function pyList(values: readonly number[]): string {
  return `[${values.map(pyNumber).join(', ')}]`;
}

/** A matrix literal, one row per line, indented to sit under `indent`. */
export function pyMatrix(rows: readonly (readonly number[])[], indent: string): string {
  if (rows.length === 0) return '[]';
  return `[\n${rows.map((row) => `${indent}    ${pyList(row)},`).join('\n')}\n${indent}]`;
}

export function pyString(text: string): string {
  return JSON.stringify(text);
}

/** A one-line comment-safe version of free text. */
export function pyCommentText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

export function encodeText(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
