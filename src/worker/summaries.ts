// The statistics of the large layers' whole matrices (src/protocol/summary.ts),
// added by the worker to every snapshot it posts, so the extension host only
// forwards them to the webview: over 100k values × 3 matrices for MNIST would
// otherwise be summed on the host's thread for every snapshot.

import { isSampledSize, summarizeLayer } from '../protocol/summary';
import type { TrainingSnapshot } from '../protocol/training';
import type { WorkerToHost } from '../protocol/worker';

function summarize(snapshot: TrainingSnapshot | undefined): void {
  for (const layer of snapshot?.layers ?? []) {
    if (!layer.summary && isSampledSize(layer)) layer.summary = summarizeLayer(layer);
  }
}

/** The message with its snapshot's large layers summarised (in place; the worker posts it next). */
export function withSummaries(message: WorkerToHost): WorkerToHost {
  if (message.type === 'ready' || message.type === 'snapshot' || message.type === 'scrubbed') summarize(message.snapshot);
  return message;
}
