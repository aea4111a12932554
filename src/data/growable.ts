// An append-only Float64Array that doubles its capacity, so reading n values costs O(n).
export class GrowableFloat64 {
  data: Float64Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Float64Array(Math.max(16, initialCapacity));
  }

  /** Makes room for `extra` more values; callers may then write data[length++] directly. */
  reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.data.length) return;
    let capacity = this.data.length * 2;
    while (capacity < needed) capacity *= 2;
    const next = new Float64Array(capacity);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  push(value: number): void {
    this.reserve(1);
    this.data[this.length++] = value;
  }

  /** A right-sized copy of the values. */
  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }
}
