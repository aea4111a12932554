// Messages with typed arrays and non-finite numbers, delivered the way the host's
// structured clone would: JSON cannot carry them, so they travel tagged and are rebuilt in the page.
import type { Page } from 'playwright-core';
import type { HostToWebview } from '../../../src/protocol/webview';

/** A page-side expression that rebuilds `value`, typed arrays and non-finite numbers included. */
export function typedExpression(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Float32Array) return { $f32: Array.from(v, (x) => (Number.isFinite(x) ? x : String(x))) };
    if (v instanceof Uint8Array) return { $u8: Array.from(v) };
    return typeof v === 'number' && !Number.isFinite(v) ? { $num: String(v) } : v;
  });
  return `JSON.parse(${JSON.stringify(text)}, (key, value) => {
    if (value && typeof value === 'object' && '$f32' in value) return Float32Array.from(value.$f32, Number);
    if (value && typeof value === 'object' && '$u8' in value) return Uint8Array.from(value.$u8);
    if (value && typeof value === 'object' && '$num' in value) return Number(value.$num);
    return value;
  })`;
}

export async function deliverTyped(page: Page, message: HostToWebview): Promise<void> {
  await page.evaluate(`window.postMessage(${typedExpression(message)}, '*')`);
}

/** Resolves after the page has drawn `n` animation frames. */
export async function nextFrames(page: Page, n = 2): Promise<void> {
  for (let k = 0; k < n; k++) await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(0)))');
}
