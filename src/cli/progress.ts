// Training progress on the terminal: a redrawn bar on a TTY, plain lines otherwise
// (every 5% of the run, plus the first and the last epoch) so logs stay short.

export interface ProgressLine {
  epoch: number;
  epochs: number;
  loss: number;
  accuracy?: number;
  samplesPerSecond: number;
}

const BAR_WIDTH = 24;

function describe(p: ProgressLine): string {
  const acc = p.accuracy === undefined ? '' : `  acc ${(p.accuracy * 100).toFixed(1)}%`;
  return `loss ${formatLoss(p.loss)}${acc}  ${formatRate(p.samplesPerSecond)} samples/s`;
}

export function formatLoss(loss: number): string {
  return Number.isFinite(loss) ? loss.toPrecision(4) : String(loss);
}

export function formatRate(rate: number): string {
  if (rate >= 1e6) return `${(rate / 1e6).toFixed(1)}M`;
  if (rate >= 1e3) return `${(rate / 1e3).toFixed(1)}k`;
  return rate.toFixed(0);
}

export class Progress {
  private lastDraw = 0;
  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly interactive: boolean,
  ) {}

  update(p: ProgressLine): void {
    if (this.interactive) {
      const now = Date.now();
      if (p.epoch !== p.epochs && now - this.lastDraw < 50) return;
      this.lastDraw = now;
      const done = Math.round((p.epoch / p.epochs) * BAR_WIDTH);
      const bar = '█'.repeat(done) + '░'.repeat(BAR_WIDTH - done);
      this.out.write(`\r\x1b[2Kepoch ${p.epoch}/${p.epochs} ${bar} ${describe(p)}`);
      return;
    }
    const every = Math.max(1, Math.round(p.epochs / 20));
    if (p.epoch === 1 || p.epoch === p.epochs || p.epoch % every === 0) {
      this.out.write(`epoch ${p.epoch}/${p.epochs} ${describe(p)}\n`);
    }
  }

  /** Ends the redrawn line so later output starts on a fresh one. */
  finish(): void {
    if (this.interactive) this.out.write('\n');
  }
}
