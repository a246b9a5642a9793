import {
  API_TIME_PATH,
  estimateClockOffset,
  serverTime,
  type ClockOffset,
  type ClockSample,
  type ServerTime,
} from '@shared';

type Listener = () => void;

export interface ServerClockOptions {
  /** Asks the server for its clock; the default is `GET /api/time`. */
  fetchServerNow?: () => Promise<number>;
  /** This device's clock. */
  localNow?: () => number;
  /** Round trips per estimate: the shortest wins, so a few guard against one slow answer. */
  samples?: number;
  /** How often the estimate is refreshed while the board is open (device clocks drift, or get set). */
  resyncMs?: number;
}

const DEFAULT_SAMPLES = 5;
const DEFAULT_RESYNC_MS = 3 * 60_000;

/** `GET /api/time`, checked: the server's clock in ms since the epoch. */
export async function fetchServerNow(): Promise<number> {
  const response = await fetch(API_TIME_PATH, { cache: 'no-store' });
  if (!response.ok) throw new Error(`GET ${API_TIME_PATH} answered ${response.status}`);
  const body = (await response.json()) as Partial<ServerTime>;
  if (typeof body.now !== 'number' || !Number.isFinite(body.now) || body.now <= 0) {
    throw new Error(`GET ${API_TIME_PATH} answered without a time`);
  }
  return body.now;
}

function usable(sample: ClockSample): boolean {
  try {
    estimateClockOffset([sample]);
    return true;
  } catch {
    return false;
  }
}

/**
 * This device's estimate of the server's clock, so that a shared countdown reads the same on every
 * screen however wrong a device's own clock is. Until the first estimate arrives it reads the local
 * clock; a failed refresh keeps the last good estimate.
 */
export class ServerClock {
  private readonly fetchServerNow: () => Promise<number>;
  private readonly localNow: () => number;
  private readonly sampleCount: number;
  private readonly resyncMs: number;
  private offset: ClockOffset | null = null;
  private error: string | null = null;
  private version = 0;
  private inFlight: Promise<void> | null = null;
  private interval: ReturnType<typeof setInterval> | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(options: ServerClockOptions = {}) {
    this.fetchServerNow = options.fetchServerNow ?? fetchServerNow;
    this.localNow = options.localNow ?? (() => Date.now());
    this.sampleCount = Math.max(1, options.samples ?? DEFAULT_SAMPLES);
    this.resyncMs = options.resyncMs ?? DEFAULT_RESYNC_MS;
  }

  /** Measures now and again every `resyncMs`, until stopped. */
  start(): void {
    if (this.interval !== null) return;
    void this.sync();
    this.interval = setInterval(() => void this.sync(), this.resyncMs);
  }

  /** Measures the offset again (on reconnect, say); concurrent calls share one measurement. */
  sync(): Promise<void> {
    this.inFlight ??= this.measure().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async measure(): Promise<void> {
    const samples: ClockSample[] = [];
    let failure: string | null = null;
    // One after another: parallel requests would queue behind each other and lengthen the round trips.
    for (let i = 0; i < this.sampleCount; i++) {
      const sentAt = this.localNow();
      try {
        const serverNow = await this.fetchServerNow();
        const sample = { sentAt, receivedAt: this.localNow(), serverNow };
        if (usable(sample)) samples.push(sample);
      } catch (e) {
        failure = (e as Error).message;
      }
    }
    if (samples.length > 0) {
      this.offset = estimateClockOffset(samples);
      this.error = null;
    } else {
      this.error = failure ?? 'no usable answer from the server clock';
    }
    this.version++;
    this.listeners.forEach((l) => l());
  }

  /** The server's clock now, as well as this device can tell. */
  now = (): number => (this.offset ? serverTime(this.localNow(), this.offset) : this.localNow());

  getOffset(): ClockOffset | null {
    return this.offset;
  }

  /** Why the last measurement failed, while no later one succeeded. */
  getError(): string | null {
    return this.error;
  }

  /** Changes with every measurement: a stable snapshot for `useSyncExternalStore`. */
  getVersion = (): number => this.version;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Stops the periodic measurement; `start` resumes it (React may unmount and remount the page). */
  stop(): void {
    if (this.interval !== null) clearInterval(this.interval);
    this.interval = null;
  }
}
