import type * as Y from 'yjs';
import { CommandError } from './commands';
import { boardMaps } from './schema';

/**
 * The one place that writes the `session` map (internal to shared/, not exported from index.ts). Each
 * concern is one key whose value is replaced whole: concurrent edits of different concerns merge, and
 * concurrent edits of one concern converge to one writer's value (the map's last-writer-wins).
 */
export function writeSessionKey(doc: Y.Doc, key: string, value: object | null, origin: unknown): void {
  const { session } = boardMaps(doc);
  doc.transact(() => {
    if (value === null) session.delete(key);
    else session.set(key, value);
  }, origin);
}

/** Throws a CommandError unless `value` is a finite time in ms. */
export function checkTime(value: number, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new CommandError(`${what} must be a finite time in ms`);
  return value;
}

/** Throws a CommandError unless `value` is a non-empty string naming a person. */
export function checkPersonId(value: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new CommandError(`${what} must be a non-empty string`);
  return value.slice(0, 80);
}
