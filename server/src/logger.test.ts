import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

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
    expect(lines[0]).toMatchObject({ level: 50, err: { message: 'disk gone', stack: expect.any(String) } });
  });

  it('writes nothing when silent', () => {
    const { lines, stream } = capture();
    createLogger('silent', stream).error('nothing');
    expect(lines).toEqual([]);
  });
});
