import type * as Y from 'yjs';
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
