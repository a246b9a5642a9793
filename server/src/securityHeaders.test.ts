import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { SYNC_PATH } from '@shared';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Env } from './config';
import { TestBench } from './testing';

let bench: TestBench;
afterEach(async () => {
  await bench.dispose();
});

async function start(env: Env = {}): Promise<TestBench> {
  bench = await new TestBench(env).start();
  fs.writeFileSync(path.join(bench.staticDir, 'index.html'), '<!doctype html><title>app</title>');
  fs.mkdirSync(path.join(bench.staticDir, 'assets'));
  fs.writeFileSync(path.join(bench.staticDir, 'assets', 'app-123.js'), 'export {};');
  return bench;
}

/** Sends `request` as raw bytes (then nothing more) and resolves to everything the server answered. */
function rawRequest(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(bench.running.port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

/** The headers of a raw HTTP answer, names in lower case. */
function headersOf(answer: string): Record<string, string> {
  const [head = ''] = answer.split('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function expectSecure(headers: Record<string, string | null | undefined>, frameAncestors = "'none'") {
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self';");
  expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  expect(csp).toContain(`frame-ancestors ${frameAncestors}`);
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-content-type-options']).toBe('nosniff');
}

const fetchHeaders = async (url: string, init?: RequestInit) => {
  const res = await fetch(url, init);
  await res.arrayBuffer();
  return { status: res.status, headers: Object.fromEntries(res.headers) };
};

describe('security headers', () => {
  it('are on every kind of HTTP response: pages, files, API answers and errors', async () => {
    await start();
    const board = await bench.createBoard();
    const cases: [string, RequestInit | undefined, number][] = [
      ['/', undefined, 200],
      [`/b/${board.id}`, undefined, 200],
      ['/assets/app-123.js', undefined, 200],
      ['/missing.png', undefined, 404],
      ['/', { method: 'DELETE' }, 405],
      ['/api/time', undefined, 200],
      ['/api/boards', { method: 'POST' }, 201],
      ['/api/boards', { method: 'POST', body: '{oops' }, 400],
      [`/api/boards/${board.id}/export.json`, undefined, 401],
      [`/api/boards/${board.id}/export.json?token=forged`, undefined, 403],
      [`/api/boards/${'0'.repeat(32)}/versions`, undefined, 404],
      [`/api/boards/${board.id}/export.md?token=${board.viewToken}`, undefined, 200],
      ['/healthz', undefined, 200],
      ['/metrics', undefined, 200],
    ];
    for (const [pathname, init, status] of cases) {
      const res = await fetchHeaders(`${bench.url}${pathname}`, init);
      expect(res.status, pathname).toBe(status);
      expectSecure(res.headers);
    }
  });

  it('let the app connect to its own host over ws: and wss:', async () => {
    await start();
    const { headers } = await fetchHeaders(`${bench.url}/`);
    const host = `127.0.0.1:${bench.running.port}`;
    expect(headers['content-security-policy']).toContain(`connect-src 'self' ws://${host} wss://${host};`);
    expect(headers['x-frame-options']).toBe('DENY');
  });

  it('are on the answers to requests the parser refused and to refused upgrades', async () => {
    await start();
    const malformed = await rawRequest('GET / HTTP/1.1\r\nHost: x\r\nNot a header\r\n\r\n');
    expect(malformed).toMatch(/^HTTP\/1\.1 400 /);
    expectSecure(headersOf(malformed));

    const upgrade = (pathname: string, key = 'dGhlIHNhbXBsZSBub25jZQ==') =>
      rawRequest(
        `GET ${pathname} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${key}\r\n\r\n`,
      );
    const elsewhere = await upgrade('/elsewhere');
    expect(elsewhere).toMatch(/^HTTP\/1\.1 404 /);
    expectSecure(headersOf(elsewhere));
    // A handshake ws itself refuses (no valid key).
    const badKey = await upgrade(`${SYNC_PATH}/${'a'.repeat(32)}`, 'short');
    expect(badKey).toMatch(/^HTTP\/1\.1 400 /);
    expectSecure(headersOf(badKey));
  });

  it('are on the WebSocket handshake too', async () => {
    await start();
    const board = await bench.createBoard();
    const ws = new WebSocket(`${bench.syncUrl}/${board.id}?token=${board.editToken}`);
    const headers = await new Promise<Record<string, string>>((resolve, reject) => {
      ws.once('upgrade', (res) => resolve(res.headers as Record<string, string>));
      ws.once('error', reject);
    });
    ws.terminate();
    expectSecure(headers);
  });

  it('let FRAME_ANCESTORS name who may frame the app', async () => {
    const sources = "'self' https://intranet.example.com";
    await start({ FRAME_ANCESTORS: sources });
    const { headers } = await fetchHeaders(`${bench.url}/`);
    expectSecure(headers, sources);
    expect(headers['x-frame-options']).toBeUndefined();
  });
});

describe('slow requests', () => {
  it('answers 408 and closes a connection that never finishes its headers', async () => {
    await start({ HEADERS_TIMEOUT_MS: '200', REQUEST_TIMEOUT_MS: '400' });
    const answer = await rawRequest('GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expectSecure(headersOf(answer));
  });

  it('closes a connection that sends nothing at all', async () => {
    await start({ HEADERS_TIMEOUT_MS: '200', REQUEST_TIMEOUT_MS: '400' });
    const answer = await rawRequest('');
    expect(answer === '' || answer.startsWith('HTTP/1.1 408 ')).toBe(true);
  });

  it('answers 408 and closes a request whose body stops arriving, and the server goes on', async () => {
    await start({ HEADERS_TIMEOUT_MS: '200', REQUEST_TIMEOUT_MS: '400' });
    const answer = await rawRequest(
      'POST /api/boards HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"ti',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect((await fetch(`${bench.url}/healthz`)).status).toBe(200);
  });
});
