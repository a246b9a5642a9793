import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  API_BOARDS_IMPORT_PATH,
  API_BOARDS_PATH,
  API_TIME_PATH,
  boardCsv,
  boardJson,
  boardMarkdown,
  createBoard,
  EXPORT_FORMATS,
  isBoardId,
  limitValueDepth,
  loadWorkshop,
  MAX_VERSION_NAME,
  readBoard,
  sampleWorkshop,
  type BoardTokens,
  type BoardVersion,
  type CreatedBoard,
  type ExportFormat,
  type Role,
  type ServerTime,
} from '@shared';
import * as Y from 'yjs';
import type { AddressLimiter } from './AddressLimiter';
import { issueToken, verifyToken } from './auth';
import { handleBallots } from './ballots';
import { allowMethods, clientAddress, HttpError, readBody, requestToken, sendJson } from './httpUtil';
import { importFromRequest } from './importRoute';
import type { RoomManager } from './RoomManager';
import type { Storage, VersionQuota, VersionRefusal } from './storage/Storage';
import type { Telemetry } from './Telemetry';

export interface ApiContext {
  storage: Storage;
  manager: RoomManager;
  authSecret: string;
  /** Boards created per client address and minute. */
  boardCreation: AddressLimiter;
  /** Read client addresses from X-Forwarded-For (see ServerConfig.trustProxy). */
  trustProxy: boolean;
  telemetry: Telemetry;
  /** Iterations a board may save per minute (sliding) and keep in all. */
  versionLimits: { perMinute: number; perBoard: number };
  /** Ballot changes and reveals per client address and minute; ballots one vote may hold. */
  ballotLimits: { writes: AddressLimiter; perVote: number };
}

const MAX_CREATE_BODY_BYTES = 16 * 1024;
const TOKENS_PATH = new RegExp(`^${API_BOARDS_PATH}/([^/]+)/tokens$`);
const VERSIONS_PATH = new RegExp(`^${API_BOARDS_PATH}/([^/]+)/versions$`);
const VERSION_PATH = new RegExp(`^${API_BOARDS_PATH}/([^/]+)/versions/([A-Za-z0-9_-]{1,64})$`);
const MAX_VERSION_BODY_BYTES = 4 * 1024;
const VERSION_WINDOW_MS = 60_000;
const EXPORT_PATH = new RegExp(`^${API_BOARDS_PATH}/([^/]+)/export\\.([a-z]+)$`);

const EXPORT_TYPES: Readonly<Record<ExportFormat, string>> = {
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
};

/** Handles `/api/...`; throws HttpError for every refusal. */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  context: ApiContext,
): Promise<void> {
  if (url.pathname === API_TIME_PATH) {
    // No token: the clock reveals nothing, and clients need it before they open a board.
    allowMethods(req, ['GET', 'HEAD']);
    sendJson(res, 200, { now: Date.now() } satisfies ServerTime);
    return;
  }
  if (url.pathname === API_BOARDS_IMPORT_PATH) {
    allowMethods(req, ['POST']);
    limitBoardCreation(req, context);
    const imported = await importFromRequest(req, url, context);
    if (imported.ok)
      sendJson(res, 201, { id: imported.id, ...boardTokens(context.authSecret, imported.id, 0) });
    else sendJson(res, 400, { error: 'nothing was imported', errors: imported.errors });
    return;
  }
  if (url.pathname === API_BOARDS_PATH) {
    allowMethods(req, ['POST']);
    limitBoardCreation(req, context);
    sendJson(res, 201, await createBoardFromRequest(req, context));
    return;
  }
  const tokens = TOKENS_PATH.exec(url.pathname);
  if (tokens) {
    allowMethods(req, ['GET', 'HEAD', 'POST']);
    const id = tokens[1]!;
    let epoch = await authorize(req, url, id, 'edit', context);
    if (req.method === 'POST') epoch = await revokeTokens(id, context);
    sendJson(res, 200, boardTokens(context.authSecret, id, epoch));
    return;
  }
  const versions = VERSIONS_PATH.exec(url.pathname);
  if (versions) {
    allowMethods(req, ['GET', 'HEAD', 'POST']);
    const id = versions[1]!;
    if (req.method === 'POST') {
      await authorize(req, url, id, 'edit', context);
      sendJson(res, 201, await saveVersion(req, id, context));
    } else {
      await authorize(req, url, id, 'view', context);
      sendJson(res, 200, await context.storage.listVersions(id));
    }
    return;
  }
  const version = VERSION_PATH.exec(url.pathname);
  if (version) {
    allowMethods(req, ['GET', 'HEAD']);
    const id = version[1]!;
    await authorize(req, url, id, 'view', context);
    const stored = await context.storage.loadVersion(id, version[2]!);
    if (!stored) throw new HttpError(404, 'unknown version');
    // Saved before the relay refused deep values, it may hold one no Yjs reader can decode.
    const state = limitValueDepth(stored);
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': state.byteLength,
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : state);
    return;
  }
  const exported = EXPORT_PATH.exec(url.pathname);
  if (exported) {
    allowMethods(req, ['GET', 'HEAD']);
    const format = exported[2]!;
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new HttpError(404, 'not found');
    await sendExport(req, res, url, exported[1]!, format as ExportFormat, context);
    return;
  }
  if (await handleBallots(req, res, url, context, authorize)) return;
  throw new HttpError(404, 'not found');
}

/**
 * Saves the board as it is now (including what is not stored yet) as a named iteration. Each one is a
 * copy of the whole board, so a board may save `versionLimits.perMinute` a minute (429 past it, with
 * Retry-After) and keep `versionLimits.perBoard` (409 past it).
 */
async function saveVersion(req: IncomingMessage, id: string, context: ApiContext): Promise<BoardVersion> {
  const body = await readJsonObject(req, MAX_VERSION_BODY_BYTES);
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (name === '') throw new HttpError(400, 'name must be a non-empty string');
  if (name.length > MAX_VERSION_NAME)
    throw new HttpError(400, `name must be at most ${MAX_VERSION_NAME} characters`);
  const now = Date.now();
  const quota: VersionQuota = {
    maxVersions: context.versionLimits.perBoard,
    maxRecent: context.versionLimits.perMinute,
    since: now - VERSION_WINDOW_MS,
  };
  // Checked before the board's state is built, so that a flood of refused saves costs no copies; the
  // save checks again in the same transaction as its write.
  const listed = await context.storage.listVersions(id);
  const recent = listed.filter((version) => version.createdAt >= quota.since);
  refuseVersion(
    listed.length >= quota.maxVersions
      ? { limit: 'total' }
      : recent.length >= quota.maxRecent
        ? { limit: 'recent', oldestRecent: Math.min(...recent.map((version) => version.createdAt)) }
        : null,
    context,
  );
  const state = await context.manager.boardState(id);
  if (!state) throw new HttpError(404, 'unknown board');
  const version: BoardVersion = { id: randomBytes(8).toString('hex'), name, createdAt: now };
  refuseVersion(await context.storage.saveVersion(id, version, state, quota), context);
  return version;
}

function refuseVersion(refusal: VersionRefusal | null, context: ApiContext): void {
  if (refusal === null) return;
  const { perBoard, perMinute } = context.versionLimits;
  if (refusal.limit === 'total') {
    context.telemetry.refused('versionsPerBoard');
    throw new HttpError(409, `this board already keeps ${perBoard} iterations, the most a board may keep`);
  }
  context.telemetry.refused('versionsPerMinute');
  const retryAfter = Math.max(1, Math.ceil((refusal.oldestRecent + VERSION_WINDOW_MS - Date.now()) / 1000));
  throw new HttpError(
    429,
    `this board saved ${perMinute} iterations in the last minute; try again in ${retryAfter} s`,
    { 'Retry-After': String(retryAfter) },
  );
}

/**
 * The board as JSON, Markdown or CSV, built by the same code in shared/ as the app's downloads, for
 * other tools (a tracker, a wiki, a script) to pull. A view or edit token; the current state, including
 * what is not stored yet.
 */
async function sendExport(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  id: string,
  format: ExportFormat,
  context: ApiContext,
): Promise<void> {
  await authorize(req, url, id, 'view', context);
  const state = await context.manager.boardState(id);
  if (!state) throw new HttpError(404, 'unknown board');
  const doc = new Y.Doc();
  let body: string;
  try {
    Y.applyUpdate(doc, state);
    const board = readBoard(doc);
    body = format === 'json' ? boardJson(board) : format === 'md' ? boardMarkdown(board) : boardCsv(board);
  } finally {
    doc.destroy();
  }
  res.writeHead(200, {
    'Content-Type': EXPORT_TYPES[format],
    'Content-Length': Buffer.byteLength(body),
    'Content-Disposition': `attachment; filename="board-${id}.${format}"`,
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Checks that the request's token grants `needed` on the board in its current token generation, and
 * resolves to that generation. 404 for an unknown board, 401 without a token, 403 otherwise.
 */
export async function authorize(
  req: IncomingMessage,
  url: URL,
  id: string,
  needed: Role,
  context: ApiContext,
): Promise<number> {
  const epoch = isBoardId(id) ? await context.storage.tokenEpoch(id) : null;
  if (epoch === null) throw new HttpError(404, 'unknown board');
  const token = requestToken(req, url);
  if (!token) throw new HttpError(401, 'missing token', { 'WWW-Authenticate': 'Bearer' });
  const role = verifyToken(context.authSecret, id, token, epoch);
  // A view token must not reveal the edit token, nor revoke anything.
  if (role === null || (needed === 'edit' && role !== 'edit')) {
    throw new HttpError(403, needed === 'edit' ? 'an edit token of this board is required' : 'invalid token');
  }
  return epoch;
}

function limitBoardCreation(req: IncomingMessage, context: ApiContext): void {
  // Behind a reverse proxy without TRUST_PROXY every request shares the proxy's address, and the limit
  // is then per proxy.
  const retryAfter = context.boardCreation.take(clientAddress(req, context.trustProxy));
  if (retryAfter > 0) {
    context.telemetry.refused('boardCreationRate');
    throw new HttpError(429, 'too many boards created from this address; retry later', {
      'Retry-After': String(retryAfter),
    });
  }
}

/** Replaces the board's tokens: every token issued before stops working, on HTTP and on open sockets. */
async function revokeTokens(id: string, context: ApiContext): Promise<number> {
  const epoch = await context.storage.revokeTokens(id);
  await context.manager.revokeTokens(id, epoch);
  return epoch;
}

function boardTokens(secret: string, id: string, epoch: number): BoardTokens {
  return {
    editToken: issueToken(secret, id, 'edit', epoch),
    viewToken: issueToken(secret, id, 'view', epoch),
  };
}

/** A request body that is empty (an empty object) or one JSON object; 400 otherwise. */
async function readJsonObject(req: IncomingMessage, maxBytes: number): Promise<Record<string, unknown>> {
  const body = (await readBody(req, maxBytes)).toString('utf8');
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/** What `POST /api/boards` asks for: a title, and whether to start from the sample workshop. */
async function readCreateRequest(req: IncomingMessage): Promise<{ title: string; sample: boolean }> {
  const body = await readJsonObject(req, MAX_CREATE_BODY_BYTES);
  const { title, sample } = body;
  if (title !== undefined && title !== null && typeof title !== 'string') {
    throw new HttpError(400, 'title must be a string');
  }
  if (sample !== undefined && typeof sample !== 'boolean')
    throw new HttpError(400, 'sample must be true or false');
  return { title: typeof title === 'string' ? title : '', sample: sample === true };
}

/**
 * The server lays out the template itself, so that no two clients ever race to write the same board.
 */
async function createBoardFromRequest(req: IncomingMessage, context: ApiContext): Promise<CreatedBoard> {
  const { title, sample } = await readCreateRequest(req);
  const id = randomBytes(16).toString('hex');
  const doc = new Y.Doc();
  try {
    if (sample) {
      // A new user's look at a finished board: their own copy, so that nothing they try touches anyone else's.
      const workshop = sampleWorkshop();
      createBoard(doc, { title: title || workshop.title }, 'server');
      loadWorkshop(doc, workshop, 'server');
    } else {
      createBoard(doc, { title }, 'server');
    }
    await context.storage.createBoard(id, Y.encodeStateAsUpdate(doc));
  } finally {
    doc.destroy();
  }
  return { id, ...boardTokens(context.authSecret, id, 0) };
}
