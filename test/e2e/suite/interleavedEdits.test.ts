// Scripted sequences of edits from the designer, a text editor and the disk
// (an external tool rewriting the file in place, a real `git checkout`) end in
// exactly the expected text, and after every step the designer webview shows
// the document as it is. Each sequence ends with a change on disk while the
// document has unsaved edits: VS Code keeps the buffer, and so does the designer.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { serializeModel } from '../../../src/model/serialize';
import { assertReportStates, count, reportText } from '../../unit/reliability/figures';
import { activeExtension, workspaceFile } from '../support/host';
import { designerEdit, designerShows, lcg, replaceValue, Repository, saved, untilText, withTimeout } from '../support/interleaved';
import { baseModel, discardAndClose } from '../support/reliability';

type Outcome = { applied: true } | { applied: false; reason: string } | undefined;
type Step = 'designer' | 'workspaceEdit' | 'textEditor' | 'disk' | 'checkout' | 'concurrent';
const STEPS: Step[] = ['designer', 'designer', 'workspaceEdit', 'textEditor', 'disk', 'checkout', 'concurrent'];
const SEQUENCES = 8;
const LENGTH = 25;

describe('reliability: interleaved edits', function () {
  this.timeout(240_000);
  const totals: Record<Step | 'dirtyDisk', number> = { designer: 0, workspaceEdit: 0, textEditor: 0, disk: 0, checkout: 0, concurrent: 0, dirtyDisk: 0 };
  let sequencesRun = 0;
  before(activeExtension);
  afterEach(discardAndClose);

  for (let sequence = 1; sequence <= SEQUENCES; sequence++) {
    it(`sequence ${sequence}: ${LENGTH} steps from the designer, text editors and the disk lose and duplicate nothing`, async () => {
      const random = lcg(sequence * 7919);
      const expected = baseModel();
      // The file lives in a git repository of its own inside the workspace.
      const folder = workspaceFile(`interleaved-${sequence}`);
      fs.rmSync(folder.fsPath, { recursive: true, force: true });
      fs.mkdirSync(folder.fsPath, { recursive: true });
      const uri = vscode.Uri.joinPath(folder, `interleaved-${sequence}.nnjson`);
      fs.writeFileSync(uri.fsPath, serializeModel(expected));
      const repo = new Repository(folder.fsPath);
      const commits = [{ sha: repo.commit(uri.fsPath, 'start'), text: fs.readFileSync(uri.fsPath, 'utf8'), model: structuredClone(expected) }];

      await vscode.commands.executeCommand('vscode.openWith', uri, 'nnDesigner.editor');
      await withTimeout(vscode.commands.executeCommand('nnDesigner._test.whenReady', uri), 20_000, 'the designer to be ready');
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
      await designerShows(doc, 'at the start');
      const counts: Record<Step, number> = { designer: 0, workspaceEdit: 0, textEditor: 0, disk: 0, checkout: 0, concurrent: 0 };
      const races = { designer: 0, text: 0, both: 0 };
      const unchangedOnDisk = { disk: 0, checkout: 0 };

      for (let step = 0; step < LENGTH; step++) {
        const kind = STEPS[Math.floor(random() * STEPS.length)];
        counts[kind]++;
        const label = `sequence ${sequence}, step ${step} (${kind})`;
        switch (kind) {
          case 'designer': {
            const { edit, apply } = designerEdit(random, expected);
            const outcome = await vscode.commands.executeCommand<Outcome>('nnDesigner._test.applyEdit', uri, edit, doc.version);
            assert.deepEqual(outcome, { applied: true }, label);
            apply(expected);
            break;
          }
          case 'workspaceEdit': {
            const batch = 1 + Math.floor(random() * 64);
            assert.ok(await vscode.workspace.applyEdit(replaceValue(doc, 'batchSize', String(batch))), label);
            expected.training.batchSize = batch;
            break;
          }
          case 'textEditor': {
            const description = `typed ${step}`;
            const match = /"description": ("[^"]*")/.exec(doc.getText())!;
            const start = doc.positionAt(match.index + 15);
            assert.ok(await editor.edit((b) => b.replace(new vscode.Range(start, start.translate(0, match[1].length)), JSON.stringify(description))), label);
            expected.description = description;
            break;
          }
          case 'disk': {
            // An external tool rewrites the file in place: the same path truncated and written, no rename.
            await saved(doc, label);
            const next = structuredClone(expected);
            next.training.optimizer.learningRate = Math.round(random() * 100) / 1000 + 0.001;
            const text = serializeModel(next);
            if (text === doc.getText()) {
              unchangedOnDisk.disk++;
              break;
            }
            fs.writeFileSync(uri.fsPath, text);
            await untilText(doc, text, `${label}: the document to follow the disk`);
            Object.assign(expected, next);
            break;
          }
          case 'checkout': {
            // What is saved becomes a commit; then git checks out the file as one of the commits so far.
            await saved(doc, label);
            commits.push({ sha: repo.commit(uri.fsPath, `step ${step}`), text: fs.readFileSync(uri.fsPath, 'utf8'), model: structuredClone(expected) });
            const target = commits[Math.floor(random() * commits.length)];
            repo.checkout(target.sha, uri.fsPath);
            assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), target.text, `${label}: git wrote the file of ${target.sha.slice(0, 7)}`);
            if (target.text === doc.getText()) unchangedOnDisk.checkout++;
            else await untilText(doc, target.text, `${label}: the document to follow the checkout`);
            Object.assign(expected, structuredClone(target.model));
            break;
          }
          case 'concurrent': {
            // Both sides at once, against the same version. Whichever lands first wins; the other
            // is refused as stale (VS Code refuses a WorkspaceEdit made against an older version,
            // the designer an edit made against one), never merged into the wrong place.
            const { edit, apply } = designerEdit(random, expected);
            const description = `raced ${step}`;
            const [outcome, textApplied] = await Promise.all([
              vscode.commands.executeCommand<Outcome>('nnDesigner._test.applyEdit', uri, edit, doc.version),
              vscode.workspace.applyEdit(replaceValue(doc, 'description', JSON.stringify(description))),
            ]);
            assert.ok(outcome, `${label}: the designer answers`);
            assert.ok(outcome.applied || textApplied, `${label}: one of the two edits lands`);
            if (textApplied) expected.description = description;
            if (outcome.applied) apply(expected);
            else assert.match(outcome.reason, /version|did not apply/, `${label}: ${outcome.reason}`);
            races[outcome.applied ? (textApplied ? 'both' : 'designer') : 'text']++;
            break;
          }
        }
        assert.equal(doc.getText(), serializeModel(expected), `${label}: the document holds every edit so far, once`);
        await designerShows(doc, label);
      }

      // The disk changes while the document has an unsaved edit: the buffer wins, nothing of it is lost.
      const files = vscode.workspace.getConfiguration('files');
      const autoSave = files.inspect<string>('autoSave')?.globalValue;
      await files.update('autoSave', 'off', vscode.ConfigurationTarget.Global);
      try {
        await saved(doc, 'before the unsaved edit');
        const description = `unsaved ${sequence}`;
        const match = /"description": ("[^"]*")/.exec(doc.getText())!;
        const start = doc.positionAt(match.index + 15);
        assert.ok(await editor.edit((b) => b.replace(new vscode.Range(start, start.translate(0, match[1].length)), JSON.stringify(description))));
        expected.description = description;
        assert.ok(doc.isDirty);
        const buffer = doc.getText();
        const elsewhere = structuredClone(expected);
        elsewhere.description = 'written by another tool';
        elsewhere.training.optimizer.learningRate = 0.777;
        const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '*.nnjson'));
        const seen = new Promise<void>((resolve) => watcher.onDidChange((changed) => changed.fsPath === uri.fsPath && resolve()));
        try {
          fs.writeFileSync(uri.fsPath, serializeModel(elsewhere));
          await withTimeout(seen, 10_000, 'VS Code to see the file change on disk');
          // Give the document every chance to (wrongly) follow the disk.
          await new Promise((r) => setTimeout(r, 1_000));
        } finally {
          watcher.dispose();
        }
        assert.equal(doc.getText(), buffer, 'the unsaved buffer is kept');
        assert.ok(doc.isDirty, 'and is still unsaved');
        await designerShows(doc, 'after the disk changed under unsaved edits');
        assert.deepEqual(JSON.parse(doc.getText()), expected, 'the final document holds every edit once');
        assert.equal(doc.getText(), serializeModel(expected));
        totals.dirtyDisk++;
      } finally {
        // Dropped before auto save returns, which would otherwise try to save over the newer file.
        await discardAndClose();
        await files.update('autoSave', autoSave, vscode.ConfigurationTarget.Global);
      }
      for (const step of Object.keys(counts) as Step[]) totals[step] += counts[step];
      sequencesRun++;
      console.log(`NN_RELIABILITY sequence ${sequence}: ${JSON.stringify({ ...counts, races, unchangedOnDisk, commits: commits.length })}`);
    });
  }

  it('RELIABILITY.md states the step counts of these sequences', async function () {
    if (sequencesRun !== SEQUENCES) this.skip();
    const ext = await activeExtension();
    const report = reportText(fs.readFileSync(path.join(ext.extensionUri.fsPath, 'RELIABILITY.md'), 'utf8'));
    assertReportStates('interleaved-edit', [
      `interleaved edits, ${SEQUENCES} sequences of ${LENGTH} steps, nothing lost`,
      `| Designer edit (\`nnDesigner._test.applyEdit\`, the webview's own path) | epochs, seed, loss, one weight | ${count(totals.designer)} |`,
      `| \`WorkspaceEdit\` from another extension | batch size | ${count(totals.workspaceEdit)} |`,
      `| Typing in the text editor (\`TextEditor.edit\`) | description | ${count(totals.textEditor)} |`,
      `| An external tool rewrites the file in place on disk | learning rate, after a save | ${count(totals.disk)} |`,
      `| A real \`git checkout\` of an earlier commit | the whole file | ${count(totals.checkout)} |`,
      `| Designer edit and text edit at once, against the same version | both | ${count(totals.concurrent)} |`,
      `| The file changes on disk while the document has an unsaved edit | description (unsaved), learning rate (disk) | ${count(totals.dirtyDisk)} |`,
    ], report);
  });
});
