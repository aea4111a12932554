// Benchmark (not a test): the extension host's side of training MNIST
// 784-128-64-10 (ReLU, softmax + cross-entropy, 8,000 training digits of the
// built-in source) in the real training worker (dist/worker.js), the way the
// product runs it. The main thread of this process stands in for the extension
// host: a TrainingSession (src/host/training/session.ts) owns the worker and
// throttles its snapshots to the default 30 updates a second, and every
// snapshot delivered is handled the way the host handles it:
//   - the designer's share (src/host/designerSession.ts): the chart numbers since
//     the last post, reduceSnapshot (the drawn block of each large layer plus the
//     statistics of its whole W, dL/dW and ΔW), and the post to the webview,
//     here a structured clone through a MessagePort as VS Code serialises it;
//   - the manager's change event: the status bar text from the session's view
//     (src/host/training/statusText.ts) and the context key from another view;
//   - the epoch log line.
// It measures the event-loop delay of this thread (perf_hooks, 1 ms resolution),
// the time each snapshot's handling takes, and the training throughput, with
// streaming on (the live view) and off (training alone), runs interleaved.

import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { NnModel } from '../src/model';
import type { TrainingSnapshot, TrainingView } from '../src/protocol/training';
import type { WorkerInit } from '../src/protocol/worker';
import { TrainingSession, type WorkerPort } from '../src/host/training/session';
import { statusBarText } from '../src/host/training/statusText';
import { reduceSnapshot, reduceView } from '../src/host/training/summarize';
import { MNIST_SAMPLES, mnistModel } from './mnistModel.mjs';

const TRAIN = MNIST_SAMPLES * 0.8;
const UPDATES_PER_SECOND = 30;

export interface HostLagRun {
  stream: boolean;
  samplesPerSecond: number;
  /** Event-loop delay of the host thread while training, ms. */
  lagP50: number;
  lagP99: number;
  lagMax: number;
  /** Snapshots handed to the designer, and the time the host spent on each, ms. */
  snapshots: number;
  handleP50: number;
  handleP99: number;
  handleMax: number;
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** One run: start the worker, train for `seconds` once it is ready, pause, and count the samples trained. */
export function hostLagRun(workerPath: string, stream: boolean, seconds: number, batchSize: number): Promise<HostLagRun> {
  const name = 'mnist.nnjson';
  const webview = new MessageChannel();
  webview.port2.on('message', () => undefined);
  const post = (message: unknown): void => webview.port1.postMessage(message);
  const lag = monitorEventLoopDelay({ resolution: 1 });
  const handled: number[] = [];
  let seriesSent = 0;
  // What the host makes of each event; kept so none of it is optimised away.
  const sink = { status: '', context: '', log: '' };
  let started = 0;
  let pausing = false;
  const init: WorkerInit = {
    model: mnistModel(batchSize) as NnModel,
    boundaryResolution: 50,
    stream,
    snapshotIntervalMs: 1000 / UPDATES_PER_SECOND,
    keepRecentEpochs: 200,
    keepEveryNth: 10,
    epochsPerSecond: 60,
  };
  return new Promise<HostLagRun>((resolve, reject) => {
    // What the manager's change event does on the host: the status bar item and the context key each read the view.
    const changed = (): void => {
      sink.status = statusBarText(name, session.view())?.text ?? '';
      sink.context = session.view().status;
    };
    const session: TrainingSession = new TrainingSession(
      () => new Worker(workerPath) as unknown as WorkerPort,
      init,
      { updatesPerSecond: UPDATES_PER_SECOND, keepRecentEpochs: 200, keepEveryNth: 10 },
      {
        view: (view: TrainingView) => {
          seriesSent = view.series.loss.length;
          post({ type: 'training', view: reduceView(view, undefined) });
          changed();
          if (view.status === 'failed') reject(new Error(view.message));
          // The view sent on 'ready' is the first with a snapshot: the data is loaded, training can start.
          if (started === 0 && view.latest) {
            started = performance.now();
            lag.enable();
            session.command('train');
            setTimeout(() => {
              pausing = true;
              session.command('pause');
            }, seconds * 1000);
          } else if (view.status === 'paused' && pausing) {
            const elapsed = (performance.now() - started) / 1000;
            lag.disable();
            const s = session.latestSnapshot!;
            const trained = s.epoch * TRAIN + s.batch * batchSize;
            session.dispose();
            webview.port1.close();
            resolve({
              stream,
              samplesPerSecond: trained / elapsed,
              lagP50: lag.percentile(50) / 1e6,
              lagP99: lag.percentile(99) / 1e6,
              lagMax: lag.max / 1e6,
              snapshots: handled.length,
              handleP50: quantile(handled, 0.5),
              handleP99: quantile(handled, 0.99),
              handleMax: handled.length ? Math.max(...handled) : NaN,
            });
          }
        },
        snapshot: (snapshot: TrainingSnapshot) => {
          const t = performance.now();
          const series = session.seriesSince(seriesSent);
          seriesSent = series.from - 1 + series.loss.length;
          post({ type: 'trainingSnapshot', snapshot: reduceSnapshot(snapshot, undefined), ...(series.loss.length ? { series } : {}) });
          changed();
          if (started > 0 && !pausing) handled.push(performance.now() - t);
        },
        epoch: (s: TrainingSnapshot) => {
          sink.log = `training ${name}: epoch ${s.epoch}: loss ${s.loss}${s.accuracy === undefined ? '' : `, accuracy ${s.accuracy}`}${s.testLoss === undefined ? '' : `, test loss ${s.testLoss}`}`;
        },
      },
    );
    session.start();
  });
}

/** `runs` runs with streaming off and on, interleaved (the order alternating per round), and their medians. */
export async function hostLag(workerPath: string, options: { seconds: number; runs: number; batchSize: number }): Promise<{ batchSize: number; seconds: number; updatesPerSecond: number; runs: HostLagRun[] }> {
  const runs: HostLagRun[] = [];
  for (let r = 0; r < options.runs; r++) {
    const order = r % 2 === 0 ? [false, true] : [true, false];
    for (const stream of order) runs.push(await hostLagRun(workerPath, stream, options.seconds, options.batchSize));
  }
  return { batchSize: options.batchSize, seconds: options.seconds, updatesPerSecond: UPDATES_PER_SECOND, runs };
}
