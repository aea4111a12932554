// The paper's NumPy code for one network: Layer, Dense, the activation layers,
// the loss, train and predict, with the trained weights filled in. The
// paper's defects are fixed (see DESIGN.md §2): dL/dX uses the forward
// weights, Softmax backpropagates through its Jacobian, logarithms are
// clipped, and Activation.backward accepts the learning rate.

import type { LossName, NnModel } from '../model/types';
import { NUMPY_LAYERS, NUMPY_LOSSES } from './numpyLibrary';
import { pipelineOf } from './pipeline';
import { pyCommentText, pyList, pyMatrix, pyString } from './python';
import type { Stage } from './types';

function layerLine(stage: Stage): string {
  if (stage.kind === 'dense') {
    return `        # ${stage.name}: ${stage.inputSize} inputs -> ${stage.units} units\n        Dense(\n            ${pyMatrix(stage.weights, '            ')},\n            ${pyList(stage.bias)},\n        ),`;
  }
  switch (stage.activation) {
    case 'relu':
      return '        ReLU(),';
    case 'leakyRelu':
      return `        LeakyReLU(${stage.alpha}),`;
    case 'sigmoid':
      return '        Sigmoid(),';
    case 'tanh':
      return '        Tanh(),';
    case 'softmax':
      return '        Softmax(),';
    case 'linear':
      return '        Linear(),';
  }
}

function scalingBlock(model: NnModel, scale: number[] | undefined, shift: number[] | undefined): string {
  if (!scale || !shift) return '\n\ndef normalize(rows):\n    """This network was trained on unscaled inputs."""\n    return rows\n';
  const method = model.data?.normalization?.method ?? 'stored';
  return `\n\n# The ${method} input scaling fitted at training time, as x * INPUT_SCALE + INPUT_SHIFT.\nINPUT_SCALE = np.array(${pyList(scale)})\nINPUT_SHIFT = np.array(${pyList(shift)})\n\n\ndef normalize(rows):\n    return rows * INPUT_SCALE + INPUT_SHIFT\n`;
}

const LOSS_TITLES: Record<LossName, string> = {
  mse: 'mean squared error (eq. 8)',
  mae: 'mean absolute error (eq. 9)',
  crossEntropy: 'cross-entropy (eq. 10)',
  binaryCrossEntropy: 'binary cross-entropy (eq. 11)',
  categoricalCrossEntropy: 'categorical cross-entropy (eq. 12)',
  hinge: 'hinge loss (eq. 13)',
};

export function exportNumpy(model: NnModel): string {
  const { stages, scaling } = pipelineOf(model, false);
  const title = pyCommentText(model.name ?? 'network').replace(/["\\]/g, "'");
  const { loss, optimizer, epochs } = model.training;
  const lossCode = NUMPY_LOSSES[loss];
  const optimizerNote = optimizer.type === 'sgd' ? '' : `\n# The editor trains this network with ${optimizer.type}; the paper's train() below uses plain SGD.`;
  return `"""${title}: a network from NN Designer, written as the paper's NumPy code.

Samples are columns: Dense computes Y = W X + B with W[j][i] joining input i
to neuron j. Run it with a CSV of input rows (numbers only, no header) to
print one prediction per row:

    python3 this_file.py inputs.csv
"""
import sys

import numpy as np
${NUMPY_LAYERS}${scalingBlock(model, scaling?.scale, scaling?.shift)}

# Loss: ${LOSS_TITLES[loss]}, averaged over the samples of a batch.
${lossCode}${optimizerNote}


def predict(network, input):
    output = input
    for layer in network:
        output = layer.forward(output)
    return output


def train(network, loss, loss_prime, x_train, y_train, epochs=${epochs}, learning_rate=${optimizer.learningRate}, verbose=True):
    """The paper's loop: one sample at a time, x and y as columns."""
    for e in range(epochs):
        error = 0.0
        for x, y in zip(x_train, y_train):
            output = predict(network, x)
            error += loss(y, output)
            grad = loss_prime(y, output)
            for layer in reversed(network):
                grad = layer.backward(grad, learning_rate)
        error /= len(x_train)
        if verbose:
            print(f"{e + 1}/{epochs}, error={error:.6f}")


def build_network():
    """The trained network, layer by layer."""
    return [
${stages.map(layerLine).join('\n')}
    ]


def predict_rows(network, rows):
    """Predictions for input rows (one sample per row), scaled as in training."""
    columns = normalize(np.asarray(rows, dtype=float)).T
    return predict(network, columns).T


if __name__ == "__main__":
    network = build_network()
    if len(sys.argv) < 2:
        count = sum(layer.weights.size + layer.bias.size for layer in network if isinstance(layer, Dense))
        print(${pyString(title)} + f": {count} parameters (eq. 2). Pass a CSV of inputs to predict.")
        sys.exit(0)
    rows = np.loadtxt(sys.argv[1], delimiter=",", ndmin=2)
    for row in predict_rows(network, rows):
        print(",".join(f"{v:.6g}" for v in row))
`;
}
