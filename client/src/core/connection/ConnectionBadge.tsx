import type { BoardConnection, ConnectionState } from './BoardConnection';
import { useConnectionState } from './useBoardConnection';

const LABELS = {
  connecting: 'Connecting…',
  syncing: 'Syncing…',
  online: 'Online',
} as const;

function label(state: ConnectionState): string {
  switch (state.kind) {
    case 'refused':
      return `Not connected: ${state.reason}`;
    case 'offline': {
      const waiting =
        state.pending > 0
          ? `${state.pending} ${state.pending === 1 ? 'change' : 'changes'} waiting on this device`
          : 'changes are kept on this device';
      return state.retrying ? `Reconnecting (${state.retrying}): ${waiting}` : `Offline: ${waiting}`;
    }
    default:
      return LABELS[state.kind];
  }
}

/** The connection state, always visible. */
export function ConnectionBadge({ connection }: { connection: BoardConnection }) {
  const state = useConnectionState(connection);
  return (
    <span className={`badge badge-${state.kind}`} role="status" aria-live="polite" data-state={state.kind}>
      <span className="dot" aria-hidden />
      {label(state)}
    </span>
  );
}
