import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleApi, type ApiContext } from './api';
import { sameSecret } from './auth';
import { allowMethods, HttpError, sendJson, sendText } from './httpUtil';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import { applySecurityHeaders, type SecurityHeaders } from './securityHeaders';
import { serveStatic } from './staticFiles';

export interface HttpContext extends ApiContext {
  staticDir: string;
  log: Logger;
  metrics: Metrics;
  /** When set, /metrics wants it as a bearer token. */
  metricsToken: string | null;
  /** True once shutdown began: health turns 503 so a balancer stops sending traffic. */
  isClosing(): boolean;
  /** CSP and friends, set on every response before anything else is written. */
  security: SecurityHeaders;
}

async function metrics(req: IncomingMessage, res: ServerResponse, context: HttpContext): Promise<void> {
  allowMethods(req, ['GET', 'HEAD']);
  if (context.metricsToken !== null) {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match || !sameSecret(match[1]!, context.metricsToken)) {
      throw new HttpError(401, 'metrics need the METRICS_TOKEN as a bearer token', {
        'WWW-Authenticate': 'Bearer',
      });
    }
  }
  const body = await context.metrics.render();
  res.writeHead(200, {
    'Content-Type': context.metrics.contentType,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
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
    context.log.warn({ err: error }, 'health check: storage unavailable');
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
  if (url.pathname === '/metrics') return metrics(req, res, context);
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return handleApi(req, res, url, context);
  serveStatic(req, res, url, context.staticDir);
}

/** The node:http request listener: API, health and the built client. Never lets an error escape. */
export function createRequestHandler(context: HttpContext) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    applySecurityHeaders(res, context.security.forRequest(req));
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
      if (status >= 500) context.log.error({ path: url.pathname, err: error }, 'request failed');
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
