// "NN Designer: Choose Training Data…" in a real VS Code: a CSV dropped into
// the workspace, its columns chosen through the command (answers given by the
// test-mode hook), the data block written as one edit, then trained on in the
// designer, as the Train button does, until the charts show accuracy and the
// confusion matrix names the file's classes. Bad data is refused with its row
// and column and leaves the document as it was.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readModelDataFile } from '../../../src/host/data/load';
import type { ChooseDataResult } from '../../../src/host/data/chooseData';
import { PREVIEW_SCHEME } from '../../../src/host/data/previewDocument';
import type { ScriptedAnswers } from '../../../src/host/data/prompts';
import { loadModel } from '../../../src/model/parse';
import { serializeModel } from '../../../src/model/serialize';
import type { NnModel, TrainingSpec } from '../../../src/model/types';
import type { TrainingView } from '../../../src/protocol/training';
import { activeExtension, closeAllEditors, workspaceFile } from '../support/host';
import { waitFor } from '../support/wait';

/** Two classes in the plane, named in a text column: "inside" within radius 2 of the origin, "outside" beyond it; an id column to leave out. */
function ringCsv(): string {
  const lines = ['id,x,y,where'];
  for (let i = 0; i < 240; i++) {
    const angle = (i * 2.399963) % (2 * Math.PI);
    const radius = i % 2 === 0 ? 0.3 + (i % 7) * 0.2 : 2.8 + (i % 5) * 0.3;
    lines.push(`${i},${(radius * Math.cos(angle)).toFixed(4)},${(radius * Math.sin(angle)).toFixed(4)},${i % 2 === 0 ? 'inside' : 'outside'}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Files this suite adds to the shared test workspace; removed at the end so later suites see only theirs. */
const created: vscode.Uri[] = [];

async function writeText(relative: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceFile(relative);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  created.push(uri);
  return uri;
}

/** A fresh copy of the paper's AND network under another name, so other suites keep theirs. */
/** A fresh copy of the AND example, from the extension's own examples/ (earlier suites edit the workspace copy). */
async function copyOfAnd(name: string): Promise<vscode.Uri> {
  const ext = await activeExtension();
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'examples', 'and.nnjson')));
  return writeText(name, text);
}

async function choose(uri: vscode.Uri, answers: ScriptedAnswers): Promise<ChooseDataResult> {
  await vscode.commands.executeCommand('nnDesigner._test.dataAnswers', answers);
  const result = await vscode.commands.executeCommand<ChooseDataResult | undefined>('nnDesigner.chooseData', uri);
  assert.ok(result, 'the command returned its outcome');
  return result;
}

function modelOf(document: vscode.TextDocument): NnModel {
  const loaded = loadModel(document.getText());
  assert.ok(loaded.ok, 'the document still loads');
  return loaded.model;
}

/** How long the training waits here may take, on a loaded machine. */
const TRAINING_MS = 45_000;

/** Writes new training settings into the document (one edit) and saves it, so the designer trains with them. */
async function setTraining(document: vscode.TextDocument, change: Partial<TrainingSpec>): Promise<void> {
  const model = modelOf(document);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), serializeModel({ ...model, training: { ...model.training, ...change } }));
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.ok(await document.save());
}

/** Opens the designer, presses Train there (the message its button sends), waits for `epochs` epochs, and discards the run. */
async function trainInDesigner(uri: vscode.Uri, epochs: number): Promise<TrainingView> {
  await vscode.commands.executeCommand('vscode.openWith', uri, 'nnDesigner.editor');
  await vscode.commands.executeCommand('nnDesigner._test.whenReady', uri);
  await vscode.commands.executeCommand('nnDesigner._test.message', uri, { type: 'training', command: 'train' });
  const view = await waitFor(`${epochs} epochs`, async () => {
    const v = await vscode.commands.executeCommand<TrainingView | undefined>('nnDesigner._test.trainingView', uri);
    return v && (v.status === 'failed' || (v.series.loss.length >= epochs && v.latest?.metrics !== undefined)) ? v : undefined;
  }, TRAINING_MS);
  await vscode.commands.executeCommand('nnDesigner.discardTraining', uri);
  assert.notEqual(view.status, 'failed', view.message);
  return view;
}

/** The loss fell, and every epoch charted an accuracy between 0 and 1. */
function assertLearnedClasses(view: TrainingView, classes: string[], lossRatio: number): void {
  const { loss, accuracy } = view.series;
  assert.ok(loss[loss.length - 1]! < loss[0]! * lossRatio, `loss ${loss[0]} → ${loss[loss.length - 1]}`);
  assert.equal(accuracy.length, loss.length);
  assert.ok(accuracy.every((a) => a !== null && a >= 0 && a <= 1), `accuracy ${accuracy.join(', ')}`);
  const confusion = view.latest?.metrics?.confusion;
  assert.ok(confusion, 'the latest snapshot has a confusion matrix');
  assert.deepEqual(confusion.classes, classes);
  assert.equal(confusion.matrix.length, classes.length);
}

describe('choose training data', function () {
  this.timeout(60_000);
  before(activeExtension);
  after(async () => {
    await closeAllEditors();
    for (const uri of created.splice(0)) await vscode.workspace.fs.delete(uri, { useTrash: false });
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await closeAllEditors();
  });

  it('maps a CSV dropped into the workspace in one edit, and the network trains on it', async () => {
    await writeText('my-data.csv', ringCsv());
    const uri = await copyOfAnd('ring.nnjson');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'nnDesigner.editor');
    const document = await vscode.workspace.openTextDocument(uri);
    const version = document.version;

    // The file's first rows open beside the designer while the columns are picked, and close after.
    const previews: vscode.TextDocument[] = [];
    const opened = vscode.workspace.onDidOpenTextDocument((d) => {
      if (d.uri.scheme === PREVIEW_SCHEME) previews.push(d);
    });
    // The paper's AND network (tanh output, MSE, task binary) suits two classes as it is: nothing else is asked.
    const result = await choose(uri, { file: 'my-data.csv', inputs: ['x', 'y'], targets: ['where'] }).finally(() => opened.dispose());
    assert.ok(result.applied, result.applied ? '' : result.reason);
    assert.equal(previews.length, 1, 'one preview of the first rows');
    const table = previews[0].getText().split('\n');
    assert.deepEqual(table[2].trim().split(/\s+/), ['#', 'id', 'x', 'y', 'where'], 'the header, under the title');
    const firstRow = ringCsv().split('\n')[1].split(',');
    assert.deepEqual(table[4].trim().split(/\s+/), ['1', ...firstRow], 'the first row, value for value');
    const stillOpen = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === PREVIEW_SCHEME);
    assert.equal(stillOpen.length, 0, 'the preview closed once the columns were chosen');
    assert.equal(document.version, version + 1, 'one edit');
    const model = modelOf(document);
    assert.deepEqual(model.data, {
      source: 'file', path: 'my-data.csv', inputs: ['x', 'y'], targets: ['where'],
      categorical: { column: 'where', classes: ['inside', 'outside'] },
      normalization: { method: 'zscore' }, split: { test: 0.2 },
    });
    assert.equal(model.inputs, 2, 'the network already fitted: two inputs');
    assert.deepEqual(model.inputNames, ['x', 'y']);
    assert.deepEqual(model.outputNames, ['where']);

    await setTraining(document, { optimizer: { type: 'adam', learningRate: 0.05 }, batchSize: 8 });
    assertLearnedClasses(await trainInDesigner(uri, 60), ['inside', 'outside'], 0.5);
  });

  it('resizes the network to the Iris CSV and sets it up for three classes after the user agrees, in one edit', async () => {
    const uri = await copyOfAnd('iris-from-csv.nnjson');
    const document = await vscode.workspace.openTextDocument(uri);
    const version = document.version;
    const result = await choose(uri, {
      file: 'data/iris.csv', inputs: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'], targets: ['species'], resize: true, fitTask: true,
    });
    assert.ok(result.applied, result.applied ? '' : result.reason);
    assert.equal(document.version, version + 1, 'one edit');
    const model = modelOf(document);
    assert.equal(model.inputs, 4);
    assert.deepEqual(model.outputNames, ['setosa', 'versicolor', 'virginica']);
    assert.deepEqual(model.layers[model.layers.length - 1], { type: 'activation', activation: 'softmax' });
    assert.equal(model.training.loss, 'categoricalCrossEntropy');
    assert.equal(model.training.task, 'multiclass');
    await setTraining(document, { optimizer: { type: 'adam', learningRate: 0.02 }, batchSize: 8 });
    assertLearnedClasses(await trainInDesigner(uri, 40), ['setosa', 'versicolor', 'virginica'], 0.7);
  });

  const refusals: Array<[what: string, file: string, text: string, answers: Omit<ScriptedAnswers, 'file'>, reason: RegExp]> = [
    ['a ragged row', 'bad-ragged.csv', 'x,y,c\n1,2,a\n3,4\n', { inputs: ['x', 'y'], targets: ['c'] }, /bad-ragged\.csv: row 3 has 2 cells but the header has 3 columns/],
    ['a non-numeric cell', 'bad-cell.csv', 'x,y,c\n1,2,a\n3,four,b\n', { inputs: ['x', 'y'], targets: ['c'] }, /bad-cell\.csv: row 3, column "y": "four" is not a number/],
    ['an empty file', 'bad-empty.csv', '', { inputs: ['x'], targets: ['y'] }, /bad-empty\.csv: the file is empty/],
    // Refused by its size before it is read: JSON is parsed whole, so it is capped (CSV streams).
    ['a JSON file over the 64 MB cap', 'bad-huge.json', `[${' '.repeat(64 * 1024 * 1024)}]`, { inputs: ['x'], targets: ['y'] }, /bad-huge\.json: the JSON file is larger than 64 MB/],
    ['sizes the network does not have, when the user keeps the network', 'three-inputs.csv', 'a,b,c,t\n1,2,3,0\n4,5,6,1\n',
      { inputs: ['a', 'b', 'c'], targets: ['t'], resize: false }, /the data has 3 input columns \(a, b, c\) but the network takes 2 inputs/],
  ];
  for (const [what, file, text, answers, reason] of refusals) {
    it(`refuses ${what} with a located message and leaves the document unchanged`, async () => {
      await writeText(file, text);
      const uri = await copyOfAnd(`refused-${file.replace('.csv', '')}.nnjson`);
      const document = await vscode.workspace.openTextDocument(uri);
      const before = document.getText();
      const result = await choose(uri, { file, ...answers });
      assert.equal(result.applied, false);
      assert.match(result.applied ? '' : result.reason, reason);
      assert.match(result.applied ? '' : result.reason, /The network was not changed\.$/);
      assert.equal(document.getText(), before);
      assert.equal(document.isDirty, false);
    });
  }

  it('reads the data file of a model for training only inside the workspace, and names a missing file', async () => {
    const uri = workspaceFile('and.nnjson');
    const spec = { source: 'file' as const, path: 'gone.csv', inputs: ['x'], targets: ['y'] };
    await assert.rejects(readModelDataFile(uri, spec), /^DataError: gone\.csv: the file does not exist$/);
    await assert.rejects(readModelDataFile(uri, { ...spec, path: '../outside.csv' }), /the data path "\.\.\/outside\.csv" goes through "\.\."/);
  });
});
