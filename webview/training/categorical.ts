// Theme colours for class labels (multi-class boundaries and their points).
import { color } from 'd3';
import type { Rgb } from '../viewmodel/scales';

const VARS: readonly [string, string][] = [
  ['--vscode-charts-blue', '#3794ff'],
  ['--vscode-charts-orange', '#d18616'],
  ['--vscode-charts-green', '#89d185'],
  ['--vscode-charts-red', '#f14c4c'],
  ['--vscode-charts-purple', '#b180d7'],
  ['--vscode-charts-yellow', '#cca700'],
];

export function classColours(): Rgb[] {
  const style = getComputedStyle(document.body);
  return VARS.map(([name, fallback]) => {
    const c = color(style.getPropertyValue(name).trim() || fallback)?.rgb();
    return c ? { r: c.r, g: c.g, b: c.b } : { r: 128, g: 128, b: 128 };
  });
}

export function css(c: Rgb, alpha = 1): string {
  return `rgba(${Math.round(c.r)}, ${Math.round(c.g)}, ${Math.round(c.b)}, ${alpha})`;
}
