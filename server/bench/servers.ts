import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { killAll, track } from './processes';

/**
 * Which server a run drives: this project's relay, or a reference: `@y/websocket-server` ('reference',
 * the name it had when it was the only one) or Hocuspocus 4 ('hocuspocus').
 */
export type ServerKind = 'ours' | 'reference' | 'hocuspocus';

/** The references, in the order the report shows them. */
export const REFERENCES = ['reference', 'hocuspocus'] as const;
export type ReferenceKind = (typeof REFERENCES)[number];

export interface RunningTarget {
  kind: ServerKind;
  pid: number;
  /** `http://127.0.0.1:<port>` */
  httpUrl: string;
  stop(): Promise<void>;
}

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REFERENCE_ENTRY = 'node_modules/@y/websocket-server/src/server.js';
/** @hocuspocus/server as it ships, in memory (see the file). */
const HOCUSPOCUS_ENTRY = 'server/bench/hocuspocusServer.mjs';
const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

/** A port that was free a moment ago; the tiny race with other programs is acceptable for a benchmark. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** How our server runs: built, as `npm start` runs it, or from source through tsx (development). */
export type OursRuntime = 'start' | 'tsx';

const BUILT_ENTRY = 'server/dist/main.mjs';

/** Builds server/dist/main.mjs exactly as `npm start` does before it runs it. */
export function buildOurServer(): void {
  execFileSync('npm', ['run', '--silent', 'build:server'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/**
 * The node flags of the start script in package.json (`node <flags> server/dist/main.mjs`), so that the
 * bench measures the server with the very settings production gets and cannot drift from them.
 */
export function startScriptNodeFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const match = new RegExp(`\\bnode((?: --[\\w-]+(?:=\\S+)?)*) ${BUILT_ENTRY.replaceAll('.', '\\.')}`).exec(
    pkg.scripts.start ?? '',
  );
  if (!match) throw new Error(`the start script does not run node ... ${BUILT_ENTRY}: ${pkg.scripts.start}`);
  return match[1]!.split(' ').filter(Boolean);
}

function command(kind: ServerKind, runtime: OursRuntime, nodeFlags: string[]): string[] {
  // Both run as a plain `node` process (no npm or shell in between), so the pid is the server itself
  // and /proc figures are the server's alone.
  if (kind === 'reference') return [...nodeFlags, REFERENCE_ENTRY];
  if (kind === 'hocuspocus') return [...nodeFlags, HOCUSPOCUS_ENTRY];
  if (runtime === 'start') return [...startScriptNodeFlags(), ...nodeFlags, BUILT_ENTRY];
  return [...nodeFlags, '--import', 'tsx', 'server/src/main.ts'];
}

function environment(kind: ServerKind, port: number, dataDir: string, extra: Record<string, string>) {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1' };
  // A shell (or CI) may export these for the tests: the server gets PostgreSQL and Redis only when a
  // run asks for them in `extra`, so that `npm run bench` always measures the embedded default.
  delete env.DATABASE_URL;
  delete env.DATABASE_SCHEMA;
  delete env.REDIS_URL;
  if (kind !== 'ours') {
    // As it ships: in memory, no persistence and no HTTP callback.
    delete env.YPERSISTENCE;
    delete env.CALLBACK_URL;
    return env;
  }
  return {
    ...env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // A room unloads as soon as its last client leaves, so that a cold join needs no long wait.
    ROOM_UNLOAD_DELAY_MS: '0',
    // The bench creates ~40 boards from one address within seconds, and every simulated person of every
    // room connects from that address: the per-address limits are not under test.
    MAX_BOARDS_PER_MINUTE: '100000',
    MAX_CONNECTIONS_PER_ADDRESS: '1000000',
    MAX_ROOMS_PER_ADDRESS: '1000000',
    ...extra,
  };
}

async function waitUntilReady(child: ChildProcess, url: string, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `server exited before it was ready (${child.exitCode ?? child.signalCode}):\n${output()}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server not ready after ${READY_TIMEOUT_MS} ms:\n${output()}`);
}

/** Starts a fresh server process on a free loopback port and waits until it answers HTTP. */
export async function startTarget(
  kind: ServerKind,
  extraEnv: Record<string, string> = {},
  nodeFlags: string[] = [],
  runtime: OursRuntime = 'start',
): Promise<RunningTarget> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'board-bench-'));
  const child = track(
    spawn(process.execPath, command(kind, runtime, nodeFlags), {
      cwd: REPO_ROOT,
      env: environment(kind, port, dataDir, extraEnv),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  // Keep the tail of the output for error messages; the servers log little at these levels.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const httpUrl = `http://127.0.0.1:${port}`;
  const removeData = () => fs.rmSync(dataDir, { recursive: true, force: true });
  try {
    await waitUntilReady(child, kind === 'ours' ? `${httpUrl}/healthz` : httpUrl, () => output);
  } catch (error) {
    await killAll();
    removeData();
    throw error;
  }

  return {
    kind,
    pid: child.pid!,
    httpUrl,
    async stop() {
      await stopProcess(child);
      removeData();
    },
  };
}

/** SIGTERM (our server flushes and exits), then SIGKILL if it does not exit in time. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}
