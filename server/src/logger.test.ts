import net from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { TestBench, waitFor } from './testing';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('writes one JSON object per line with level, time, message and fields', () => {
    const { lines, stream } = capture();
    const log = createLogger('info', stream);
    log.info({ board: 'b1' }, 'room loaded');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, msg: 'room loaded', board: 'b1', time: expect.any(String) }),
    ]);
  });

  it('drops lines below its level and keeps error stacks', () => {
    const { lines, stream } = capture();
    const log = createLogger('warn', stream);
    log.info('hidden');
    log.error({ err: new Error('disk gone') }, 'storage write failed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      err: { type: 'Error', message: 'disk gone', stack: expect.any(String) },
    });
  });

  it('writes nothing when silent', () => {
    const { lines, stream } = capture();
    createLogger('silent', stream).error('nothing');
    expect(lines).toEqual([]);
  });
});

describe('no token in any log line', () => {
  const token = `${'a'.repeat(32)}.edit.${'S1gnature_-'.repeat(4)}`;

  it('blanks tokens in messages, fields, error messages and causes, and drops raw bytes', () => {
    const { lines, stream } = capture();
    const log = createLogger('trace', stream);
    const parserError = Object.assign(new Error(`bad request /sync/x?token=${token}`), {
      code: 'HPE_INVALID_HEADER_TOKEN',
      rawPacket: Buffer.from(`GET /?token=${token} HTTP/1.1\r\nAuthorization: Bearer ${token}\r\n`),
      cause: new Error(`Sec-WebSocket-Protocol: iot-board, token.${token}`),
    });
    log.debug({ err: parserError, url: `/api/boards/x/export.json?a=1&token=opaque-secret` }, 'client error');
    log.trace({ headers: { authorization: 'Bearer metrics-secret', host: 'x' } }, `upgrade ${token}`);
    log.info(`interpolated %s`, `?token=${token}`);
    const text = JSON.stringify(lines);
    for (const secret of [token, 'S1gnature', 'opaque-secret', 'metrics-secret']) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      url: '/api/boards/x/export.json?a=1&token=[redacted]',
      err: { code: 'HPE_INVALID_HEADER_TOKEN', rawPacket: expect.stringMatching(/^\[\d+ bytes\]$/) },
    });
    expect(lines[1]).toMatchObject({ headers: { authorization: '[redacted]', host: 'x' } });
  });
});

/** Every string in the lines, with any serialised Buffer (`{type: 'Buffer', data}`) decoded. */
function allText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(allText).join('\n');
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.type === 'Buffer' && Array.isArray(record.data)) {
      return Buffer.from(record.data as number[]).toString('latin1');
    }
    return Object.values(record).map(allText).join('\n');
  }
  return String(value);
}

describe.each(['debug', 'trace'] as const)('the server at LOG_LEVEL=%s', (level) => {
  let bench: TestBench;
  afterEach(async () => {
    await bench.dispose();
  });

  it('logs no token from a malformed request, a refused upgrade or a broken-off body', async () => {
    const { lines, stream } = capture();
    bench = await new TestBench(
      { LOG_LEVEL: level, HEADERS_TIMEOUT_MS: '200', REQUEST_TIMEOUT_MS: '400' },
      () => ({
        logger: createLogger(level, stream),
      }),
    ).start();
    const board = await bench.createBoard();
    const token = board.editToken;
    const send = (request: string) =>
      new Promise<void>((resolve) => {
        const socket = net.connect(bench.running.port, '127.0.0.1', () => socket.write(request));
        socket.on('error', () => {});
        socket.on('close', () => resolve());
        socket.resume();
      });
    // A header line the parser refuses, after the token in the URL and two headers.
    await send(
      `GET /sync/${board.id}?token=${token} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
        `Sec-WebSocket-Protocol: iot-board, token.${token}\r\nNot a header\r\n\r\n`,
    );
    // A request line the parser refuses.
    await send(`GET /api/boards/${board.id}/export.json?token=${token} HTTP/9\r\n\r\n`);
    // A body that stops arriving.
    await send(
      `POST /api/boards/${board.id}/versions?token=${token} HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{`,
    );
    // A sync connection refused for a token of another board.
    const other = await bench.createBoard();
    await bench.raw(board.id, other.editToken).closed;
    await waitFor(() => lines.some((line) => line.msg === 'sync connection refused'), 'the refusal line');

    expect(lines.filter((line) => line.msg === 'client error').length).toBeGreaterThanOrEqual(2);
    const text = allText(lines);
    for (const secret of [token, other.editToken, token.split('.').pop()!])
      expect(text).not.toContain(secret);
    // A broken-off body is the client's doing: no error is logged for it.
    expect(lines.filter((line) => (line.level as number) >= 50)).toEqual([]);
  });
});
