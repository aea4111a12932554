// Diverging colour scale for weights and biases: the sign picks the hue, the
// magnitude moves from a neutral colour towards it and sets width and opacity.
// Colours arrive already parsed from the theme, so this module stays DOM-free.

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export interface Palette {
  negative: Rgb;
  neutral: Rgb;
  positive: Rgb;
}

/** Symmetric: one domain [−m, m] for the whole network. Per layer: each layer's own m. */
export type Normalisation = 'symmetric' | 'perLayer';

export interface DivergingScale {
  /** m in the domain [−m, m]. */
  readonly maxAbs: number;
  /** |v| / m clamped to [0, 1]. */
  magnitude(value: number): number;
  colour(value: number): string;
  width(value: number): number;
  opacity(value: number): number;
}

export const MIN_WIDTH = 0.5;
export const MAX_WIDTH = 5;

export function divergingScale(maxAbs: number, palette: Palette): DivergingScale {
  const m = Number.isFinite(maxAbs) && maxAbs > 0 ? maxAbs : 1;
  const magnitude = (value: number): number => (Number.isFinite(value) ? Math.min(1, Math.abs(value) / m) : 1);
  return {
    maxAbs: m,
    magnitude,
    colour: (value) => toHex(mix(palette.neutral, value < 0 ? palette.negative : palette.positive, magnitude(value))),
    width: (value) => MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * magnitude(value),
    opacity: (value) => 0.2 + 0.8 * magnitude(value),
  };
}

/** The largest |value| over a layer's weights and bias. */
export function layerMaxAbs(weights: readonly (readonly number[])[], bias: readonly number[]): number {
  let m = 0;
  for (const row of weights) for (const w of row) if (Number.isFinite(w)) m = Math.max(m, Math.abs(w));
  for (const b of bias) if (Number.isFinite(b)) m = Math.max(m, Math.abs(b));
  return m;
}

/** One domain per layer: every layer gets the global maximum under symmetric normalisation. */
export function layerDomains(perLayerMax: readonly number[], mode: Normalisation): number[] {
  if (mode === 'perLayer') return [...perLayerMax];
  const global = Math.max(0, ...perLayerMax);
  return perLayerMax.map(() => global);
}

export function mix(from: Rgb, to: Rgb, t: number): Rgb {
  const u = Math.min(1, Math.max(0, t));
  return {
    r: from.r + (to.r - from.r) * u,
    g: from.g + (to.g - from.g) * u,
    b: from.b + (to.b - from.b) * u,
  };
}

export function toHex(c: Rgb): string {
  const part = (v: number): string => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0');
  return `#${part(c.r)}${part(c.g)}${part(c.b)}`;
}

/** Quantised magnitude bucket, so a canvas can stroke many links per style change. */
export function bucketOf(scale: DivergingScale, value: number, buckets: number): number {
  return Math.min(buckets - 1, Math.floor(scale.magnitude(value) * buckets));
}
