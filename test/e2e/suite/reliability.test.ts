// Reliability in a real VS Code: a broken file shows located problems and a
// quick fix that repairs it, training problems appear where they belong, and
// the designer runs under its content security policy.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { loadModel } from '../../../src/model/parse';
import { serializeModel } from '../../../src/model/serialize';
import type { NnModel } from '../../../src/model/types';
import { activeExtension, browser, hasBrowser, screenshot } from '../support/host';
import { applyQuickFix, baseModel, diagnosticsMatching, discardAndClose, writeWorkspaceFile } from '../support/reliability';

describe('reliability: problems panel', () => {
  before(activeExtension);
  afterEach(discardAndClose);

  it('shows a shape mismatch on the offending row, and "Set units" makes the file valid', async () => {
    const model = baseModel();
    (model.layers[2] as { weights: number[][] }).weights = [[1, 2, 3, 4]];
    const uri = writeWorkspaceFile('broken-shape.nnjson', serializeModel(model));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const [problem] = await diagnosticsMatching(uri, 'the shape diagnostic', (d) => d.length > 0);
    assert.equal(problem.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(doc.getText(problem.range), '[1, 2, 3, 4]');
    assert.match(problem.message, /4 values but the layer takes 3 inputs/);
    await applyQuickFix(doc, problem, /^Set units to match the next layer's input/);
    await diagnosticsMatching(uri, 'the diagnostics to clear', (d) => d.length === 0);
    const fixed = loadModel(doc.getText());
    assert.ok(fixed.ok);
    assert.equal(fixed.model.layers[0].type === 'dense' && fixed.model.layers[0].units, 4);
  });

  it('shows a syntax error where it is, and clears it once fixed', async () => {
    const good = serializeModel(baseModel());
    const cut = good.indexOf('"layers"');
    const uri = writeWorkspaceFile('broken-syntax.nnjson', good.slice(0, cut));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const found = await diagnosticsMatching(uri, 'a syntax diagnostic', (d) => d.length > 0);
    assert.ok(found.every((d) => doc.offsetAt(d.range.start) <= doc.getText().length));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(new vscode.Position(0, 0), doc.positionAt(doc.getText().length)), good);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await diagnosticsMatching(uri, 'the diagnostics to clear', (d) => d.length === 0);
  });

  it('shows a missing data file and a path that leaves the workspace on data.path', async () => {
    for (const [path, message] of [['missing.csv', /does not exist/], ['../outside.csv', /goes through "\.\."/]] as const) {
      const model = baseModel();
      model.data = { source: 'file', path, inputs: ['a', 'b'], targets: ['y'] };
      const uri = writeWorkspaceFile('data-problem.nnjson', serializeModel(model));
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const [problem] = await diagnosticsMatching(uri, 'the data diagnostic', (d) => d.some((x) => message.test(x.message)));
      assert.equal(doc.getText(problem.range), JSON.stringify(path));
      await discardAndClose();
    }
  });

  it('shows problems a training run reports, with a fix that lowers the learning rate', async () => {
    const uri = writeWorkspaceFile('diverged.nnjson', serializeModel(baseModel()));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('nnDesigner._test.reportTrainingProblems', uri, [
      { kind: 'divergence', message: 'the loss became NaN at epoch 4', epoch: 4 },
      { kind: 'deadRelu', layer: 0, message: 'every unit of layers[0] outputs 0 for every sample' },
    ]);
    const found = await diagnosticsMatching(uri, 'the training diagnostics', (d) => d.length === 2);
    const divergence = found.find((d) => d.code === 'divergence')!;
    assert.equal(doc.getText(divergence.range), '0.5');
    assert.equal(divergence.severity, vscode.DiagnosticSeverity.Warning);
    const dead = found.find((d) => d.code === 'deadRelu')!;
    assert.ok(doc.getText(dead.range).startsWith('{') && doc.getText(dead.range).includes('"units": 3'));
    await applyQuickFix(doc, divergence, /^Lower the learning rate to 0\.05$/);
    assert.equal((JSON.parse(doc.getText()) as NnModel).training.optimizer.learningRate, 0.05);
    await vscode.commands.executeCommand('nnDesigner._test.reportTrainingProblems', uri, []);
    await diagnosticsMatching(uri, 'the training diagnostics to clear', (d) => d.length === 0);
  });

  it('a run that diverges in VS Code puts the problem on the learning rate, and its quick fix lowers the rate', async () => {
    const model = baseModel();
    // A linear output and a huge rate: the loss overflows in the first epochs.
    model.training.optimizer.learningRate = 1e200;
    model.training.epochs = 1000;
    model.data = { source: 'inline', inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [[0], [1], [1], [0]] };
    const uri = writeWorkspaceFile('diverges.nnjson', serializeModel(model));
    assert.match(serializeModel(model), /"learningRate": 1e\+200/);
    await vscode.commands.executeCommand('vscode.openWith', uri, 'nnDesigner.editor');
    await vscode.commands.executeCommand('nnDesigner._test.whenReady', uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    try {
      await vscode.commands.executeCommand('nnDesigner.train', uri);
      const found = await diagnosticsMatching(uri, 'the divergence diagnostic from the training run', (d) => d.some((x) => x.code === 'divergence'));
      const divergence = found.find((d) => d.code === 'divergence')!;
      assert.equal(divergence.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(doc.getText(divergence.range), '1e+200', 'the problem sits on the learning rate');
      assert.match(divergence.message, /diverged at epoch \d+/);
      await applyQuickFix(doc, divergence, /^Lower the learning rate to /);
      const fixed = loadModel(doc.getText());
      assert.ok(fixed.ok, 'the fixed file loads');
      const rate = fixed.model.training.optimizer.learningRate;
      assert.ok(rate > 0 && rate < 1e200, `the learning rate went down: ${rate}`);
      assert.equal(doc.getText().replace(/"learningRate": [^,\n}]+/, '"learningRate": 1e+200'), serializeModel(model), 'nothing else changed');
    } finally {
      await vscode.commands.executeCommand('nnDesigner.discardTraining', uri);
    }
  });
});

describe('reliability: the designer webview in VS Code', () => {
  before(activeExtension);
  afterEach(discardAndClose);

  it('runs under a nonce content security policy and shows a hostile layer name as text', async function () {
    if (!hasBrowser()) this.skip();
    const hostile = '<img src=x onerror="document.body.dataset.pwned=1">';
    const model = baseModel();
    model.name = hostile;
    (model.layers[0] as { name?: string }).name = hostile;
    const uri = writeWorkspaceFile('hostile.nnjson', serializeModel(model));
    await vscode.commands.executeCommand('vscode.open', uri);
    await vscode.commands.executeCommand('nnDesigner._test.whenReady', uri);
    const count = async (selector: string): Promise<unknown> => (await browser({ action: 'webviewCount', selector }))?.value;
    assert.equal(await count('g.neuron'), 6, 'the designer drew the network');
    assert.equal(await count(`meta[http-equiv="Content-Security-Policy"][content^="default-src 'none'; script-src 'nonce-"]`), 1);
    assert.equal(await count('script[nonce][src*="/dist/webview.js"]'), 1);
    assert.equal(await count('g.neuron ~ img, #app img'), 0, 'no element was made from the name');
    assert.equal(await count('body[data-pwned]'), 0, 'no script from the file ran');
    await screenshot('reliability-hostile-name');
  });
});
