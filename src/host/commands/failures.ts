// What a command does when it fails: log it, tell the user, and keep the last
// few failures so the end-to-end tests can see errors that never reach
// executeCommand's promise (the handlers catch them to show a message).

import * as vscode from 'vscode';
import { errorMessage, log } from '../log';

/** Failures kept for the tests; older ones are dropped. */
const KEPT = 50;
const recent: string[] = [];

export function reportCommandFailure(id: string, error: unknown): void {
  const message = errorMessage(error);
  log().error(`${id} failed: ${message}`);
  recent.push(`${id}: ${message}`);
  if (recent.length > KEPT) recent.splice(0, recent.length - KEPT);
  void vscode.window.showErrorMessage(`NN Designer: ${message}`);
}

/** The failures since the last call, oldest first; the list is emptied. */
export function takeCommandFailures(): string[] {
  return recent.splice(0, recent.length);
}
