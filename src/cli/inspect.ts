// `nnjson inspect FILE` and `nnjson validate FILE`: what the network is, how
// big it is, how its weights look, and what is wrong with the file if anything.

import { loadModel } from '../model/parse';
import { describeModel, weightStats } from '../model/describe';
import { networkFromModel } from '../model/network';
import { CliError, locatedErrors, readText } from './io';

export async function inspectCommand(file: string, flags: { json?: boolean }): Promise<void> {
  const result = loadModel(await readText(file, '.nnjson file'));
  if (!result.ok) {
    throw new CliError(`${file} is not a valid network:\n${locatedErrors(file, result.errors)}`);
  }
  if (flags.json) {
    const network = networkFromModel(result.model);
    const layers = network.denseLayers().map((d) => ({
      inputs: d.inputSize,
      units: d.units,
      parameters: d.units * d.inputSize + d.units,
      weights: weightStats(d.weights),
      bias: weightStats(d.bias),
    }));
    process.stdout.write(JSON.stringify({ parameters: network.parameterCount(), layers }, null, 2) + '\n');
    return;
  }
  process.stdout.write(describeModel(result.model) + '\n');
}

export async function validateCommand(file: string): Promise<void> {
  const result = loadModel(await readText(file, '.nnjson file'));
  if (!result.ok) {
    throw new CliError(locatedErrors(file, result.errors));
  }
  process.stdout.write(`${file}: valid\n`);
}
