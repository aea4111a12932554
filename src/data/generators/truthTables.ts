// The four two-input logic gates, as in the paper: inputs in {0,1}², one 0/1 target.
import { BINARY_CLASSES, emptySet } from './common';
import type { SampleSet } from '../types';

const GATES: Record<string, (a: number, b: number) => number> = {
  and: (a, b) => a & b,
  or: (a, b) => a | b,
  xor: (a, b) => a ^ b,
  nand: (a, b) => 1 - (a & b),
};

export const TRUTH_TABLES = Object.keys(GATES);

/** Rows in the paper's order: [0,0], [0,1], [1,0], [1,1]. */
export function truthTable(name: string): SampleSet {
  const gate = GATES[name];
  const set = emptySet(4, 1, 'binary', BINARY_CLASSES);
  for (let i = 0; i < 4; i++) {
    const a = i >> 1;
    const b = i & 1;
    set.inputs[2 * i] = a;
    set.inputs[2 * i + 1] = b;
    set.targets[i] = gate(a, b);
  }
  return set;
}
