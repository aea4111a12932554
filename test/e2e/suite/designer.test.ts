import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { NnModel } from '../../../src/model/types';
import type { DesignerEdit, DocumentState } from '../../../src/protocol/webview';
import { activeExtension, closeAllEditors, screenshot, tabFor, waitFor, workspaceFile } from '../support/host';

const VIEW_TYPE = 'nnDesigner.editor';

/** The document's model; the tests only open files that the designer can read. */
function parsed(text: string): NnModel {
  return JSON.parse(text) as NnModel;
}

type Outcome = { applied: true } | { applied: false; reason: string } | undefined;

function designerTab(uri: vscode.Uri): vscode.Tab | undefined {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputCustom && tab.input.viewType === VIEW_TYPE && tab.input.uri.toString() === uri.toString()) return tab;
    }
  }
  return undefined;
}

async function openDesigner(uri: vscode.Uri): Promise<vscode.TextDocument> {
  await vscode.commands.executeCommand('vscode.open', uri);
  await waitFor('the designer tab', () => designerTab(uri));
  await vscode.commands.executeCommand('nnDesigner._test.whenReady', uri);
  return vscode.workspace.openTextDocument(uri);
}

const applyEdit = (uri: vscode.Uri, edit: DesignerEdit, version: number): Thenable<Outcome> =>
  vscode.commands.executeCommand<Outcome>('nnDesigner._test.applyEdit', uri, edit, version);

const state = (uri: vscode.Uri): Thenable<DocumentState> => vscode.commands.executeCommand<DocumentState>('nnDesigner._test.state', uri);

/** Undo in a text editor on the document, which shares its undo stack with the designer. */
async function undo(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false });
  const before = doc.version;
  await vscode.commands.executeCommand('undo');
  await waitFor('the undo to change the document', () => (doc.version !== before ? true : undefined));
}

/** A file system that can only be read, like git: or a diff's left side. */
class ReadOnlyFs implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  constructor(private readonly files: Map<string, Uint8Array>) {}
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const data = this.files.get(uri.path);
    if (!data) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: data.length, permissions: vscode.FilePermission.Readonly };
  }
  readFile(uri: vscode.Uri): Uint8Array {
    const data = this.files.get(uri.path);
    if (!data) throw vscode.FileSystemError.FileNotFound(uri);
    return data;
  }
  readDirectory(): [string, vscode.FileType][] {
    return [...this.files.keys()].map((p) => [p.slice(1), vscode.FileType.File]);
  }
  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}

/** Closing a changed editor would ask whether to save: throw the changes away first. */
async function discardAndClose(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await closeAllEditors();
}

describe('designer', () => {
  before(activeExtension);
  afterEach(discardAndClose);

  it('opens .nnjson files in the designer by default', async () => {
    const uri = workspaceFile('and.nnjson');
    await openDesigner(uri);
    const tab = tabFor(uri) ?? designerTab(uri);
    assert.ok(tab?.input instanceof vscode.TabInputCustom, 'a custom editor tab');
    assert.equal((tab.input as vscode.TabInputCustom).viewType, VIEW_TYPE);
    await new Promise((r) => setTimeout(r, 500));
    await screenshot('designer-and');
  });

  it('shows the same document as a text editor beside it', async () => {
    const uri = workspaceFile('and.nnjson');
    const doc = await openDesigner(uri);
    await vscode.commands.executeCommand('vscode.openWith', uri, 'default', vscode.ViewColumn.Beside);
    const editor = await waitFor('the text editor', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()));
    assert.equal(editor.document, doc, 'one TextDocument behind both editors');
    const s = await state(uri);
    assert.equal(s.version, doc.version);
    assert.equal(s.readOnly, false);
    assert.deepEqual(s.errors, []);
    const model = parsed(doc.getText());
    assert.deepEqual(s.model?.layers.map((l) => l.type), model.layers.map((l) => l.type));
    assert.equal(s.model?.training.seed, model.training.seed);
  });

  it('turns each visual edit into one undoable edit, and undo restores the text exactly', async () => {
    const uri = workspaceFile('and.nnjson');
    const doc = await openDesigner(uri);
    const original = doc.getText();
    const v0 = doc.version;
    assert.deepEqual(await applyEdit(uri, { kind: 'addLayer', before: 1, units: 4, activation: 'relu' }, v0), { applied: true });
    assert.equal(doc.version, v0 + 1, 'one change to the document');
    assert.deepEqual(parsed(doc.getText()).layers.filter((l) => l.type === 'dense').map((l) => l.units), [3, 4, 1]);
    assert.equal((await state(uri)).version, doc.version, 'the designer follows the document');

    assert.deepEqual(await applyEdit(uri, { kind: 'setActivation', dense: 0, activation: 'sigmoid' }, doc.version), { applied: true });
    const afterBoth = doc.getText();
    assert.match(afterBoth, /"sigmoid"/);
    await vscode.commands.executeCommand('nnDesigner._test.whenReady', uri);
    await new Promise((r) => setTimeout(r, 500));
    await screenshot('designer-edited');

    await undo(doc);
    assert.doesNotMatch(doc.getText(), /"sigmoid"/);
    assert.notEqual(doc.getText(), original);
    await undo(doc);
    assert.equal(doc.getText(), original);
  });

  it('refuses an edit made against a stale version', async () => {
    const uri = workspaceFile('xor.nnjson');
    const doc = await openDesigner(uri);
    const original = doc.getText();
    const outcome = await applyEdit(uri, { kind: 'setLoss', loss: 'mae' }, doc.version - 1);
    assert.equal(outcome?.applied, false);
    assert.equal(doc.getText(), original);
    const malformed = await vscode.commands.executeCommand<Outcome>('nnDesigner._test.message', uri, { type: 'edit', edit: { kind: 'setLoss', loss: 'nope' }, version: doc.version });
    assert.equal(malformed, undefined);
    assert.equal(doc.getText(), original);
  });

  it('follows changes made in the text editor', async () => {
    const uri = workspaceFile('and.nnjson');
    const doc = await openDesigner(uri);
    const at = doc.getText().indexOf('"seed": 42');
    assert.ok(at >= 0);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(at + 8), doc.positionAt(at + 10)), '7');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const s = await state(uri);
    assert.equal(s.version, doc.version);
    assert.equal(s.model?.training.seed, 7);
  });

  it('shows files from a read-only file system read-only and refuses edits to them', async () => {
    const text = fs.readFileSync(workspaceFile('and.nnjson').fsPath);
    const registration = vscode.workspace.registerFileSystemProvider('nnreadonly', new ReadOnlyFs(new Map([['/and.nnjson', text]])), { isReadonly: true });
    try {
      const uri = vscode.Uri.from({ scheme: 'nnreadonly', path: '/and.nnjson' });
      await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
      await waitFor('the read-only designer', () => designerTab(uri));
      const doc = await vscode.workspace.openTextDocument(uri);
      const s = await state(uri);
      assert.equal(s.readOnly, true);
      assert.ok(s.model);
      const outcome = await applyEdit(uri, { kind: 'setLoss', loss: 'mae' }, doc.version);
      assert.equal(outcome?.applied, false);
      assert.equal(doc.getText(), text.toString());
      await closeAllEditors();
    } finally {
      registration.dispose();
    }
  });

  it('shows errors for an invalid file and never rewrites it', async () => {
    const uri = workspaceFile('invalid-schema.nnjson');
    const doc = await openDesigner(uri);
    const original = doc.getText();
    const s = await state(uri);
    assert.equal(s.model, undefined);
    assert.ok(s.errors.length > 0 && s.errors.every((e) => e.line >= 1));
    const outcome = await applyEdit(uri, { kind: 'setLoss', loss: 'mae' }, doc.version);
    assert.equal(outcome?.applied, false);
    assert.equal(doc.getText(), original);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('describes, validates and exports every example network', async () => {
    const examples = await vscode.workspace.findFiles('*.nnjson');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nn-export-'));
    for (const uri of examples) {
      const name = path.basename(uri.path);
      const valid = await vscode.commands.executeCommand<{ valid: boolean }>('nnDesigner.validate', uri);
      const description = await vscode.commands.executeCommand<vscode.TextDocument>('nnDesigner.describe', uri);
      if (name.startsWith('invalid')) {
        assert.equal(valid.valid, false, name);
        assert.match(description.getText(), /cannot be described/);
        await discardAndClose();
        continue;
      }
      assert.equal(valid.valid, true, name);
      assert.match(description.getText(), /parameters: \d+ in total/, name);
      const destination = vscode.Uri.file(path.join(tmp, name.replace('.nnjson', '.svg')));
      const written = await vscode.commands.executeCommand<vscode.Uri>('nnDesigner.exportDiagram', uri, { format: 'svg', destination });
      assert.equal(written?.toString(), destination.toString(), name);
      assert.match(fs.readFileSync(destination.fsPath, 'utf8'), /<svg[\s>]/);
      const png = vscode.Uri.file(path.join(tmp, name.replace('.nnjson', '.png')));
      assert.equal((await vscode.commands.executeCommand<vscode.Uri>('nnDesigner.exportDiagram', uri, { format: 'png', destination: png }))?.toString(), png.toString());
      assert.deepEqual([...fs.readFileSync(png.fsPath).subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
      await vscode.commands.executeCommand('notifications.clearAll');
      await discardAndClose();
    }
  });

  it('creates a new network and opens it in the designer', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('nnDesigner.newNetwork', { inputs: 3, hidden: [5, 4], outputs: 2, task: 'multiclass', destination: 'untitled' });
    assert.equal(uri.scheme, 'untitled');
    await waitFor('the new designer', () => designerTab(uri));
    const model = parsed((await vscode.workspace.openTextDocument(uri)).getText());
    assert.equal(model.training.loss, 'categoricalCrossEntropy');
    assert.equal(model.inputs, 3);
  });
});
