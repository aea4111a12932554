// Mutations of `.nnjson` text for the property-based tests of the loader:
// truncation, deletion, duplication, hostile tokens, changed numbers, huge
// declared sizes and swapped lines. Each carries a readable name, so a
// counterexample says what was done to the file.

import fc from 'fast-check';

export type Mutation = (text: string) => string;

const named = (label: string, fn: Mutation): Mutation => Object.assign(fn, { toString: () => label });

/** A position in `text` (its end included) from any natural number. */
const at = (text: string, n: number): number => (text.length === 0 ? 0 : n % (text.length + 1));

const TOKENS = [
  '{', '}', '[', ']', ',', ':', '"', 'null', 'true', '-1', '0', '2.5', '-0', '"x"', '\n', '\r', '\\',
  'NaN', 'Infinity', '-Infinity', '1e999', '//', '/*', '\u0000', '\ufeff', '\ud800', '\u{1F600}', '['.repeat(64),
  '"__proto__": {"x": 1},', '"constructor": 1,', '"units": 0,', '"type": "dense",', '[[1, 2]]',
];

const HUGE = ['1e9', '100001', '2147483648', '9007199254740993', '1e308', '1e999', '-1e999', '0', '-0', '0.5', '50000'];

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n) => named(`truncate at ${n}`, (t) => t.slice(0, at(t, n)))),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 60 })).map(([n, k]) =>
    named(`delete ${k} characters at ${n}`, (t) => t.slice(0, at(t, n)) + t.slice(at(t, n) + k)),
  ),
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 200 })).map(([n, k]) =>
    named(`duplicate ${k} characters at ${n}`, (t) => t.slice(0, at(t, n) + k) + t.slice(at(t, n))),
  ),
  fc.tuple(fc.nat(), fc.constantFrom(...TOKENS)).map(([n, token]) =>
    named(`insert ${JSON.stringify(token)} at ${n}`, (t) => t.slice(0, at(t, n)) + token + t.slice(at(t, n))),
  ),
  fc.tuple(fc.nat(), fc.oneof(fc.integer({ min: -3, max: 200_000 }).map(String), fc.double().map((d) => (Number.isFinite(d) ? String(d) : '1e400')))).map(
    ([k, replacement]) =>
      named(`replace number #${k} with ${replacement}`, (t) => {
        const numbers = [...t.matchAll(/-?\d+(\.\d+)?([eE][+-]?\d+)?/g)];
        if (numbers.length === 0) return t;
        const m = numbers[k % numbers.length];
        return t.slice(0, m.index) + replacement + t.slice(m.index + m[0].length);
      }),
  ),
  // Huge or degenerate declared sizes, rates and counts.
  fc.tuple(fc.constantFrom('units', 'inputs', 'epochs', 'batchSize', 'learningRate', 'samples'), fc.constantFrom(...HUGE)).map(([key, value]) =>
    named(`set every ${key} to ${value}`, (t) => t.replace(new RegExp(`("${key}":\\s*)(-?[\\d.eE+-]+)`, 'g'), `$1${value}`)),
  ),
  // Swapping two lines swaps values between fields, and layers between places.
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) =>
    named(`swap lines ${a} and ${b}`, (t) => {
      const lines = t.split('\n');
      const i = a % lines.length;
      const j = b % lines.length;
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }),
  ),
);
