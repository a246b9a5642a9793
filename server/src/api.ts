import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_BOARDS_PATH, createBoard, isBoardId, type CreatedBoard } from '@shared';
import * as Y from 'yjs';
import { issueToken, verifyToken } from './auth';
import { allowMethods, HttpError, readBody, requestToken, sendJson } from './httpUtil';
import type { Storage } from './storage/Storage';

export interface ApiContext {
  storage: Storage;
  authSecret: string;
}

const MAX_CREATE_BODY_BYTES = 16 * 1024;
const TOKENS_PATH = new RegExp(`^${API_BOARDS_PATH}/([^/]+)/tokens$`);

/** Handles `/api/...`; throws HttpError for every refusal. */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  context: ApiContext,
): Promise<void> {
  if (url.pathname === API_BOARDS_PATH) {
    allowMethods(req, ['POST']);
    sendJson(res, 201, await createBoardFromRequest(req, context));
    return;
  }
  const tokens = TOKENS_PATH.exec(url.pathname);
  if (tokens) {
    allowMethods(req, ['GET', 'HEAD']);
    sendJson(res, 200, await boardTokens(req, url, tokens[1]!, context));
    return;
  }
  throw new HttpError(404, 'not found');
}

async function readTitle(req: IncomingMessage): Promise<string> {
  const body = (await readBody(req, MAX_CREATE_BODY_BYTES)).toString('utf8');
  if (body.trim() === '') return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new HttpError(400, 'body is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'body must be a JSON object');
  }
  const title = (parsed as { title?: unknown }).title;
  if (title === undefined || title === null) return '';
  if (typeof title !== 'string') throw new HttpError(400, 'title must be a string');
  return title;
}

/**
 * The server lays out the template itself, so that no two clients ever race to write the same board.
 */
async function createBoardFromRequest(req: IncomingMessage, context: ApiContext): Promise<CreatedBoard> {
  const title = await readTitle(req);
  const id = randomBytes(16).toString('hex');
  const doc = new Y.Doc();
  try {
    createBoard(doc, { title }, 'server');
    await context.storage.createBoard(id, Y.encodeStateAsUpdate(doc));
  } finally {
    doc.destroy();
  }
  return {
    id,
    editToken: issueToken(context.authSecret, id, 'edit'),
    viewToken: issueToken(context.authSecret, id, 'view'),
  };
}

/** Lets a holder of the edit link show the view link; a view token must not reveal the edit token. */
async function boardTokens(
  req: IncomingMessage,
  url: URL,
  id: string,
  context: ApiContext,
): Promise<Omit<CreatedBoard, 'id'>> {
  if (!isBoardId(id) || !(await context.storage.hasBoard(id))) throw new HttpError(404, 'unknown board');
  const token = requestToken(req, url);
  if (!token) throw new HttpError(401, 'missing token', { 'WWW-Authenticate': 'Bearer' });
  if (verifyToken(context.authSecret, id, token) !== 'edit') {
    throw new HttpError(403, 'an edit token of this board is required');
  }
  return {
    editToken: issueToken(context.authSecret, id, 'edit'),
    viewToken: issueToken(context.authSecret, id, 'view'),
  };
}
