import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activeExtension } from '../support/host';

describe('activation', () => {
  it('loads the extension from the repository and activates it', async () => {
    const ext = await activeExtension();
    assert.equal(ext.id, EXTENSION_ID);
    assert.equal(ext.isActive, true);
    const pkg = ext.packageJSON as { publisher: string; name: string; main: string };
    assert.equal(`${pkg.publisher}.${pkg.name}`, EXTENSION_ID);
    assert.match(pkg.main, /dist\/extension\.js$/);
  });

  it('opens a workspace that holds the example networks', async () => {
    const found = await vscode.workspace.findFiles('*.nnjson');
    const names = found.map((uri) => uri.path.split('/').pop()).sort();
    assert.ok(names.includes('and.nnjson'), `and.nnjson not among ${names.join(', ')}`);
  });
});
