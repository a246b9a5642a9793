/**
 * Counts actions per client address in fixed windows (e.g. boards created per minute). Memory stays
 * bounded by the addresses seen in the current window: expired entries are swept as the map grows.
 */
export class AddressLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private sweepAt: number;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.sweepAt = 1024;
  }

  /**
   * Counts one action by `address`. Returns 0 when it is allowed, else the seconds until the address
   * may act again (for a Retry-After header).
   */
  take(address: string): number {
    const now = this.now();
    let window = this.windows.get(address);
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(address, window);
      if (this.windows.size >= this.sweepAt) this.sweep(now);
    }
    if (window.count >= this.limit)
      return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
    window.count++;
    return 0;
  }

  private sweep(now: number): void {
    for (const [address, window] of this.windows) {
      if (now - window.start >= this.windowMs) this.windows.delete(address);
    }
    // Sweep again when the live map has doubled, so sweeping costs O(1) per call on average.
    this.sweepAt = Math.max(1024, this.windows.size * 2);
  }
}
