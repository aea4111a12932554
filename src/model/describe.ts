// A plain-text description of a network: architecture, sizes, weight statistics,
// training setup. Used by `nnjson inspect` and by "NN Designer: Describe Network",
// so a screen-reader user and a terminal user read the same facts.

import { networkFromModel } from './network';
import type { NnModel } from './types';

export interface WeightStats {
  count: number;
  min: number;
  max: number;
  mean: number;
  std: number;
}

export function weightStats(values: ArrayLike<number>): WeightStats {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  const mean = values.length > 0 ? sum / values.length : 0;
  let sq = 0;
  for (let k = 0; k < values.length; k++) sq += (values[k] - mean) ** 2;
  return { count: values.length, min, max, mean, std: values.length > 0 ? Math.sqrt(sq / values.length) : 0 };
}

const num = (x: number): string => (Math.abs(x) >= 1e4 || (x !== 0 && Math.abs(x) < 1e-3) ? x.toExponential(2) : x.toFixed(4));

/** A plain-text description of the network, one fact per line. */
export function describeModel(model: NnModel): string {
  const network = networkFromModel(model);
  const lines: string[] = [];
  lines.push(`${model.name ?? 'Unnamed network'} (nnjson version ${model.version})`);
  if (model.description) lines.push(model.description);
  lines.push('');
  lines.push(`input: ${model.inputs} feature${model.inputs === 1 ? '' : 's'}${model.inputNames ? ` (${model.inputNames.join(', ')})` : ''}`);
  const dense = network.denseLayers();
  let k = 0;
  model.layers.forEach((spec, index) => {
    if (spec.type === 'activation') {
      lines.push(`  [${index}] activation ${spec.activation}${spec.alpha !== undefined ? ` (alpha ${spec.alpha})` : ''}`);
      return;
    }
    const d = dense[k++];
    const params = d.units * d.inputSize + d.units;
    const w = weightStats(d.weights);
    const b = weightStats(d.bias);
    const origin = spec.weights ? 'trained/stored' : `not stored; initialised from seed ${model.training.seed}`;
    lines.push(`  [${index}] dense ${d.inputSize} → ${d.units}${spec.name ? ` "${spec.name}"` : ''}: ${params} parameters (W ${d.units}×${d.inputSize} + b ${d.units})`);
    lines.push(`        W: min ${num(w.min)}, max ${num(w.max)}, mean ${num(w.mean)}, std ${num(w.std)} (${origin})`);
    lines.push(`        b: min ${num(b.min)}, max ${num(b.max)}, mean ${num(b.mean)}`);
  });
  lines.push(`output: ${network.outputSize}${model.outputNames ? ` (${model.outputNames.join(', ')})` : ''}`);
  lines.push(`parameters: ${network.parameterCount()} in total (paper eq. 2: sum of n_in·n_out + n_out)`);
  lines.push('');
  const t = model.training;
  const opt = Object.entries(t.optimizer)
    .filter(([key]) => key !== 'type')
    .map(([key, v]) => `${key} ${String(v)}`)
    .join(', ');
  lines.push(`training: loss ${t.loss}, optimizer ${t.optimizer.type} (${opt}), ${t.epochs} epochs, batch ${t.batchSize}, seed ${t.seed}`);
  if (model.data) {
    const d = model.data;
    const src = d.source === 'builtin' ? `built-in "${d.name}"` : d.source === 'file' ? `file ${d.path}` : `${d.inputs.length} inline samples`;
    lines.push(`data: ${src}`);
  }
  if (model.history && model.history.loss.length > 0) {
    const h = model.history.loss;
    lines.push(`history: ${h.length} epochs, loss ${num(h[0])} → ${num(h[h.length - 1])}`);
  }
  return lines.join('\n');
}
