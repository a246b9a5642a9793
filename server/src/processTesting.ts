/** Helpers for tests that run the real server as a child process and cut its network. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { tempDir } from './testing';

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

/**
 * `node --import tsx server/src/main.ts` in a data directory of its own. The first start listens on a
 * port the system picks; restarts reuse it, so that clients reconnect to the same address. The port is
 * read from the child's own "server listening" line, never probed, so that another process on the
 * machine can never be mistaken for this one.
 */
export class ServerProcess {
  readonly dataDir = tempDir();
  private readonly staticDir = tempDir();
  private child: ChildProcess | null = null;
  port = 0;
  output = '';

  constructor(private readonly env: Record<string, string> = {}) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: root,
      env: {
        ...localEnvironment(),
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        STATIC_DIR: this.staticDir,
        LOG_LEVEL: 'info',
        ...this.env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    this.output = '';
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`server exited (${code}):\n${this.output}`));
      child.once('exit', onExit);
      child.stderr?.on('data', (data: Buffer) => {
        this.output += data.toString();
        const listening = /"url":"http:\/\/127\.0\.0\.1:(\d+)".*"msg":"server listening"/.exec(this.output);
        if (!listening) return;
        this.port = Number(listening[1]);
        child.off('exit', onExit);
        resolve();
      });
    });
  }

  /** Sends `signal` and resolves to the exit code (null when killed by the signal). */
  async stop(signal: NodeJS.Signals): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    this.child = null;
    return exited;
  }

  async dispose(): Promise<void> {
    await this.stop('SIGKILL');
    fs.rmSync(this.dataDir, { recursive: true, force: true });
    fs.rmSync(this.staticDir, { recursive: true, force: true });
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
