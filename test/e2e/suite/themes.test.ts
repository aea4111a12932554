import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, browser, closeAllEditors, hasBrowser, manifest, screenshot, tabFor, waitFor, workspaceFile } from '../support/host';

/** VS Code's built-in themes, one per kind the designer must look right in. */
const THEMES: [name: string, label: string, kind: vscode.ColorThemeKind][] = [
  ['light', 'Default Light Modern', vscode.ColorThemeKind.Light],
  ['dark', 'Default Dark Modern', vscode.ColorThemeKind.Dark],
  ['high-contrast', 'Default High Contrast', vscode.ColorThemeKind.HighContrast],
];

describe('designer in the workbench themes', function () {
  let original: string | undefined;
  before(function () {
    if (!hasBrowser()) this.skip();
    original = vscode.workspace.getConfiguration('workbench').inspect<string>('colorTheme')?.globalValue;
  });
  after(async () => {
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', original, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  for (const [name, label, kind] of THEMES) {
    it(`shows the AND network in the ${label} theme`, async () => {
      const type = manifest(await activeExtension()).contributes?.customEditors?.[0]?.viewType;
      assert.ok(type, 'no custom editor contributed');
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', label, vscode.ConfigurationTarget.Global);
      await waitFor(`the ${label} theme`, () => (vscode.window.activeColorTheme.kind === kind ? true : undefined));
      const uri = workspaceFile('and.nnjson');
      await vscode.commands.executeCommand('vscode.openWith', uri, type);
      await waitFor('the designer tab', () => (tabFor(uri)?.input instanceof vscode.TabInputCustom ? true : undefined));
      const count = await browser({ action: 'webviewCount', selector: '[aria-label="More units in Dense 1"]' });
      assert.ok(count?.ok && Number(count.value) === 1, `the designer's controls did not render: ${JSON.stringify(count)}`);
      // Give the diagram's theme re-render a frame or two before the picture is taken.
      await new Promise((r) => setTimeout(r, 500));
      await screenshot(`designer-${name}`);
    });
  }
});
