import type { BoardConnection } from '../core/connection/BoardConnection';
import { ballotApi } from '../core/votes/ballotApi';
import { BallotStore } from '../core/votes/BallotStore';
import { voterKey } from '../core/votes/voterKey';

const stores = new WeakMap<BoardConnection, BallotStore>();

/** This person's ballot on an open board (one per connection, shared by every view that shows it). */
export function ballotOf(connection: BoardConnection): BallotStore {
  let store = stores.get(connection);
  if (!store) {
    store = new BallotStore(ballotApi(connection.boardId, connection.access.token, voterKey()));
    stores.set(connection, store);
  }
  return store;
}
