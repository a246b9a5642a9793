import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { API_TIME_PATH, randomId, type ServerTime } from '@shared';
import { ServerProcess as RelayProcess } from '../server/src/processTesting';

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
 * makes it a tablet or phone (touch events, pointerType "touch"); `clock` lets the test move time on.
 */
export async function newPerson(
  browser: Browser,
  name: string,
  department = 'hardware',
  viewport = { width: 1440, height: 900 },
  options: {
    hasTouch?: boolean;
    /**
     * Installs Playwright's clock before the first page: time flows as usual, and a test waits out one of
     * the app's timers (the undo step's capture window, Konva's double-click window) with
     * `page.clock.fastForward(ms)` instead of sleeping through it.
     */
    clock?: boolean;
  } = {},
): Promise<BrowserContext> {
  const { clock = false, ...contextOptions } = options;
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, ...contextOptions });
  if (clock) await context.clock.install();
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

/**
 * The real server in its own process, built and serving the built client, as `npm start` runs it in
 * production, on a data folder that outlives restarts (server/src/processTesting.ts, which the server's
 * own tests use too).
 */
export class ServerProcess extends RelayProcess {
  constructor(
    /** Extra environment for the server (its limits, say). */
    env: Record<string, string> = {},
  ) {
    super({ env, built: builtApp() });
  }
}

/** E2E_CLIENT_DIST and E2E_SERVER_BUNDLE let several people test their own builds side by side. */
function builtApp(): { server: string; client: string } {
  const client = resolve(root, process.env.E2E_CLIENT_DIST ?? 'client/dist');
  const server = resolve(root, process.env.E2E_SERVER_BUNDLE ?? 'server/dist/main.mjs');
  for (const built of [join(client, 'index.html'), server]) {
    if (!existsSync(built)) {
      throw new Error(`${built} is missing: run \`npm run build\` first (npm run test:e2e does)`);
    }
  }
  return { server, client };
}

/**
 * A clock the test moves (Playwright's), and the server's time as each page's own: the page's countdown
 * jumps when the test fast-forwards it, with no sleep, and the page's resync with the server (`/api/time`)
 * agrees with the jump instead of taking it back.
 */
export async function movableClock(context: BrowserContext): Promise<void> {
  await context.clock.install();
  await context.route(`**${API_TIME_PATH}`, async (route) => {
    const now = await route
      .request()
      .frame()
      .page()
      .evaluate(() => Date.now());
    await route.fulfill({ json: { now } satisfies ServerTime });
  });
}
