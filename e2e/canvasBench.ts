/**
 * `npm run bench:canvas`: opens boards of 200, 2,000 and 10,000 notes in headless Chromium (software
 * rendering), scripts four seconds of zooming (ctrl+wheel) and panning (wheel) with real input events,
 * and reports frames per second, median and p95 frame interval, and the time from navigation to the
 * full board painted. Prints a markdown table; `--out <file>` also writes JSON.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { BoardPageObject } from './BoardPageObject';
import { launchBrowser, newPerson, ServerProcess } from './harness';

const SIZES = (process.env.CANVAS_BENCH_SIZES ?? '200,2000,10000').split(',').map(Number);
const SCRIPT_MS = 4000;
const outIndex = process.argv.indexOf('--out');
const outFile = outIndex > 0 ? process.argv[outIndex + 1] : undefined;

interface Result {
  notes: number;
  fps: number;
  medianFrameMs: number;
  p95FrameMs: number;
  paintedMs: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Navigation to the board page until every note is in the document and two frames have painted. */
async function timeToPainted(page: Page, url: string, notes: number): Promise<number> {
  await page.goto(url);
  await page.waitForFunction((n) => window.__board?.noteCount() === n, notes, { timeout: 120_000 });
  return page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))),
      ),
  );
}

/** Zooms out and in around the pointer and pans, with wheel events every frame or so, for four seconds. */
async function scriptGestures(page: Page): Promise<number[]> {
  // A string, not a function: the TypeScript loader would wrap a function's inner closures in helpers
  // that do not exist in the page.
  await page.evaluate(`
    window.__frames = [];
    window.__recording = true;
    const tick = (t) => {
      if (!window.__recording) return;
      window.__frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  `);
  const box = (await page.locator('.stage-box').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  const start = Date.now();
  let i = 0;
  while (Date.now() - start < SCRIPT_MS) {
    const phase = Math.floor(((Date.now() - start) / SCRIPT_MS) * 4);
    if (phase === 0 || phase === 2) {
      // Zoom out in the first quarter, back in in the third.
      await page.keyboard.down('Control');
      await page.mouse.wheel(0, phase === 0 ? 40 : -40);
      await page.keyboard.up('Control');
    } else {
      await page.mouse.wheel(i % 2 ? 60 : -20, phase === 1 ? 50 : -50);
    }
    i++;
    await page.waitForTimeout(8);
  }
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames;
  });
}

async function measure(server: ServerProcess, notes: number): Promise<Result> {
  const browser = await launchBrowser();
  try {
    const board = await server.createBoard(`Canvas bench ${notes}`);
    const writer = await BoardPageObject.open(await newPerson(browser, 'Bench'), server.origin, board);
    await writer.page.evaluate((n) => window.__board!.addSampleNotes(n), notes);
    // The writer stays connected until the end, so its update surely reaches the server.

    const context = await newPerson(browser, 'Viewer', 'cloud', { width: 1440, height: 900 });
    const page = await context.newPage();
    const url = `${server.origin}/b/${board.id}#edit=${board.editToken}`;
    const paintedMs = await timeToPainted(page, url, notes);
    // Start from the whole board in view: the hardest case for drawing.
    // 0 shows the readable whole board over the canvas, fitted to it behind; Escape goes back to the canvas.
    await page.keyboard.press('0');
    await page.getByRole('region', { name: 'Whole board' }).waitFor();
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    const frames = await scriptGestures(page);
    const intervals = frames.slice(1).map((t, k) => t - frames[k]!);
    const sorted = [...intervals].sort((a, b) => a - b);
    const duration = (frames.at(-1)! - frames[0]!) / 1000;
    await context.close();
    await writer.page.context().close();
    return {
      notes,
      fps: Math.round(((frames.length - 1) / duration) * 10) / 10,
      medianFrameMs: Math.round(percentile(sorted, 50) * 10) / 10,
      p95FrameMs: Math.round(percentile(sorted, 95) * 10) / 10,
      paintedMs: Math.round(paintedMs),
    };
  } finally {
    await browser.close();
  }
}

const server = new ServerProcess();
await server.start();
const results: Result[] = [];
try {
  for (const notes of SIZES) {
    process.stderr.write(`measuring ${notes} notes…\n`);
    results.push(await measure(server, notes));
  }
} finally {
  await server.dispose();
}

console.log('| notes | frames/s | median frame (ms) | p95 frame (ms) | navigation to painted (ms) |');
console.log('|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(`| ${r.notes} | ${r.fps} | ${r.medianFrameMs} | ${r.p95FrameMs} | ${r.paintedMs} |`);
}
if (outFile) {
  writeFileSync(
    outFile,
    JSON.stringify({ date: new Date().toISOString(), scriptMs: SCRIPT_MS, results }, null, 2),
  );
  console.log(`\nwrote ${outFile}`);
}
