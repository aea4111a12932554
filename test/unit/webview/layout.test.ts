import { strict as assert } from 'node:assert';
import { computeLayout, visibleLinkCount } from '../../../webview/viewmodel/layout';

const none = new Set<number>();

describe('webview view-model: layout', () => {
  it('draws one node per neuron of the AND network 2-3-1', () => {
    const layout = computeLayout([2, 3, 1], { maxVisible: 64, expanded: none });
    assert.deepEqual(layout.columns.map((c) => c.nodes.length), [2, 3, 1]);
    assert.equal(visibleLinkCount(layout), 2 * 3 + 3 * 1);
  });

  it('puts inputs on the left and each later column further right', () => {
    const layout = computeLayout([5, 8, 8, 2], { maxVisible: 64, expanded: none });
    const xs = layout.columns.map((c) => c.x);
    for (let k = 1; k < xs.length; k++) assert.ok(xs[k]! > xs[k - 1]!, `column ${k} right of ${k - 1}`);
    for (const c of layout.columns) for (const n of c.nodes) assert.equal(n.x, c.x);
    assert.ok(layout.width > xs[xs.length - 1]!);
  });

  it('orders neurons top to bottom without overlap, for any size', () => {
    for (const sizes of [[1], [2, 3, 1], [10, 64, 1], [3, 500, 2]]) {
      const layout = computeLayout(sizes, { maxVisible: 64, expanded: new Set([1]) });
      for (const c of layout.columns) {
        for (let n = 1; n < c.nodes.length; n++) {
          assert.ok(c.nodes[n]!.y - c.nodes[n - 1]!.y >= 2 * layout.radius - 1e-9, `sizes ${sizes}: spacing`);
        }
        for (const n of c.nodes) assert.ok(n.y > 0 && n.y < layout.height, `sizes ${sizes}: inside`);
      }
    }
  });

  it('centres each column vertically', () => {
    const layout = computeLayout([2, 6], { maxVisible: 64, expanded: none });
    const mid = (c: number): number => {
      const nodes = layout.columns[c]!.nodes;
      return (nodes[0]!.y + nodes[nodes.length - 1]!.y) / 2;
    };
    assert.ok(Math.abs(mid(0) - mid(1)) < 1e-9);
  });

  it('summarises tall columns with a "+N more" marker unless expanded', () => {
    const sizes = [784, 128, 64, 10];
    const layout = computeLayout(sizes, { maxVisible: 64, expanded: none });
    assert.deepEqual(layout.columns.map((c) => c.visible), [64, 64, 64, 10]);
    assert.deepEqual(layout.columns.map((c) => c.hidden), [720, 64, 0, 0]);
    const first = layout.columns[0]!;
    assert.ok(first.moreY! > first.nodes[first.nodes.length - 1]!.y);
    assert.equal(layout.columns[2]!.moreY, undefined);
    assert.equal(visibleLinkCount(layout), 64 * 64 + 64 * 64 + 64 * 10);

    const full = computeLayout(sizes, { maxVisible: 64, expanded: new Set([0, 1]) });
    assert.deepEqual(full.columns.map((c) => c.nodes.length), sizes);
    assert.equal(visibleLinkCount(full), 784 * 128 + 128 * 64 + 64 * 10);
  });
});
