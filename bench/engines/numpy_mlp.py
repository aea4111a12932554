"""The paper's NumPy network as a benchmark peer: Dense and activation objects
with forward/backward, SGD inside backward (after the input gradient is taken),
float64 as NumPy defaults to. Usage: numpy_mlp.py SPEC_JSON X_FILE Y_FILE SECONDS.
Prints one JSON line with train and infer samples per second."""
import json
import sys
import time

import numpy as np


class Dense:
    def __init__(self, n_in, n_out, rng):
        self.W = rng.standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)
        self.b = np.zeros(n_out)

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, grad, lr):
        dx = grad @ self.W.T
        self.W -= lr * (self.x.T @ grad)
        self.b -= lr * grad.sum(axis=0)
        return dx


class Tanh:
    def forward(self, x):
        self.y = np.tanh(x)
        return self.y

    def backward(self, grad, lr):
        return grad * (1 - self.y ** 2)


class Relu:
    def forward(self, x):
        self.x = x
        return np.maximum(x, 0)

    def backward(self, grad, lr):
        return grad * (self.x > 0)


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def main():
    spec = json.loads(sys.argv[1])
    sizes, batch, lr = spec["sizes"], spec["batch"], spec["lr"]
    x = np.fromfile(sys.argv[2], dtype=np.float64).reshape(-1, sizes[0])
    y = np.fromfile(sys.argv[3], dtype=np.float64).reshape(-1, sizes[-1])
    seconds = float(sys.argv[4])
    rng = np.random.default_rng(1)
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(Dense(sizes[i], sizes[i + 1], rng))
        if i + 2 < len(sizes):
            layers.append(Relu() if spec["hidden"] == "relu" else Tanh())
    softmax_out = spec["output"] == "softmax"
    if not softmax_out:
        layers.append(Tanh())
    batches = [(x[s:s + batch], y[s:s + batch]) for s in range(0, len(x) - batch + 1, batch)]

    def step(xb, yb):
        out = xb
        for layer in layers:
            out = layer.forward(out)
        if softmax_out:
            grad = (softmax(out) - yb) / len(xb)
        else:
            grad = 2 * (out - yb) / out.size
        for layer in reversed(layers):
            grad = layer.backward(grad, lr)

    def infer(xb, _yb):
        out = xb
        for layer in layers:
            out = layer.forward(out)
        if softmax_out:
            softmax(out)

    inner = 16 if sizes[0] < 100 else 1

    def measure(fn, budget):
        i = 0
        start = time.perf_counter()
        while time.perf_counter() - start < min(0.3, budget / 3):
            fn(*batches[i % len(batches)])
            i += 1
        samples = 0
        start = time.perf_counter()
        while True:
            for _ in range(inner):
                fn(*batches[i % len(batches)])
                i += 1
                samples += batch
            elapsed = time.perf_counter() - start
            if elapsed >= budget:
                return samples / elapsed

    train = measure(step, seconds)
    inference = measure(infer, seconds / 2)
    print(json.dumps({"kernels": "numpy " + np.__version__, "train": train, "infer": inference}))


main()
