import type { CSSProperties } from 'react';
import { getArea, getLayer, type SessionSnapshot } from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { ConnectionBadge } from '../core/connection/ConnectionBadge';
import type { ServerClock } from '../core/clock/ServerClock';
import type { Voting } from '../voting/useVoting';
import { FullscreenButton } from './FullscreenButton';
import { JoinQrCode } from './JoinQrCode';
import { ProjectorSilent } from './ProjectorSilent';
import { ProjectorTimer } from './ProjectorTimer';
import { ProjectorVote } from './ProjectorVote';
import type { ProjectorShows } from './useProjectorView';

interface Props {
  connection: BoardConnection;
  title: string;
  session: SessionSnapshot;
  clock: ServerClock;
  shows: ProjectorShows;
  voting: Voting;
  /** The participants' join link for the QR code; null when the projector link carries none. */
  joinLink: string | null;
}

/**
 * The projector's side column: what is shown, who facilitates, the timer, silent brainstorming, the vote,
 * and the join QR code (which gives way to the vote's ranking when the rail runs out of room).
 */
export function ProjectorRail({ connection, title, session, clock, shows, voting, joinLink }: Props) {
  const { facilitator, focus } = session;
  const shown = title || 'IoT Decision Board';
  return (
    <aside className="projector-rail" aria-label="Workshop">
      <h1 className="projector-title" style={{ '--title-length': shown.length } as CSSProperties}>
        {shown}
      </h1>
      <div className="projector-status" role="status">
        {shows === 'focus' && focus ? (
          <p className="projector-focus">
            <span className="projector-caption">Focus</span>
            {/* The area on a line of its own: a line never starts with the "·" between them. */}
            <strong>
              {getLayer(focus.layer).name}
              {focus.area && (
                <>
                  <span className="projector-sr-only"> · </span>
                  <span className="projector-focus-area">{getArea(focus.area).name}</span>
                </>
              )}
            </strong>
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
      {session.silent?.active && <ProjectorSilent presence={connection.presence} />}
      <ProjectorVote voting={voting} />
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
