// setImmediate for browser workers, where it does not exist: a task posted to
// a MessageChannel runs after pending messages, as setImmediate does in Node.
// setTimeout(0) is no substitute: browsers clamp nested timeouts to 4 ms,
// which would cap a tiny network at a few hundred slices a second.

/** A browser MessagePort, as far as used here (the host tsconfig has Node's types, not the DOM's). */
interface Port {
  onmessage: (() => void) | null;
  postMessage(value: unknown): void;
}

const queue: (() => void)[] = [];
let channel: { port1: Port; port2: Port } | undefined;

function drain(): void {
  // Only the tasks queued so far: tasks they queue wait for the next turn.
  for (const task of queue.splice(0)) task();
}

export function setImmediate(task: () => void): void {
  if (!channel) {
    channel = new MessageChannel() as unknown as { port1: Port; port2: Port };
    channel.port1.onmessage = drain;
  }
  queue.push(task);
  if (queue.length === 1) channel.port2.postMessage(undefined);
}
