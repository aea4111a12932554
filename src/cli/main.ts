// The `nnjson` command-line tool: train, predict, inspect and validate `.nnjson`
// networks with the same engine and file model as the editor.

import { Command, InvalidArgumentError, CommanderError } from 'commander';
import packageJson from '../../package.json';
import { CliError } from './io';
import { inspectCommand, validateCommand } from './inspect';
import { predictCommand } from './predict';
import { trainCommand } from './train';
import { registerInterop } from './interop';

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number ≥ 0');
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a number greater than 0');
  return n;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function buildProgram(): Command {
  const program = new Command('nnjson')
    .description('Train, run and inspect NN Designer networks (.nnjson files).')
    .version(packageJson.version)
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.startsWith('error:') ? `nnjson: ${text}` : text) });

  program
    .command('train')
    .description('train the network on its data and write the weights and history back to FILE (or to --out)')
    .argument('<file>', '.nnjson file')
    .option('--epochs <n>', 'number of epochs', positiveInt)
    .option('--lr <x>', 'learning rate', positiveNumber)
    .option('--batch <n>', 'batch size (1 trains per sample, as in the paper)', positiveInt)
    .option('--seed <n>', 'seed for weights that are not stored yet and for shuffling', nonNegativeInt)
    .option('--out <file>', 'write the trained network here instead of overwriting FILE')
    .option('-q, --quiet', 'print only the final line')
    .action((file: string, flags) => trainCommand(file, flags));

  program
    .command('predict')
    .description('run the network forward on the given inputs')
    .argument('<file>', '.nnjson file')
    .option('--input <values>', 'comma-separated inputs; repeat, or separate samples with ";"', collect)
    .option('--csv <file>', 'a CSV file whose header names the input columns')
    .option('--json', 'print the outputs as a JSON array')
    .action((file: string, flags) => predictCommand(file, flags));

  program
    .command('inspect')
    .description('show the architecture, parameter count and weight statistics')
    .argument('<file>', '.nnjson file')
    .option('--json', 'print the figures as JSON')
    .action((file: string, flags) => inspectCommand(file, flags));

  program
    .command('validate')
    .description('check the file against the format; exits 1 and lists each problem with its line if invalid')
    .argument('<file>', '.nnjson file')
    .action((file: string) => validateCommand(file));

  registerInterop(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander.
      return err.exitCode === 0 ? 0 : 1;
    }
    if (err instanceof CliError) {
      process.stderr.write(`nnjson: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(`nnjson: internal error: ${(err as Error).message}\n`);
    if (process.env.NNJSON_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return 2;
  }
}
