import { useEffect, useState } from 'react';
import { BOARD_PAGE_PATH, boardPageHref, SAMPLE_BOARD_PATH, isBoardId, parseAccessFragment } from '@shared';
import { createBoard } from './core/connection/api';
import { BoardPage } from './board/BoardPage';
import { ReportPage } from './exports/ReportPage';
import { reportBoardId } from './exports/reportRoute';
import { ProjectorRoute } from './projector/ProjectorRoute';
import { projectorBoardId } from './projector/projectorLink';
import { saveIdentity, viewerIdentity } from './core/identity/identity';
import { IdentityDialog } from './core/identity/IdentityDialog';
import { LostLinkPage } from './start/LostLinkPage';
import { StartPage } from './start/StartPage';
import { useIdentity } from './core/identity/useIdentity';

/** `/sample`: a new copy of the sample workshop for whoever visits, opened at once. */
function SampleBoard() {
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let cancelled = false;
    createBoard(undefined, { sample: true })
      .then((board) => {
        if (!cancelled) location.replace(boardPageHref(board.id, { role: 'edit', token: board.editToken }));
      })
      .catch((e: Error) => !cancelled && setError(e.message));
    return () => {
      cancelled = true;
    };
  }, [attempt]);
  return (
    <div className="center-message">
      {error ? (
        <>
          <p className="error">Could not open the sample workshop: {error}</p>
          <button
            type="button"
            className="primary"
            onClick={() => (setError(null), setAttempt((a) => a + 1))}
          >
            Try again
          </button>
        </>
      ) : (
        <p>Opening a copy of the sample workshop…</p>
      )}
    </div>
  );
}

function readRoute(): { boardId: string | null; fragment: string } {
  const { pathname, hash } = location;
  const boardId = pathname.startsWith(BOARD_PAGE_PATH) ? pathname.slice(BOARD_PAGE_PATH.length) : null;
  return { boardId, fragment: hash };
}

export function App() {
  const identity = useIdentity();
  // Someone on a view link is never asked who they are; one id per device keeps one entry per screen.
  const [viewer] = useState(viewerIdentity);
  const [route, setRoute] = useState(readRoute);
  useEffect(() => {
    const onHash = () => setRoute(readRoute());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  if (location.pathname === SAMPLE_BOARD_PATH) return <SampleBoard />;
  // The start page, and any other path the server hands the app: visiting creates nothing.
  if (route.boardId === null) return <StartPage />;
  const reportId = reportBoardId(location.pathname);
  const reportAccess = reportId !== null && isBoardId(reportId) && parseAccessFragment(route.fragment);
  if (reportId !== null && reportAccess) return <ReportPage boardId={reportId} access={reportAccess} />;
  const projectorId = projectorBoardId(location.pathname);
  if (projectorId !== null && isBoardId(projectorId)) {
    return <ProjectorRoute boardId={projectorId} fragment={route.fragment} />;
  }
  if (!isBoardId(route.boardId)) return <LostLinkPage why="not-a-board" boardId={route.boardId} />;
  const access = parseAccessFragment(route.fragment);
  if (!access) return <LostLinkPage why="no-token" boardId={route.boardId} />;
  if (!identity && access.role === 'edit') {
    return <IdentityDialog onDone={saveIdentity} />;
  }
  return <BoardPage boardId={route.boardId} access={access} identity={identity ?? viewer} />;
}
