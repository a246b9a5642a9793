import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { track } from './processes';
import { freePort, stopProcess } from './servers';

/** Where Debian (every machine of this kind) installs the Redis server. */
export const REDIS_SERVER = '/usr/bin/redis-server';

export interface RunningRedis {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 10_000;

/**
 * A redis-server of the benchmark's own on a free loopback port, keeping nothing on disk: its CPU and
 * memory are the bus's alone (the shared Redis on 6379 also serves other people's tests), and its
 * streams start empty.
 */
export async function startRedis(): Promise<RunningRedis> {
  if (!fs.existsSync(REDIS_SERVER)) {
    throw new Error(`${REDIS_SERVER} is not installed; pass --redis-url to use a running Redis`);
  }
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'board-bench-redis-'));
  const child = track(
    spawn(
      REDIS_SERVER,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`redis-server not ready:\n${output}`)),
        READY_TIMEOUT_MS,
      );
      child.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${output}`)));
      child.stderr?.on('data', (data: Buffer) => (output += data.toString()));
      child.stdout?.on('data', (data: Buffer) => {
        output = (output + data.toString()).slice(-4000);
        if (!output.includes('Ready to accept connections')) return;
        clearTimeout(timer);
        resolve();
      });
    });
  } catch (error) {
    await stopProcess(child);
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid!,
    async stop() {
      await stopProcess(child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
