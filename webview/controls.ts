// Layer and training controls. Native elements styled with --vscode-* variables
// rather than @vscode-elements: they need no extra CSP allowance, follow every
// theme including high contrast, and keep the bundle and the tests simple.
import type { ActivationName, LossName, NnModel, OptimizerSpec } from '../src/model/types';
import { ACTIVATIONS, LOSSES } from '../src/model/types';
import type { DesignerEdit } from '../src/protocol/webview';
import { ACTIVATION_LABELS, type DenseView } from './viewmodel/network';
import { button, el, field, numberField, select } from './dom';

export type EditSink = (edit: DesignerEdit) => void;

const MAX_UNITS = 4096;

const LOSS_LABELS: Record<LossName, string> = {
  mse: 'Mean squared error',
  mae: 'Mean absolute error',
  crossEntropy: 'Cross-entropy',
  binaryCrossEntropy: 'Binary cross-entropy',
  categoricalCrossEntropy: 'Categorical cross-entropy',
  hinge: 'Hinge',
};

const activationOptions = ACTIVATIONS.map((a) => ({ value: a, label: ACTIVATION_LABELS[a] }));

export function renderLayerControls(
  views: readonly DenseView[],
  selected: number | undefined,
  send: EditSink,
  select_: (dense: number) => void,
): HTMLElement {
  const list = el('div', { className: 'layer-list', attrs: { role: 'list' } });
  views.forEach((view, dense) => {
    const isOutput = dense === views.length - 1;
    const title = view.name ?? (isOutput ? 'Output' : `Dense ${dense + 1}`);
    const units = numberField(view.units, (v) => send({ kind: 'setUnits', dense, units: v }), {
      ariaLabel: `Units of ${title}`, min: 1, max: MAX_UNITS, integer: true,
    });
    const row = el('div', { className: dense === selected ? 'layer-row selected' : 'layer-row', attrs: { role: 'listitem', 'data-dense': String(dense) } },
      button(title, () => select_(dense), { className: 'layer-name', ariaLabel: `Inspect ${title}` }),
      el('span', { className: 'stepper' },
        button('−', () => send({ kind: 'setUnits', dense, units: view.units - 1 }), { className: 'btn icon', ariaLabel: `Fewer units in ${title}` }),
        units,
        button('+', () => send({ kind: 'setUnits', dense, units: view.units + 1 }), { className: 'btn icon', ariaLabel: `More units in ${title}` }),
      ),
      select<ActivationName>(activationOptions, view.activation, (a) => send({ kind: 'setActivation', dense, activation: a }), `Activation of ${title}`),
      isOutput
        ? el('span', { className: 'btn-placeholder' })
        : button('×', () => send({ kind: 'removeLayer', dense }), { className: 'btn icon danger', ariaLabel: `Remove ${title}` }),
    );
    const minus = row.querySelector<HTMLButtonElement>('.stepper button');
    if (minus && view.units <= 1) minus.disabled = true;
    list.append(row);
  });
  const last = views[views.length - 1];
  const hiddenUnits = views.length > 1 ? views[views.length - 2]!.units : Math.max(2, last?.inputs ?? 2);
  const add = button('+ Add hidden layer', () => send({ kind: 'addLayer', before: Math.max(0, views.length - 1), units: hiddenUnits, activation: 'relu' }), {
    className: 'btn secondary',
    ariaLabel: 'Add a hidden layer before the output',
  });
  return el('div', {}, list, add);
}

const OPTIMIZERS: readonly { value: OptimizerSpec['type']; label: string }[] = [
  { value: 'sgd', label: 'SGD' },
  { value: 'momentum', label: 'Momentum' },
  { value: 'adam', label: 'Adam' },
];

function withType(current: OptimizerSpec, type: OptimizerSpec['type']): OptimizerSpec {
  const learningRate = current.learningRate;
  switch (type) {
    case 'sgd':
      return { type, learningRate };
    case 'momentum':
      return { type, learningRate, momentum: 0.9 };
    case 'adam':
      return { type, learningRate };
  }
}

export function renderTrainingControls(model: NnModel, send: EditSink): HTMLElement {
  const t = model.training;
  return el('div', { className: 'training-grid' },
    wide(field('Loss', select<LossName>(LOSSES.map((l) => ({ value: l, label: LOSS_LABELS[l] })), t.loss, (loss) => send({ kind: 'setLoss', loss }), 'Loss'))),
    field('Optimizer', select(OPTIMIZERS, t.optimizer.type, (type) => send({ kind: 'setOptimizer', optimizer: withType(t.optimizer, type) }), 'Optimizer')),
    field('Learning rate', numberField(t.optimizer.learningRate, (v) => send({ kind: 'setOptimizer', optimizer: { ...t.optimizer, learningRate: v } }), {
      ariaLabel: 'Learning rate', min: 0, step: 'any',
    })),
    field('Batch size', numberField(t.batchSize, (v) => send({ kind: 'setTraining', field: 'batchSize', value: v }), { ariaLabel: 'Batch size', min: 1, integer: true })),
    field('Epochs', numberField(t.epochs, (v) => send({ kind: 'setTraining', field: 'epochs', value: v }), { ariaLabel: 'Epochs', min: 1, integer: true })),
    field('Seed', numberField(t.seed, (v) => send({ kind: 'setTraining', field: 'seed', value: v }), { ariaLabel: 'Seed', min: 0, integer: true })),
  );
}

function wide(label: HTMLLabelElement): HTMLLabelElement {
  label.classList.add('wide');
  return label;
}
