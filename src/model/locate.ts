// Maps JSON pointers to places in the text, so every problem can be shown
// where it is: a 1-based line and column and a 0-based offset range.

import { parseTree, type Node } from 'jsonc-parser';
import { parsePointer, type PathSegment } from './pointer';
import { tooDeep } from './syntax';

export interface TextLocation {
  line: number;
  column: number;
  offset: number;
  length: number;
}

/** Offsets of the first character of every line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** 1-based line and column of an offset, found by binary search over the line starts. */
export function positionAt(starts: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/**
 * The node holding the value at `segments`, or the deepest ancestor that exists.
 * When a key appears twice the last one wins, as in JSON.parse.
 */
export function findNode(root: Node, segments: readonly PathSegment[]): { node: Node; exact: boolean } {
  let node = root;
  for (const segment of segments) {
    let next: Node | undefined;
    if (node.type === 'object' && typeof segment === 'string') {
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (key?.value === segment && value) next = value;
      }
    } else if (node.type === 'array' && typeof segment === 'number') {
      next = node.children?.[segment];
    }
    if (!next) return { node, exact: false };
    node = next;
  }
  return { node, exact: true };
}

/** Locates pointers in one parsed text; building the line table once. */
export class Locator {
  private readonly starts: number[];

  constructor(
    text: string,
    private readonly root: Node | undefined,
  ) {
    this.starts = lineStarts(text);
  }

  at(offset: number, length: number): TextLocation {
    return { ...positionAt(this.starts, offset), offset, length };
  }

  pointer(pointer: string): TextLocation {
    if (!this.root) return this.at(0, 0);
    const { node } = findNode(this.root, parsePointer(pointer));
    return this.at(node.offset, node.length);
  }
}

/**
 * Where the value at `pointer` is in `text`, or its nearest existing ancestor.
 * Text nested deeper than the loader accepts is not parsed (the parser recurses
 * per level and would overflow the stack); it locates at the start.
 */
export function locate(text: string, pointer: string): TextLocation {
  const root = tooDeep(text) >= 0 ? undefined : parseTree(text, undefined, { allowTrailingComma: true, disallowComments: false });
  return new Locator(text, root).pointer(pointer);
}
