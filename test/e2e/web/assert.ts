// The few assertions the web suite needs; Node's `assert` is not there in a
// Web Worker. Values are compared as JSON, which is all these tests hold.

export function ok(value: unknown, message = 'expected a truthy value'): asserts value {
  if (!value) throw new Error(message);
}

export function equal(actual: unknown, expected: unknown, message?: string): void {
  if (actual !== expected) throw new Error(`${message ? `${message}: ` : ''}${String(actual)} !== ${String(expected)}`);
}

export function notEqual(actual: unknown, unexpected: unknown, message?: string): void {
  if (actual === unexpected) throw new Error(`${message ? `${message}: ` : ''}did not expect ${String(actual)}`);
}

export function deepEqual(actual: unknown, expected: unknown, message?: string): void {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  if (a !== b) throw new Error(`${message ? `${message}: ` : ''}${a} differs from ${b}`);
}
