import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { layerFrame, LAYERS, type CreatedBoard, type Zone } from '@shared';
import { BoardPageObject } from './BoardPageObject';
import { launchBrowser, newPerson, sampleWorkshop, ServerProcess } from './harness';
import { openPanel, takeFacilitatorRole } from './workshopTools';

/** LAYOUT_SCREENSHOTS=<folder> keeps a screenshot of each layout checked here, to look at. */
const SHOTS = process.env.LAYOUT_SCREENSHOTS;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The part two boxes share, in square pixels (0 when they only touch). */
function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0.5 && h > 0.5 ? w * h : 0;
}

function inside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x - 0.5 &&
    inner.y >= outer.y - 0.5 &&
    inner.x + inner.width <= outer.x + outer.width + 0.5 &&
    inner.y + inner.height <= outer.y + outer.height + 0.5
  );
}

/** Everything the page shows beside the canvas: docked columns, the bar under it, the banners, the overview. */
const BESIDE_THE_CANVAS = '.dock, .dock-bar, .workshop-banners, .minimap, .dock-toggles, .session-strip';

/** The boxes of what lies over the canvas among the panels and bars: there must be none. */
async function panelsOverCanvas(page: Page): Promise<string[]> {
  return page.evaluate((selector) => {
    const canvas = document.querySelector('.stage-box')!.getBoundingClientRect();
    const found: string[] = [];
    document.querySelectorAll<HTMLElement>(selector).forEach((el) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return;
      const w = Math.min(r.right, canvas.right) - Math.max(r.left, canvas.left);
      const h = Math.min(r.bottom, canvas.bottom) - Math.max(r.top, canvas.top);
      if (w > 0.5 && h > 0.5)
        found.push(`${el.className} overlaps the canvas by ${Math.round(w)}x${Math.round(h)}`);
    });
    return found;
  }, BESIDE_THE_CANVAS);
}

/** Where a board rectangle is drawn on the page. */
async function screenBox(board: BoardPageObject, rect: { x: number; y: number; w: number; h: number }) {
  const a = await board.toScreen(rect.x, rect.y);
  const b = await board.toScreen(rect.x + rect.w, rect.y + rect.h);
  return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
}

async function boxOf(page: Page, selector: string): Promise<Box> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not on the page`);
  return box;
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name) });
}

for (const screen of [
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
]) {
  describe(`panels beside the canvas at ${screen.width}x${screen.height}`, () => {
    const tag = `${screen.width}`;
    let server: ServerProcess;
    let browser: Browser;
    let board: CreatedBoard;
    let priya: BoardPageObject;
    let page: Page;
    let zones: Zone[];
    const workshop = sampleWorkshop();

    beforeAll(async () => {
      server = new ServerProcess();
      await server.start();
      browser = await launchBrowser();
      board = await server.createBoard(workshop.title);
      const context = await newPerson(browser, 'Priya', 'business', screen);
      priya = await BoardPageObject.open(context, server.origin, board);
      page = priya.page;
      await page.evaluate((w) => window.__board!.loadWorkshop(w), workshop as unknown);
      const loaded = await priya.waitForBoard(
        (b) => b.notes.length === workshop.notes.length,
        'the workshop',
      );
      zones = loaded.zones;
    });

    afterAll(async () => {
      await browser?.close();
      await server?.dispose();
    });

    const zone = (id: string) => zones.find((z) => z.id === id)!;

    it('docks the vote panel beside the canvas: the Data cell stays in view and its notes take clicks', async () => {
      await priya.showLayer(0);
      await openPanel(page, 'Vote');
      expect(await panelsOverCanvas(page)).toEqual([]);
      const canvas = await priya.canvasBox();
      const panel = await boxOf(page, '.vote-panel');
      expect(overlap(panel, canvas)).toBe(0);
      // Everything of the layer that was in view before the panel opened still is: the Data cell whole.
      const data = await screenBox(priya, zone('devices:data'));
      expect(inside(data, canvas)).toBe(true);
      expect(overlap(data, panel)).toBe(0);
      // A click on a Data note selects it: nothing lies over it.
      const note = (await priya.board()).notes.find((n) => n.id === 's05')!;
      await priya.clickNote(note);
      await priya.waitForSelection(note.id);
      await shot(page, `vote-${tag}.png`);
      await page.getByRole('button', { name: 'Close the vote panel' }).click();
      await page.keyboard.press('Escape');
    });

    it('flies to a gap inside the part of the canvas no panel covers, for every gap', async () => {
      await page.getByRole('button', { name: 'Gaps', exact: true }).click();
      const gaps = page.getByRole('region', { name: 'Gaps' });
      const cells = await gaps
        .locator('.gap-button')
        .evaluateAll((b) => b.map((e) => e.getAttribute('data-cell')!));
      expect(cells.length).toBeGreaterThan(0);
      for (const cell of cells) {
        await gaps.locator(`.gap-button[data-cell="${cell}"]`).click();
        const target = zone(cell);
        // The cell lands in the middle of the canvas as it is now, beside the panel.
        await page.waitForFunction((t) => {
          const v = window.__board!.view();
          const box = document.querySelector('.stage-box')!.getBoundingClientRect();
          const cx = (t.x + t.w / 2) * v.scale + v.x;
          const cy = (t.y + t.h / 2) * v.scale + v.y;
          return Math.abs(cx - box.width / 2) < 2 && Math.abs(cy - box.height / 2) < 2;
        }, target);
        const canvas = await priya.canvasBox();
        const drawn = await screenBox(priya, target);
        expect(inside(drawn, canvas), cell).toBe(true);
        expect(overlap(drawn, await boxOf(page, '.gaps-panel')), cell).toBe(0);
        // The cell's question, in its middle, is on the canvas and nothing else is drawn over it.
        const middle = { x: drawn.x + drawn.width / 2, y: drawn.y + drawn.height / 2 };
        expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName, middle)).toBe(
          'CANVAS',
        );
      }
      expect(await panelsOverCanvas(page)).toEqual([]);
      await shot(page, `gap-${tag}.png`);
      await page.getByRole('button', { name: 'Close the gaps panel' }).click();
    });

    it('fits a layer keyed while a panel docks on the canvas as it is now, not as it was', async () => {
      await priya.showLayer(0);
      // Key 3 pressed the moment the canvas has shrunk for the docked Gaps panel: in the resize's own
      // callback, before the page has drawn the new size (as a quick key press can land under load).
      await page.evaluate(async () => {
        const box = document.querySelector('.stage-box')!;
        const before = box.getBoundingClientRect().width;
        const observer = new ResizeObserver(([entry]) => {
          if (!entry || entry.contentRect.width === before) return;
          observer.disconnect();
          window.dispatchEvent(new KeyboardEvent('keydown', { key: '3', bubbles: true }));
        });
        observer.observe(box);
        // The observer's first report, of the size as it is, comes with the next frame.
        await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      });
      await page.getByRole('button', { name: 'Gaps', exact: true }).click();
      await page.getByRole('region', { name: 'Gaps' }).waitFor();
      const frame = layerFrame(2);
      await page.waitForFunction((t) => {
        const v = window.__board!.view();
        const box = document.querySelector('.stage-box')!.getBoundingClientRect();
        const cx = (t.x + t.w / 2) * v.scale + v.x;
        const cy = (t.y + t.h / 2) * v.scale + v.y;
        const fits = Math.min((box.width - 64) / t.w, (box.height - 64) / t.h);
        return (
          Math.abs(cx - box.width / 2) < 1 && Math.abs(cy - box.height / 2) < 1 && v.scale <= fits + 1e-9
        );
      }, frame);
      expect(await panelsOverCanvas(page)).toEqual([]);
      await page.getByRole('button', { name: 'Close the gaps panel' }).click();
    });

    it('keeps the overview beside the canvas, never over a cell question, and folds it away', async () => {
      const toggle = page.getByRole('button', { name: 'Overview', exact: true });
      if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
      const minimap = page.getByRole('img', { name: /^Overview of the board/ });
      await minimap.waitFor();
      for (let layer = 0; layer < 5; layer++) {
        await priya.showLayer(layer);
        const canvas = await priya.canvasBox();
        const map = await minimap.boundingBox();
        expect(overlap(map!, canvas)).toBe(0);
        // Every layer's Standards cell (bottom right, where the overview used to float) is whole in view.
        const standards = await screenBox(priya, zone(`${LAYERS[layer]!.id}:standards`));
        expect(inside(standards, canvas)).toBe(true);
        expect(overlap(standards, map!)).toBe(0);
      }
      expect(await panelsOverCanvas(page)).toEqual([]);
      await shot(page, `overview-${tag}.png`);
      // Folded away: the canvas takes the room back.
      const before = await priya.canvasBox();
      await toggle.click();
      await minimap.waitFor({ state: 'detached' });
      await expect.poll(async () => (await priya.canvasBox()).width).toBeGreaterThan(before.width);
      // The choice is kept on this device.
      await page.reload();
      await BoardPageObject.attach(page);
      expect(await page.getByRole('img', { name: /^Overview of the board/ }).count()).toBe(0);
    });

    it('shows the changed cells of a comparison beside the iterations panel, never under it', async () => {
      await takeFacilitatorRole(page);
      const panel = await openPanel(page, 'Iterations');
      await panel.getByLabel('Save the board as it is now').fill('Round 1');
      await panel.getByRole('button', { name: 'Save iteration' }).click();
      await panel.getByText('Saved “Round 1”.').waitFor();
      await priya.showLayer(0);
      // Ideas in the first layer's Standards and Data cells, the two cells nearest the panels' old spots.
      const frame = layerFrame(0);
      const standards = zone('devices:standards');
      const data = zone('devices:data');
      await priya.addNote(
        standards.x + standards.w - 300,
        standards.y + standards.h - 220,
        'Radio type approval',
      );
      await priya.addNote(data.x + 400, data.y + data.h - 220, 'Store raw readings a year');
      await panel.getByRole('button', { name: 'Compare with now: Round 1' }).click();
      await panel.locator('.compare-totals').waitFor();
      await priya.showLayer(0);
      const canvas = await priya.canvasBox();
      const dock = await boxOf(page, '.iterations-panel');
      expect(overlap(dock, canvas)).toBe(0);
      const marks = await page.evaluate(() =>
        window
          .Konva!.stages[0]!.find('.compare-added')
          .map((n) => (n as unknown as { getClientRect(): Box }).getClientRect()),
      );
      expect(marks.length).toBe(2);
      for (const mark of marks) {
        const onPage = { ...mark, x: mark.x + canvas.x, y: mark.y + canvas.y };
        expect(inside(onPage, canvas)).toBe(true);
        expect(overlap(onPage, dock)).toBe(0);
      }
      expect(inside(await screenBox(priya, frame), canvas)).toBe(true);
      expect(await panelsOverCanvas(page)).toEqual([]);
      await shot(page, `compare-${tag}.png`);
      await page.getByRole('button', { name: 'Close the iterations panel' }).click();
    });

    it('opens the Share popover clear of the analysis toggles, on top of everything', async () => {
      await page.getByRole('button', { name: 'Gaps', exact: true }).click();
      await page.getByRole('region', { name: 'Gaps' }).waitFor();
      await page.getByRole('button', { name: 'Share' }).click();
      const box = (await page.getByRole('dialog', { name: 'Share this board' }).boundingBox())!;
      const toggles = await boxOf(page, '[role="toolbar"][aria-label^="Coverage"]');
      expect(overlap(box, toggles)).toBe(0);
      // Whatever it lies over, it is drawn on top: its corners and middle are its own.
      for (const p of [
        { x: box.x + 8, y: box.y + 8 },
        { x: box.x + box.width - 8, y: box.y + box.height - 8 },
        { x: box.x + box.width / 2, y: box.y + box.height / 2 },
      ]) {
        expect(
          await page.evaluate(({ x, y }) => !!document.elementFromPoint(x, y)?.closest('.popover'), p),
        ).toBe(true);
      }
      await shot(page, `share-${tag}.png`);
      await page.getByRole('button', { name: 'Share' }).click();
      await page.getByRole('button', { name: 'Close the gaps panel' }).click();
    });
  });
}
