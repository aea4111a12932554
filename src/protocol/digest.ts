// A short fingerprint of the model the designer drew, which it puts on its
// page, so an end-to-end test can check that the designer shows the document's
// text and not an older one without reading the whole diagram back.

/** The JSON text's length and its 32-bit FNV-1a hash over UTF-16 code units, e.g. `1834-9f0c21aa`. */
export function modelDigest(model: unknown): string {
  const text = JSON.stringify(model) ?? '';
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${text.length}-${hash.toString(16).padStart(8, '0')}`;
}
