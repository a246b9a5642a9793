import { limitValueDepth, MAX_VALUE_DEPTH } from '@shared';
import type { StoredBoard, StoredChanges } from './storage/Storage';

/**
 * Boards stored before the relay refused deep values (4422) may hold a plain value nested thousands
 * deep, which Yjs cannot decode: lib0's readAny recurses once per level, and Y.applyUpdate,
 * Y.mergeUpdates, Y.diffUpdate and Y.encodeStateVectorFromUpdate all overflow the stack on it, so the
 * room could neither build its document nor answer a returning client, and a stock client could not
 * read the board it was sent. Every stored board the relay reads goes through here first.
 *
 * Checking walks the bytes without decoding them, on every load: about 2.2 ms for a 5,000-note board
 * (1.6 MB; Y.applyUpdate takes about 70 ms, Y.encodeStateVectorFromUpdate 17 ms), some 3% of a cold
 * join of that board as the client sees it. Checking only after a decode failed would not do: a new
 * client is sent the stored bytes without the server decoding them, and the stock client cannot read
 * a deep value either.
 */

/**
 * The stored board with every plain value nested past MAX_VALUE_DEPTH replaced by null (shared's
 * limitValueDepth), and whether anything was: a repaired board should be stored again (compacted), so
 * that the repair happens once.
 */
export function readableBoard(stored: StoredBoard): { board: StoredBoard; repaired: boolean } {
  const state = limitValueDepth(stored.state, MAX_VALUE_DEPTH);
  let repaired = state !== stored.state;
  const updates = stored.updates.map((update) => {
    const limited = limitValueDepth(update, MAX_VALUE_DEPTH);
    if (limited !== update) repaired = true;
    return limited;
  });
  return repaired ? { board: { ...stored, state, updates }, repaired } : { board: stored, repaired };
}

/** What a catch-up read of a board's latest rows (and state, if compacted) made readable, as above. */
export function readableChanges(changes: StoredChanges): StoredChanges {
  return {
    ...changes,
    state: changes.state && limitValueDepth(changes.state, MAX_VALUE_DEPTH),
    updates: changes.updates.map((update) => limitValueDepth(update, MAX_VALUE_DEPTH)),
  };
}
