import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleApi } from './api';
import { allowMethods, HttpError, sendJson, sendText } from './httpUtil';
import type { Logger } from './logger';
import type { RoomManager } from './RoomManager';
import { serveStatic } from './staticFiles';
import type { Storage } from './storage/Storage';

export interface HttpContext {
  storage: Storage;
  manager: RoomManager;
  authSecret: string;
  staticDir: string;
  log: Logger;
  /** True once shutdown began: health turns 503 so a balancer stops sending traffic. */
  isClosing(): boolean;
}

async function health(req: IncomingMessage, res: ServerResponse, context: HttpContext): Promise<void> {
  allowMethods(req, ['GET', 'HEAD']);
  if (context.isClosing()) {
    sendJson(res, 503, { status: 'shutting down' });
    return;
  }
  try {
    await context.storage.ping();
  } catch (error) {
    context.log.warn('health check: storage unavailable', { error });
    sendJson(res, 503, { status: 'unavailable', error: 'storage unavailable' });
    return;
  }
  sendJson(res, 200, { status: 'ok', ...context.manager.stats() });
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  context: HttpContext,
): Promise<void> {
  if (url.pathname === '/healthz') return health(req, res, context);
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return handleApi(req, res, url, context);
  serveStatic(req, res, url, context.staticDir);
}

/** The node:http request listener: API, health and the built client. Never lets an error escape. */
export function createRequestHandler(context: HttpContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      sendText(res, 400, 'Bad request\n');
      return;
    }
    const isApi = url.pathname.startsWith('/api');
    route(req, res, url, context).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status >= 500) context.log.error('request failed', { path: url.pathname, error });
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const message = error instanceof HttpError ? error.message : 'internal error';
      const headers = { ...(error instanceof HttpError ? error.headers : {}) };
      // A refused upload may still be arriving; closing avoids reading the rest of it.
      if (status === 413) headers.Connection = 'close';
      if (isApi || url.pathname === '/healthz') sendJson(res, status, { error: message }, headers);
      else {
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        sendText(res, status, `${message}\n`);
      }
    });
  };
}
