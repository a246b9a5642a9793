import type { SessionSnapshot } from '@shared';
import type { BoardConnection } from '../board/BoardConnection';
import { ConnectionBadge } from '../board/ConnectionBadge';
import { focusLabel } from '../facilitation/focusLabel';
import type { ServerClock } from '../facilitation/ServerClock';
import { FullscreenButton } from './FullscreenButton';
import { JoinQrCode } from './JoinQrCode';
import { ProjectorTimer } from './ProjectorTimer';
import type { ProjectorShows } from './useProjectorView';

interface Props {
  connection: BoardConnection;
  title: string;
  session: SessionSnapshot;
  clock: ServerClock;
  shows: ProjectorShows;
  /** The participants' join link for the QR code; null when the projector link carries none. */
  joinLink: string | null;
}

/** The projector's side column: what is shown, who facilitates, the timer, and the join QR code. */
export function ProjectorRail({ connection, title, session, clock, shows, joinLink }: Props) {
  const { facilitator, focus } = session;
  return (
    <aside className="projector-rail" aria-label="Workshop">
      <h1 className="projector-title">{title || 'IoT Decision Board'}</h1>
      <div className="projector-status" role="status">
        {shows === 'focus' && focus ? (
          <p className="projector-focus">
            <span className="projector-caption">Focus</span>
            <strong>{focusLabel(focus)}</strong>
          </p>
        ) : (
          <p className="projector-following">
            {shows === 'facilitator' ? 'Showing what the facilitator sees' : 'Waiting for a facilitator'}
          </p>
        )}
        {facilitator && (
          <p className="projector-facilitator">
            <span
              className="projector-dot"
              style={{ background: facilitator.color || '#9ca3af' }}
              aria-hidden
            />
            Facilitator: <strong>{facilitator.name || 'someone'}</strong>
          </p>
        )}
      </div>
      <ProjectorTimer timer={session.timer} clock={clock} />
      {joinLink ? (
        <figure className="projector-join">
          <JoinQrCode text={joinLink} label="QR code of the link to join this board" />
          <figcaption>
            <strong>Scan to join</strong>
            <span>{location.host}</span>
          </figcaption>
        </figure>
      ) : (
        <p className="projector-hint">
          Open the projector from the Share panel with the edit link to show a join QR code here.
        </p>
      )}
      <div className="projector-footer">
        <ConnectionBadge connection={connection} />
        <FullscreenButton />
      </div>
    </aside>
  );
}
