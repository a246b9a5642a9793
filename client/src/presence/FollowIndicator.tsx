import type { FollowStore } from '../core/presence/FollowStore';
import { useFollowState } from './useFollowViewport';
import './presence.css';

/** "Following Ana — Stop", over the canvas while this tab follows someone. */
export function FollowIndicator({ follow }: { follow: FollowStore }) {
  const state = useFollowState(follow);
  return (
    <div className="follow-indicator-slot" role="status" aria-live="polite">
      {state && (
        <div className="follow-indicator" style={{ borderColor: state.color }}>
          <span className="follow-swatch" style={{ background: state.color }} aria-hidden />
          <span>
            {state.present ? 'Following ' : 'Waiting for '}
            <strong>{state.name}</strong>
            {state.present ? '' : ' to come back'}
          </span>
          <button type="button" onClick={() => follow.stop()}>
            Stop
          </button>
        </div>
      )}
    </div>
  );
}
