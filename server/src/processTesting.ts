/**
 * The relay as a child process, for the server's tests and the browser tests alike (e2e/harness.ts), and
 * TCP proxies that cut or balance its network. Imports nothing of the server itself, so that the browser
 * tests can use it without loading the server's modules.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CreatedBoard } from '@shared';

/**
 * The environment for a server under test: this process's, without the shared-service variables that
 * `.ci/run` sets for the suites that want PostgreSQL or Redis (those pass them on purpose); this server
 * runs on its own SQLite, as `npm start` does by default.
 */
function localEnvironment(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.DATABASE_SCHEMA;
  delete env.REDIS_URL;
  return env;
}

const root = fileURLToPath(new URL('../..', import.meta.url));

const temporaryDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'idb-server-'));

/** How long a server may take to start listening, and to stop after SIGTERM before it is killed. */
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** The line main.ts logs once it listens; its url names the port the system gave it. */
const LISTENING = /"url":"http:\/\/127\.0\.0\.1:(\d+)".*"msg":"server listening"/;

export interface ServerProcessOptions {
  /** Extra environment for the server (its limits, storage, bus...). */
  env?: Record<string, string>;
  /**
   * The built server bundle and client folder, run as `npm start` runs them (the browser tests); by
   * default the server's sources through tsx, serving an empty folder.
   */
  built?: { server: string; client: string };
}

/**
 * The relay (`server/src/main.ts`, or its build) in a process of its own, with a data directory of its
 * own that outlives restarts. The first start listens on a port the system picks (PORT=0); restarts reuse
 * it, so that clients reconnect to the same address. The port is read from the child's own "server
 * listening" log line, never probed beforehand, so that no other process can take it in between or be
 * mistaken for this one.
 */
export class ServerProcess {
  readonly dataDir = temporaryDir();
  private readonly staticDir: string;
  private readonly ownStaticDir: boolean;
  private child: ChildProcess | null = null;
  private output = '';
  port = 0;

  constructor(private readonly options: ServerProcessOptions = {}) {
    this.ownStaticDir = !options.built;
    this.staticDir = options.built?.client ?? temporaryDir();
  }

  /** `http://127.0.0.1:<port>`, once started. */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What the server logged (stdout and stderr) since it last started: for failure messages. */
  logs(): string {
    return this.output;
  }

  async start(): Promise<void> {
    const built = this.options.built;
    const args = built ? [built.server] : ['--import', 'tsx', 'server/src/main.ts'];
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: {
        ...localEnvironment(),
        STATIC_DIR: this.staticDir,
        ...this.options.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        // The listening line is at info; the level is not the caller's to lower.
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.output = '';
    await new Promise<void>((resolve, reject) => {
      let waiting = true;
      const settle = (error: Error | null) => {
        waiting = false;
        clearTimeout(timer);
        child.off('exit', onExit);
        if (error) reject(error);
        else resolve();
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
        settle(new Error(`server exited (${code ?? signal}) before it listened:\n${this.output}`));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        settle(new Error(`server did not listen within ${START_TIMEOUT_MS / 1000} s:\n${this.output}`));
      }, START_TIMEOUT_MS);
      child.once('exit', onExit);
      const onData = (data: Buffer) => {
        this.output += data.toString();
        const listening = waiting && LISTENING.exec(this.output);
        if (!listening) return;
        this.port = Number(listening[1]);
        settle(null);
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
    });
  }

  /**
   * Sends `signal` (SIGTERM: the way an operator stops it) and resolves to the exit code once it has exited
   * (null when the signal killed it). A server that ignores SIGTERM for 10 s is killed.
   */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }

  /** A new board through the API: what a person does on the start page. */
  async createBoard(title = 'Test workshop'): Promise<CreatedBoard> {
    const response = await fetch(`${this.origin}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title }),
    });
    if (response.status !== 201) {
      throw new Error(`POST /api/boards: ${response.status} ${await response.text()}`);
    }
    return (await response.json()) as CreatedBoard;
  }

  /** Kills the server and removes its data (and the static folder, when it made one). */
  async dispose(): Promise<void> {
    await this.stop('SIGKILL');
    fs.rmSync(this.dataDir, { recursive: true, force: true });
    if (this.ownStaticDir) fs.rmSync(this.staticDir, { recursive: true, force: true });
  }
}

/**
 * A TCP proxy in front of the server that can be cut: while cut, it drops open connections and refuses
 * new ones, like a network partition, so that clients behind it reconnect on their own once it heals.
 */
export class CuttableProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private open = true;
  port = 0;

  constructor(private readonly targetPort: number) {
    this.server = net.createServer((client) => {
      if (!this.open) {
        client.destroy();
        return;
      }
      const upstream = net.connect(this.targetPort, '127.0.0.1');
      for (const [a, b] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.sockets.add(a);
        a.pipe(b);
        a.on('error', () => b.destroy());
        a.on('close', () => {
          this.sockets.delete(a);
          b.destroy();
        });
      }
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  cut(): void {
    this.open = false;
    for (const socket of this.sockets) socket.destroy();
  }

  heal(): void {
    this.open = true;
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A load balancer for tests: a TCP proxy that sends each new connection to the next node in turn,
 * skipping nodes that refuse it (a node that was killed), as a balancer with health checks would.
 */
export class BalancerProxy {
  private readonly server: net.Server;
  private next = 0;
  port = 0;

  constructor(private readonly targetPorts: () => number[]) {
    this.server = net.createServer((client) => {
      client.pause();
      const ports = this.targetPorts();
      const start = this.next++;
      const attempt = (tries: number) => {
        if (tries >= ports.length) {
          client.destroy();
          return;
        }
        const upstream = net.connect(ports[(start + tries) % ports.length]!, '127.0.0.1');
        upstream.once('error', () => attempt(tries + 1));
        upstream.once('connect', () => {
          upstream.removeAllListeners('error');
          client.pipe(upstream).pipe(client);
          client.resume();
          client.on('error', () => upstream.destroy());
          upstream.on('error', () => client.destroy());
          client.on('close', () => upstream.destroy());
          upstream.on('close', () => client.destroy());
        });
      };
      attempt(0);
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.unref();
    });
  }
}
