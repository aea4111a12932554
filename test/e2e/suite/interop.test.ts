import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { loadModel } from '../../../src/model/parse';
import { closeAllEditors, workspaceFile } from '../support/host';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

describe('export and import from the command palette', () => {
  afterEach(closeAllEditors);

  it('exports the AND network to ONNX and imports it back as the same architecture', async () => {
    const source = workspaceFile('and.nnjson');
    const onnx = vscode.Uri.joinPath(source, '..', 'and-exported.onnx');
    const written = await vscode.commands.executeCommand<vscode.Uri[]>('nnDesigner.exportNetwork', source, { format: 'onnx', target: onnx });
    assert.deepEqual(written?.map((u) => u.toString()), [onnx.toString()]);
    const bytes = await vscode.workspace.fs.readFile(onnx);
    assert.ok(bytes.length > 100, `the ONNX file has ${bytes.length} bytes`);

    const back = vscode.Uri.joinPath(source, '..', 'and-imported.nnjson');
    const imported = await vscode.commands.executeCommand<vscode.Uri>('nnDesigner.importNetwork', { source: onnx, target: back });
    assert.equal(imported?.toString(), back.toString());
    const loaded = loadModel(new TextDecoder().decode(await vscode.workspace.fs.readFile(back)));
    assert.ok(loaded.ok, 'the imported file loads');
    const original = loadModel(new TextDecoder().decode(await vscode.workspace.fs.readFile(source)));
    assert.ok(original.ok);
    const shape = (layers: typeof original.model.layers) => layers.map((l) => (l.type === 'dense' ? `dense ${l.units}` : l.activation));
    assert.deepEqual(shape(loaded.model.layers), shape(original.model.layers));
  });

  it('exports TensorFlow.js as a model.json and its weights shard beside it', async () => {
    const source = workspaceFile('xor.nnjson');
    const target = vscode.Uri.joinPath(source, '..', 'xor-tfjs.json');
    const written = await vscode.commands.executeCommand<vscode.Uri[]>('nnDesigner.exportNetwork', source, { format: 'tfjs', target });
    assert.equal(written?.length, 2);
    for (const uri of written ?? []) assert.ok(await exists(uri), `${uri.path} exists`);
    const json = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)));
    assert.ok(json.modelTopology, 'model.json has a topology');
  });

  it('refuses to import a file that is not a model, and writes nothing', async () => {
    const source = workspaceFile('and.nnjson');
    const bogus = vscode.Uri.joinPath(source, '..', 'not-a-model.onnx');
    await vscode.workspace.fs.writeFile(bogus, new TextEncoder().encode('this is not protobuf'));
    const target = vscode.Uri.joinPath(source, '..', 'never-written.nnjson');
    // The command reports the problem to the user and resolves without a result.
    const result = await vscode.commands.executeCommand('nnDesigner.importNetwork', { source: bogus, target });
    assert.equal(result, undefined);
    assert.equal(await exists(target), false);
  });
});
