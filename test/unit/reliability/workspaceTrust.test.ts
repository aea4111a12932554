// A workspace may come from anyone. In Restricted Mode VS Code reads the
// settings listed in restrictedConfigurations from the user's settings only,
// so a hostile workspace cannot make saving write trained weights, or let a
// training worker use more memory than the user allowed.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Manifest {
  capabilities: { untrustedWorkspaces: { supported: unknown; description?: string; restrictedConfigurations?: string[] } };
  contributes: { configuration: { properties: Record<string, unknown> } };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;

describe('reliability: workspace trust', () => {
  const trust = manifest.capabilities.untrustedWorkspaces;

  it('declares limited support, with a description, as restrictedConfigurations requires', () => {
    assert.equal(trust.supported, 'limited');
    assert.match(trust.description ?? '', /runs no code from the workspace/);
  });

  it('keeps the settings that change what is written or how much memory is used out of the workspace\'s hands', () => {
    const restricted = new Set(trust.restrictedConfigurations);
    for (const name of [
      'nnDesigner.training.workerMemoryMb', // the worker's heap and the session's memory budget
      'nnDesigner.training.applyOnSave', // writes trained weights into the file on save
      'nnDesigner.training.keepRecentEpochs', // snapshots kept in memory
      'nnDesigner.training.keepEveryNth',
    ]) {
      assert.ok(restricted.has(name), name);
    }
  });

  it('names only settings the extension declares', () => {
    const declared = Object.keys(manifest.contributes.configuration.properties);
    for (const name of trust.restrictedConfigurations ?? []) assert.ok(declared.includes(name), name);
  });
});
