import { CLOSE } from '@shared';

/**
 * What to tell a person when the server closed their connection with a code that retrying can cure
 * (4500-4599): the board stays usable, their changes wait on the device, and the page reconnects by
 * itself.
 */
const RETRY_NOTICES: ReadonlyMap<number, string> = new Map([
  [CLOSE.serverError.code, 'the server hit an error'],
  [CLOSE.shuttingDown.code, 'the server is restarting'],
  [CLOSE.serverFull.code, 'the server is busy with other boards'],
  [CLOSE.sendBufferFull.code, 'this device fell behind'],
  [CLOSE.roomFull.code, 'the board is full'],
  [CLOSE.rateLimited.code, 'too many changes were sent at once'],
  [CLOSE.connectionsPerAddress.code, 'too many connections from this network'],
  [CLOSE.boardsPerAddress.code, 'too many boards are open from this network'],
]);

/** The notice for a retryable close code, or null for any other code. */
export function retryNotice(code: number): string | null {
  if (code < 4500 || code >= 4600) return null;
  return RETRY_NOTICES.get(code) ?? 'the server asked to try again later';
}
