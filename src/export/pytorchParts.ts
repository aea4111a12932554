// Pieces of the PyTorch script that depend on the model: layers, loss,
// optimizer, schedule. Each matches the engine's definition.

import type { LossName, OptimizerSpec, ScheduleSpec } from '../model/types';
import { pyNumber } from './python';
import type { Stage } from './types';

export function torchLayer(stage: Stage): string {
  if (stage.kind === 'dense') return `nn.Linear(${stage.inputSize}, ${stage.units}),  # ${stage.name}`;
  switch (stage.activation) {
    case 'relu':
      return 'nn.ReLU(),';
    case 'leakyRelu':
      return `nn.LeakyReLU(${pyNumber(stage.alpha)}),`;
    case 'sigmoid':
      return 'nn.Sigmoid(),';
    case 'tanh':
      return 'nn.Tanh(),';
    case 'softmax':
      return 'nn.Softmax(dim=1),';
    case 'linear':
      return 'nn.Identity(),';
  }
}

const CLIPPED = 'pred.clamp(EPSILON, 1 - EPSILON)';

/** The body of loss_fn(pred, target): the batch mean of the per-sample loss, as the engine defines it. */
export const TORCH_LOSSES: Record<LossName, string> = {
  mse: 'return ((pred - target) ** 2).mean()',
  mae: 'return (pred - target).abs().mean()',
  crossEntropy: `return -(target * ${CLIPPED}.log()).sum(dim=1).mean()`,
  categoricalCrossEntropy: `return -(target * ${CLIPPED}.log()).sum(dim=1).mean()`,
  binaryCrossEntropy: `p = ${CLIPPED}\n    return -(target * p.log() + (1 - target) * (1 - p).log()).mean()`,
  hinge: 'labels = torch.where(target > 0, 1.0, -1.0)  # {0, 1} targets become {-1, +1}\n    return (1 - labels * pred).clamp(min=0).mean()',
};

export function torchOptimizer(spec: OptimizerSpec): string {
  const lr = pyNumber(spec.learningRate);
  switch (spec.type) {
    case 'sgd':
      return `torch.optim.SGD(parameters, lr=${lr})`;
    case 'momentum':
      // v ← μv + g; w ← w − ηv, the same form as the editor's momentum.
      return `torch.optim.SGD(parameters, lr=${lr}, momentum=${pyNumber(spec.momentum ?? 0.9)})`;
    case 'adam':
      return `torch.optim.Adam(parameters, lr=${lr}, betas=(${pyNumber(spec.beta1 ?? 0.9)}, ${pyNumber(spec.beta2 ?? 0.999)}), eps=${pyNumber(spec.epsilon ?? 1e-8)})`;
  }
}

export function torchSchedule(spec: ScheduleSpec | undefined): string {
  switch (spec?.type) {
    case 'step':
      return `torch.optim.lr_scheduler.StepLR(optimizer, step_size=${spec.stepSize}, gamma=${pyNumber(spec.gamma)})`;
    case 'exponential':
      return `torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=${pyNumber(spec.gamma)})`;
    default:
      return 'None';
  }
}
