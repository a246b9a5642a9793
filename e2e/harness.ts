import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { randomId, type CreatedBoard } from '@shared';

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

const root = fileURLToPath(new URL('..', import.meta.url));

/** The product's sample workshop (shared/src/sampleWorkshop.json), a fresh copy. */
export { sampleWorkshop } from '@shared';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags that keep Debian's Chromium from reaching for the network or a GPU it does not have. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with apt-get install chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * Loads axe-core into a page, for accessibility checks. By evaluation, not a <script> tag: the app's
 * Content-Security-Policy refuses inline scripts, as it should.
 */
export async function injectAxe(page: Page): Promise<void> {
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
}

/**
 * A person on a device: a fresh browser context that has already told the app who they are. `hasTouch`
 * makes it a tablet or phone (touch events, pointerType "touch").
 */
export async function newPerson(
  browser: Browser,
  name: string,
  department = 'hardware',
  viewport = { width: 1440, height: 900 },
  options: { hasTouch?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, ...options });
  context.setDefaultTimeout(10_000);
  // One id per person, as the app keeps it: their tabs are one person, whatever each page load writes.
  const id = randomId();
  await context.addInitScript(
    ([i, n, d]) =>
      localStorage.setItem('iot-board:identity', JSON.stringify({ id: i, name: n, department: d })),
    [id, name, department] as const,
  );
  return context;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The real server in its own process, serving the built client, on a data folder that outlives restarts. */
export class ServerProcess {
  private child: ChildProcess | null = null;
  private output = '';
  readonly dataDir: string;
  port = 0;

  constructor(
    dataDir?: string,
    /** Extra environment for the server (its limits, say). */
    private readonly env: Record<string, string> = {},
  ) {
    this.dataDir = dataDir ?? mkdtempSync(join(tmpdir(), 'iot-board-e2e-'));
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    // E2E_CLIENT_DIST and E2E_SERVER_BUNDLE let several people test their own builds side by side.
    const clientDist = resolve(root, process.env.E2E_CLIENT_DIST ?? 'client/dist');
    const serverBundle = resolve(root, process.env.E2E_SERVER_BUNDLE ?? 'server/dist/main.mjs');
    for (const built of [join(clientDist, 'index.html'), serverBundle]) {
      if (!existsSync(built)) {
        throw new Error(`${built} is missing: run \`npm run build\` first (npm run test:e2e does)`);
      }
    }
    if (this.port === 0) this.port = await freePort();
    this.output = '';
    // The built server, as `npm start` runs it in production.
    const child = spawn(process.execPath, [serverBundle], {
      cwd: root,
      env: {
        ...localEnvironment(),
        STATIC_DIR: clientDist,
        ...this.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.dataDir,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${this.output}`);
      try {
        const response = await fetch(`${this.origin}/healthz`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not become healthy:\n${this.output}`);
  }

  /** Stops the server the way an operator does (SIGTERM) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }

  async createBoard(title = 'E2E workshop'): Promise<CreatedBoard> {
    const response = await fetch(`${this.origin}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title }),
    });
    if (response.status !== 201)
      throw new Error(`POST /api/boards: ${response.status} ${await response.text()}`);
    return (await response.json()) as CreatedBoard;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  logs(): string {
    return this.output;
  }
}
