/** Constants of the wire that client and server must agree on (see "The wire" in the design). */
import type { VoteRound } from './voteRounds';
import type { Ballot, DotRefusal } from './voting';

export const API_BOARDS_PATH = '/api/boards';
/**
 * `POST`, the body a JSON export or a CSV list: creates a board from it, all or nothing (201 as
 * `POST /api/boards`, 400 `{"errors": [...]}`, 413 past IMPORT_MAX_BYTES).
 */
export const API_BOARDS_IMPORT_PATH = '/api/boards/import';
/** The largest file an import takes: a board of 10,000 notes exports to a few megabytes. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/** `GET`, no token: the server's clock, for estimating this device's offset (shared timers). */
export const API_TIME_PATH = '/api/time';
export const SYNC_PATH = '/sync';
/**
 * The WebSocket subprotocol of sync. The project's client offers it beside `token.<token>`
 * (`syncProtocols`), so that the token travels in the Sec-WebSocket-Protocol header, which proxies do not
 * log, instead of the URL; the server answers with this one and never echoes the token. Stock clients
 * may still send `?token=` instead.
 */
export const SYNC_PROTOCOL = 'iot-board';
/** The prefix of the subprotocol that carries a board token: `token.<token>`. */
export const SYNC_TOKEN_PROTOCOL_PREFIX = 'token.';

/** The subprotocols a client offers to sync with `token`: SYNC_PROTOCOL and the token's own. */
export function syncProtocols(token: string): string[] {
  return [SYNC_PROTOCOL, `${SYNC_TOKEN_PROTOCOL_PREFIX}${token}`];
}
export const BOARD_PAGE_PATH = '/b/';
/** The app page that opens a new copy of the sample workshop for whoever visits it. */
export const SAMPLE_BOARD_PATH = '/sample';

export const ROLES = ['edit', 'view'] as const;
export type Role = (typeof ROLES)[number];

/** Board ids are 128-bit random values written as 32 lowercase hex digits. */
export function isBoardId(value: string): boolean {
  return /^[0-9a-f]{32}$/.test(value);
}

/**
 * WebSocket close codes. Codes 4400-4499 are for refusals that retrying cannot cure: the stock
 * y-websocket client stops reconnecting on them. Codes 4500+ may be retried.
 */
export const CLOSE = {
  badRequest: { code: 4400, reason: 'bad request' },
  unauthorized: { code: 4401, reason: 'missing or invalid token' },
  forbidden: { code: 4403, reason: 'token does not grant this board' },
  unknownBoard: { code: 4404, reason: 'unknown board' },
  tooLarge: { code: 4413, reason: 'message too large' },
  malformed: { code: 4422, reason: 'malformed message' },
  serverError: { code: 4500, reason: 'server error' },
  shuttingDown: { code: 4503, reason: 'server shutting down' },
  sendBufferFull: { code: 4508, reason: 'send buffer full' },
  roomFull: { code: 4529, reason: 'room is full' },
  /** The board's tokens were replaced (`POST /api/boards/<id>/tokens`); ask the owner for the new link. */
  tokenRevoked: { code: 4410, reason: 'token revoked' },
  /** The connection sent more messages than the per-connection rate allows; it may reconnect and resync. */
  rateLimited: { code: 4530, reason: 'message rate over the limit' },
  /** The server holds as many boards in memory as it may; retrying later can succeed. */
  serverFull: { code: 4507, reason: 'too many boards open' },
  /** The client's address holds MAX_CONNECTIONS_PER_ADDRESS connections; one must close first. */
  connectionsPerAddress: { code: 4531, reason: 'too many connections from this address' },
  /** The client's address has MAX_ROOMS_PER_ADDRESS other boards open; one must close first. */
  boardsPerAddress: { code: 4532, reason: 'too many boards open from this address' },
} as const satisfies Record<string, CloseReason>;

/** The name of a close code (`CLOSE`'s keys), as used in logs and metrics. */
export type CloseName = keyof typeof CLOSE;

export interface CloseReason {
  readonly code: number;
  readonly reason: string;
}

/** The response of `GET /api/time`: the server's clock in ms since the epoch. */
export interface ServerTime {
  now: number;
}

/** The response of `POST /api/boards`. */
export interface CreatedBoard {
  id: string;
  editToken: string;
  viewToken: string;
}

/** The response of `GET /api/boards/<id>/tokens` (edit token required): the board's share tokens. */
export type BoardTokens = Omit<CreatedBoard, 'id'>;

/**
 * The path of a board's token endpoint. `GET` (edit token) answers the current tokens; `POST` (edit
 * token) issues new ones and revokes every earlier token of the board (open connections close with 4410).
 */
export function boardTokensPath(boardId: string): string {
  return `${API_BOARDS_PATH}/${boardId}/tokens`;
}

/** Iterations of a board: POST (edit token) saves one, GET (view or edit token) lists them. */
export function boardVersionsPath(boardId: string): string {
  return `${API_BOARDS_PATH}/${boardId}/versions`;
}

/** One iteration of a board as a Yjs update (application/octet-stream). */
export function boardVersionPath(boardId: string, versionId: string): string {
  return `${boardVersionsPath(boardId)}/${encodeURIComponent(versionId)}`;
}

/** What POST .../versions answers, and each entry of GET .../versions. */
export interface BoardVersion {
  id: string;
  name: string;
  createdAt: number;
}

/** The longest name an iteration may have. */
export const MAX_VERSION_NAME = 100;

/** The formats a board can be downloaded in over HTTP. */
export const EXPORT_FORMATS = ['json', 'md', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `GET` with a view or edit token: the board as JSON, a Markdown report or CSV of its notes. */
export function boardExportPath(boardId: string, format: ExportFormat): string {
  return `${API_BOARDS_PATH}/${boardId}/export.${format}`;
}

/**
 * A person's own ballot in the open vote (sealed dot voting). `GET` answers it, `PUT` replaces it with
 * a `BallotRequest`; both need an edit token and the person's voter key in VOTER_KEY_HEADER, and answer
 * a `BallotAnswer`, or 409 with a `BallotRefusal`. A view token gets 403.
 */
export function boardBallotPath(boardId: string): string {
  return `${API_BOARDS_PATH}/${boardId}/ballot`;
}

/**
 * `POST` a `RevealRequest` with an edit token: the server counts the open vote's ballots and writes the
 * totals into the board (answering a `RevealAnswer`), or 409 when that vote is not open.
 */
export function voteRevealPath(boardId: string): string {
  return `${API_BOARDS_PATH}/${boardId}/vote/reveal`;
}

/**
 * The header carrying a person's voter key: a random secret their device keeps, binding their ballot to
 * them (the person's id is public in the board, so it cannot). The server stores only its hash.
 */
export const VOTER_KEY_HEADER = 'x-voter-key';

/** Whether a value is a well-formed voter key: 22 to 128 URL-safe characters (at least 128 bits). */
export function isVoterKey(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{22,128}$/.test(value);
}

/** The body of `PUT .../ballot`: the whole ballot this person wants in the vote `voteId`. */
export interface BallotRequest {
  voteId: string;
  dots: Ballot;
}

/** A person's ballot as the server holds it; `voteId` null (and no dots) while no vote is open. */
export interface BallotAnswer {
  voteId: string | null;
  dots: Ballot;
  dotsLeft: number;
}

/** Why a ballot was not taken (409), with the ballot the server still holds. */
export interface BallotRefusal extends BallotAnswer {
  error: string;
  reason: DotRefusal;
}

/** The body of `POST .../vote/reveal`: the vote the facilitator means to reveal. */
export interface RevealRequest {
  voteId: string;
}

/** What a reveal wrote into the board. */
export interface RevealAnswer {
  round: VoteRound;
}

/** The access a board page was opened with, read from its URL fragment (`#edit=` or `#view=`). */
export interface BoardAccess {
  role: Role;
  token: string;
}

/** Reads `#edit=<token>` or `#view=<token>` from a URL fragment; null when neither is there. */
export function parseAccessFragment(hash: string): BoardAccess | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  for (const role of ROLES) {
    const token = params.get(role);
    if (token) return { role, token };
  }
  return null;
}

/** The path and fragment of a board page for a token. */
export function boardPageHref(boardId: string, access: BoardAccess): string {
  return `${BOARD_PAGE_PATH}${boardId}#${access.role}=${encodeURIComponent(access.token)}`;
}

/**
 * The deepest a value may nest (objects and arrays inside one another), in a board's document and in
 * awareness states. The relay refuses anything deeper (close 4422) before applying, relaying or storing
 * it, so that no client ever walks a value recursively past its stack. The app's own values nest at most
 * a few levels.
 */
export const MAX_VALUE_DEPTH = 32;

/**
 * The awareness (presence) fields the relay passes on from a view link's connection: enough to show who
 * is looking and where. Every other field (editing, selection, following, private-note counts, a summon,
 * anything unknown) is dropped before the state is stored or relayed, so a view link cannot act on
 * anyone's screen.
 */
export const VIEWER_PRESENCE_FIELDS = ['user', 'cursor', 'viewport', 'active', 'idle'] as const;

/** The fields of a presence state's `user` kept for a view link's connection. */
export const VIEWER_PRESENCE_USER_FIELDS = ['id', 'name', 'department', 'color'] as const;

/** The longest presence user id a client accepts. */
export const MAX_PRESENCE_ID = 64;

/**
 * A view link's presence user id, as the relay passes it on, starts with this (cut to
 * `MAX_PRESENCE_ID`): a view link never speaks with the id of someone holding an edit link, such as the
 * facilitator, whatever id it claims. A client makes ids without it.
 */
export const VIEWER_USER_ID_PREFIX = 'view-';
