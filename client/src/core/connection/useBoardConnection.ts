import { useEffect, useState, useSyncExternalStore } from 'react';
import type { BoardAccess } from '@shared';
import type { Identity } from '../identity/identity';
import { BoardConnection, type ConnectionState } from './BoardConnection';

/** Opens a board for as long as the component is mounted. */
export function useBoardConnection(
  boardId: string,
  access: BoardAccess,
  identity: Identity,
): BoardConnection | null {
  const [connection, setConnection] = useState<BoardConnection | null>(null);
  useEffect(() => {
    // The connection is an external resource that must be closed on unmount (and opened twice under
    // StrictMode), so it is made in an effect rather than during render.
    const next = new BoardConnection(boardId, access, identity);
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setConnection(next);
    return () => next.destroy();
    // The identity is read once at open; a later rename updates awareness, not the connection.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [boardId, access.role, access.token]);
  return connection;
}

export function useConnectionState(connection: BoardConnection): ConnectionState {
  return useSyncExternalStore(connection.subscribe, connection.getState);
}
