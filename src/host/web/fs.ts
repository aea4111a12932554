// Stands in for `node:fs` in the browser builds. Shared code streams from disk
// only for file: URIs, which VS Code for the Web does not hand out; reaching
// this is a bug, reported as such.

export function createReadStream(path: string): never {
  throw new Error(`cannot read ${path} from disk in VS Code for the Web`);
}
