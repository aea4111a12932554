import { strict as assert } from 'node:assert';
import { denseViews, layerParameters, linearRuns, totalParameters } from '../../../webview/viewmodel/network';
import { mlp } from './fixtures';

describe('webview view-model: network', () => {
  it('folds each activation layer onto the Dense layer before it', () => {
    const views = denseViews(mlp([2, 3, 1], ['tanh', 'sigmoid']));
    assert.deepEqual(views.map((v) => v.activation), ['tanh', 'sigmoid']);
    assert.deepEqual(views.map((v) => v.layerIndex), [0, 2]);
    assert.deepEqual(views.map((v) => [v.units, v.inputs]), [[3, 2], [1, 3]]);
  });

  it('treats a Dense layer with no activation after it as linear', () => {
    const views = denseViews(mlp([4, 3, 2, 1], ['', 'relu', '']));
    assert.deepEqual(views.map((v) => v.activation), ['linear', 'relu', 'linear']);
  });

  it('fills missing weights and bias with zeros of the right shape', () => {
    const model = mlp([2, 3], []);
    const dense = model.layers[0]!;
    if (dense.type !== 'dense') throw new Error('fixture');
    delete dense.weights;
    delete dense.bias;
    const [view] = denseViews(model);
    assert.deepEqual(view!.weights, [[0, 0], [0, 0], [0, 0]]);
    assert.deepEqual(view!.bias, [0, 0, 0]);
  });

  it('counts parameters as in eq. 2: 2-3-1 has 3·(2+1) + 1·(3+1) = 13', () => {
    const views = denseViews(mlp([2, 3, 1], ['tanh', 'tanh']));
    assert.deepEqual(views.map(layerParameters), [9, 4]);
    assert.equal(totalParameters(views), 13);
    // 784-128-64-10 by the same formula, written out.
    assert.equal(totalParameters(denseViews(mlp([784, 128, 64, 10], [], () => 0))), 784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10);
  });

  it('finds runs of Dense layers joined only by linear activations', () => {
    assert.deepEqual(linearRuns(denseViews(mlp([2, 3, 3, 3, 1], ['linear', '', 'relu', 'tanh']))), [{ from: 0, to: 2 }]);
    assert.deepEqual(linearRuns(denseViews(mlp([2, 3, 1], ['tanh', 'tanh']))), []);
    assert.deepEqual(linearRuns(denseViews(mlp([2, 3, 3, 1], ['', 'relu', '']))), [{ from: 0, to: 1 }]);
    assert.deepEqual(linearRuns(denseViews(mlp([2, 3, 3, 1], ['relu', '', '']))), [{ from: 1, to: 2 }]);
  });
});
