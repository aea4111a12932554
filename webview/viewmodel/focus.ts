// Keyboard cursor and focus mode over the diagram's grid of columns and neurons.
// A cursor with no neuron sits on the column's layer header.

export interface Cursor {
  column: number;
  neuron: number | undefined;
}

export type Move = 'left' | 'right' | 'up' | 'down' | 'home' | 'end';

/** `visible[k]` is the number of focusable neurons in column k. */
export function moveCursor(cursor: Cursor, move: Move, visible: readonly number[]): Cursor {
  const last = visible.length - 1;
  if (last < 0) return cursor;
  const column = Math.min(last, Math.max(0, cursor.column));
  const clampNeuron = (c: number, n: number | undefined): number | undefined =>
    n === undefined ? undefined : Math.min(Math.max(0, visible[c]! - 1), n);
  switch (move) {
    case 'left':
      return { column: Math.max(0, column - 1), neuron: clampNeuron(Math.max(0, column - 1), cursor.neuron) };
    case 'right':
      return { column: Math.min(last, column + 1), neuron: clampNeuron(Math.min(last, column + 1), cursor.neuron) };
    case 'up':
      if (cursor.neuron === undefined || cursor.neuron === 0) return { column, neuron: undefined };
      return { column, neuron: cursor.neuron - 1 };
    case 'down':
      if (visible[column] === 0) return { column, neuron: undefined };
      if (cursor.neuron === undefined) return { column, neuron: 0 };
      return { column, neuron: Math.min(visible[column]! - 1, cursor.neuron + 1) };
    case 'home':
      return { column, neuron: visible[column]! > 0 ? 0 : undefined };
    case 'end':
      return { column, neuron: visible[column]! > 0 ? visible[column]! - 1 : undefined };
  }
}

export function sameCursor(a: Cursor | undefined, b: Cursor | undefined): boolean {
  return a !== undefined && b !== undefined && a.column === b.column && a.neuron === b.neuron;
}

/** A neuron in focus mode highlights every link into and out of it. */
export interface Focus {
  column: number;
  neuron: number;
}

/** Link from neuron i of column k−1 to neuron j of column k. */
export function linkInFocus(focus: Focus | undefined, column: number, j: number, i: number): boolean {
  if (!focus) return true;
  return (focus.column === column && focus.neuron === j) || (focus.column === column - 1 && focus.neuron === i);
}

export function neuronInFocus(focus: Focus | undefined, column: number, neuron: number): boolean {
  if (!focus) return true;
  if (focus.column === column) return focus.neuron === neuron;
  return Math.abs(focus.column - column) === 1;
}
