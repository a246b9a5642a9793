import type { CloseName } from '@shared';

/**
 * What the relay counts, kept as plain numbers in the core so that the per-message path costs an array
 * increment, not a metrics-library call; `/metrics` reads them when it is scraped.
 */

/** Message kinds, by index into the traffic arrays. */
export const KIND = {
  syncStep1: 0,
  syncStep2: 1,
  update: 2,
  awareness: 3,
  queryAwareness: 4,
  /** Frames that could not be decoded (counted in, never sent). */
  invalid: 5,
} as const;
export type Kind = (typeof KIND)[keyof typeof KIND];
export const KIND_NAMES = ['sync_step1', 'sync_step2', 'update', 'awareness', 'query_awareness', 'invalid'];

/** A refusal: the name of the close code it closed with, or an HTTP refusal. */
export type RefusalReason =
  | CloseName
  | 'boardCreationRate'
  | 'versionsPerMinute'
  | 'versionsPerBoard'
  | 'ballotWriteRate'
  | 'ballotsPerVote'
  | 'importTooLarge'
  | 'importInvalid';

export type StorageOperation = 'append' | 'compact';

export class Telemetry {
  readonly messagesIn = new Float64Array(KIND_NAMES.length);
  readonly bytesIn = new Float64Array(KIND_NAMES.length);
  readonly messagesOut = new Float64Array(KIND_NAMES.length);
  readonly bytesOut = new Float64Array(KIND_NAMES.length);
  readonly refusals = new Map<RefusalReason, number>();
  /** Set by the metrics endpoint; storage writes are rare enough (one per room per batch) to report each. */
  onStorageWrite: ((operation: StorageOperation, seconds: number) => void) | null = null;

  received(kind: Kind, bytes: number): void {
    this.messagesIn[kind]! += 1;
    this.bytesIn[kind]! += bytes;
  }

  /** One message of `bytes` sent to `count` connections. */
  sent(kind: Kind, bytes: number, count = 1): void {
    this.messagesOut[kind]! += count;
    this.bytesOut[kind]! += bytes * count;
  }

  refused(reason: RefusalReason): void {
    this.refusals.set(reason, (this.refusals.get(reason) ?? 0) + 1);
  }

  storageWrite(operation: StorageOperation, seconds: number): void {
    this.onStorageWrite?.(operation, seconds);
  }
}
