import { lazy, useEffect, useState, type ComponentProps } from 'react';
import { BOARD_PAGE_PATH, boardPageHref, SAMPLE_BOARD_PATH, isBoardId, parseAccessFragment } from '@shared';
import { createBoard } from './core/connection/api';
import { BoardPage } from './board/BoardPage';
import { reportBoardId } from './exports/reportRoute';
import { projectorBoardId } from './projector/projectorLink';
import { saveIdentity, viewerIdentity } from './core/identity/identity';
import { IdentityDialog } from './core/identity/IdentityDialog';
import { LazyPart } from './core/ui/LazyPart';
import { useIdentity } from './core/identity/useIdentity';

// Each page but the board is a chunk of its own, so that opening a board loads the board's code alone.
const StartPage = lazy(() => import('./start/StartPage').then((m) => ({ default: m.StartPage })));
const LostLinkPage = lazy(() => import('./start/LostLinkPage').then((m) => ({ default: m.LostLinkPage })));
const ReportPage = lazy(() => import('./exports/ReportPage').then((m) => ({ default: m.ReportPage })));
const ProjectorRoute = lazy(() =>
  import('./projector/ProjectorRoute').then((m) => ({ default: m.ProjectorRoute })),
);

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

function lostLink(why: ComponentProps<typeof LostLinkPage>['why'], boardId: string) {
  return (
    <LazyPart what="the page">
      <LostLinkPage why={why} boardId={boardId} />
    </LazyPart>
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
  // Someone who has just joined from the dialog is handed to the board, not left on the page's body.
  const [justJoined, setJustJoined] = useState(false);
  useEffect(() => {
    const onHash = () => setRoute(readRoute());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  if (location.pathname === SAMPLE_BOARD_PATH) return <SampleBoard />;
  // The start page, and any other path the server hands the app: visiting creates nothing.
  if (route.boardId === null) {
    return (
      <LazyPart what="the start page">
        <StartPage />
      </LazyPart>
    );
  }
  const reportId = reportBoardId(location.pathname);
  const reportAccess = reportId !== null && isBoardId(reportId) && parseAccessFragment(route.fragment);
  if (reportId !== null && reportAccess) {
    return (
      <LazyPart what="the report">
        <ReportPage boardId={reportId} access={reportAccess} />
      </LazyPart>
    );
  }
  const projectorId = projectorBoardId(location.pathname);
  if (projectorId !== null && isBoardId(projectorId)) {
    return (
      <LazyPart what="the projector">
        <ProjectorRoute boardId={projectorId} fragment={route.fragment} />
      </LazyPart>
    );
  }
  if (!isBoardId(route.boardId)) return lostLink('not-a-board', route.boardId);
  const access = parseAccessFragment(route.fragment);
  if (!access) return lostLink('no-token', route.boardId);
  if (!identity && access.role === 'edit') {
    return (
      <IdentityDialog
        onDone={(chosen) => {
          setJustJoined(true);
          saveIdentity(chosen);
        }}
      />
    );
  }
  return (
    <BoardPage boardId={route.boardId} access={access} identity={identity ?? viewer} takeFocus={justJoined} />
  );
}
