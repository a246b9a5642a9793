import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BoardPageObject } from './BoardPageObject';
import { useBoardSession } from './fixtures';
import { newPerson } from './harness';

/**
 * The board paints without the code of the parts it does not show: the grid and roadmap, the phone layout,
 * the export panel, key 0's overview, and the other pages (start, report, projector). Each is a chunk the
 * page fetches the first time the part is used, never before.
 */

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
}

const clientDist = resolve(
  fileURLToPath(new URL('..', import.meta.url)),
  process.env.E2E_CLIENT_DIST ?? 'client/dist',
);
const manifest = JSON.parse(readFileSync(resolve(clientDist, 'build-manifest.json'), 'utf8')) as Record<
  string,
  ManifestChunk
>;

/** The parts loaded on demand, by the source file each chunk starts from. */
const LATER = {
  grid: 'src/views/StructuredView.tsx',
  phone: 'src/phone/PhoneBoard.tsx',
  exportPanel: 'src/exports/ExportPanel.tsx',
  overview: 'src/room/BoardOverview.tsx',
  start: 'src/start/StartPage.tsx',
  report: 'src/exports/ReportPage.tsx',
  projector: 'src/projector/ProjectorRoute.tsx',
} as const;

/** The chunk files `key` loads: its own and those it imports, statically, all the way down. */
function closure(key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the build manifest`);
  if (into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const imported of chunk.imports ?? []) closure(imported, into);
  return into;
}

const entry = closure('index.html');

/** The files a part brings that the board's entry does not have: what opening that part fetches. */
function ownFiles(source: string): string[] {
  return [...closure(source)].filter((file) => !entry.has(file));
}

/** Every script and style the pages of `context` fetch (not the service worker's own caching). */
function recordRequests(context: BrowserContext): string[] {
  const paths: string[] = [];
  context.on('request', (request) => {
    if (request.serviceWorker()) return;
    paths.push(new URL(request.url()).pathname.slice(1));
  });
  return paths;
}

describe('the client bundle', () => {
  const session = useBoardSession('Bundle split');

  it('builds each part loaded later as a chunk of its own, outside the board entry', () => {
    for (const source of Object.values(LATER)) {
      expect(manifest[source]?.isDynamicEntry, source).toBe(true);
      expect(entry.has(manifest[source]!.file), `${source} is in the board's entry`).toBe(false);
      expect(ownFiles(source).length, source).toBeGreaterThan(0);
    }
  });

  it('opens a board without fetching the grid, roadmap, phone, export, overview, report, projector or start code', async () => {
    const context = await newPerson(session.browser, 'Ana', 'hardware');
    const requested = recordRequests(context);
    const board = await BoardPageObject.open(context, session.server.origin, session.board);
    const { page } = board;
    await board.addNote(200, 200, 'painted');
    for (const [part, source] of Object.entries(LATER)) {
      expect(
        requested.filter((file) => ownFiles(source).includes(file)),
        `${part} fetched before use`,
      ).toEqual([]);
    }
    // Used, each part fetches its chunk, and only then.
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('dialog', { name: 'Export and import' }).waitFor();
    expect(requested).toContain(manifest[LATER.exportPanel]!.file);
    expect(requested).not.toContain(manifest[LATER.grid]!.file);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Grid', exact: true }).click();
    await page.getByRole('region', { name: 'Grid' }).waitFor();
    expect(requested).toContain(manifest[LATER.grid]!.file);
    expect(requested).not.toContain(manifest[LATER.phone]!.file);
    await context.close();
  });

  it('opens the parts loaded later offline too, on a device that opened the board before', async () => {
    const context = await newPerson(session.browser, 'Cai', 'security');
    const board = await BoardPageObject.open(context, session.server.origin, session.board);
    const { page } = board;
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 15_000 });
    // The service worker caches the chunks of the build in the background, those not loaded yet too.
    const later = [LATER.grid, LATER.exportPanel].flatMap(ownFiles);
    await page.waitForFunction(
      async (files) => (await Promise.all(files.map((f) => caches.match(`/${f}`)))).every(Boolean),
      later,
      { timeout: 15_000, polling: 200 },
    );
    await context.setOffline(true);
    await page.reload();
    await page.waitForFunction(() => (window.__board?.board().zones.length ?? 0) > 0);
    await page.getByRole('button', { name: 'Grid', exact: true }).click();
    await page.getByRole('region', { name: 'Grid' }).waitFor();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('dialog', { name: 'Export and import' }).waitFor();
    await context.close();
  });

  it('fetches the phone layout on a phone, and not the canvas-only parts', async () => {
    const context = await newPerson(
      session.browser,
      'Ben',
      'cloud',
      { width: 390, height: 844 },
      { hasTouch: true },
    );
    const requested = recordRequests(context);
    const page = await context.newPage();
    await page.goto(`${session.server.origin}/b/${session.board.id}#edit=${session.board.editToken}`);
    await page.locator('.phone-page').getByRole('tablist').waitFor();
    expect(requested).toContain(manifest[LATER.phone]!.file);
    for (const part of ['grid', 'exportPanel', 'overview', 'report', 'projector', 'start'] as const) {
      expect(requested, part).not.toContain(manifest[LATER[part]]!.file);
    }
    await context.close();
  });
});
