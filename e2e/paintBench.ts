/**
 * `npm run bench:paint`: how soon a returning person sees the board. A board of 2,000 notes (PAINT_BENCH_NOTES
 * to change it) is opened once in a browser context, so that its IndexedDB copy and the service worker's
 * cache of the app are warm, as on the laptop of someone who took part last week; then the same context
 * navigates to the board again, several times, and each time the page reports the time from navigation to
 * the board painted (every note in the document and two frames drawn after, as bench:canvas counts it) and
 * which scripts it had fetched by then. Goal: painted within 1 s. Prints a markdown table.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { BoardPageObject } from './BoardPageObject';
import { launchBrowser, newPerson, ServerProcess } from './harness';

const NOTES = Number(process.env.PAINT_BENCH_NOTES ?? 2000);
const RUNS = Number(process.env.PAINT_BENCH_RUNS ?? 7);
const GOAL_MS = 1000;
const clientDist = resolve(
  fileURLToPath(new URL('..', import.meta.url)),
  process.env.E2E_CLIENT_DIST ?? 'client/dist',
);

interface Paint {
  /** When the last script fetched before paint had arrived (from the service worker's cache, warm). */
  scriptsMs: number;
  /** When the board's code had run far enough to open the board (its test API is there). */
  startedMs: number;
  /** When every note was in the document (from IndexedDB, or the server). */
  loadedMs: number;
  paintedMs: number;
  /** The scripts fetched before the board painted, by path. */
  scripts: string[];
}

/** Navigates to the board and waits until all `notes` are in the document and two frames have drawn. */
async function paint(page: Page, url: string, notes: number): Promise<Paint> {
  await page.goto(url);
  const startedMs = await (
    await page.waitForFunction(() => (window.__board ? performance.now() : 0), undefined, { polling: 'raf' })
  ).jsonValue();
  const loadedMs = await (
    await page.waitForFunction((n) => (window.__board?.noteCount() === n ? performance.now() : 0), notes, {
      polling: 'raf',
      timeout: 60_000,
    })
  ).jsonValue();
  const painted = await page.evaluate(
    () =>
      new Promise<Omit<Paint, 'startedMs' | 'loadedMs'>>((resolve) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const paintedMs = performance.now();
            const entries = performance
              .getEntriesByType('resource')
              .filter((entry) => entry.startTime < paintedMs && new URL(entry.name).pathname.endsWith('.js'));
            const scripts = entries.map((entry) => new URL(entry.name).pathname);
            const scriptsMs = Math.max(
              ...entries.map((entry) => (entry as PerformanceResourceTiming).responseEnd),
            );
            resolve({ paintedMs, scriptsMs, scripts });
          }),
        ),
      ),
  );
  return { startedMs, loadedMs, ...painted };
}

/** Bytes of a built file, as the server sends it uncompressed (the relay does not compress). */
function builtSize(path: string): number {
  try {
    return statSync(resolve(clientDist, `.${path}`)).size;
  } catch {
    return 0;
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const server = new ServerProcess();
await server.start();
const browser = await launchBrowser();
try {
  const board = await server.createBoard(`Paint bench ${NOTES}`);
  const writer = await BoardPageObject.open(await newPerson(browser, 'Bench'), server.origin, board);
  await writer.page.evaluate((n) => window.__board!.addSampleNotes(n), NOTES);

  const context = await newPerson(browser, 'Returning', 'cloud', { width: 1440, height: 900 });
  const url = `${server.origin}/b/${board.id}#edit=${board.editToken}`;
  // The first visit: fills IndexedDB from the server and installs the service worker with the app's files.
  const first = await context.newPage();
  const firstPaint = await paint(first, url, NOTES);
  await first.evaluate(() => navigator.serviceWorker.ready);
  await first.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await first.close();

  const returning: Paint[] = [];
  for (let run = 0; run < RUNS; run++) {
    const page = await context.newPage();
    returning.push(await paint(page, url, NOTES));
    await page.close();
  }
  await context.close();
  await writer.page.context().close();

  const kib = (paint: Paint) => paint.scripts.reduce((sum, path) => sum + builtSize(path), 0) / 1024;
  const times = returning.map((p) => p.paintedMs);
  const ms = (runs: readonly Paint[], key: 'scriptsMs' | 'startedMs' | 'loadedMs' | 'paintedMs') =>
    Math.round(median(runs.map((p) => p[key])));
  console.log(
    `| ${NOTES} notes | scripts in (ms) | board opened (ms) | notes loaded (ms) | painted (ms) | JS fetched before paint |`,
  );
  console.log('|---|---|---|---|---|---|');
  for (const [name, runs] of [
    ['first visit', [firstPaint]],
    [`returning, median of ${RUNS}`, returning],
  ] as const) {
    const last = runs.at(-1)!;
    console.log(
      `| ${name} | ${ms(runs, 'scriptsMs')} | ${ms(runs, 'startedMs')} | ${ms(runs, 'loadedMs')} | ${ms(runs, 'paintedMs')} | ` +
        `${last.scripts.length} files, ${kib(last).toFixed(0)} KiB |`,
    );
  }
  console.log(`returning: slowest painted at ${Math.round(Math.max(...times))} ms`);
  console.log(`scripts before paint: ${returning.at(-1)!.scripts.join(', ')}`);
  const verdict = median(times) <= GOAL_MS ? 'meets' : 'misses';
  console.log(`${verdict} the goal of painting within ${GOAL_MS} ms for a returning person`);
} finally {
  await browser.close();
  await server.dispose();
}
