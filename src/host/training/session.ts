// One training session per document: owns the worker, follows its state,
// keeps the per-epoch series and logs each epoch, mirrors the list of epochs
// the worker's timeline keeps and asks it for them, and throttles what goes
// to the webview. No `vscode` here, so the state machine is tested with a
// fake worker; src/host/training/manager.ts connects it to VS Code.

import { emptyTrainingSeries, NULLABLE_SERIES, seriesFrom, type LayerSnapshot, type TrainingSeries, type TrainingSnapshot, type TrainingStatus, type TrainingView } from '../../protocol/training';
import type { TrainingCommand } from '../../protocol/webview';
import type { EpochSeries, HostToWorker, TrainedParameters, WorkerInit, WorkerToHost } from '../../protocol/worker';
import { epochLine, type SessionLog } from './sessionLog';
import { Liveness } from './liveness';
import { Throttle, realTimers, type Timers } from './throttle';

/** What the session needs of a worker_threads Worker. */
export interface WorkerPort {
  postMessage(message: HostToWorker): void;
  on(event: 'message', listener: (message: WorkerToHost) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): unknown;
}

export interface SessionOptions {
  updatesPerSecond: number;
  /** How long Stop waits for the worker to hand over its weights before terminating it anyway. */
  stopTimeoutMs?: number;
  /** Silence after which a worker the session waits for is taken for dead (default LIVENESS_TIMEOUT_MS). */
  livenessMs?: number;
}

export interface SessionEvents {
  /** Status, message or timeline changed in a way the webview must redraw from scratch. */
  view?(view: TrainingView): void;
  /** A live snapshot for the webview, throttled. */
  snapshot?(snapshot: TrainingSnapshot): void;
  /** NaN or Inf: the worker has paused. */
  divergence?(message: string): void;
  /** Every epoch's numbers at debug level, as the paper's verbose mode prints them; failures at error level. */
  log?: SessionLog;
}

type WorkerCommand = Extract<TrainingCommand, 'train' | 'pause' | 'resume' | 'stepEpoch' | 'stepBatch' | 'stop' | 'reset'>;

let nextPointsId = 1;

export class TrainingSession {
  private worker: WorkerPort | undefined;
  private statusValue: TrainingStatus = 'idle';
  private message: string | undefined;
  private totalEpochs: number;
  private latest: TrainingSnapshot | undefined;
  private points: TrainingView['points'];
  /** Names this session's points, so a designer sends them to its webview once. */
  private readonly pointsId = nextPointsId++;
  private preview: TrainingView['preview'];
  /** The worker's last report while it reads the data file; cleared when it is ready. */
  private reading: TrainingView['reading'];
  private series: TrainingSeries = emptyTrainingSeries();
  /** The epochs the worker's timeline keeps, ascending, as it last reported them plus the epochs since. */
  private kept: number[] = [];
  private live: Throttle<TrainingSnapshot>;
  private readonly requests = new Map<number, { resolve: (m: WorkerToHost) => void; reject: (e: Error) => void }>();
  private started = false;
  /** Stop is under way: the worker's pause on the way is not a state of its own. */
  private stopping = false;
  private nextId = 1;
  private saved: TrainedParameters | undefined;
  private ended = false;
  /** Gives up on a worker that stays silent while the session waits for it. */
  private readonly liveness: Liveness;

  constructor(
    private readonly createWorker: () => WorkerPort,
    private readonly init: WorkerInit,
    private readonly options: SessionOptions,
    private readonly events: SessionEvents = {},
    private readonly timers: Timers = realTimers,
  ) {
    this.totalEpochs = init.model.training.epochs;
    this.live = new Throttle(options.updatesPerSecond, (s) => this.events.snapshot?.(s), timers);
    this.liveness = new Liveness(timers, () => !this.started || this.statusValue === 'running' || this.requests.size > 0, (silentMs) =>
      this.crashed(
        `the training worker stopped responding: nothing was heard from it for ${Math.round(silentMs / 1000)} s ` +
          '(it may have been ended by the browser or run out of memory); train again to start a new one',
      ),
      options.livenessMs,
    );
  }

  get status(): TrainingStatus {
    return this.statusValue;
  }

  /** Whether the worker is gone (stopped, failed or disposed); such a session only shows its last state. */
  get isEnded(): boolean {
    return this.ended;
  }

  /** Starts the worker and hands it the model and data. */
  start(): void {
    if (this.worker || this.ended) return;
    const worker = this.createWorker();
    this.worker = worker;
    worker.on('message', (m) => this.receive(m));
    worker.on('error', (e) => this.crashed(`the training worker crashed: ${e.message}`));
    worker.on('exit', (code) => this.crashed(`the training worker exited unexpectedly (code ${code})`));
    worker.postMessage({ type: 'init', init: this.init });
    this.liveness.start();
  }

  command(command: WorkerCommand): void {
    if (this.ended) return;
    if (!this.worker) this.start();
    switch (command) {
      case 'train':
      case 'resume':
        this.send({ type: 'run' });
        break;
      case 'pause':
        this.send({ type: 'pause' });
        break;
      case 'stepEpoch':
        this.send({ type: 'stepEpoch' });
        break;
      case 'stepBatch':
        this.send({ type: 'stepBatch' });
        break;
      case 'reset':
        this.series = emptyTrainingSeries();
        // The worker's new timeline starts with the re-initialised epoch 0.
        this.kept = [0];
        this.live.cancel();
        this.message = undefined;
        this.send({ type: 'reset' });
        this.emitView();
        break;
      case 'stop':
        void this.stop();
        break;
    }
  }

  /** Pauses, keeps the trained parameters for Apply, and ends the worker. */
  async stop(): Promise<void> {
    if (this.ended || this.stopping) return;
    this.stopping = true;
    this.send({ type: 'pause' });
    const timeoutMs = this.options.stopTimeoutMs ?? 2000;
    let timer: unknown;
    const timeout = new Promise<undefined>((resolve) => (timer = this.timers.setTimeout(() => resolve(undefined), timeoutMs)));
    this.saved = await Promise.race([this.parameters().catch(() => undefined), timeout]);
    this.timers.clearTimeout(timer);
    if (this.ended) return;
    this.live.flush();
    // A finished run that is stopped (to end its worker) stays finished.
    const status = this.statusValue === 'done' && this.saved ? 'done' : 'stopped';
    this.end(status, this.saved ? this.message : 'training stopped before the worker handed over its weights');
  }

  setBoundaryResolution(resolution: number): void {
    this.init.boundaryResolution = resolution;
    this.send({ type: 'boundaryResolution', resolution });
  }

  /** New pacing settings for a running session: the worker's epoch rate and snapshot interval, and the live throttle. */
  setPace(updatesPerSecond: number, epochsPerSecond: number): void {
    if (this.ended) return;
    this.init.epochsPerSecond = epochsPerSecond;
    this.init.snapshotIntervalMs = 1000 / updatesPerSecond;
    this.send({ type: 'pace', epochsPerSecond, snapshotIntervalMs: this.init.snapshotIntervalMs });
    if (updatesPerSecond === this.options.updatesPerSecond) return;
    this.options.updatesPerSecond = updatesPerSecond;
    // The held snapshot goes out now, so the change never loses the latest state.
    this.live.flush();
    this.live = new Throttle(updatesPerSecond, (s) => this.events.snapshot?.(s), this.timers);
  }

  /**
   * The kept snapshot of an epoch, from the worker's timeline; only the designer that asked shows it.
   * Undefined when the worker no longer keeps it; `view().timeline` then lists what it keeps.
   */
  async scrubTo(epoch: number): Promise<TrainingSnapshot | undefined> {
    if (this.ended || !this.worker) return undefined;
    const reply = await this.request((id) => ({ type: 'scrub', id, epoch }));
    if (reply.type !== 'scrubbed') return undefined;
    if (!this.ended) this.kept = [...reply.timeline];
    return reply.snapshot;
  }

  /** One Dense layer whole at an epoch: from the latest snapshot when it is that epoch, else from the worker's timeline. */
  async layerDetail(dense: number, epoch: number): Promise<LayerSnapshot | undefined> {
    const snapshot = this.latest?.epoch === epoch ? this.latest : await this.scrubTo(epoch);
    return snapshot?.layers[dense];
  }

  /** The trained parameters at full precision: from the worker, or kept from Stop. */
  async parameters(): Promise<TrainedParameters> {
    if (this.saved) return this.saved;
    if (this.ended || !this.worker) throw new Error('the training session has no weights to apply');
    const reply = await this.request((id) => ({ type: 'weights', id }));
    if (reply.type !== 'weights') throw new Error('the training worker answered with something else');
    return reply.parameters;
  }

  private request(message: (id: number) => HostToWorker): Promise<WorkerToHost> {
    const id = this.nextId++;
    return new Promise<WorkerToHost>((resolve, reject) => {
      this.requests.set(id, { resolve, reject });
      this.send(message(id));
    });
  }

  view(): TrainingView {
    const view: TrainingView = {
      status: this.statusValue,
      totalEpochs: this.totalEpochs,
      series: seriesFrom(this.series, 0),
      timeline: this.started ? [...this.kept] : [],
    };
    if (this.latest) view.latest = this.latest;
    if (this.message !== undefined) view.message = this.message;
    if (this.points) Object.assign(view, { points: this.points, pointsId: this.pointsId });
    if (this.preview) view.preview = this.preview;
    if (this.reading) view.reading = { ...this.reading };
    return view;
  }

  get latestSnapshot(): TrainingSnapshot | undefined {
    return this.latest;
  }

  dispose(): void {
    this.end(this.statusValue === 'failed' ? 'failed' : 'stopped', this.message, false);
  }

  /** For tests: ends the worker from outside, as a crash would; the session then fails through its exit handler. */
  terminateWorker(): boolean {
    if (!this.worker) return false;
    void this.worker.terminate();
    return true;
  }

  private receive(message: WorkerToHost): void {
    if (this.ended) return;
    this.liveness.heard(message.type === 'alive' ? message.longestTurnMs : undefined);
    switch (message.type) {
      case 'progress':
        if (this.started) break;
        this.reading = { rows: message.rows, characters: message.characters };
        this.emitView();
        break;
      case 'ready':
        this.started = true;
        this.reading = undefined;
        this.totalEpochs = message.totalEpochs;
        if (message.points) this.points = message.points;
        if (message.preview) this.preview = message.preview;
        this.kept = [message.snapshot.epoch];
        this.accept(message.snapshot);
        this.emitView();
        break;
      case 'snapshot':
        if (message.series) this.merge(message.series);
        if (message.timeline) this.kept = [...message.timeline];
        else if (message.series) this.keepEpochs(message.series);
        this.accept(message.snapshot);
        break;
      case 'state': {
        const next: TrainingStatus = message.state;
        if (next !== this.statusValue && !this.stopping) {
          if (next === 'running' && this.message?.startsWith('Training diverged')) this.message = undefined;
          this.statusValue = next;
          if (next !== 'running') this.live.flush();
          this.emitView();
        }
        break;
      }
      case 'divergence': {
        this.message =
          `Training diverged at epoch ${message.epoch}: ${message.what === 'loss' ? 'the loss' : message.what} of layer ${message.dense + 1} became NaN or infinite. ` +
          `Try a learning rate lower than ${message.learningRate}.`;
        this.events.divergence?.(this.message);
        this.emitView();
        break;
      }
      case 'weights':
      case 'scrubbed':
        this.requests.get(message.id)?.resolve(message);
        this.requests.delete(message.id);
        break;
      case 'failed':
        this.end('failed', message.message);
        break;
    }
  }

  private accept(snapshot: TrainingSnapshot): void {
    this.latest = snapshot;
    this.live.push(snapshot);
  }

  /** The chart numbers from epoch `count` + 1 on (every epoch after the first `count`). */
  seriesSince(count: number): EpochSeries {
    const from = Math.max(0, Math.min(count, this.series.loss.length));
    return { from: from + 1, ...seriesFrom(this.series, from) };
  }

  /** Appends the chart numbers of epochs not seen yet, and logs each of them. */
  private merge(series: EpochSeries): void {
    const skip = this.series.loss.length + 1 - series.from;
    if (skip < 0) return;
    this.series.loss.push(...series.loss.slice(skip));
    // Padded to the loss, so every series keeps epoch N at index N − 1.
    for (const key of NULLABLE_SERIES) for (let k = skip; k < series.loss.length; k++) this.series[key].push(series[key]?.[k] ?? null);
    const log = this.events.log;
    if (!log || log.wantsDebug?.() === false) return;
    for (let k = Math.max(0, skip); k < series.loss.length; k++) log.debug(epochLine(series, k, this.totalEpochs));
  }

  /** Every epoch the worker finished went into its timeline; without a new list from it, they are all still there. */
  private keepEpochs(series: EpochSeries): void {
    const last = this.kept[this.kept.length - 1] ?? -1;
    for (let k = 0; k < series.loss.length; k++) if (series.from + k > last) this.kept.push(series.from + k);
  }

  private crashed(message: string): void {
    if (this.ended) return;
    this.end('failed', message);
  }

  private end(status: TrainingStatus, message: string | undefined, notify = true): void {
    if (this.ended) return;
    this.ended = true;
    this.statusValue = status;
    this.message = message;
    if (status === 'failed') this.events.log?.error(`failed: ${message ?? 'unknown error'}`);
    this.live.cancel();
    this.liveness.stop();
    for (const request of this.requests.values()) request.reject(new Error(message ?? 'the training session ended'));
    this.requests.clear();
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    if (notify) this.emitView();
  }

  private send(message: HostToWorker): void {
    this.liveness.sending();
    this.worker?.postMessage(message);
  }

  private emitView(): void {
    this.events.view?.(this.view());
  }
}
