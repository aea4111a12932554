// The training worker in VS Code for the Web. The extension host is itself a
// Web Worker there, so each session gets a nested dedicated Worker running
// dist/worker.web.js. The script is read once through the workspace file
// system and started from a blob: URL, because the extension's files are
// usually served from another origin than the extension host's, and a Worker
// may only be started from its own origin.

import * as vscode from 'vscode';
import type { HostToWorker, WorkerToHost } from '../../protocol/worker';
import type { WorkerPort } from '../training/session';
import type { WorkerFactory } from '../training/workerFactory';

/** The browser Worker as far as used here (the host tsconfig has Node's types, not the DOM's). */
interface BrowserWorker {
  postMessage(message: HostToWorker): void;
  addEventListener(type: 'message', listener: (event: { data: WorkerToHost }) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: { message?: string; preventDefault(): void }) => void): void;
  terminate(): void;
}
type BrowserWorkerConstructor = new (url: string, options?: { name?: string }) => BrowserWorker;

type Listeners = { message: ((m: WorkerToHost) => void)[]; error: ((e: Error) => void)[]; exit: ((code: number) => void)[] };

async function scriptUrl(uri: vscode.Uri): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch {
    // Where the extension's location has no file system provider (a plain https: host), the browser fetches it.
    const response = await fetch(uri.toString(true));
    if (!response.ok) throw new Error(`cannot load ${uri.toString(true)}: HTTP ${response.status}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  }
  return URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' }));
}

/** Messages posted before the script has loaded wait here; listeners attach at once. */
class WebWorkerPort implements WorkerPort {
  private worker: BrowserWorker | undefined;
  private readonly pending: HostToWorker[] = [];
  private readonly listeners: Listeners = { message: [], error: [], exit: [] };
  private ended = false;

  constructor(url: Promise<string>, name: string) {
    url.then(
      (href) => this.started(href, name),
      (error: unknown) => this.fail(`the training worker could not be loaded: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  postMessage(message: HostToWorker): void {
    if (this.worker) this.worker.postMessage(message);
    else if (!this.ended) this.pending.push(message);
  }

  on(event: keyof Listeners, listener: (value: never) => void): this {
    (this.listeners[event] as unknown[]).push(listener);
    return this;
  }

  /** As worker_threads does, a terminated worker reports its exit (code 1). */
  terminate(): void {
    if (this.ended) return;
    this.ended = true;
    this.worker?.terminate();
    this.worker = undefined;
    queueMicrotask(() => this.listeners.exit.forEach((l) => l(1)));
  }

  private started(href: string, name: string): void {
    if (this.ended) return;
    const constructor = (globalThis as { Worker?: BrowserWorkerConstructor }).Worker;
    if (!constructor) {
      this.fail('this browser cannot start a worker from the extension host');
      return;
    }
    const worker = new constructor(href, { name: `NN Designer training: ${name}` });
    worker.addEventListener('message', (event) => this.listeners.message.forEach((l) => l(event.data)));
    const failed = (event: { message?: string; preventDefault(): void }) => {
      event.preventDefault();
      this.fail(event.message || 'the worker script failed');
    };
    worker.addEventListener('error', failed);
    worker.addEventListener('messageerror', failed);
    this.worker = worker;
    for (const message of this.pending.splice(0)) worker.postMessage(message);
  }

  private fail(message: string): void {
    if (this.ended) return;
    this.listeners.error.forEach((l) => l(new Error(message)));
  }
}

/** One script load for all sessions; a failed load is tried again by the next session. */
export function webWorkerFactory(extensionUri: vscode.Uri): WorkerFactory {
  let url: Promise<string> | undefined;
  return (name) => {
    const loading = (url ??= scriptUrl(vscode.Uri.joinPath(extensionUri, 'dist', 'worker.web.js')));
    loading.catch(() => {
      if (url === loading) url = undefined;
    });
    return new WebWorkerPort(loading, name);
  };
}
