// What a training session runs on: the network built from the model and its
// seed, the prepared data, and a Trainer (WASM-resident where createTrainer
// finds it fits the runtime given). Rebuilt from scratch on Reset.

import type { SampleSet } from '../data';
import { makeLoss, type Loss, type Network, type Trainer } from '../engine';
import { createTrainer, type TrainerChoice } from '../engine/wasm/select';
import { networkFromModel } from '../model/network';
import { prepareData, trainerOptions, type PreparedData } from '../model/samples';
import type { NnModel } from '../model/types';

export interface Built {
  network: Network;
  trainer: Trainer;
  loss: Loss;
  data: PreparedData;
}

export function buildSession(model: NnModel, samples: SampleSet, kernels: TrainerChoice = {}): Built {
  const network = networkFromModel(model);
  const data = prepareData(model, samples, network.outputSize);
  const trainer = createTrainer(network, data.train, trainerOptions(model, data, network.outputSize), {
    ...kernels,
    // Snapshots show the probe's per-neuron dL/dX, not the epoch's ‖dL/dX‖ of the data.
    firstInputNorm: false,
  });
  return { network, trainer, loss: makeLoss(model.training.loss), data };
}
