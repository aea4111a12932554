// Scripted sequences of edits from the designer, a text editor and the disk
// (an external tool, a git checkout) end in exactly the expected text.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { serializeModel } from '../../../src/model/serialize';
import type { NnModel } from '../../../src/model/types';
import type { DesignerEdit } from '../../../src/protocol/webview';
import { activeExtension, waitFor } from '../support/host';
import { baseModel, discardAndClose, writeWorkspaceFile } from '../support/reliability';

type Outcome = { applied: true } | { applied: false; reason: string } | undefined;

/** A small seeded generator, so every run plays the same sequences. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Step = 'designer' | 'workspaceEdit' | 'textEditor' | 'disk' | 'checkout' | 'concurrent';
const STEPS: Step[] = ['designer', 'designer', 'workspaceEdit', 'textEditor', 'disk', 'checkout', 'concurrent'];

/** Replaces `"key": <value>` (the first one) in the document through a WorkspaceEdit. */
function replaceValue(doc: vscode.TextDocument, key: string, value: string): vscode.WorkspaceEdit {
  const text = doc.getText();
  const match = new RegExp(`"${key}": ("[^"]*"|[^,\\n]+)`).exec(text);
  assert.ok(match, `no "${key}" in the text`);
  const start = match.index + key.length + 4;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(start), doc.positionAt(start + match[1].length)), value);
  return edit;
}

/** A designer edit and what it does to the expected model. */
function designerEdit(random: () => number, expected: NnModel): { edit: DesignerEdit; apply: (m: NnModel) => void } {
  const pick = Math.floor(random() * 4);
  const n = 1 + Math.floor(random() * 90);
  if (pick === 0) return { edit: { kind: 'setTraining', field: 'epochs', value: n }, apply: (m) => (m.training.epochs = n) };
  if (pick === 1) {
    const loss = expected.training.loss === 'mse' ? 'mae' : 'mse';
    return { edit: { kind: 'setLoss', loss }, apply: (m) => (m.training.loss = loss) };
  }
  if (pick === 2) {
    const value = n / 8;
    return { edit: { kind: 'setWeight', dense: 0, neuron: n % 3, input: n % 2, value }, apply: (m) => ((m.layers[0] as { weights: number[][] }).weights[n % 3][n % 2] = value) };
  }
  return { edit: { kind: 'setTraining', field: 'seed', value: n }, apply: (m) => (m.training.seed = n) };
}

async function withTimeout<T>(work: Thenable<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Saves before the disk changes under the document, as a user does before a checkout; a busy host may need another try. */
async function saved(doc: vscode.TextDocument, label: string): Promise<void> {
  for (let attempt = 1; doc.isDirty; attempt++) {
    if (await withTimeout(doc.save(), 10_000, `${label}: the save`)) return;
    console.log(`${label}: save attempt ${attempt} did not save (dirty: ${doc.isDirty})`);
    assert.ok(attempt < 3, `${label}: the document could not be saved`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function untilText(doc: vscode.TextDocument, text: string, what: string): Promise<void> {
  await waitFor(what, () => (doc.getText() === text ? true : undefined), 10_000);
}

describe('reliability: interleaved edits', function () {
  this.timeout(240_000);
  before(activeExtension);
  afterEach(discardAndClose);

  const SEQUENCES = 8;
  const LENGTH = 25;

  for (let sequence = 1; sequence <= SEQUENCES; sequence++) {
    it(`sequence ${sequence}: ${LENGTH} steps from the designer, text editors and the disk lose and duplicate nothing`, async () => {
      const random = lcg(sequence * 7919);
      const expected = baseModel();
      const uri = writeWorkspaceFile(`interleaved-${sequence}.nnjson`, serializeModel(expected));
      await vscode.commands.executeCommand('vscode.openWith', uri, 'nnDesigner.editor');
      await withTimeout(vscode.commands.executeCommand('nnDesigner._test.whenReady', uri), 20_000, 'the designer to be ready');
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
      const snapshots: NnModel[] = [structuredClone(expected)];
      const counts: Record<Step, number> = { designer: 0, workspaceEdit: 0, textEditor: 0, disk: 0, checkout: 0, concurrent: 0 };
      const races = { designer: 0, text: 0, both: 0 };

      for (let step = 0; step < LENGTH; step++) {
        const kind = STEPS[Math.floor(random() * STEPS.length)];
        counts[kind]++;
        const label = `step ${step} (${kind})`;
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
          case 'disk':
          case 'checkout': {
            // An external tool rewrites the file, or git checks out an earlier version of it.
            await saved(doc, label);
            const next = kind === 'disk' ? structuredClone(expected) : structuredClone(snapshots[Math.floor(random() * snapshots.length)]);
            if (kind === 'disk') next.training.optimizer.learningRate = Math.round(random() * 100) / 1000 + 0.001;
            const text = serializeModel(next);
            if (text === doc.getText()) break;
            // Written whole and renamed into place, as git and most tools do: a truncate-then-write can reach the
            // file watcher as two changes, the second after the next edit made the document dirty again.
            const tmp = `${uri.fsPath}.${step}.tmp`;
            fs.writeFileSync(tmp, text);
            fs.renameSync(tmp, uri.fsPath);
            await untilText(doc, text, `${label}: the document to follow the disk`);
            // Let any late change event for this write arrive while the document is still clean.
            await new Promise((r) => setTimeout(r, 300));
            Object.assign(expected, structuredClone(next));
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
        snapshots.push(structuredClone(expected));
        const state = await vscode.commands.executeCommand<{ version: number; model?: NnModel }>('nnDesigner._test.state', uri);
        assert.equal(state.version, doc.version, `${label}: the designer shows the current version`);
      }
      assert.deepEqual(JSON.parse(doc.getText()), expected, 'the final document holds every edit once');
      assert.equal(doc.getText(), serializeModel(expected));
      console.log(`NN_RELIABILITY sequence ${sequence}: ${JSON.stringify({ ...counts, races })}`);
    });
  }
});
