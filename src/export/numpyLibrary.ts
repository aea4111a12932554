// The fixed part of the NumPy export: the paper's classes with its defects
// fixed, and the losses, each matching the engine's definition.

import type { LossName } from '../model/types';

export const NUMPY_LAYERS = `

class Layer:
    def __init__(self):
        self.input = None
        self.output = None

    def forward(self, input):
        raise NotImplementedError

    def backward(self, output_gradient, learning_rate):
        raise NotImplementedError


class Dense(Layer):
    def __init__(self, weights, bias):
        super().__init__()
        self.weights = np.array(weights, dtype=float)
        self.bias = np.array(bias, dtype=float).reshape(-1, 1)

    def forward(self, input):
        self.input = input
        return self.weights @ input + self.bias

    def backward(self, output_gradient, learning_rate):
        weights_gradient = output_gradient @ self.input.T
        # dL/dX must use the weights of the forward pass, so it comes before the update.
        input_gradient = self.weights.T @ output_gradient
        self.weights -= learning_rate * weights_gradient
        self.bias -= learning_rate * output_gradient.sum(axis=1, keepdims=True)
        return input_gradient


class Activation(Layer):
    def __init__(self, activation, activation_prime):
        super().__init__()
        self.activation = activation
        self.activation_prime = activation_prime

    def forward(self, input):
        self.input = input
        return self.activation(input)

    def backward(self, output_gradient, learning_rate):
        # Eq. 21, element-wise; the learning rate is unused but accepted like every layer's.
        return output_gradient * self.activation_prime(self.input)


def sigmoid(x):
    # Equal to 1 / (1 + exp(-x)) without overflowing for large |x|.
    return 0.5 * (1.0 + np.tanh(0.5 * x))


class Tanh(Activation):
    def __init__(self):
        super().__init__(np.tanh, lambda x: 1 - np.tanh(x) ** 2)


class Sigmoid(Activation):
    def __init__(self):
        super().__init__(sigmoid, lambda x: sigmoid(x) * (1 - sigmoid(x)))


class ReLU(Activation):
    def __init__(self):
        super().__init__(lambda x: np.maximum(x, 0.0), lambda x: (x > 0).astype(float))


class LeakyReLU(Activation):
    def __init__(self, alpha):
        super().__init__(lambda x: np.where(x > 0, x, alpha * x), lambda x: np.where(x > 0, 1.0, alpha))


class Linear(Activation):
    def __init__(self):
        super().__init__(lambda x: x, lambda x: np.ones_like(x))


class Softmax(Layer):
    """Couples the outputs of a sample, so it backpropagates through its Jacobian, not eq. 21."""

    def forward(self, input):
        exps = np.exp(input - input.max(axis=0, keepdims=True))
        self.output = exps / exps.sum(axis=0, keepdims=True)
        return self.output

    def backward(self, output_gradient, learning_rate):
        # dy_k/dx_i = y_k (delta_ki - y_i), so dL/dx_i = y_i (dL/dy_i - sum_k dL/dy_k y_k).
        y = self.output
        return y * (output_gradient - (output_gradient * y).sum(axis=0, keepdims=True))
`;

const CLIP = `EPSILON = 1e-7  # predictions are clipped to [EPSILON, 1 - EPSILON] before a logarithm


`;

/** loss(y_true, y_pred) and loss_prime(y_true, y_pred) for samples as columns. */
export const NUMPY_LOSSES: Record<LossName, string> = {
  mse: `def loss(y_true, y_pred):
    return np.mean((y_pred - y_true) ** 2)


def loss_prime(y_true, y_pred):
    return 2 * (y_pred - y_true) / y_true.size`,
  mae: `def loss(y_true, y_pred):
    return np.mean(np.abs(y_pred - y_true))


def loss_prime(y_true, y_pred):
    return np.sign(y_pred - y_true) / y_true.size`,
  crossEntropy: crossEntropy(),
  categoricalCrossEntropy: crossEntropy(),
  binaryCrossEntropy: `${CLIP}def loss(y_true, y_pred):
    p = np.clip(y_pred, EPSILON, 1 - EPSILON)
    return np.mean(-(y_true * np.log(p) + (1 - y_true) * np.log(1 - p)))


def loss_prime(y_true, y_pred):
    p = np.clip(y_pred, EPSILON, 1 - EPSILON)
    return (-y_true / p + (1 - y_true) / (1 - p)) / y_true.size`,
  hinge: `def labels(y_true):
    # Targets in {0, 1} become {-1, +1}.
    return np.where(y_true > 0, 1.0, -1.0)


def loss(y_true, y_pred):
    return np.mean(np.maximum(0.0, 1 - labels(y_true) * y_pred))


def loss_prime(y_true, y_pred):
    t = labels(y_true)
    return np.where(t * y_pred < 1, -t, 0.0) / y_true.size`,
};

function crossEntropy(): string {
  return `${CLIP}def loss(y_true, y_pred):
    return -np.sum(y_true * np.log(np.clip(y_pred, EPSILON, 1 - EPSILON))) / y_true.shape[1]


def loss_prime(y_true, y_pred):
    return -y_true / np.clip(y_pred, EPSILON, 1 - EPSILON) / y_true.shape[1]`;
}
