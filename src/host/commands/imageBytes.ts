// The bytes of an exported diagram. The webview hands over SVG text, or a PNG
// as a data: URL whose payload is base64; atob decodes it in Node and in the
// browser's extension host alike, where Buffer does not exist.

export type ImageFormat = 'svg' | 'png';

export function imageBytes(format: ImageFormat, data: string): Uint8Array {
  if (format === 'svg') return new TextEncoder().encode(data);
  return Uint8Array.from(atob(data.slice(data.indexOf(',') + 1)), (c) => c.charCodeAt(0));
}
