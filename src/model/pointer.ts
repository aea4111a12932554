// JSON pointers (RFC 6901) and the dotted paths used in messages.

export type PathSegment = string | number;

/** "/layers/2/units" → ["layers", 2, "units"]; array indexes become numbers. */
export function parsePointer(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : key;
    });
}

export function toPointer(segments: readonly PathSegment[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** "/layers/2/units" → "layers[2].units"; the document itself is "the document". */
export function pointerToPath(pointer: string): string {
  const segments = parsePointer(pointer);
  if (segments.length === 0) return 'the document';
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) path += (path === '' ? '' : '.') + segment;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}
