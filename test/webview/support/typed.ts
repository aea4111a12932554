// Messages with typed arrays and non-finite numbers, delivered the way the host's
// structured clone would: JSON cannot carry them, so they travel tagged and are rebuilt in the page.
import type { Page } from 'playwright-core';
import type { HostToWebview } from '../../../src/protocol/webview';

export async function deliverTyped(page: Page, message: HostToWebview): Promise<void> {
  const text = JSON.stringify(message, (_key, value: unknown) => {
    if (value instanceof Float32Array) return { $f32: Array.from(value, (v) => (Number.isFinite(v) ? v : String(v))) };
    if (value instanceof Uint8Array) return { $u8: Array.from(value) };
    return typeof value === 'number' && !Number.isFinite(value) ? { $num: String(value) } : value;
  });
  await page.evaluate(`window.postMessage(JSON.parse(${JSON.stringify(text)}, (key, value) => {
    if (value && typeof value === 'object' && '$f32' in value) return Float32Array.from(value.$f32, Number);
    if (value && typeof value === 'object' && '$u8' in value) return Uint8Array.from(value.$u8);
    if (value && typeof value === 'object' && '$num' in value) return Number(value.$num);
    return value;
  }), '*')`);
}

/** Resolves after the page has drawn `n` animation frames. */
export async function nextFrames(page: Page, n = 2): Promise<void> {
  for (let k = 0; k < n; k++) await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(0)))');
}
