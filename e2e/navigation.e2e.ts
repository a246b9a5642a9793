import { beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession } from 'playwright-core';
import { layerFrame, type Rect } from '@shared';
import { BoardPageObject, type Point, type View } from './BoardPageObject';
import { useBoardSession } from './fixtures';
import { newPerson } from './harness';

const FIT_MARGIN = 32;
const PAN_STEPS = 12;

function sameView(a: View, b: View): boolean {
  return a.x === b.x && a.y === b.y && a.scale === b.scale;
}

/**
 * Waits until the view is `before` moved by (dx, dy) at the same zoom. Drags move the pointer in
 * PAN_STEPS steps; on a loaded machine a pan once fell one step short (see the report), so that is
 * allowed, never more.
 */
async function waitForPan(page: BoardPageObject, before: View, dx: number, dy: number, what: string) {
  const step = Math.hypot(dx, dy) / PAN_STEPS + 0.01;
  // Wait for the end of the pan (its last pointer move), then allow for a missed step.
  await page
    .waitForView(
      (v) => Math.abs(v.x - before.x - dx) < 0.01 && Math.abs(v.y - before.y - dy) < 0.01,
      what,
      2_000,
    )
    .catch(() => undefined);
  const view = await page.view();
  const off = Math.hypot(view.x - before.x - dx, view.y - before.y - dy);
  expect(
    off,
    `${what}: (${dx}, ${dy}) from ${JSON.stringify(before)} to ${JSON.stringify(view)}`,
  ).toBeLessThanOrEqual(step);
  expect(view.scale).toBe(before.scale);
  return view;
}

/** Checks that `rect` is shown whole, centred, and as large as fits with the usual margin. */
async function expectFitted(page: BoardPageObject, rect: Rect): Promise<void> {
  const box = await page.canvasBox();
  const view = await page.view();
  const centre = await page.toScreen(rect.x + rect.w / 2, rect.y + rect.h / 2);
  expect(Math.abs(centre.x - (box.x + box.width / 2))).toBeLessThanOrEqual(1);
  expect(Math.abs(centre.y - (box.y + box.height / 2))).toBeLessThanOrEqual(1);
  const spareX = box.width - rect.w * view.scale;
  const spareY = box.height - rect.h * view.scale;
  expect(Math.min(spareX, spareY)).toBeGreaterThanOrEqual(2 * FIT_MARGIN - 1);
  expect(Math.min(spareX, spareY)).toBeLessThanOrEqual(2 * FIT_MARGIN + 1);
}

describe('moving around the board', () => {
  const session = useBoardSession('Navigation');
  let ana: BoardPageObject;

  beforeAll(async () => {
    ana = await session.open('Ana', 'hardware');
  });

  it('pans by dragging empty space, by space+drag (even over a note), by the middle button and by the wheel', async () => {
    const { page } = ana;
    await ana.showLayer(0);
    const note = await ana.addNote(700, 500, 'Stay put');
    await page.keyboard.press('Escape');

    // Drag on empty space.
    let before = await ana.view();
    const empty = await ana.toScreen(1300, 800);
    await ana.drag(empty, { x: empty.x + 120, y: empty.y - 80 }, { steps: PAN_STEPS });
    let after = await waitForPan(ana, before, 120, -80, 'a pan');

    // Space held: dragging starts on a note, but the board pans and the note stays.
    before = after;
    const onNote = await ana.centreOf(note);
    await page.keyboard.down('Space');
    await ana.drag(onNote, { x: onNote.x - 100, y: onNote.y + 60 }, { steps: PAN_STEPS });
    await page.keyboard.up('Space');
    after = await waitForPan(ana, before, -100, 60, 'a space+drag pan');
    expect(await ana.note(note.id)).toMatchObject({ x: note.x, y: note.y });

    // The middle button pans, over a note too.
    before = after;
    const onNoteNow = await ana.centreOf(note);
    await ana.drag(
      onNoteNow,
      { x: onNoteNow.x + 50, y: onNoteNow.y + 70 },
      { button: 'middle', steps: PAN_STEPS },
    );
    after = await waitForPan(ana, before, 50, 70, 'a middle-button pan');
    expect(await ana.note(note.id)).toMatchObject({ x: note.x, y: note.y });

    // The wheel (or a touchpad's two-finger scroll) pans without zooming.
    before = after;
    await page.mouse.move(empty.x, empty.y);
    await page.mouse.wheel(40, 120);
    await waitForPan(ana, before, -40, -120, 'a wheel pan');
  });

  it('zooms with ctrl+wheel around the pointer, keeping the point under it still', async () => {
    const { page } = ana;
    await ana.showLayer(0);
    const box = await ana.canvasBox();
    for (const [at, deltaY] of [
      // Whole pixels: the browser reports the pointer in whole pixels. A mouse notch is 100 or 120.
      [{ x: Math.round(box.x + box.width * 0.3), y: Math.round(box.y + box.height * 0.7) }, -100],
      [{ x: Math.round(box.x + box.width * 0.8), y: Math.round(box.y + box.height * 0.2) }, 120],
      // A trackpad pinch: Ctrl + wheel with small fractional deltas, in proportion (1% per pixel).
      [{ x: Math.round(box.x + box.width * 0.5), y: Math.round(box.y + box.height * 0.5) }, -2.5],
    ] as [Point, number][]) {
      const before = await ana.view();
      const under = await ana.toBoard(at.x, at.y);
      await page.mouse.move(at.x, at.y);
      await page.keyboard.down('Control');
      await page.mouse.wheel(0, deltaY);
      await page.keyboard.up('Control');
      const after = await ana.waitForView((v) => v.scale !== before.scale, 'a zoom');
      const ratio = after.scale / before.scale;
      if (Math.abs(deltaY) >= 100) {
        // One notch zooms by about 1.1 to 1.2x (it was e, 2.7x: 11% -> 31% -> 85% -> 231%).
        const zoomIn = deltaY < 0 ? ratio : 1 / ratio;
        expect(zoomIn).toBeGreaterThanOrEqual(1.1);
        expect(zoomIn).toBeLessThanOrEqual(1.2);
      } else {
        expect(ratio).toBeCloseTo(Math.exp(-deltaY * 0.01), 5);
      }
      const stillUnder = await ana.toBoard(at.x, at.y);
      expect(Math.abs(stillUnder.x - under.x)).toBeLessThan(0.05);
      expect(Math.abs(stillUnder.y - under.y)).toBeLessThan(0.05);
    }

    // Three notches in a row, from the whole board (about 11%): each about 1.16x, about 17% in the end.
    // Key 0 shows the readable overview over the canvas, fitted to the whole board behind it; Escape
    // leaves the overview for that canvas, where the wheel zooms.
    await ana.showWholeCanvas();
    const whole = await ana.waitForView((v) => v.scale < 0.2, 'the whole board');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    let previous = whole;
    for (let i = 0; i < 3; i++) {
      await page.keyboard.down('Control');
      await page.mouse.wheel(0, -100);
      await page.keyboard.up('Control');
      const next = await ana.waitForView((v) => v.scale !== previous.scale, `notch ${i + 1}`);
      expect(next.scale / previous.scale).toBeGreaterThanOrEqual(1.1);
      expect(next.scale / previous.scale).toBeLessThanOrEqual(1.2);
      previous = next;
    }
    expect(previous.scale / whole.scale).toBeLessThanOrEqual(1.2 ** 3 + 1e-9);
  });

  it('keeps what the whole-board overview covers out of Tab: from the top bar, Tab goes into the overview', async () => {
    const { page } = ana;
    await page.keyboard.press('0');
    const overview = page.getByRole('region', { name: 'Whole board' });
    await overview.waitFor();
    // The last control of the top bar; next in the page come the toolbar and the canvas, under the overview.
    await page.getByRole('button', { name: 'Export', exact: true }).focus();
    const reached: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      reached.push(
        await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return 'body';
          if (el.closest('[aria-label="Whole board"]')) return 'overview';
          if (el.closest('.toolbar, .board-body')) return `covered: ${el.textContent ?? el.tagName}`;
          return 'other';
        }),
      );
    }
    expect(reached).toEqual(['overview', 'overview', 'overview']);
    await page.keyboard.press('Escape');
    await overview.waitFor({ state: 'detached' });
  });

  it('counts every wheel event of a zoom that lasts, none lost to the view React takes in meanwhile', async () => {
    const { page } = ana;
    await ana.showLayer(0);
    const box = await ana.canvasBox();
    const before = await ana.view();
    // One Ctrl + wheel event per frame for 1.2 s, each just after the canvas drew the frame: past 800 ms
    // the canvas hands React its view mid-gesture, and a wheel event that came before React took that
    // view in was undone by it. Dispatched in the page, so that no two events are merged into one.
    const events = await page.evaluate(
      ([x, y]) =>
        new Promise<number>((resolve) => {
          const content = document.querySelector('.konvajs-content')!;
          const start = performance.now();
          let count = 0;
          const tick = () => {
            content.dispatchEvent(
              new WheelEvent('wheel', { deltaY: -1, ctrlKey: true, clientX: x, clientY: y, bubbles: true }),
            );
            count++;
            if (performance.now() - start < 1_200) requestAnimationFrame(tick);
            else resolve(count);
          };
          requestAnimationFrame(tick);
        }),
      [box.x + box.width / 2, box.y + box.height / 2],
    );
    // Each event of 1 px zooms by e^0.01.
    const end = before.scale * Math.exp(0.01 * events);
    await ana.waitForView((v) => Math.abs(v.scale / end - 1) < 1e-9, `${events} small zooms`);
  });

  it('fits a layer with keys 1 to 5, the whole board with 0 and the selection with F', async () => {
    const { page } = ana;
    for (let i = 0; i < 5; i++) {
      await ana.showLayer(i);
      await expectFitted(ana, layerFrame(i));
    }

    // A note in the fifth layer, selected; 0 shows everything, F zooms onto the note.
    const note = await ana.addNote(500, layerFrame(4).y + 600, 'Far down');
    let before = await ana.view();
    // 0 shows the readable whole board over the canvas (projector.e2e.ts) and fits the canvas to the whole
    // board behind it; Escape goes back to the canvas, so fitted.
    await ana.showWholeCanvas();
    await ana.waitForView((v) => !sameView(v, before), 'the whole board');
    const all = { x: 0, y: 0, w: layerFrame(4).x + layerFrame(4).w, h: layerFrame(4).y + layerFrame(4).h };
    await expectFitted(ana, all);

    await ana.clickNote(note);
    await ana.waitForSelection(note.id);
    before = await ana.view();
    await page.keyboard.press('f');
    await ana.waitForView((v) => !sameView(v, before), 'the selection');
    await expectFitted(ana, { x: note.x - 60, y: note.y - 60, w: note.w + 120, h: note.h + 120 });

    // F with nothing selected shows the whole board.
    await page.keyboard.press('Escape');
    before = await ana.view();
    await page.keyboard.press('f');
    await ana.waitForView((v) => !sameView(v, before), 'the whole board again');
    await expectFitted(ana, all);
  });

  it('lets Enter and Space press a focused button instead of acting on the board', async () => {
    const { page } = ana;
    const note = await ana.addNote(400, 400, 'Selected while a button has the focus');
    await ana.clickNote(note);
    await ana.waitForSelection(note.id);
    // Enter would open the selected note's editor, but the Share button, reached with the keyboard, takes it.
    await page.getByRole('button', { name: 'Share' }).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Share this board' }).waitFor();
    expect(await page.getByLabel('Note text').count()).toBe(0);
    await page.getByRole('button', { name: 'Close' }).focus();
    await page.keyboard.press(' ');
    await page.getByRole('dialog', { name: 'Share this board' }).waitFor({ state: 'detached' });

    // A button only clicked with the mouse keeps the focus but not Space: holding it still pans.
    const box = await ana.canvasBox();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    const before = await ana.view();
    const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.mouse.move(at.x, at.y);
    await page.keyboard.down('Space');
    await page.mouse.down();
    await page.mouse.move(at.x + 100, at.y, { steps: 8 });
    await page.mouse.up();
    await page.keyboard.up('Space');
    await ana.waitForView((v) => v.x > before.x + 50, 'a pan with space held');
  });

  it('moves the view to where the minimap is clicked, keeping the zoom', async () => {
    const { page } = ana;
    // On a laptop screen the overview starts folded away, beside the canvas.
    await page.getByRole('button', { name: 'Overview', exact: true }).click();
    await ana.showLayer(0);
    const first = await ana.view();
    const minimap = page.getByRole('img', { name: /^Overview of the board/ });
    const map = (await minimap.boundingBox())!;
    const box = await ana.canvasBox();
    const shown = async () => ana.toBoard(box.x + box.width / 2, box.y + box.height / 2);

    // The middle of the overview is the middle of the third layer.
    await page.mouse.click(map.x + map.width / 2, map.y + map.height / 2);
    let view = await ana.waitForView((v) => !sameView(v, first), 'the view moved');
    expect(view.scale).toBe(first.scale);
    let centre = await shown();
    const third = layerFrame(2);
    // A minimap pixel is about 30 board units.
    expect(Math.abs(centre.x - (third.x + third.w / 2))).toBeLessThan(40);
    expect(Math.abs(centre.y - (third.y + third.h / 2))).toBeLessThan(40);

    // Near its bottom edge: the last layer.
    const before = view;
    await page.mouse.click(map.x + map.width / 2, map.y + map.height - 10);
    view = await ana.waitForView((v) => !sameView(v, before), 'the view moved again');
    centre = await shown();
    expect(centre.y).toBeGreaterThan(layerFrame(4).y + layerFrame(4).h / 2);
    expect(centre.y).toBeLessThan(layerFrame(4).y + layerFrame(4).h);
  });

  describe('on a tablet', () => {
    let tablet: BoardPageObject;
    let cdp: CDPSession;

    beforeAll(async () => {
      const context = await newPerson(
        session.browser,
        'Tia',
        'apps',
        { width: 1024, height: 768 },
        { hasTouch: true },
      );
      tablet = await BoardPageObject.open(context, session.server.origin, session.board);
      cdp = await context.newCDPSession(tablet.page);
    });

    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', points: Point[]) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: points.map((p, id) => ({ x: p.x, y: p.y, id })),
      });

    it('selects with a tap, opens the note menu with a long press, and clears with a tap on empty space', async () => {
      const { page } = tablet;
      await tablet.showLayer(0);
      await ana.showLayer(0);
      const note = await ana.addNote(960, 400, 'Touch me');
      await tablet.waitForNote(note.id, (n) => !!n, 'the note on the tablet');
      await page.keyboard.press('Escape');

      // Tap: the note is selected (resize handles on it), so the toolbar acts on it.
      const centre = await tablet.centreOf(note);
      await page.touchscreen.tap(centre.x, centre.y);
      await tablet.waitForSelection(note.id);
      await page.getByRole('button', { name: 'Mark as risk' }).tap();
      await tablet.waitForNote(note.id, (n) => n?.kind === 'risk', 'a risk');

      // Long press: the menu opens while the finger is still down, and stays when it lifts.
      await touch('touchStart', [centre]);
      const menu = page.getByRole('menu');
      await menu.waitFor();
      await touch('touchEnd', []);
      await menu.getByRole('menuitem', { name: '? Question' }).tap();
      await menu.waitFor({ state: 'detached' });
      await tablet.waitForNote(note.id, (n) => n?.kind === 'question', 'a question from the menu');
      expect(await tablet.note(note.id)).toMatchObject({ x: note.x, y: note.y });

      // Tap on empty space: nothing selected.
      const empty = await tablet.toScreen(300, 900);
      await page.touchscreen.tap(empty.x, empty.y);
      await tablet.waitForEmptySelection();
    });

    it('zooms with a pinch around the fingers, and pans with two fingers', async () => {
      const { page } = tablet;
      await tablet.showLayer(0);
      const notes = (await tablet.board()).notes;
      const box = await tablet.canvasBox();
      const c = { x: Math.round(box.x + box.width * 0.4), y: Math.round(box.y + box.height * 0.75) };
      const before = await tablet.view();
      const under = await tablet.toBoard(c.x, c.y);

      // Fingers 100 px apart spread to 200 px: twice the zoom, the point between them stays.
      await touch('touchStart', [
        { x: c.x - 50, y: c.y },
        { x: c.x + 50, y: c.y },
      ]);
      for (let i = 1; i <= 5; i++) {
        await touch('touchMove', [
          { x: c.x - 50 - 10 * i, y: c.y },
          { x: c.x + 50 + 10 * i, y: c.y },
        ]);
      }
      await touch('touchEnd', []);
      const zoomed = await tablet.waitForView((v) => v.scale > before.scale * 1.9, 'a pinch zoom');
      expect(zoomed.scale / before.scale).toBeCloseTo(2, 5);
      const stillUnder = await tablet.toBoard(c.x, c.y);
      expect(Math.abs(stillUnder.x - under.x)).toBeLessThan(0.5);
      expect(Math.abs(stillUnder.y - under.y)).toBeLessThan(0.5);

      // Two fingers moving together pan by as much, at the same zoom.
      await touch('touchStart', [
        { x: c.x - 60, y: c.y },
        { x: c.x + 60, y: c.y },
      ]);
      for (let i = 1; i <= 4; i++) {
        await touch('touchMove', [
          { x: c.x - 60 + 15 * i, y: c.y - 10 * i },
          { x: c.x + 60 + 15 * i, y: c.y - 10 * i },
        ]);
      }
      await touch('touchEnd', []);
      const panned = await tablet.waitForView(
        (v) => Math.abs(v.x - zoomed.x - 60) < 0.5 && Math.abs(v.y - zoomed.y + 40) < 0.5,
        'a two-finger pan',
      );
      expect(panned.scale / zoomed.scale).toBeCloseTo(1, 5);
      expect(panned.x - zoomed.x).toBeCloseTo(60, 2);
      expect(panned.y - zoomed.y).toBeCloseTo(-40, 2);
      // No note moved or changed.
      const after = (await tablet.board()).notes;
      for (const note of notes) expect(after.find((n) => n.id === note.id)).toEqual(note);
      await page.keyboard.press('Escape');
    });

    // Konva sees the fingers of two quick pinches as a double tap on empty space; the canvas ignores
    // double taps right after a pinch, so no empty note appears.
    it('adds no note when two pinches follow each other quickly', async () => {
      const { page } = tablet;
      await tablet.showLayer(0);
      const before = (await tablet.board()).notes.length;
      const box = await tablet.canvasBox();
      const c = { x: Math.round(box.x + box.width * 0.6), y: Math.round(box.y + box.height * 0.8) };
      for (let i = 0; i < 2; i++) {
        await touch('touchStart', [
          { x: c.x - 40, y: c.y },
          { x: c.x + 40, y: c.y },
        ]);
        await touch('touchMove', [
          { x: c.x - 60, y: c.y },
          { x: c.x + 60, y: c.y },
        ]);
        await touch('touchEnd', []);
      }
      // A double tap adds its note as the finger lifts; one frame later React has drawn the editor.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
      expect(await page.getByLabel('Note text').count()).toBe(0);
      expect((await tablet.board()).notes).toHaveLength(before);
    });
  });
});
