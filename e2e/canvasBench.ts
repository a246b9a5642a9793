/**
 * `npm run bench:canvas`: opens boards of 200, 2,000 and 10,000 notes in headless Chromium (software
 * rendering, 1600×900) and runs two four-second scripts of real input events on each:
 * - `fine`: zooming with Ctrl + wheel steps of 40 px (a trackpad's pace) and panning with the wheel;
 * - `notches`: bursts of Ctrl + wheel notches of ±120 px (what a mouse wheel sends), in and out across
 *   every level of detail, from the whole board to notes larger than life, alternating with wheel pans.
 * For each it reports frames per second and the median, p95 and p99 frame interval, taken in the page
 * with requestAnimationFrame, and the time from navigation to the full board painted. Prints a markdown
 * table; `--out <file>` also writes JSON.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { BoardPageObject } from './BoardPageObject';
import { DETAIL_MIN_PX } from '../client/src/core/theme/theme';
import { wheelZoomFactor } from '../client/src/core/viewport/viewport';
import { launchBrowser, newPerson, ServerProcess } from './harness';

const SIZES = (process.env.CANVAS_BENCH_SIZES ?? '200,2000,10000').split(',').map(Number);
const SCRIPTS = (process.env.CANVAS_BENCH_SCRIPTS ?? 'fine,notches').split(',') as ScriptName[];
for (const s of SCRIPTS)
  if (s !== 'fine' && s !== 'notches') throw new Error(`unknown script ${s}: fine or notches`);
const SCRIPT_MS = 4000;
const outIndex = process.argv.indexOf('--out');
const outFile = outIndex > 0 ? process.argv[outIndex + 1] : undefined;
/** `--profile <dir>`: a CPU profile of each run (open in Chrome DevTools), and its costliest functions. */
const profileIndex = process.argv.indexOf('--profile');
const profileDir = profileIndex > 0 ? process.argv[profileIndex + 1] : undefined;

type ScriptName = 'fine' | 'notches';

interface Result {
  notes: number;
  script: ScriptName;
  fps: number;
  medianFrameMs: number;
  p95FrameMs: number;
  p99FrameMs: number;
  /**
   * CPU time of the page's renderer process per frame drawn (Chrome's ProcessTime): less sensitive than
   * frames/s to other programs taking the machine's cores, though not immune.
   */
  cpuMsPerFrame: number;
  /** The smallest and largest zoom the script reached: proof that it crossed the levels of detail. */
  scales: [number, number];
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

/** Starts recording frame times in the page. */
async function startRecording(page: Page): Promise<void> {
  // A string, not a function: the TypeScript loader would wrap a function's inner closures in helpers
  // that do not exist in the page.
  await page.evaluate(`
    window.__frames = [];
    window.__scales = [];
    window.__recording = true;
    const tick = (t) => {
      if (!window.__recording) return;
      window.__frames.push(t);
      const stage = window.Konva && window.Konva.stages[0];
      if (stage) window.__scales.push(stage.scaleX());
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  `);
}

async function stopRecording(page: Page): Promise<{ frames: number[]; scales: number[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __scales: number[]; __recording: boolean };
    w.__recording = false;
    return { frames: w.__frames, scales: w.__scales };
  });
}

async function ctrlWheel(page: Page, deltaY: number): Promise<void> {
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, deltaY);
  await page.keyboard.up('Control');
}

/** Zooms out and in around the pointer and pans, with wheel events every frame or so, for four seconds. */
async function fineScript(page: Page): Promise<void> {
  const start = Date.now();
  let i = 0;
  while (Date.now() - start < SCRIPT_MS) {
    const phase = Math.floor(((Date.now() - start) / SCRIPT_MS) * 4);
    if (phase === 0 || phase === 2) {
      // Zoom out in the first quarter, back in in the third.
      await ctrlWheel(page, phase === 0 ? 40 : -40);
    } else {
      await page.mouse.wheel(i % 2 ? 60 : -20, phase === 1 ? 50 : -50);
    }
    i++;
    await page.waitForTimeout(8);
  }
}

/**
 * A mouse wheel: bursts of four notches of 120 px some 30 ms apart (a flick of the finger), then a few
 * wheel pans, for four seconds. The notches go in from the whole board until notes are far larger than
 * the level where they get their own nodes, then out again to the whole board, and so on, so every
 * level of detail is crossed in both directions several times.
 */
async function notchScript(page: Page, notchesPerSweep: number): Promise<void> {
  const start = Date.now();
  let notch = 0;
  let pan = 0;
  while (Date.now() - start < SCRIPT_MS) {
    for (let k = 0; k < 4 && Date.now() - start < SCRIPT_MS; k++) {
      const inward = Math.floor(notch / notchesPerSweep) % 2 === 0;
      await ctrlWheel(page, inward ? -120 : 120);
      notch++;
      await page.waitForTimeout(30);
    }
    for (let k = 0; k < 3 && Date.now() - start < SCRIPT_MS; k++) {
      await page.mouse.wheel(pan % 2 ? 80 : -60, pan % 4 < 2 ? 60 : -60);
      pan++;
      await page.waitForTimeout(16);
    }
  }
}

/** Puts the whole board in view, the hardest case for drawing, with the pointer mid-canvas. */
async function wholeBoard(page: Page): Promise<void> {
  // 0 shows the readable whole board over the canvas, fitted to it behind; Escape goes back to the canvas.
  await page.keyboard.press('0');
  await page.getByRole('region', { name: 'Whole board' }).waitFor();
  await page.keyboard.press('Escape');
  await page.waitForTimeout(500);
  const box = (await page.locator('.stage-box').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
}

/** The functions that took the most time themselves in a CPU profile, as lines of text. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

function costliest(profile: CpuProfile, top = 25): string {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byNode.get(samples[i]!)!;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(
      ([key, ms]) =>
        `  ${ms.toFixed(0).padStart(6)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${key}`,
    )
    .join('\n');
}

/** The renderer process's CPU time so far, in milliseconds. */
async function processTime(session: CDPSession): Promise<number> {
  const { metrics } = (await session.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  return (metrics.find((m) => m.name === 'ProcessTime')?.value ?? NaN) * 1000;
}

async function run(page: Page, script: ScriptName, notes: number, paintedMs: number): Promise<Result> {
  await wholeBoard(page);
  const fitted = (await page.evaluate(() => window.__board!.view())).scale;
  const profiler = profileDir ? await page.context().newCDPSession(page) : undefined;
  if (profiler) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.setSamplingInterval', { interval: 200 });
    await profiler.send('Profiler.start');
  }
  const metrics = await page.context().newCDPSession(page);
  await metrics.send('Performance.enable');
  const cpuBefore = await processTime(metrics);
  await startRecording(page);
  if (script === 'fine') {
    await fineScript(page);
  } else {
    // Enough notches to go from the whole board to notes twice the size at which they get nodes.
    const notesWidth = await page.evaluate(() => {
      const widths = window
        .__board!.board()
        .notes.map((n) => n.w)
        .sort((a, b) => a - b);
      return widths[Math.floor(widths.length / 2)]!;
    });
    const target = (2 * DETAIL_MIN_PX) / notesWidth;
    await notchScript(page, Math.ceil(Math.log(target / fitted) / Math.log(wheelZoomFactor(-120))));
  }
  const { frames, scales } = await stopRecording(page);
  const cpuMs = (await processTime(metrics)) - cpuBefore;
  if (profiler) {
    const { profile } = (await profiler.send('Profiler.stop')) as { profile: CpuProfile };
    mkdirSync(profileDir!, { recursive: true });
    writeFileSync(join(profileDir!, `${notes}-${script}.cpuprofile`), JSON.stringify(profile));
    process.stderr.write(`${notes} notes, ${script}:\n${costliest(profile)}\n`);
  }
  const intervals = frames.slice(1).map((t, k) => t - frames[k]!);
  const sorted = [...intervals].sort((a, b) => a - b);
  const duration = (frames.at(-1)! - frames[0]!) / 1000;
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    notes,
    script,
    fps: round((frames.length - 1) / duration),
    medianFrameMs: round(percentile(sorted, 50)),
    p95FrameMs: round(percentile(sorted, 95)),
    p99FrameMs: round(percentile(sorted, 99)),
    cpuMsPerFrame: round(cpuMs / Math.max(1, frames.length - 1)),
    scales: [Math.round(Math.min(...scales) * 1000) / 1000, Math.round(Math.max(...scales) * 1000) / 1000],
    paintedMs: Math.round(paintedMs),
  };
}

async function measure(server: ServerProcess, notes: number): Promise<Result[]> {
  const browser = await launchBrowser();
  try {
    const board = await server.createBoard(`Canvas bench ${notes}`);
    const writer = await BoardPageObject.open(await newPerson(browser, 'Bench'), server.origin, board);
    await writer.page.evaluate((n) => window.__board!.addSampleNotes(n), notes);
    // The writer stays connected until the end, so its update surely reaches the server.

    const context = await newPerson(browser, 'Viewer', 'cloud', { width: 1600, height: 900 });
    const page = await context.newPage();
    const url = `${server.origin}/b/${board.id}#edit=${board.editToken}`;
    const paintedMs = await timeToPainted(page, url, notes);
    const results = [];
    for (const script of SCRIPTS) results.push(await run(page, script, notes, paintedMs));
    await context.close();
    await writer.page.context().close();
    return results;
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
    results.push(...(await measure(server, notes)));
  }
} finally {
  await server.dispose();
}

console.log(
  '| notes | script | frames/s | median frame (ms) | p95 frame (ms) | p99 frame (ms) | renderer CPU per frame (ms) | zoom reached | navigation to painted (ms) |',
);
console.log('|---:|---|---:|---:|---:|---:|---:|---|---:|');
for (const r of results) {
  const zoom = `${r.scales[0]}–${r.scales[1]}`;
  console.log(
    `| ${r.notes} | ${r.script} | ${r.fps} | ${r.medianFrameMs} | ${r.p95FrameMs} | ${r.p99FrameMs} | ${r.cpuMsPerFrame} | ${zoom} | ${r.paintedMs} |`,
  );
}
if (outFile) {
  writeFileSync(
    outFile,
    JSON.stringify({ date: new Date().toISOString(), scriptMs: SCRIPT_MS, results }, null, 2),
  );
  console.log(`\nwrote ${outFile}`);
}
