import { strict as assert } from 'node:assert';
import { linkInFocus, moveCursor, neuronInFocus } from '../../../webview/viewmodel/focus';

describe('webview view-model: keyboard cursor and focus mode', () => {
  const visible = [2, 3, 1];

  it('moves between layers with left/right, keeping the neuron where it exists', () => {
    assert.deepEqual(moveCursor({ column: 0, neuron: 1 }, 'right', visible), { column: 1, neuron: 1 });
    assert.deepEqual(moveCursor({ column: 1, neuron: 2 }, 'right', visible), { column: 2, neuron: 0 });
    assert.deepEqual(moveCursor({ column: 2, neuron: 0 }, 'right', visible), { column: 2, neuron: 0 });
    assert.deepEqual(moveCursor({ column: 0, neuron: undefined }, 'left', visible), { column: 0, neuron: undefined });
    assert.deepEqual(moveCursor({ column: 0, neuron: undefined }, 'right', visible), { column: 1, neuron: undefined });
  });

  it('moves from the layer header into its neurons with up/down', () => {
    assert.deepEqual(moveCursor({ column: 1, neuron: undefined }, 'down', visible), { column: 1, neuron: 0 });
    assert.deepEqual(moveCursor({ column: 1, neuron: 0 }, 'up', visible), { column: 1, neuron: undefined });
    assert.deepEqual(moveCursor({ column: 1, neuron: 2 }, 'down', visible), { column: 1, neuron: 2 });
    assert.deepEqual(moveCursor({ column: 1, neuron: 0 }, 'end', visible), { column: 1, neuron: 2 });
    assert.deepEqual(moveCursor({ column: 1, neuron: 2 }, 'home', visible), { column: 1, neuron: 0 });
  });

  it('highlights exactly the links into and out of the focused neuron', () => {
    const focus = { column: 1, neuron: 2 };
    // Links into column 1 end at neuron j; links into column 2 start at neuron i of column 1.
    const lit: string[] = [];
    for (let j = 0; j < 3; j++) for (let i = 0; i < 2; i++) if (linkInFocus(focus, 1, j, i)) lit.push(`1:${j}<-${i}`);
    for (let i = 0; i < 3; i++) if (linkInFocus(focus, 2, 0, i)) lit.push(`2:0<-${i}`);
    assert.deepEqual(lit, ['1:2<-0', '1:2<-1', '2:0<-2']);
    assert.ok(linkInFocus(undefined, 1, 0, 0));
    assert.ok(neuronInFocus(focus, 1, 2) && !neuronInFocus(focus, 1, 0) && neuronInFocus(focus, 0, 1));
  });
});
