import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * Headers every response carries, the app's pages, files, API answers and errors alike, so that no
 * response (an error page, a JSON body a browser is tricked into rendering) is ever a way in.
 *
 * The Content-Security-Policy fits what the built client does, checked in Chromium on the board,
 * projector, report and phone pages (e2e/security.e2e.ts):
 * - scripts are Vite's hashed modules from this origin, nothing inline, no eval;
 * - styles are the built stylesheet only: React and Konva set styles through the CSSOM
 *   (`element.style`), which style-src does not govern, and nothing injects <style> or style attributes;
 * - images are files of this origin, and data: and blob: URLs the PNG export and the QR code make;
 * - connections go to this origin: the API over HTTP and sync over ws: or wss: of the same host (named
 *   too, for browsers whose 'self' does not yet cover WebSocket schemes);
 * - the service worker (/sw.js) is a script of this origin.
 */

/** `frame-ancestors` sources: 'none' (the default), 'self', or http(s) origins, `*.` wildcards allowed. */
const FRAME_SOURCE = /^(?:'self'|https?:\/\/(?:\*\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d{1,5})?)$/;

/**
 * Checks a FRAME_ANCESTORS value: `'none'`, or a space-separated list of `'self'` and http(s) origins.
 * Returns the normalised list, or null when it is not one (nothing else may reach the header).
 */
export function parseFrameAncestors(value: string): string | null {
  const sources = value.trim().split(/\s+/);
  if (sources.length === 1 && sources[0] === "'none'") return "'none'";
  return sources.every((source) => FRAME_SOURCE.test(source)) ? sources.join(' ') : null;
}

// A Host header as browsers send it: a DNS name or IPv4 address, or a bracketed IPv6 one, and a port.
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export interface SecurityHeaders {
  /** The headers for a response to `req` (the Host it names goes into connect-src). */
  forRequest(req: IncomingMessage): Record<string, string>;
  /** The headers for an answer to a request that could not be read (no Host to trust). */
  readonly generic: Record<string, string>;
}

export function securityHeaders(frameAncestors: string): SecurityHeaders {
  const fixed: Record<string, string> = {
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  };
  // For browsers that predate frame-ancestors; it cannot express a list of origins.
  if (frameAncestors === "'none'") fixed['X-Frame-Options'] = 'DENY';
  else if (frameAncestors === "'self'") fixed['X-Frame-Options'] = 'SAMEORIGIN';

  const policy = (host: string | null) =>
    [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      `connect-src 'self'${host === null ? '' : ` ws://${host} wss://${host}`}`,
      "worker-src 'self'",
      "manifest-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      `frame-ancestors ${frameAncestors}`,
    ].join('; ');
  // Most requests name one of a handful of hosts: build each policy once.
  const byHost = new Map<string, Record<string, string>>();
  const withoutHost = { ...fixed, 'Content-Security-Policy': policy(null) };

  return {
    generic: withoutHost,
    forRequest(req) {
      const host = req.headers.host;
      if (host === undefined || !HOST.test(host)) return withoutHost;
      let headers = byHost.get(host);
      if (!headers) {
        headers = { ...fixed, 'Content-Security-Policy': policy(host) };
        if (byHost.size >= 64) byHost.clear();
        byHost.set(host, headers);
      }
      return headers;
    },
  };
}

/** Sets the security headers on a response before anything is written to it. */
export function applySecurityHeaders(res: ServerResponse, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}

/**
 * Ends a socket that never became an HTTP response (a request the parser refused, an upgrade refused
 * before the handshake) with a short plain-text answer carrying the same headers as every response.
 */
export function endRawResponse(
  socket: Duplex,
  status: number,
  headers: Record<string, string>,
  extra: Record<string, string> = {},
): void {
  const body = `${STATUS_CODES[status] ?? 'Error'}\n`;
  const lines = Object.entries({
    Connection: 'close',
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    ...headers,
    ...extra,
  }).map(([name, value]) => `${name}: ${value}\r\n`);
  // Closed once the answer is flushed, whatever the peer does: a slow or silent one must not hold it.
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${lines.join('')}\r\n${body}`);
}
