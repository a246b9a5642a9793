import './projector.css';
import { projectorHref } from './projectorLink';

/**
 * "Open projector view": the board for the room's screen, in a new window to drag onto it. It connects
 * with the view token; the edit token rides along only for the join QR code it shows.
 */
export function OpenProjectorLink({
  boardId,
  viewToken,
  editToken,
}: {
  boardId: string;
  viewToken: string;
  editToken: string | null;
}) {
  return (
    <div className="share-projector">
      <a
        className="projector-open"
        href={projectorHref(boardId, { viewToken, joinToken: editToken })}
        target="_blank"
        rel="noopener"
      >
        Open projector view
      </a>
      <span className="share-hint">
        For the room’s screen: read only, large type, follows the facilitator
        {editToken ? ', with a QR code to join' : ''}.
      </span>
    </div>
  );
}
