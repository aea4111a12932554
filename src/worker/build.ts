// What a training session runs on: the network built from the model and its
// seed, the prepared data, and a Trainer. Rebuilt from scratch on Reset.

import { DataError, type SampleSet } from '../data';
import { makeLoss, Trainer, type Loss, type Network } from '../engine';
import { networkFromModel, trainingRng } from '../model/network';
import { inferTask, prepareData, resolveSamples, type PreparedData } from '../model/samples';
import type { NnModel } from '../model/types';

export interface Built {
  network: Network;
  trainer: Trainer;
  loss: Loss;
  data: PreparedData;
}

/** The samples the model names; file sources come from `files`, which the host read. */
export async function loadSamples(model: NnModel, files: Record<string, string>): Promise<SampleSet> {
  return resolveSamples(model, async (path) => {
    const text = files[path];
    if (text === undefined) throw new DataError(`the data file "${path}" was not provided`);
    return text;
  });
}

export function buildSession(model: NnModel, samples: SampleSet): Built {
  const network = networkFromModel(model);
  const data = prepareData(model, samples, network.outputSize);
  const { batchSize } = model.training;
  if (batchSize > data.train.count) {
    throw new DataError(`batch size ${batchSize} is larger than the ${data.train.count} training samples; lower training.batchSize`);
  }
  const trainer = new Trainer(network, data.train, {
    loss: model.training.loss,
    optimizer: model.training.optimizer,
    schedule: model.training.schedule,
    batchSize,
    shuffle: model.training.shuffle ?? true,
    rng: trainingRng(model),
    testData: data.test,
    task: inferTask(model, network.outputSize),
  });
  return { network, trainer, loss: makeLoss(model.training.loss), data };
}
