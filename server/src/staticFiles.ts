import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { BOARD_PAGE_PATH, SAMPLE_BOARD_PATH } from '@shared';
import { allowMethods, HttpError, sendText } from './httpUtil';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

// Vite puts a content hash in every file name under /assets/, so those never change.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

function isAppPage(pathname: string): boolean {
  return (
    pathname === '/' ||
    pathname === '/index.html' ||
    pathname === SAMPLE_BOARD_PATH ||
    pathname.startsWith(BOARD_PAGE_PATH)
  );
}

function fileInside(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    throw new HttpError(400, 'bad path');
  }
  if (decoded.includes('\0')) throw new HttpError(400, 'bad path');
  const file = path.resolve(root, '.' + decoded);
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  return file.startsWith(prefix) ? file : null;
}

function statFile(file: string): fs.Stats | null {
  try {
    const stats = fs.statSync(file);
    return stats.isFile() ? stats : null;
  } catch {
    return null;
  }
}

/** Serves the built client: the app page for `/` and `/b/<id>`, files from the static directory otherwise. */
export function serveStatic(req: IncomingMessage, res: ServerResponse, url: URL, root: string): void {
  allowMethods(req, ['GET', 'HEAD']);
  const pathname = url.pathname;
  if (isAppPage(pathname)) {
    const index = path.join(root, 'index.html');
    const stats = statFile(index);
    if (!stats) {
      sendText(res, 503, 'The client is not built yet: run `npm run build`, then reload.\n');
      return;
    }
    sendFile(req, res, index, stats, REVALIDATE);
    return;
  }
  const file = fileInside(root, pathname);
  const stats = file ? statFile(file) : null;
  if (!file || !stats) {
    sendText(res, 404, 'Not found\n');
    return;
  }
  sendFile(req, res, file, stats, pathname.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
}

function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  stats: fs.Stats,
  cacheControl: string,
): void {
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': stats.size,
    'Cache-Control': cacheControl,
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = fs.createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
