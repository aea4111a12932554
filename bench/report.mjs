// Markdown tables from the bench results: samples/s as median (min–max),
// GFLOP/s of the medians, and our median over each peer's median.

const COLUMNS = ['ours', 'ours-1t', 'tfjs-wasm', 'tfjs-cpu', 'synaptic', 'brain.js', 'numpy'];
const PEERS = ['tfjs-wasm', 'tfjs-cpu', 'synaptic', 'brain.js', 'numpy'];

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

export function si(v) {
  if (!Number.isFinite(v)) return '–';
  if (v >= 1e6) return `${(v / 1e6).toFixed(v >= 1e7 ? 0 : 2)}M`;
  if (v >= 1e3) return `${(v / 1e3).toFixed(v >= 1e4 ? 0 : 1)}k`;
  return v >= 100 ? v.toFixed(0) : v.toPrecision(2);
}

function row(cells) {
  return `| ${cells.join(' | ')} |`;
}

function table(report, metric, columns) {
  const lines = [row(['workload', ...columns]), row(['---', ...columns.map(() => '---')])];
  for (const [name, w] of Object.entries(report.workloads)) {
    const cells = columns.map((e) => {
      const r = report.results[name]?.[e];
      if (!r || r[metric].length === 0) return r?.errors.length ? 'error' : '–';
      return `${si(median(r[metric]))} (${si(Math.min(...r[metric]))}–${si(Math.max(...r[metric]))})`;
    });
    lines.push(row([w.title, ...cells]));
  }
  return lines.join('\n');
}

function gflops(report, metric, columns) {
  const lines = [row(['workload', ...columns]), row(['---', ...columns.map(() => '---')])];
  for (const [name, w] of Object.entries(report.workloads)) {
    const flops = metric === 'train' ? w.trainFlopsPerSample : w.inferFlopsPerSample;
    const cells = columns.map((e) => {
      const r = report.results[name]?.[e];
      return r && r[metric].length ? ((median(r[metric]) * flops) / 1e9).toFixed(2) : '–';
    });
    lines.push(row([w.title, ...cells]));
  }
  return lines.join('\n');
}

function ratios(report, metric, peers) {
  const lines = [row(['workload', ...peers.map((p) => `ours ÷ ${p}`)]), row(['---', ...peers.map(() => '---')])];
  for (const [name, w] of Object.entries(report.workloads)) {
    const ours = report.results[name]?.ours;
    const cells = peers.map((p) => {
      const r = report.results[name]?.[p];
      if (!ours?.[metric].length || !r?.[metric].length) return '–';
      return `${(median(ours[metric]) / median(r[metric])).toFixed(1)}×`;
    });
    lines.push(row([w.title, ...cells]));
  }
  return lines.join('\n');
}

function crossoverTable(threads) {
  if (!threads.length) return '(not measured)';
  const lines = [row(['m = k = n', '1 thread GFLOP/s', '2 threads GFLOP/s', 'speed-up', 'backend picks']), row(['---', '---', '---', '---', '---'])];
  for (const t of threads) {
    lines.push(row([t.size, t.one.toFixed(1), t.two.toFixed(1), `${(t.two / t.one).toFixed(2)}×`, t.picked]));
  }
  return lines.join('\n');
}

const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : '–');

/** The host-lag runs: per mode, medians of the per-run figures (the max of the maxima), and the throughput lost per round. */
export function formatHost(host) {
  if (!host) return 'Not measured.';
  if (host.error) return `Error: ${host.error}.`;
  const modes = [false, true].map((stream) => host.runs.filter((r) => r.stream === stream));
  const lines = [
    `MNIST 784-128-64-10, batch ${host.batchSize}, 8,000 training digits, in the training worker (dist/worker.js) as the designer runs it; this process's main thread does what the extension host does per snapshot (the session and its ${host.updatesPerSecond}/s throttle, reduceSnapshot with the large layers' statistics, the post to the webview, the status bar text and the context key). ${modes[0].length} runs of ${host.seconds} s per mode, interleaved; medians.`,
    '',
    row(['streaming', 'samples/s: median (min–max)', 'host event-loop lag p50 / p99 / max, ms', 'snapshots/s', 'host work per snapshot p50 / p99 / max, ms']),
    row(['---', '---', '---', '---', '---']),
  ];
  for (const [stream, runs] of modes.entries()) {
    if (!runs.length) continue;
    const rates = runs.map((r) => r.samplesPerSecond);
    const handled = runs.filter((r) => r.snapshots > 0);
    const work = handled.length ? `${ms(median(handled.map((r) => r.handleP50)))} / ${ms(median(handled.map((r) => r.handleP99)))} / ${ms(Math.max(...handled.map((r) => r.handleMax)))}` : '–';
    lines.push(row([
      stream ? 'on (live view)' : 'off (training alone)',
      `${si(median(rates))} (${si(Math.min(...rates))}–${si(Math.max(...rates))})`,
      `${ms(median(runs.map((r) => r.lagP50)))} / ${ms(median(runs.map((r) => r.lagP99)))} / ${ms(Math.max(...runs.map((r) => r.lagMax)))}`,
      median(runs.map((r) => r.snapshots / host.seconds)).toFixed(1),
      work,
    ]));
  }
  const [off, on] = modes.map((runs) => median(runs.map((r) => r.samplesPerSecond)));
  const rounds = modes[1].map((r, i) => (modes[0][i] ? `${(100 * (1 - r.samplesPerSecond / modes[0][i].samplesPerSecond)).toFixed(0)}%` : undefined)).filter(Boolean);
  lines.push('', `Throughput lost with the live view open: ${(100 * (1 - on / off)).toFixed(1)}% of the medians (per round: ${rounds.join(', ')}; goal: under 10%).`);
  return lines.join('\n');
}

function liveLines(report) {
  const lines = [];
  const live = report.live;
  if (!live) lines.push('- Synthetic snapshot loop: not measured (--quick leaves it out).');
  else if (live.error) lines.push(`- Synthetic snapshot loop: error (${live.error}).`);
  else {
    const overhead = 1 - live.live / live.plain;
    lines.push(`- Synthetic, not the product's path: the bare resident trainer at MNIST batch 128 in one process, with a snapshot of W, dL/dW, dL/db and ΔW built and posted every 16 ms (${live.snapshotsPerSecond.toFixed(0)} snapshots/s, no probe, metrics or host work): ${si(live.live)} samples/s against ${si(live.plain)} without, a cost of ${(100 * overhead).toFixed(1)}%.`);
  }
  const f = report.frames;
  if (!f) lines.push('- Diagram update: not measured.');
  else if (f.error) lines.push(`- Diagram update: error (${f.error}).`);
  else lines.push(`- Diagram update of the 784-128-64-10 designer (${f.links} links) per snapshot in Chromium, over ${f.frames} frames: p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, max ${f.max.toFixed(1)} ms (goal: under 16 ms).`);
  return lines.join('\n');
}

export function formatReport(report) {
  const present = COLUMNS.filter((c) => Object.values(report.results).some((r) => r[c]));
  const peers = PEERS.filter((p) => present.includes(p));
  const kernels = [...new Set(Object.values(report.results).flatMap((r) => Object.entries(r).map(([e, v]) => `${e}: ${v.kernels ?? '?'}`)))];
  const errors = Object.entries(report.results).flatMap(([w, r]) => Object.entries(r).flatMap(([e, v]) => v.errors.map((m) => `- ${w} / ${e}: ${m}`)));
  const m = report.machine;
  return [
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}${m.numpy ? `, NumPy ${m.numpy} (OPENBLAS_NUM_THREADS=1)` : ''}`,
    `${report.runs} runs per cell, ${report.secondsPerRun} s each, fresh process per run, interleaved${report.quick ? ' (--quick)' : ''}; ${report.wallSeconds.toFixed(0)} s in all.`,
    `Backends: ${[...new Set(kernels)].join('; ')}`,
    '',
    '### Training, samples/s: median (min–max)',
    table(report, 'train', present),
    '',
    '### Training GFLOP/s (of the median; forward, dL/dW, and dL/dX below the first layer)',
    gflops(report, 'train', present),
    '',
    '### Training: our median ÷ each peer\'s median',
    ratios(report, 'train', peers),
    '',
    '### Inference (forward pass at the workload\'s batch size), samples/s: median (min–max)',
    table(report, 'infer', present),
    '',
    '### Inference: our median ÷ each peer\'s median',
    ratios(report, 'infer', peers),
    '',
    '### Two-thread GEMM crossover (A·B, float32, relaxed SIMD when available)',
    crossoverTable(report.threads),
    '',
    '### Extension host while MNIST trains (the live view against training alone)',
    formatHost(report.host),
    '',
    '### Live view',
    liveLines(report),
    ...(errors.length ? ['', '### Errors', ...errors] : []),
  ].join('\n');
}
