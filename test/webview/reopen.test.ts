// VS Code tears a hidden designer's page down and loads it again when its tab
// is shown, handing it what it saved with setState (the zoom, the selection,
// the training view mode). The page shown again must come up from that state
// alone: say `ready`, draw the network, and keep the saved zoom.
import * as assert from 'node:assert/strict';
import { andState } from './designerStates';
import { screenshot, useHarness } from './support/harness';

interface SavedUi {
  zoom?: { k: number; x: number; y: number };
}

describe('designer webview: shown again after it was hidden', () => {
  const pages = useHarness();

  it('comes up from its saved state with the network drawn and the zoom it had', async () => {
    const state = andState();
    const first = await pages.open({ state });
    await first.locator('g.neuron').first().waitFor();
    // Zoom in a little, as a user would, so the saved zoom is not the fitted one.
    const svg = first.locator('svg').first();
    await svg.hover();
    await first.mouse.wheel(0, -200);
    await first.waitForFunction('window.__state && window.__state.zoom && window.__state.zoom.k > 0');
    const saved = (await first.evaluate('window.__state')) as SavedUi;
    assert.ok(saved.zoom, 'the page saved its zoom');

    const again = await pages.open({ state, savedState: saved });
    await again.locator('g.neuron').first().waitFor();
    assert.equal(await again.locator('g.neuron').count(), await first.locator('g.neuron').count());
    const transform = await again.locator('g.viewport').first().getAttribute('transform');
    const { k, x, y } = saved.zoom;
    assert.ok(transform?.includes(`scale(${k})`) && transform.includes(`translate(${x},${y})`), `the saved zoom ${JSON.stringify(saved.zoom)} is the view's transform: ${transform}`);
    await screenshot(again, 'designer-shown-again');
  });
});
