// Colours read from VS Code's theme variables at render time, and a watcher
// that re-renders when the theme (the body's class) changes.
import { color } from 'd3';
import type { Palette, Rgb } from './viewmodel/scales';

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(name).trim();
  return value || fallback;
}

function rgb(text: string, fallback: Rgb): Rgb {
  const parsed = color(text)?.rgb();
  return parsed ? { r: parsed.r, g: parsed.g, b: parsed.b } : fallback;
}

/**
 * Blue for positive and orange for negative weights: a pair that stays apart
 * under the common forms of colour blindness, unlike red and green.
 */
export function readPalette(): Palette {
  const fg = rgb(cssVar('--vscode-editor-foreground', '#cccccc'), { r: 204, g: 204, b: 204 });
  const bg = rgb(cssVar('--vscode-editor-background', '#1e1e1e'), { r: 30, g: 30, b: 30 });
  return {
    positive: rgb(cssVar('--vscode-charts-blue', '#3794ff'), { r: 55, g: 148, b: 255 }),
    negative: rgb(cssVar('--vscode-charts-orange', '#d18616'), { r: 209, g: 134, b: 22 }),
    neutral: { r: (fg.r + bg.r) / 2, g: (fg.g + bg.g) / 2, b: (fg.b + bg.b) / 2 },
  };
}

/** The hue for unsigned magnitudes (|dL/dX| on the nodes), apart from the weights' blue and orange. */
export function readMagnitudeHue(): Rgb {
  return rgb(cssVar('--vscode-charts-purple', '#b180d7'), { r: 177, g: 128, b: 215 });
}

export function isHighContrast(): boolean {
  return document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');
}

export function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function watchTheme(onChange: () => void): void {
  new MutationObserver(onChange).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
