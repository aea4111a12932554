// "NN Designer: Choose Training Data…" in a real VS Code: a CSV dropped into
// the workspace, its columns chosen through the command (answers given by the
// test-mode hook), the data block written as one edit, then training on it with
// the same code as `nnjson train`. Bad data is refused with its row and column
// and leaves the document as it was.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { train } from '../../../src/engine';
import { readModelDataFile } from '../../../src/host/data/load';
import type { ChooseDataResult } from '../../../src/host/data/chooseData';
import type { ScriptedAnswers } from '../../../src/host/data/prompts';
import { networkFromModel, trainingRng } from '../../../src/model/network';
import { loadModel } from '../../../src/model/parse';
import { prepareData } from '../../../src/model/samples';
import type { NnModel } from '../../../src/model/types';
import { activeExtension, closeAllEditors, workspaceFile } from '../support/host';

/** Two classes in the plane: inside = 1 within radius 2 of the origin, 0 beyond it; an id column to leave out. */
function ringCsv(): string {
  const lines = ['id,x,y,inside'];
  for (let i = 0; i < 240; i++) {
    const angle = (i * 2.399963) % (2 * Math.PI);
    const radius = i % 2 === 0 ? 0.3 + (i % 7) * 0.2 : 2.8 + (i % 5) * 0.3;
    lines.push(`${i},${(radius * Math.cos(angle)).toFixed(4)},${(radius * Math.sin(angle)).toFixed(4)},${i % 2 === 0 ? 1 : 0}`);
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

/** Trains as `nnjson train` does, on the file the model names, and returns the loss of every epoch. */
async function trainOn(uri: vscode.Uri, model: NnModel, epochs: number): Promise<{ losses: number[] }> {
  assert.ok(model.data?.source === 'file');
  const network = networkFromModel(model);
  const data = prepareData(model, await readModelDataFile(uri, model.data), network.outputSize);
  const losses: number[] = [];
  const run = train(network, data.train, {
    loss: model.training.loss, optimizer: model.training.optimizer, batchSize: model.training.batchSize,
    shuffle: true, rng: trainingRng(model), epochs, task: model.training.task,
  });
  for (const report of run) losses.push(report.loss);
  return { losses };
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

    const result = await choose(uri, { file: 'my-data.csv', inputs: ['x', 'y'], targets: ['inside'] });
    assert.ok(result.applied, result.applied ? '' : result.reason);
    assert.equal(document.version, version + 1, 'one edit');
    const model = modelOf(document);
    assert.deepEqual(model.data, {
      source: 'file', path: 'my-data.csv', inputs: ['x', 'y'], targets: ['inside'],
      normalization: { method: 'zscore' }, split: { test: 0.2 },
    });
    assert.equal(model.inputs, 2, 'the network already fitted: two inputs');
    assert.deepEqual(model.inputNames, ['x', 'y']);
    assert.deepEqual(model.outputNames, ['inside']);

    // The paper's AND network uses tanh outputs and MSE, which learns 0/1 targets as well.
    const trainable = { ...model, training: { ...model.training, optimizer: { type: 'adam' as const, learningRate: 0.05 }, batchSize: 8 } };
    const { losses } = await trainOn(uri, trainable, 60);
    assert.ok(losses[losses.length - 1] < losses[0] * 0.5, `loss ${losses[0]} → ${losses[losses.length - 1]}`);
    // Saved, so closing the designer does not ask about unsaved changes.
    assert.ok(await document.save());
  });

  it('resizes the network to the Iris CSV after the user agrees, and the loss falls', async () => {
    const uri = await copyOfAnd('iris-from-csv.nnjson');
    const document = await vscode.workspace.openTextDocument(uri);
    const result = await choose(uri, {
      file: 'data/iris.csv', inputs: ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'], targets: ['species'], resize: true,
    });
    assert.ok(result.applied, result.applied ? '' : result.reason);
    const model = modelOf(document);
    assert.ok(await document.save());
    assert.equal(model.inputs, 4);
    assert.deepEqual(model.outputNames, ['setosa', 'versicolor', 'virginica']);
    const { losses } = await trainOn(uri, { ...model, training: { ...model.training, optimizer: { type: 'adam', learningRate: 0.02 }, batchSize: 8 } }, 40);
    assert.ok(losses[losses.length - 1] < losses[0] * 0.7, `loss ${losses[0]} → ${losses[losses.length - 1]}`);
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
