// Where the PyTorch script's samples come from: the model's own CSV when it
// has one, otherwise a CSV written beside the script from the resolved samples.

import type { SampleSet } from '../data';
import { resolveSamples, type ReadText } from '../model/samples';
import type { NnModel } from '../model/types';
import { outputSize } from '../model/layers';
import type { TorchData } from './pytorchExport';
import type { ExportFile } from './types';
import { encodeText } from './python';

function samplesCsv(set: SampleSet): string {
  const lines = [[...set.inputNames, ...set.targetNames].map(csvCell).join(',')];
  for (let s = 0; s < set.count; s++) {
    const row = [...set.inputs.subarray(s * set.inputSize, (s + 1) * set.inputSize), ...set.targets.subarray(s * set.targetSize, (s + 1) * set.targetSize)];
    lines.push(row.map(String).join(','));
  }
  return lines.join('\n') + '\n';
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The script's data settings, and the extra CSV file when one is needed. */
export async function torchData(model: NnModel, csvName: string, readData?: ReadText): Promise<{ data: TorchData; extra?: ExportFile }> {
  const spec = model.data;
  if (spec?.source === 'file' && spec.path.toLowerCase().endsWith('.csv')) {
    const categorical = spec.categorical && { column: spec.categorical.column, classes: spec.categorical.classes ?? [] };
    return { data: { path: spec.path, inputs: spec.inputs, targets: spec.targets, categorical } };
  }
  if (spec && (spec.source !== 'file' || readData)) {
    const set = await resolveSamples(model, readData ?? (() => Promise.reject(new Error('no reader'))));
    return {
      data: { path: csvName, inputs: set.inputNames, targets: set.targetNames },
      extra: { name: csvName, bytes: encodeText(samplesCsv(set)) },
    };
  }
  const inputs = model.inputNames ?? Array.from({ length: model.inputs }, (_, i) => `x${i + 1}`);
  const targets = Array.from({ length: outputSize(model) }, (_, k) => `y${k + 1}`);
  return { data: { path: null, inputs, targets } };
}
