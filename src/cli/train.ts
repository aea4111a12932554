// `nnjson train FILE`: trains the network described by FILE on its data and
// writes the trained weights and the loss history back (atomically), or to --out.

import type { EpochReport } from '../engine';
import { createTrainer } from '../engine/wasm/select';
import { DataError } from '../data';
import { debug, trainerChoice, useWasmKernels } from '../kernels/node';
import { modelWithNetwork, networkFromModel } from '../model/network';
import { prepareData, resolveSamples, trainerOptions } from '../model/samples';
import { appendHistory } from '../model/history';
import { serializeModel } from '../model/serialize';
import type { NnModel } from '../model/types';
import { CliError, dataReader, readModel, writeAtomic } from './io';
import { formatLoss, Progress } from './progress';

export interface TrainFlags {
  epochs?: number;
  lr?: number;
  batch?: number;
  seed?: number;
  out?: string;
  quiet?: boolean;
}

/** The model with the command-line overrides applied. */
export function withOverrides(model: NnModel, flags: TrainFlags): NnModel {
  const training = { ...model.training, optimizer: { ...model.training.optimizer } };
  if (flags.epochs !== undefined) training.epochs = flags.epochs;
  if (flags.batch !== undefined) training.batchSize = flags.batch;
  if (flags.seed !== undefined) training.seed = flags.seed;
  if (flags.lr !== undefined) training.optimizer.learningRate = flags.lr;
  return { ...model, training };
}

/** How often a run lets a pending Ctrl-C through. */
const INTERRUPT_CHECK_MS = 50;

export async function trainCommand(file: string, flags: TrainFlags): Promise<void> {
  const model = withOverrides(await readModel(file), flags);
  const network = networkFromModel(model);
  let data;
  let options;
  try {
    const samples = await resolveSamples(model, dataReader(file));
    data = prepareData(model, samples, network.outputSize);
    options = trainerOptions(model, data, network.outputSize);
  } catch (err) {
    // A problem with the data file's contents is named after that file; a training setting that does not fit it, after the network.
    const source = model.data?.source === 'file' && data === undefined ? model.data.path : file;
    throw err instanceof DataError ? new CliError(`${source}: ${err.message}`) : err;
  }
  const { epochs } = model.training;

  const signal = { aborted: false };
  const onInterrupt = (): void => {
    signal.aborted = true;
  };
  process.once('SIGINT', onInterrupt);
  const progress = new Progress(process.stderr, process.stderr.isTTY === true && !flags.quiet);
  const reports: EpochReport[] = [];
  const started = Date.now();
  try {
    const trainer = createTrainer(network, data.train, options, { ...trainerChoice(useWasmKernels()), firstInputNorm: false });
    debug(`trainer: ${trainer.backend}`);
    let yielded = Date.now();
    for (let e = 0; e < epochs; e++) {
      // Epochs run synchronously; a signal handler runs only on the event loop, so let it in now and then, or Ctrl-C waits for the whole run.
      if (Date.now() - yielded >= INTERRUPT_CHECK_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        yielded = Date.now();
      }
      const report = trainer.runEpoch(signal);
      if (report === undefined) break;
      reports.push(report);
      if (!Number.isFinite(report.loss)) {
        progress.finish();
        throw new CliError(
          `${file}: training diverged at epoch ${report.epoch} (loss ${report.loss}); the file was not changed. ` +
            `Try a lower learning rate than ${model.training.optimizer.learningRate}.`,
        );
      }
      if (!flags.quiet) {
        const seconds = Math.max((Date.now() - started) / 1000, 1e-3);
        progress.update({
          epoch: report.epoch,
          epochs,
          loss: report.loss,
          accuracy: report.accuracy,
          samplesPerSecond: (report.epoch * data.train.count) / seconds,
        });
      }
    }
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
  progress.finish();
  if (signal.aborted) {
    throw new CliError(`${file}: training interrupted after ${reports.length} of ${epochs} epochs; the file was not changed`);
  }

  let trained = modelWithNetwork(model, network);
  trained = {
    ...trained,
    history: appendHistory(model.history, { loss: reports.map((r) => r.loss), testLoss: reports.map((r) => r.testLoss), accuracy: reports.map((r) => r.accuracy) }),
  };
  if (model.data && data.normalization.method !== 'none') {
    trained = { ...trained, data: { ...model.data, normalization: data.normalization } };
  }
  const target = flags.out ?? file;
  await writeAtomic(target, serializeModel(trained));
  const last = reports[reports.length - 1];
  const acc = last?.accuracy === undefined ? '' : `, accuracy ${(last.accuracy * 100).toFixed(1)}%`;
  const test = last?.testLoss === undefined ? '' : `, test loss ${formatLoss(last.testLoss)}`;
  process.stdout.write(`trained ${reports.length} epochs: loss ${last ? formatLoss(last.loss) : 'n/a'}${test}${acc}; wrote ${target}\n`);
}
