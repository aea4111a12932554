// A PyTorch training script for one network: an nn.Module with the trained
// weights embedded, the same loss, optimizer and schedule, a loader for the
// same CSV, and DistributedDataParallel when torchrun starts several processes.

import type { NnModel } from '../model/types';
import { pipelineOf } from './pipeline';
import { pyCommentText, pyList, pyMatrix, pyString } from './python';
import { TORCH_LOSSES, torchLayer, torchOptimizer, torchSchedule } from './pytorchParts';
import { PYTORCH_MAIN } from './pytorchMain';

/** Where the script reads its samples and how its columns map to inputs and targets. */
export interface TorchData {
  /** CSV path, relative to the script's folder; null means --data must be given. */
  path: string | null;
  inputs: string[];
  targets: string[];
  /** Label column and its classes, when targets are one-hot (or 0/1) encoded from labels. */
  categorical?: { column: string; classes: string[] };
}

function trainedState(model: NnModel): string {
  const { stages } = pipelineOf(model, false);
  const entries: string[] = [];
  stages.forEach((stage, k) => {
    if (stage.kind !== 'dense') return;
    entries.push(`    "layers.${k}.weight": ${pyMatrix(stage.weights, '    ')},`);
    entries.push(`    "layers.${k}.bias": ${pyList(stage.bias)},`);
  });
  return entries.join('\n');
}

export function exportPytorch(model: NnModel, data: TorchData): string {
  const { stages, inputs, scaling } = pipelineOf(model, false);
  const t = model.training;
  const title = pyCommentText(model.name ?? 'network').replace(/["\\]/g, "'");
  const scale = scaling?.scale ?? new Array<number>(inputs).fill(1);
  const shift = scaling?.shift ?? new Array<number>(inputs).fill(0);
  const layers = stages.map((s) => `            ${torchLayer(s)}`).join('\n');
  return `"""${title}: a network from NN Designer as a PyTorch training script.

It starts from the trained weights and trains on every row of the CSV (the
editor's test split is not held out). One process:

    python3 this_file.py [--data FILE.csv] [--epochs N] [--out weights.pt]

Several processes or machines, with DistributedDataParallel:

    torchrun --nproc_per_node=4 this_file.py
    torchrun --nnodes=2 --node_rank=0 --master_addr=HOST --nproc_per_node=4 this_file.py

The batch size is per process; each process sees its own shard of the data.
"""
import argparse
import csv
import os

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

DATA = ${data.path === null ? 'None' : pyString(data.path)}
INPUT_COLUMNS = [${data.inputs.map(pyString).join(', ')}]
TARGET_COLUMNS = [${data.targets.map(pyString).join(', ')}]
# A label column turned into targets: two classes give one 0/1 target, more give one-hot targets.
CLASS_COLUMN = ${data.categorical ? pyString(data.categorical.column) : 'None'}
CLASSES = [${(data.categorical?.classes ?? []).map(pyString).join(', ')}]

EPOCHS = ${t.epochs}
BATCH_SIZE = ${t.batchSize}
SEED = ${t.seed}
SHUFFLE = ${t.shuffle === false ? 'False' : 'True'}
EPSILON = 1e-7  # predictions are clipped to [EPSILON, 1 - EPSILON] before a logarithm


class Network(nn.Module):
    def __init__(self):
        super().__init__()
        # Input scaling fitted at training time: x * input_scale + input_shift.
        self.register_buffer("input_scale", torch.tensor(${pyList(scale)}))
        self.register_buffer("input_shift", torch.tensor(${pyList(shift)}))
        self.layers = nn.Sequential(
${layers}
        )

    def forward(self, x):
        return self.layers(x * self.input_scale + self.input_shift)


# nn.Linear stores its weight as (out, in): the paper's W[j][i], no transpose.
TRAINED = {
${trainedState(model)}
}


def trained_network():
    network = Network()
    state = network.state_dict()
    state.update({name: torch.tensor(value) for name, value in TRAINED.items()})
    network.load_state_dict(state)
    return network


def loss_fn(pred, target):
    ${TORCH_LOSSES[t.loss]}


def make_optimizer(parameters):
    return ${torchOptimizer(t.optimizer)}


def make_schedule(optimizer):
    """Stepped once per epoch."""
    return ${torchSchedule(t.schedule)}
${PYTORCH_MAIN}`;
}
