// The training worker's loop, without worker_threads: it takes host messages,
// trains in slices of batches, and yields to the message loop between slices
// (through the injected `defer`), so pause and stop arrive within one batch.
// Every epoch goes into the worker's timeline and the chart series; the host
// gets the latest snapshot (with per-neuron |dL/dX| and the decision boundary)
// at most every `snapshotIntervalMs`, and always when the loop stops, so a tiny
// network running thousands of epochs a second never floods it.

import { evaluate, type EpochReport } from '../engine';
import { inputGradientMeans } from '../engine/probe';
import { dataPreview, type SampleSet } from '../data';
import { inferTask } from '../model/samples';
import type { TrainerChoice } from '../engine/wasm/select';
import { emptyTrainingSeries, type TrainingSnapshot } from '../protocol/training';
import type { EpochSeries, HostToWorker, TrainedParameters, WorkerInit, WorkerState, WorkerToHost } from '../protocol/worker';
import { boundaryGrid, clampResolution } from './boundary';
import { buildSession, type Built } from './build';
import { ChunkQueue, loadSamples, progressReporter, type DiskReader } from './load';
import { snapshotMetrics } from './metrics';
import { scatterPoints } from './points';
import { cloneSnapshot, withWeights } from './replay';
import { findDivergence, SnapshotBuilder, type LayerGradient } from './snapshot';
import { Timeline } from './timeline';

export interface LoopHost {
  post(message: WorkerToHost): void;
  /** Run `task` after pending messages have been handled (setImmediate in the worker), or after `delayMs`. */
  defer(task: () => void, delayMs?: number): void;
  now(): number;
  /** The WASM kernels, for the WASM-resident trainer; absent, training runs on the reference step. */
  kernels?: TrainerChoice;
  /** Reads a 'disk' data feed; only a worker with a file system has one. */
  readDisk?: DiskReader;
}

/** Training samples used to measure per-neuron |dL/dX| for a snapshot. */
const PROBE_SAMPLES = 64;

type Mode = 'paused' | 'running' | 'epoch' | 'done';

export class TrainingLoop {
  private init: WorkerInit | undefined;
  private samples: SampleSet | undefined;
  private built: Built | undefined;
  private builder: SnapshotBuilder | undefined;
  private mode: Mode = 'paused';
  private scheduled = false;
  private lastLive = -Infinity;
  /** When the next epoch may start under pacing (host clock, ms). */
  private nextEpochDue = -Infinity;
  private timeline: Timeline | undefined;
  /** The timeline's revision the host has the epoch list of; −1: it has none of this timeline. */
  private timelineSent = -1;
  private series: EpochSeries = emptySeries(1);
  private history = { loss: [] as number[], testLoss: [] as number[], accuracy: [] as number[] };
  /** Messages that arrived while the session was being built. */
  private queue: HostToWorker[] | undefined;
  /** The data file's text when the host sends it in messages. */
  private readonly incoming = new ChunkQueue();

  constructor(private readonly host: LoopHost) {}

  handle(message: HostToWorker): void {
    // The data file's chunks arrive while the session is being built: they feed the build, not the queue.
    if (message.type === 'dataChunk' || message.type === 'dataEnd') {
      this.incoming.accept(message);
      return;
    }
    if (this.queue) {
      this.queue.push(message);
      return;
    }
    if (message.type === 'init') {
      void this.start(message.init);
      return;
    }
    if (!this.built) return;
    switch (message.type) {
      case 'run':
        this.go('running');
        break;
      case 'stepEpoch':
        this.go('epoch');
        break;
      case 'pause':
        if (this.mode !== 'running' && this.mode !== 'epoch') break;
        // The last epoch may not have gone out while running: send where the loop stands.
        this.postSnapshot(this.latestEnriched());
        this.stop('paused');
        break;
      case 'stepBatch':
        this.stepBatch();
        break;
      case 'reset':
        this.reset();
        break;
      case 'pace':
        if (this.init) {
          this.init.epochsPerSecond = message.epochsPerSecond;
          this.init.snapshotIntervalMs = message.snapshotIntervalMs;
        }
        break;
      case 'boundaryResolution':
        if (this.init) this.init.boundaryResolution = clampResolution(message.resolution);
        this.postSnapshot(this.latestEnriched());
        break;
      case 'weights':
        this.host.post({ type: 'weights', id: message.id, parameters: this.parameters() });
        break;
      case 'scrub':
        this.host.post({ type: 'scrubbed', id: message.id, snapshot: this.replay(message.epoch), timeline: this.timeline!.epochs() });
        break;
    }
  }

  private async start(init: WorkerInit): Promise<void> {
    this.queue = [];
    this.init = { ...init, boundaryResolution: clampResolution(init.boundaryResolution) };
    try {
      const onProgress = progressReporter(this.host);
      const yieldTurn = () => new Promise<void>((resolve) => this.host.defer(resolve));
      this.samples = await loadSamples(init.model, init.data, { incoming: this.incoming, onProgress, readDisk: this.host.readDisk, yieldTurn });
      this.build();
    } catch (error) {
      this.queue = undefined;
      this.host.post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      return;
    }
    const train = this.built!.data.train;
    const ready: WorkerToHost = {
      type: 'ready',
      totalEpochs: init.model.training.epochs,
      batches: Math.ceil(train.count / Math.min(init.model.training.batchSize, train.count)),
      snapshot: this.initialSnapshot(),
    };
    if (train.inputSize === 2) {
      ready.points = scatterPoints(train, init.model.training.seed);
    } else {
      const { model } = init;
      ready.preview = dataPreview(this.samples!, {
        split: model.data?.split, seed: model.training.seed, outputSize: this.built!.network.outputSize, outputNames: model.outputNames,
      });
    }
    this.host.post(ready);
    this.timelineSent = this.timeline!.revision;
    const queued = this.queue;
    this.queue = undefined;
    for (const message of queued) this.handle(message);
  }

  private build(): void {
    const init = this.init!;
    this.built?.trainer.dispose();
    this.built = buildSession(init.model, this.samples!, this.host.kernels);
    this.builder = new SnapshotBuilder(this.built.network);
    this.history = { loss: [], testLoss: [], accuracy: [] };
    this.series = emptySeries(1);
    this.lastLive = -Infinity;
    this.timeline = new Timeline({ keepRecent: init.keepRecentEpochs, keepEveryNth: init.keepEveryNth });
    this.timelineSent = -1;
  }

  private get totalEpochs(): number {
    return this.init!.model.training.epochs;
  }

  private go(mode: 'running' | 'epoch'): void {
    if (this.mode === 'done' && mode === 'running') {
      this.postState('done');
      return;
    }
    this.mode = mode;
    // Pacing counts from the moment the run (re)starts.
    this.nextEpochDue = this.host.now();
    this.postState('running');
    this.schedule();
  }

  private schedule(delayMs = 0): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.host.defer(() => {
      this.scheduled = false;
      this.slice();
    }, delayMs);
  }

  /**
   * How long to wait before the next epoch so a run goes no faster than
   * `epochsPerSecond`; 0 when unpaced or not running. Small networks train
   * thousands of epochs a second, too fast to watch a boundary form; large
   * ones take longer per epoch than the budget and never wait.
   */
  private paceDelay(): number {
    const rate = this.init!.epochsPerSecond ?? 0;
    if (this.mode !== 'running' || !(rate > 0)) return 0;
    const now = this.host.now();
    const due = Math.max(this.nextEpochDue, now - 1000 / rate) + 1000 / rate;
    this.nextEpochDue = due;
    return Math.max(0, due - now);
  }

  /** Batches until the slice's time is up, the epoch ends in step mode, or the run ends. */
  private slice(): void {
    if (this.mode !== 'running' && this.mode !== 'epoch') return;
    const { trainer } = this.built!;
    const started = this.host.now();
    const sliceMs = this.init!.sliceMs ?? 8;
    do {
      const step = trainer.stepBatch();
      if (!Number.isFinite(step.loss)) {
        trainer.sync();
        this.diverged(step.epoch, this.builder!.batchGradients(), step.loss);
        return;
      }
      if (step.report) {
        if (!this.finishedEpoch(step.report)) return;
        const wait = this.paceDelay();
        if (wait > 0) {
          this.schedule(wait);
          return;
        }
      }
    } while (this.host.now() - started < sliceMs);
    this.schedule();
  }

  /** Handles an epoch's report; false when the loop stopped because of it. */
  private finishedEpoch(report: EpochReport): boolean {
    this.history.loss.push(report.loss);
    if (report.testLoss !== undefined) this.history.testLoss.push(report.testLoss);
    if (report.accuracy !== undefined) this.history.accuracy.push(report.accuracy);
    if (report.diverged) {
      this.diverged(report.epoch, report.gradients, report.loss);
      return false;
    }
    const last = report.epoch >= this.totalEpochs;
    const stopping = last || this.mode === 'epoch';
    const snapshot = this.epochSnapshot(report);
    this.timeline!.add(snapshot);
    const s = this.series;
    s.loss.push(report.loss);
    s.testLoss.push(report.testLoss ?? null);
    s.accuracy.push(report.accuracy ?? null);
    s.testAccuracy.push(report.testAccuracy ?? null);
    s.validationLoss.push(report.validationLoss ?? null);
    s.validationAccuracy.push(report.validationAccuracy ?? null);
    const now = this.host.now();
    const due = this.init!.stream && now - this.lastLive >= (this.init!.snapshotIntervalMs ?? 0);
    if (due || stopping) this.postSnapshot(this.enriched(snapshot));
    if (last) this.stop('done');
    else if (this.mode === 'epoch') this.stop('paused');
    return !stopping;
  }

  private stepBatch(): void {
    if (this.mode === 'running' || this.mode === 'epoch') this.mode = 'paused';
    const step = this.built!.trainer.stepBatch();
    this.built!.trainer.sync();
    if (!Number.isFinite(step.loss)) {
      this.diverged(step.epoch, this.builder!.batchGradients(), step.loss);
      return;
    }
    if (step.report) {
      // Finishing an epoch by hand ends like a step of one epoch: snapshot, then paused (or done).
      this.mode = 'epoch';
      this.finishedEpoch(step.report);
    } else {
      const snapshot = this.currentSnapshot(this.builder!.batchGradients(), false);
      snapshot.loss = step.loss;
      this.postSnapshot(snapshot);
      this.postState(this.mode === 'done' ? 'done' : 'paused');
    }
  }

  private stop(mode: 'paused' | 'done'): void {
    this.mode = mode;
    this.postState(mode);
  }

  private reset(): void {
    this.build();
    this.mode = 'paused';
    this.postSnapshot(this.initialSnapshot());
    this.postState('paused');
  }

  private diverged(epoch: number, gradients: LayerGradient[], loss: number): void {
    const snapshot = this.currentSnapshot(gradients, false);
    snapshot.loss = loss;
    const where = findDivergence(snapshot) ?? { dense: snapshot.layers.length - 1, what: 'loss' as const };
    snapshot.divergence = { epoch, ...where };
    this.postSnapshot(snapshot);
    this.host.post({ type: 'divergence', epoch, ...where, learningRate: snapshot.learningRate });
    this.stop('paused');
  }

  private initialSnapshot(): TrainingSnapshot {
    const { network, data, loss } = this.built!;
    const snapshot = this.currentSnapshot(this.builder!.zeroGradients(), false);
    const start = evaluate(network, data.train, loss, inferTask(this.init!.model, network.outputSize));
    snapshot.loss = start.loss;
    if (start.accuracy !== undefined) snapshot.accuracy = start.accuracy;
    this.timeline!.add(cloneSnapshot(snapshot));
    return snapshot;
  }

  /** The timeline's copy of an epoch: parameters and gradients only, cheap enough for every epoch. */
  private epochSnapshot(report: EpochReport): TrainingSnapshot {
    const { trainer } = this.built!;
    const snapshot: TrainingSnapshot = {
      epoch: trainer.epoch,
      batch: trainer.batch,
      batches: this.batches(),
      loss: report.loss,
      learningRate: report.learningRate,
      layers: this.builder!.layers(report.gradients, true),
    };
    snapshot.loss = report.loss;
    if (report.testLoss !== undefined) snapshot.testLoss = report.testLoss;
    if (report.accuracy !== undefined) snapshot.accuracy = report.accuracy;
    if (report.testAccuracy !== undefined) snapshot.testAccuracy = report.testAccuracy;
    if (report.validationLoss !== undefined) snapshot.validationLoss = report.validationLoss;
    if (report.validationAccuracy !== undefined) snapshot.validationAccuracy = report.validationAccuracy;
    return snapshot;
  }

  /** A copy of a kept snapshot for the host, with per-neuron |dL/dX| and the boundary of the current weights. */
  private enriched(kept: TrainingSnapshot): TrainingSnapshot {
    const snapshot = cloneSnapshot(kept);
    this.decorate(snapshot);
    this.lastLive = this.host.now();
    return snapshot;
  }

  /** Adds the probe's per-neuron |dL/dX| and, for 2-input networks, the decision boundary of the network as it is. */
  private decorate(snapshot: TrainingSnapshot, current = true): void {
    const { network, data, loss } = this.built!;
    const probe = Math.min(PROBE_SAMPLES, data.train.count);
    const inputs = data.train.inputs.subarray(0, probe * data.train.inputSize);
    const targets = data.train.targets.subarray(0, probe * data.train.targetSize);
    const means = inputGradientMeans(network, inputs, targets, probe, loss);
    snapshot.layers.forEach((layer, l) => (layer.gradInputs = Float32Array.from(means[l])));
    if (network.inputSize === 2) snapshot.boundary = boundaryGrid(network, data.train.inputs, data.train.count, this.init!.boundaryResolution);
    const { model } = this.init!;
    const metrics = snapshotMetrics({
      network,
      task: inferTask(model, network.outputSize),
      train: data.train,
      test: data.test,
      outputNames: model.outputNames,
      hinge: model.training.loss === 'hinge',
      testPredictions: current ? this.built!.trainer.testPredictions() : undefined,
    });
    if (metrics) snapshot.metrics = metrics;
  }

  /** A kept epoch, with its boundary and |dL/dX| recomputed from the weights it holds. */
  private replay(epoch: number): TrainingSnapshot | undefined {
    const kept = this.timeline?.get(epoch);
    if (!kept) return undefined;
    const snapshot = cloneSnapshot(kept);
    withWeights(this.built!.network, kept.layers, () => this.decorate(snapshot, false));
    return snapshot;
  }

  /** The current state again: the kept end-of-epoch snapshot when the loop is between epochs. */
  private latestEnriched(): TrainingSnapshot {
    const { trainer } = this.built!;
    trainer.sync();
    const kept = trainer.batch === 0 ? this.timeline!.get(trainer.epoch) : undefined;
    if (kept) return this.enriched(kept);
    const snapshot = this.currentSnapshot(this.builder!.batchGradients(), false);
    snapshot.loss = this.history.loss[this.history.loss.length - 1] ?? NaN;
    return snapshot;
  }

  private batches(): number {
    const train = this.built!.data.train;
    return Math.ceil(train.count / Math.min(this.init!.model.training.batchSize, train.count));
  }

  /** The parameters as they are now, decorated for the host; `loss` is filled in by the caller. */
  private currentSnapshot(gradients: LayerGradient[], wholeEpoch: boolean): TrainingSnapshot {
    const { trainer } = this.built!;
    const snapshot: TrainingSnapshot = {
      epoch: trainer.epoch,
      batch: trainer.batch,
      batches: this.batches(),
      loss: NaN,
      learningRate: this.init!.model.training.optimizer.learningRate,
      layers: this.builder!.layers(gradients, wholeEpoch),
    };
    this.decorate(snapshot);
    return snapshot;
  }

  private parameters(): TrainedParameters {
    const { network, data, trainer } = this.built!;
    trainer.sync();
    return {
      layers: network.denseLayers().map((d) => ({ units: d.units, inputs: d.inputSize, weights: d.weights.slice(), bias: d.bias.slice() })),
      history: { loss: [...this.history.loss], testLoss: [...this.history.testLoss], accuracy: [...this.history.accuracy] },
      normalization: data.normalization,
    };
  }

  /** Sends a snapshot with the chart numbers of the epochs since the last one, and the kept epochs when some were dropped. */
  private postSnapshot(snapshot: TrainingSnapshot): void {
    const message: WorkerToHost = { type: 'snapshot', snapshot };
    const series = this.series;
    if (series.loss.length > 0) {
      this.series = emptySeries(series.from + series.loss.length);
      message.series = series;
    }
    const timeline = this.timeline!;
    if (timeline.revision !== this.timelineSent) {
      message.timeline = timeline.epochs();
      this.timelineSent = timeline.revision;
    }
    this.host.post(message);
  }

  private postState(state: WorkerState): void {
    this.host.post({ type: 'state', state, epoch: this.built?.trainer.epoch ?? 0 });
  }
}

function emptySeries(from: number): EpochSeries {
  return { from, ...emptyTrainingSeries() };
}
