/* global performance */
// Timing shared by every engine: run `chunk` (which processes `samples`
// samples) after a warm-up until `seconds` have passed; report samples/s.
// Chunks grow until each takes about 10 ms, so reading the clock costs nothing.

export function measure(chunk, seconds, warmupSeconds = Math.min(0.3, seconds / 3)) {
  const now = () => performance.now() / 1000;
  let reps = 1;
  let start = now();
  // Warm-up: let the JIT settle and size the chunk.
  while (now() - start < warmupSeconds) {
    const t = now();
    for (let r = 0; r < reps; r++) chunk.run();
    if (now() - t < 0.01) reps *= 2;
  }
  let samples = 0;
  start = now();
  let elapsed = 0;
  do {
    for (let r = 0; r < reps; r++) chunk.run();
    samples += reps * chunk.samples;
    elapsed = now() - start;
  } while (elapsed < seconds);
  return samples / elapsed;
}
