import { BOARD_PAGE_PATH, boardPageHref } from '@shared';

const PROJECTOR_SUFFIX = '/projector';

/** What a projector link carries: the view token it connects with, and the edit token its QR code shares. */
export interface ProjectorLink {
  viewToken: string;
  /** Only shown as the join QR code; the projector itself never connects with it. */
  joinToken: string | null;
}

/** The projector page of a board: `/b/<id>/projector#view=<viewToken>&join=<editToken>`. */
export function projectorHref(boardId: string, link: ProjectorLink): string {
  const join = link.joinToken ? `&join=${encodeURIComponent(link.joinToken)}` : '';
  return `${BOARD_PAGE_PATH}${boardId}${PROJECTOR_SUFFIX}#view=${encodeURIComponent(link.viewToken)}${join}`;
}

/** The board id of a projector page's path, or null when the path is not a projector page. */
export function projectorBoardId(pathname: string): string | null {
  if (!pathname.startsWith(BOARD_PAGE_PATH) || !pathname.endsWith(PROJECTOR_SUFFIX)) return null;
  return pathname.slice(BOARD_PAGE_PATH.length, -PROJECTOR_SUFFIX.length);
}

/**
 * Reads a projector link's fragment. Null without a view token: a room's screen must never hold an edit
 * connection (anyone walking past could change the board), so an edit token alone does not do.
 */
export function parseProjectorFragment(hash: string): ProjectorLink | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const viewToken = params.get('view');
  if (!viewToken) return null;
  return { viewToken, joinToken: params.get('join') || null };
}

/** The link participants join with (the board page with the edit token), as the QR code encodes it. */
export function joinUrl(origin: string, boardId: string, editToken: string): string {
  return `${origin}${boardPageHref(boardId, { role: 'edit', token: editToken })}`;
}
