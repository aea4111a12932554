// The moves of the interleaved-edit sequences: seeded choices, edits from each
// side, saving, a git repository for the file, and the check that the designer
// webview itself shows the document as it is.

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { documentState } from '../../../src/host/documentModel';
import type { NnModel } from '../../../src/model/types';
import { modelDigest } from '../../../src/protocol/digest';
import type { DesignerEdit } from '../../../src/protocol/webview';
import { browser, hasBrowser, waitFor } from './host';

/** A small seeded generator, so every run plays the same sequences. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Replaces `"key": <value>` (the first one) in the document through a WorkspaceEdit. */
export function replaceValue(doc: vscode.TextDocument, key: string, value: string): vscode.WorkspaceEdit {
  const text = doc.getText();
  const match = new RegExp(`"${key}": ("[^"]*"|[^,\\n]+)`).exec(text);
  assert.ok(match, `no "${key}" in the text`);
  const start = match.index + key.length + 4;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(start), doc.positionAt(start + match[1].length)), value);
  return edit;
}

/** A designer edit and what it does to the expected model. */
export function designerEdit(random: () => number, expected: NnModel): { edit: DesignerEdit; apply: (m: NnModel) => void } {
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

export async function withTimeout<T>(work: Thenable<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Saves before the disk changes under the document, as a user does before a checkout. */
export async function saved(doc: vscode.TextDocument, label: string): Promise<void> {
  if (!doc.isDirty) return;
  assert.ok(await withTimeout(doc.save(), 10_000, `${label}: the save`), `${label}: the document could not be saved`);
  assert.equal(doc.isDirty, false, `${label}: saved`);
}

export async function untilText(doc: vscode.TextDocument, text: string, what: string): Promise<void> {
  await waitFor(what, () => (doc.getText() === text ? true : undefined), 10_000);
}

/** A git repository in `dir`, with one commit per call to `commit`. */
export class Repository {
  constructor(readonly dir: string) {
    this.git('init', '-q');
  }

  git(...args: string[]): string {
    // Identity and settings on the command line, so no user or system configuration matters.
    return execFileSync('git', ['-c', 'user.name=NN Designer tests', '-c', 'user.email=tests@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    }).trim();
  }

  /** Commits `file` as it is on disk; returns the commit. */
  commit(file: string, message: string): string {
    this.git('add', path.relative(this.dir, file));
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  /** `git checkout <commit> -- file`: git writes the file as it was in that commit. */
  checkout(commit: string, file: string): void {
    this.git('checkout', '-q', commit, '--', path.relative(this.dir, file));
  }
}

interface Shown {
  fileName?: string;
  docVersion?: string;
  modelDigest?: string;
}

/**
 * Waits until the designer webview of `doc` has drawn the document as it is:
 * the page's marks (webview/main.ts) carry the document's version and the
 * digest of the model the text gives. Read from the page through the browser,
 * so it fails when the host's state never reached the webview. Without a
 * browser (desktop VS Code), the host's own state is compared instead.
 */
export async function designerShows(doc: vscode.TextDocument, label: string): Promise<void> {
  const fileName = path.basename(doc.uri.fsPath);
  const state = documentState(doc.getText(), doc.version, false, fileName);
  const digest = state.model ? modelDigest(state.model) : 'invalid';
  if (!hasBrowser()) {
    const host = await vscode.commands.executeCommand<{ version: number }>('nnDesigner._test.state', doc.uri);
    assert.equal(host.version, doc.version, `${label}: the designer's state is the current version`);
    return;
  }
  let last: Shown[] | undefined;
  try {
    await waitFor(`${label}: the designer to show version ${doc.version}`, async () => {
      const reply = await browser({ action: 'webviewDataset', selector: `#app[data-file-name="${fileName}"]` });
      last = reply?.value as Shown[] | undefined;
      const shown = last?.length === 1 ? last[0] : undefined;
      return shown?.docVersion === String(doc.version) && shown.modelDigest === digest ? true : undefined;
    }, 10_000);
  } catch (error) {
    throw new Error(`${(error as Error).message}: the page shows ${JSON.stringify(last)}, the document is at ${doc.version} with digest ${digest}`);
  }
}
