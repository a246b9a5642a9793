import type * as Y from 'yjs';
import { CommandError } from './commands';
import { boardMaps } from './schema';
import { writeSessionKey } from './sessionWrite';
import { MAX_VERSION_NAME, type BoardVersion } from './wire';

/**
 * The iterations themselves live on the server (`/api/boards/<id>/versions`); the session's `iteration`
 * key only announces the latest one saved, so that every open board refreshes its list when the
 * facilitator saves, without polling the server.
 */

const ID = /^[A-Za-z0-9_-]{1,64}$/;

function isVersion(value: unknown): value is BoardVersion {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    ID.test(v.id) &&
    typeof v.name === 'string' &&
    v.name.length <= MAX_VERSION_NAME &&
    typeof v.createdAt === 'number' &&
    Number.isFinite(v.createdAt)
  );
}

/** Tells every client that an iteration was saved (the answer of `POST .../versions`). */
export function announceIteration(doc: Y.Doc, version: BoardVersion, origin: unknown): void {
  if (!isVersion(version)) throw new CommandError('an iteration needs an id, a name and a createdAt time');
  const { id, name, createdAt } = version;
  writeSessionKey(doc, 'iteration', { id, name, createdAt } satisfies BoardVersion, origin);
}

/** The last iteration announced, or null (none yet, or a value a faulty client wrote). */
export function readLatestIteration(doc: Y.Doc): BoardVersion | null {
  const value: unknown = boardMaps(doc).session.get('iteration');
  return isVersion(value) ? value : null;
}
