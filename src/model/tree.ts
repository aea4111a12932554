// Reads values out of the parse tree. Builds plain objects without going
// through property assignment, so a key such as "__proto__" stays an
// ordinary field; and reports what JSON.parse would silently accept:
// duplicate keys and numbers that overflow to Infinity.

import type { Node } from 'jsonc-parser';
import type { Issue } from './issue';
import { pointerToPath, toPointer, type PathSegment } from './pointer';

export function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const obj: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (!key || !value) continue;
        Object.defineProperty(obj, String(key.value), { value: nodeValue(value), enumerable: true, writable: true, configurable: true });
      }
      return obj;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

/** Duplicate keys and non-finite numbers, in document order. */
export function structureIssues(root: Node): Issue[] {
  const issues: Issue[] = [];
  const walk = (node: Node, path: PathSegment[]): void => {
    if (node.type === 'object') {
      const seen = new Set<string>();
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (!key || !value) continue;
        const name = String(key.value);
        const at = [...path, name];
        if (seen.has(name)) {
          issues.push({ pointer: toPointer(at), message: `${pointerToPath(toPointer(at))} appears twice; keep only one`, kind: 'structure' });
        }
        seen.add(name);
        walk(value, at);
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((child, i) => walk(child, [...path, i]));
    } else if (node.type === 'number' && !Number.isFinite(node.value)) {
      const pointer = toPointer(path);
      issues.push({ pointer, message: `${pointerToPath(pointer)} must be a finite number; it is too large to represent`, kind: 'structure' });
    }
  };
  walk(root, []);
  return issues;
}
