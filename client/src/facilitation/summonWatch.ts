import type * as Y from 'yjs';
import { boardMaps, readSession, type Summon } from '@shared';

/** What the watch needs of the y-websocket provider: whether it has synced, and when it does. */
export interface SyncSource {
  readonly synced: boolean;
  on(event: 'sync', listener: (synced: boolean) => void): void;
  off(event: 'sync', listener: (synced: boolean) => void): void;
}

/**
 * "Bring everyone here", on the receiving side: calls `answer` once for each new summon in the document's
 * session that was sent after this page joined (its first sync with the server) by the facilitator the
 * session records, and not from this page itself (the sender already shows that view). Summons that the
 * first sync (or the offline copy) brought were sent before this page was there: nothing to answer.
 * Awareness plays no part: it is self-declared, and a view link could claim to be the facilitator there.
 * Returns the function that stops watching.
 */
export function watchSummons(
  doc: Y.Doc,
  provider: SyncSource,
  localOrigin: unknown,
  answer: (summon: Summon) => void,
): () => void {
  const { session } = boardMaps(doc);
  let seen = readSession(doc).summon?.id ?? null;
  let joined = provider.synced;
  const onSync = (synced: boolean) => {
    if (!synced || joined) return;
    joined = true;
    seen = readSession(doc).summon?.id ?? null;
  };
  const onChange = (_event: Y.YMapEvent<unknown>, transaction: Y.Transaction) => {
    const { summon, facilitator } = readSession(doc);
    if (!summon || summon.id === seen) return;
    seen = summon.id;
    if (!joined || transaction.origin === localOrigin || summon.by !== facilitator?.id) return;
    answer(summon);
  };
  provider.on('sync', onSync);
  session.observe(onChange);
  return () => {
    provider.off('sync', onSync);
    session.unobserve(onChange);
  };
}
