// What a training session runs on: the network built from the model and its
// seed, the prepared data, and a Trainer. Rebuilt from scratch on Reset.

import type { SampleSet } from '../data';
import { makeLoss, Trainer, type Loss, type Network } from '../engine';
import { networkFromModel } from '../model/network';
import { prepareData, trainerOptions, type PreparedData } from '../model/samples';
import type { NnModel } from '../model/types';

export interface Built {
  network: Network;
  trainer: Trainer;
  loss: Loss;
  data: PreparedData;
}

export function buildSession(model: NnModel, samples: SampleSet): Built {
  const network = networkFromModel(model);
  const data = prepareData(model, samples, network.outputSize);
  const trainer = new Trainer(network, data.train, trainerOptions(model, data, network.outputSize));
  return { network, trainer, loss: makeLoss(model.training.loss), data };
}
