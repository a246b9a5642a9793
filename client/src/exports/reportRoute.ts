import { BOARD_PAGE_PATH, type BoardAccess } from '@shared';

const REPORT_SUFFIX = '/report';

/** The printable report page of a board: `/b/<id>/report#view=<token>` (or `#edit=`). */
export function reportHref(boardId: string, access: BoardAccess): string {
  return `${BOARD_PAGE_PATH}${boardId}${REPORT_SUFFIX}#${access.role}=${encodeURIComponent(access.token)}`;
}

/** The board id of a report page's path, or null when the path is not a report page. */
export function reportBoardId(pathname: string): string | null {
  if (!pathname.startsWith(BOARD_PAGE_PATH) || !pathname.endsWith(REPORT_SUFFIX)) return null;
  return pathname.slice(BOARD_PAGE_PATH.length, -REPORT_SUFFIX.length);
}
