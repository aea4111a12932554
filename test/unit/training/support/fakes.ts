// A training worker and timers under the test's control, for the session's
// state machine: the worker records what the session sends and lets the test
// answer; time moves only when the test advances it.

import type { WorkerPort } from '../../../../src/host/training/session';
import type { Timers } from '../../../../src/host/training/throttle';
import type { HostToWorker, WorkerToHost } from '../../../../src/protocol/worker';

export class FakeWorker implements WorkerPort {
  readonly sent: HostToWorker[] = [];
  terminated = 0;
  private readonly listeners = new Map<string, ((value: never) => void)[]>();
  postMessage(message: HostToWorker): void {
    this.sent.push(message);
  }
  on(event: string, listener: (value: never) => void): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  terminate(): void {
    this.terminated++;
  }
  emit(event: 'message', value: WorkerToHost): void;
  emit(event: 'error', value: Error): void;
  emit(event: 'exit', value: number): void;
  emit(event: string, value: unknown): void {
    for (const l of this.listeners.get(event) ?? []) l(value as never);
  }
  types(): string[] {
    return this.sent.map((m) => m.type);
  }
}

export class FakeTimers implements Timers {
  time = 0;
  private tasks: { at: number; task: () => void; id: number }[] = [];
  private ids = 0;
  now(): number {
    return this.time;
  }
  setTimeout(task: () => void, ms: number): unknown {
    const id = ++this.ids;
    this.tasks.push({ at: this.time + ms, task, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.tasks = this.tasks.filter((t) => t.id !== handle);
  }
  /** Advances by `ms`, in steps of `step` when given, running the tasks that fall due and then `each` after every step (a worker that keeps talking). */
  advance(ms: number, step = ms, each?: () => void): void {
    for (let left = ms; left > 0; left -= step) {
      this.time += Math.min(step, left);
      const due = this.tasks.filter((t) => t.at <= this.time);
      this.tasks = this.tasks.filter((t) => t.at > this.time);
      for (const t of due) t.task();
      each?.();
    }
  }
}
