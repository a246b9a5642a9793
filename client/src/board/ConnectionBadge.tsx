import type { BoardConnection } from './BoardConnection';
import { useConnectionState } from './useBoardConnection';

const LABELS = {
  connecting: 'Connecting…',
  syncing: 'Syncing…',
  online: 'Online',
  offline: 'Offline: changes are kept on this device',
} as const;

/** The connection state, always visible. */
export function ConnectionBadge({ connection }: { connection: BoardConnection }) {
  const state = useConnectionState(connection);
  const label =
    state.kind === 'refused'
      ? `Not connected: ${state.reason}`
      : state.kind === 'offline' && state.pending > 0
        ? `Offline: ${state.pending} ${state.pending === 1 ? 'change' : 'changes'} waiting on this device`
        : LABELS[state.kind];
  return (
    <span className={`badge badge-${state.kind}`} role="status" aria-live="polite" data-state={state.kind}>
      <span className="dot" aria-hidden />
      {label}
    </span>
  );
}
