// Training: per-sample (batch size 1, the paper's loop) or mini-batch
// gradient descent. Each step computes every gradient first and only then lets
// the optimizer change the parameters.

import type { LossName, OptimizerSpec, ScheduleSpec, TaskName } from '../model/types';
import type { Dataset } from './dataset';
import { evaluate, predictionThresholdFor, reportsAccuracy } from './evaluate';
import { makeLoss, type Loss } from './losses';
import { binaryTargetThreshold, countCorrect } from './metrics';
import type { Network } from './network';
import { shuffleInPlace, type Rng } from './random';
import { ReferenceStep } from './referenceStep';
import { learningRateAt } from './schedules';

export interface TrainerOptions {
  loss: LossName;
  optimizer: OptimizerSpec;
  schedule?: ScheduleSpec;
  /** 1 = the paper's per-sample loop. The last batch of an epoch may be smaller. */
  batchSize: number;
  /** Draw a new sample order from `rng` at the start of every epoch. */
  shuffle: boolean;
  rng: Rng;
  testData?: Dataset;
  /** Held out from training like testData, and measured the same way after every epoch. */
  validationData?: Dataset;
  /** Decides whether accuracy is reported; see reportsAccuracy. */
  task?: TaskName;
  /** Epochs already trained, when resuming: the schedule and report numbering continue from here. Default 0. */
  initialEpoch?: number;
}

export interface LayerGradients {
  /** Index among the Dense layers. */
  dense: number;
  /** dL/dW and dL/db of the batch-mean loss, averaged over the batches of the epoch (each batch weighs the same). */
  dW: Float64Array | Float32Array;
  db: Float64Array | Float32Array;
  /**
   * ‖dL/dX‖₂ of this layer's input over the whole batch, averaged over the
   * epoch's batches. NaN for the first layer when the trainer was built to skip
   * dL/dX of the network input (see TrainerChoice.firstInputNorm).
   */
  dXNorm: number;
}

export interface EpochReport {
  /** 1-based count of completed epochs. */
  epoch: number;
  /** Mean training loss over the epoch, sample-weighted, measured before each batch's update. */
  loss: number;
  testLoss?: number;
  /** Training accuracy over the epoch, from the same forward passes as `loss`. */
  accuracy?: number;
  testAccuracy?: number;
  /** Loss and accuracy on validationData, measured after the epoch's updates as the test numbers are. */
  validationLoss?: number;
  validationAccuracy?: number;
  /** The rate used during this epoch. */
  learningRate: number;
  gradients: LayerGradients[];
  /** Set when the loss or any parameter is NaN or infinite after the epoch; further training cannot recover. */
  diverged?: true;
}

export interface BatchReport {
  /** 1-based epoch the batch belongs to. */
  epoch: number;
  /** 1-based batch index within the epoch. */
  batch: number;
  batches: number;
  /** Batch-mean loss before the update. */
  loss: number;
  epochDone: boolean;
  report?: EpochReport;
}

/**
 * The arithmetic of one training step, behind Trainer's bookkeeping (order,
 * epochs, reports): the float64 reference through the Network, or a faster
 * backend that keeps its own copy of the parameters.
 */
export interface BatchStep {
  /** 'reference': float64 through the Network; 'wasm': float32 resident in WASM memory. */
  readonly kind: 'reference' | 'wasm';
  /**
   * Gather samples order[start, start + count), compute dL/dW and dL/db of the
   * batch-mean loss, add them and ‖dL/dX‖₂ of every Dense layer's input to the
   * epoch sums, and update the parameters with rate `lr`. Returns the batch-mean loss.
   */
  run(order: Uint32Array, start: number, count: number, lr: number): number;
  /** The last batch's predictions and targets (count × outputs; buffers may be longer). */
  readonly lastOutput: Float64Array;
  readonly lastTargets: Float64Array;
  /** Zero the epoch sums. */
  clearSums(): void;
  /** The epoch sums divided by `batches`. */
  meanGradients(batches: number): LayerGradients[];
  /** Make the Network's Dense layers hold the current parameters and the last batch's dL/dW, dL/db. */
  sync(): void;
  /** Free what the step holds outside the JavaScript heap. */
  dispose?(): void;
}

export class Trainer {
  private readonly loss: Loss;
  private readonly order: Uint32Array;
  private readonly batchSize: number;
  private readonly batches: number;
  private readonly withAccuracy: boolean;
  private readonly targetThreshold: number;
  private readonly predictionThreshold: number;
  private readonly stepper: BatchStep;
  private lossSum = 0;
  private correct = 0;
  private epochsDone = 0;
  private batchIndex = 0;
  /** The test set's outputs from the end of epoch testOutputsEpoch, for testPredictions. */
  private testOutputs: Float64Array | undefined;
  private testOutputsEpoch = -1;

  constructor(
    readonly network: Network,
    readonly data: Dataset,
    private readonly options: TrainerOptions,
    /** Builds the step arithmetic; the float64 reference when omitted. */
    makeStep?: (loss: Loss) => BatchStep,
  ) {
    if (data.count < 1) throw new RangeError('the training data has no samples');
    if (data.inputSize !== network.inputSize || data.targetSize !== network.outputSize) {
      throw new RangeError(
        `data has ${data.inputSize} inputs and ${data.targetSize} targets; the network has ${network.inputSize} inputs and ${network.outputSize} outputs`,
      );
    }
    if (!Number.isInteger(options.batchSize) || options.batchSize < 1) {
      throw new RangeError(`batch size must be a positive integer, got ${options.batchSize}`);
    }
    const initialEpoch = options.initialEpoch ?? 0;
    if (!Number.isInteger(initialEpoch) || initialEpoch < 0) {
      throw new RangeError(`initial epoch must be a non-negative integer, got ${initialEpoch}`);
    }
    this.epochsDone = initialEpoch;
    this.loss = makeLoss(options.loss);
    for (const [held, name] of [[options.testData, 'test'], [options.validationData, 'validation']] as const) {
      if (held !== undefined && (held.inputSize !== network.inputSize || held.targetSize !== network.outputSize)) {
        throw new RangeError(`the ${name} data does not match the network's input and output sizes`);
      }
    }
    const batchSize = Math.min(options.batchSize, data.count);
    this.batchSize = batchSize;
    this.batches = Math.ceil(data.count / batchSize);
    this.order = new Uint32Array(data.count).map((_, i) => i);
    this.withAccuracy = reportsAccuracy(options.loss, options.task);
    this.targetThreshold = binaryTargetThreshold(data.targets, data.count);
    this.predictionThreshold = predictionThresholdFor(options.loss, this.targetThreshold);
    this.stepper = makeStep ? makeStep(this.loss) : new ReferenceStep(network, data, this.loss, options.optimizer, batchSize);
  }

  /** Epochs completed. */
  get epoch(): number {
    return this.epochsDone;
  }

  /** Which step arithmetic trains (see BatchStep.kind). */
  get backend(): BatchStep['kind'] {
    return this.stepper.kind;
  }

  /** Batches completed in the current epoch. */
  get batch(): number {
    return this.batchIndex;
  }

  /** One optimizer step on the next batch; finishes the epoch when it was the last batch. */
  stepBatch(): BatchReport {
    const epoch = this.epochsDone + 1;
    const batch = this.batchIndex + 1;
    const loss = this.step();
    const report = this.batchIndex === 0 ? this.finishEpoch() : undefined;
    return { epoch, batch, batches: this.batches, loss, epochDone: report !== undefined, report };
  }

  /**
   * Run the rest of the current epoch. Returns undefined when `signal.aborted`
   * is seen; it is checked before every batch, and a later call resumes the epoch.
   */
  runEpoch(signal?: { aborted: boolean }): EpochReport | undefined {
    do {
      if (signal?.aborted) return undefined;
      this.step();
    } while (this.batchIndex !== 0);
    return this.finishEpoch();
  }

  /**
   * Make the Network's Dense layers current (parameters and the last batch's
   * gradients). Epoch reports do this themselves; call it before reading the
   * layers between epochs. Free on the reference backend.
   */
  sync(): void {
    this.stepper.sync();
  }

  /**
   * The network's outputs on the test data (count × outputs), as the evaluation at the end of the
   * last epoch computed them, while no batch has run since; otherwise undefined. The array is
   * reused by the next epoch's evaluation.
   */
  testPredictions(): Float64Array | undefined {
    return this.batchIndex === 0 && this.testOutputsEpoch === this.epochsDone ? this.testOutputs : undefined;
  }

  /** Release the backend's memory; the trainer must not be used afterwards (the Network stays as last synced). */
  dispose(): void {
    this.stepper.dispose?.();
  }

  /** Forward, backward and update for one batch; returns its loss. */
  private step(): number {
    if (this.batchIndex === 0) this.beginEpoch();
    const start = this.batchIndex * this.batchSize;
    const n = Math.min(this.batchSize, this.data.count - start);
    const value = this.stepper.run(this.order, start, n, this.learningRate());
    this.lossSum += value * n;
    if (this.withAccuracy) {
      const { lastOutput, lastTargets } = this.stepper;
      this.correct += countCorrect(lastOutput, lastTargets, n, this.data.targetSize, this.predictionThreshold, this.targetThreshold);
    }
    this.batchIndex = (this.batchIndex + 1) % this.batches;
    return value;
  }

  private parametersFinite(): boolean {
    for (const d of this.network.denseLayers()) {
      for (const w of d.weights) if (!Number.isFinite(w)) return false;
      for (const b of d.bias) if (!Number.isFinite(b)) return false;
    }
    return true;
  }

  private learningRate(): number {
    return learningRateAt(this.options.optimizer.learningRate, this.options.schedule, this.epochsDone);
  }

  private beginEpoch(): void {
    if (this.options.shuffle) shuffleInPlace(this.order, this.options.rng);
    this.stepper.clearSums();
    this.lossSum = 0;
    this.correct = 0;
  }

  private finishEpoch(): EpochReport {
    this.stepper.sync();
    const report: EpochReport = {
      epoch: this.epochsDone + 1,
      loss: this.lossSum / this.data.count,
      learningRate: this.learningRate(),
      gradients: this.stepper.meanGradients(this.batches),
    };
    if (this.withAccuracy) report.accuracy = this.correct / this.data.count;
    if (!Number.isFinite(report.loss) || !this.parametersFinite()) report.diverged = true;
    const test = this.options.testData;
    if (test !== undefined && test.count > 0) {
      this.testOutputs ??= new Float64Array(test.count * test.targetSize);
      const result = evaluate(this.network, test, this.loss, this.options.task, this.testOutputs);
      this.testOutputsEpoch = this.epochsDone + 1;
      report.testLoss = result.loss;
      if (result.accuracy !== undefined) report.testAccuracy = result.accuracy;
    }
    const validation = this.options.validationData;
    if (validation !== undefined && validation.count > 0) {
      const result = evaluate(this.network, validation, this.loss, this.options.task);
      report.validationLoss = result.loss;
      if (result.accuracy !== undefined) report.validationAccuracy = result.accuracy;
    }
    this.epochsDone++;
    return report;
  }
}

/** Train for `epochs` more epochs, yielding a report after each; stops early when `signal.aborted`. */
export function* train(
  network: Network,
  data: Dataset,
  options: TrainerOptions & { epochs: number; signal?: { aborted: boolean } },
): Generator<EpochReport> {
  const trainer = new Trainer(network, data, options);
  for (let e = 0; e < options.epochs; e++) {
    const report = trainer.runEpoch(options.signal);
    if (report === undefined) return;
    yield report;
  }
}
