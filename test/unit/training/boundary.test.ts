import * as assert from 'node:assert/strict';
import { createRng, Dense, makeActivation, Network } from '../../../src/engine';
import { boundaryGrid, gridPoint } from '../../../src/worker/boundary';

/** A 2-3-2 network with seeded weights. */
function network(): Network {
  const rng = createRng(3);
  const first = new Dense(2, 3);
  first.initialize('normal', rng);
  const second = new Dense(3, 2);
  second.initialize('normal', rng);
  return new Network(2, [first, makeActivation('tanh'), second]);
}

describe('decision-boundary grid', () => {
  it('holds the network output and each hidden activation at every grid point', () => {
    const net = network();
    const points = new Float64Array([0, 0, 1, 2, -1, 4]);
    const grid = boundaryGrid(net, points, 3, 7);
    assert.equal(grid.resolution, 7);
    assert.deepEqual(grid.xRange.map((v) => +v.toFixed(6)), [-1.2, 1.2]);
    assert.equal(grid.output.length, 49);
    assert.equal(grid.hidden?.length, 1);
    assert.equal(grid.hidden![0].length, 3 * 49);
    const [w1] = net.denseLayers();
    for (const k of [0, 6, 24, 48]) {
      const [x, y] = gridPoint(k, 7, grid.xRange, grid.yRange);
      // Oracle: the network's own predict on that single point, and tanh(W·x + b) by hand.
      const out = net.predict([[x, y]])[0];
      assert.ok(Math.abs(grid.output[k] - out[0]) < 1e-6);
      assert.equal(grid.argmax![k], out[1] > out[0] ? 1 : 0);
      for (let j = 0; j < 3; j++) {
        const h = Math.tanh(w1.weights[j * 2] * x + w1.weights[j * 2 + 1] * y + w1.bias[j]);
        assert.ok(Math.abs(grid.hidden![0][j * 49 + k] - h) < 1e-6);
      }
    }
    const corner = gridPoint(48, 7, grid.xRange, grid.yRange);
    assert.deepEqual(corner, [grid.xRange[1], grid.yRange[1]], 'row-major with y outer ends at the top-right corner');
  });
});
