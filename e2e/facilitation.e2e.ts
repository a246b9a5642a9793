import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createProjector, VIEWER_USER_ID_PREFIX, type BoardSnapshot, type Note, type Zone } from '@shared';
import { qrMatrix } from '../client/src/projector/qrMatrix';
import { BoardPageObject } from './BoardPageObject';
import { useBoardSession } from './fixtures';
import { injectAxe, newPerson, sampleWorkshop } from './harness';

/** Set to a folder to keep screenshots of the projector and the Facilitate panel there. */
const SHOTS = process.env.FACILITATION_SCREENSHOTS;

/** Ben's device clock runs 95 s fast; the shared timer must not care. */
const BEN_SKEW_MS = 95_000;

/** Counts the chime's notes (oscillators started) and sets the device's clock `skewMs` wrong (Playwright's clock). */
async function instrument(context: BrowserContext, skewMs = 0): Promise<void> {
  await context.clock.install({ time: Date.now() + skewMs });
  await context.addInitScript(() => {
    const w = window as unknown as { __chimeNotes: number };
    w.__chimeNotes = 0;
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (...args: Parameters<typeof start>) {
      w.__chimeNotes++;
      return start.apply(this, args);
    };
  });
}

async function openFacilitate(page: Page) {
  const panel = page.getByRole('dialog', { name: 'Facilitation' });
  // "Facilitate" while nobody facilitates; the holder's badge ("Facilitator: Ana") once someone does.
  if (!(await panel.isVisible())) await page.locator('.facilitate-trigger').click();
  await panel.waitFor();
  return panel;
}

async function closeFacilitate(page: Page): Promise<void> {
  const panel = page.getByRole('dialog', { name: 'Facilitation' });
  if (await panel.isVisible()) await panel.getByRole('button', { name: 'Close' }).click();
  await panel.waitFor({ state: 'detached' });
}

async function badge(page: Page): Promise<string> {
  const shown = page.locator('.facilitator-badge');
  return (await shown.count()) ? (await shown.innerText()).trim() : '(none)';
}

/** The seconds the timer shows on a page (null without a timer). */
async function shownSeconds(page: Page): Promise<number | null> {
  const value = await page.locator('[role="timer"]').first().getAttribute('data-remaining-seconds', {
    timeout: 1_000,
  });
  return value === null ? null : Number(value);
}

function endSignals(page: Page): Promise<number> {
  return page
    .locator('[role="timer"]')
    .first()
    .getAttribute('data-end-signals')
    .then((v) => Number(v ?? 0));
}

function chimeNotes(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __chimeNotes: number }).__chimeNotes);
}

/** Whether a page shows `rect` fitted and centred, as a flight to a focus leaves it. */
async function showsFitted(page: BoardPageObject, rect: { x: number; y: number; w: number; h: number }) {
  const box = await page.canvasBox();
  const v = await page.view();
  const cx = (rect.x + rect.w / 2) * v.scale + v.x;
  const cy = (rect.y + rect.h / 2) * v.scale + v.y;
  const fills = Math.min(box.width - rect.w * v.scale, box.height - rect.h * v.scale);
  return Math.abs(cx - box.width / 2) <= 2 && Math.abs(cy - box.height / 2) <= 2 && fills >= 0 && fills <= 80;
}

function cellOf(board: BoardSnapshot, note: Note): string {
  const placed = createProjector(board.zones).placeNote(note);
  return placed ? `${placed.layer}:${placed.area ?? ''}` : '(outside)';
}

async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  await injectAxe(page);
  return page.evaluate(async (selector) => {
    interface AxeViolation {
      id: string;
      impact: string | null;
      nodes: { target: string[] }[];
    }
    const axe = (
      window as unknown as { axe: { run(context?: unknown): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(selector ? { include: [selector] } : document);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, include);
}

describe('facilitation: role, focus, summon, timer and projector', () => {
  const session = useBoardSession('Facilitation');
  let ana: BoardPageObject;
  let ben: BoardPageObject;
  let zones: Zone[];

  beforeAll(async () => {
    const anaContext = await newPerson(session.browser, 'Ana', 'business');
    await instrument(anaContext);
    ana = await BoardPageObject.open(anaContext, session.server.origin, session.board);
    const benContext = await newPerson(session.browser, 'Ben', 'cloud');
    await instrument(benContext, BEN_SKEW_MS);
    ben = await BoardPageObject.open(benContext, session.server.origin, session.board);
    zones = (await ana.board()).zones;
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await ana?.page.context().close();
    await ben?.page.context().close();
  });

  it('lets anyone take the role, shows the holder to everyone, and asks before taking over', async () => {
    expect(await ben.page.locator('.facilitator-badge').count()).toBe(0);
    const panel = await openFacilitate(ana.page);
    await panel.getByRole('button', { name: 'Take the facilitator role' }).click();
    await expect.poll(() => badge(ana.page)).toBe('You facilitate');
    await expect.poll(() => badge(ben.page)).toBe('Facilitator: Ana');

    // Ben takes over, but only once he confirms: Ana would lose the controls.
    const benPanel = await openFacilitate(ben.page);
    await expect.poll(() => benPanel.innerText()).toMatch(/Ana is facilitating/);
    await benPanel.getByRole('button', { name: 'Take over from Ana' }).click();
    const confirm = benPanel.getByRole('group', { name: 'Confirm taking over' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await ben.page.waitForTimeout(200);
    expect(await badge(ana.page)).toBe('You facilitate');
    await benPanel.getByRole('button', { name: 'Take over from Ana' }).click();
    await confirm.getByRole('button', { name: 'Take over' }).click();
    await expect.poll(() => badge(ben.page)).toBe('You facilitate');
    await expect.poll(() => badge(ana.page)).toBe('Facilitator: Ben');
    await expect.poll(() => panel.getByRole('button', { name: 'Focus everyone' }).count()).toBe(0);

    // Ben hands it back: nobody holds it, and Ana takes it again.
    await benPanel.getByRole('button', { name: 'Stop facilitating' }).click();
    await expect.poll(() => badge(ana.page)).toBe('(none)');
    await panel.getByRole('button', { name: 'Take the facilitator role' }).click();
    await expect.poll(() => badge(ben.page)).toBe('Facilitator: Ana');
    await closeFacilitate(ben.page);
  });

  it('has no serious accessibility problem in the Facilitate panel', async () => {
    const panel = await openFacilitate(ana.page);
    await panel.getByRole('button', { name: 'Focus everyone' }).waitFor();
    expect(await seriousViolations(ana.page, '#facilitate-panel')).toEqual([]);
    if (SHOTS) await panel.screenshot({ path: join(SHOTS, 'facilitate-panel.png') });
  });

  it('focuses a layer and area: other views fly there and their new notes land there', async () => {
    await ben.clearBoard();
    const panel = await openFacilitate(ana.page);
    await panel.getByLabel('Layer', { exact: true }).selectOption({ label: 'Cloud platform' });
    await panel.getByLabel('Area', { exact: true }).selectOption({ label: 'Security' });
    await panel.getByRole('button', { name: 'Focus everyone' }).click();
    const target = zones.find((z) => z.id === 'cloud:security')!;
    await expect.poll(() => showsFitted(ben, target), { timeout: 5_000 }).toBe(true);
    await expect
      .poll(() => ben.page.locator('.focus-indicator').innerText())
      .toMatch(/Focus:\s*Cloud platform · Security/);

    // Ben looks at another layer, then adds a note from the toolbar: it goes to the focused cell.
    await ben.showLayer(0);
    await ben.page.getByRole('button', { name: '+ Note' }).click();
    await ben.page.getByLabel('Note text').pressSequentially('Rotate device keys');
    await ben.page.keyboard.press('Escape');
    let board = await ana.waitForBoard(
      (b) => b.notes.some((n) => n.text === 'Rotate device keys'),
      'the note',
    );
    expect(
      cellOf(
        board,
        board.notes.find((n) => n.text === 'Rotate device keys')!,
      ),
    ).toBe('cloud:security');

    // A double-click inside another cell is a deliberate spot: that note stays where it was put.
    const devices = zones.find((z) => z.id === 'devices:business')!;
    const placed = await ben.addNote(devices.x + 300, devices.y + 200, 'BOM cost target');
    board = await ana.waitForBoard((b) => b.notes.some((n) => n.id === placed.id), 'the double-clicked note');
    expect(cellOf(board, placed)).toBe('devices:business');

    // Ana lifts the focus from the indicator: it goes from every screen.
    await closeFacilitate(ana.page);
    await ana.page.getByRole('button', { name: 'Clear focus' }).click();
    await expect.poll(() => ben.page.locator('.focus-indicator').count()).toBe(0);
  });

  it('brings everyone to what the facilitator sees, once, and stops their following', async () => {
    const carlContext = await newPerson(session.browser, 'Carl', 'security');
    const carl = await BoardPageObject.open(carlContext, session.server.origin, session.board);
    try {
      // Ben follows Carl, who looks at the first layer.
      await carl.showLayer(0);
      await ben.page.getByRole('button', { name: /^People: / }).click();
      const people = ben.page.getByRole('dialog', { name: 'People on this board' });
      await people.getByRole('button', { name: /^Carl\b.*follow/i }).click();
      await expect.poll(() => ben.page.evaluate(() => window.__presence!.following()?.name)).toBe('Carl');
      await people.getByRole('button', { name: 'Close' }).click();

      // Ana zooms into the Communications layer and brings everyone there.
      await ana.showLayer(2);
      const box = await ana.canvasBox();
      await ana.page.mouse.move(box.x + 400, box.y + 300);
      await ana.page.keyboard.down('Control');
      await ana.page.mouse.wheel(0, -80);
      await ana.page.keyboard.up('Control');
      await ana.page.waitForTimeout(300);
      const anaView = await ana.view();
      const panel = await openFacilitate(ana.page);
      await panel.getByRole('button', { name: 'Bring everyone here' }).click();
      // Same screen size: the same zoom and centre, to within the whole board units a viewport is sent in.
      const sameAsAna = async (page: BoardPageObject) => {
        const v = await page.view();
        const box = await page.canvasBox();
        const centre = (w: typeof v) => ({
          x: (box.width / 2 - w.x) / w.scale,
          y: (box.height / 2 - w.y) / w.scale,
        });
        const [a, b] = [centre(anaView), centre(v)];
        return Math.abs(v.scale / anaView.scale - 1) < 0.01 && Math.hypot(a.x - b.x, a.y - b.y) <= 2;
      };
      await expect.poll(() => sameAsAna(ben), { timeout: 5_000 }).toBe(true);
      await expect.poll(() => sameAsAna(carl), { timeout: 5_000 }).toBe(true);
      expect(await ben.page.evaluate(() => window.__presence!.following())).toBeNull();
      if (SHOTS) {
        await ana.page.screenshot({ path: join(SHOTS, 'summon-facilitator.png') });
        await ben.page.screenshot({ path: join(SHOTS, 'summon-participant.png') });
      }

      await closeFacilitate(ana.page);

      // Once per summon: Ben moves away and stays there while Ana only pans.
      await ben.showLayer(4);
      const benView = await ben.view();
      await ana.showLayer(1);
      await ana.page.waitForTimeout(600);
      expect(await ben.view()).toEqual(benView);
    } finally {
      await carlContext.close();
    }
  });

  it('moves nobody for a view link claiming to be the facilitator, in awareness or in the document', async () => {
    const vic = await session.open('Vic', 'legal', 'view');
    try {
      // Ben jumps at once when moved (no flight to wait out), so a view that did not change by the frame
      // after he heard Vic proves nobody moved it.
      await ben.page.emulateMedia({ reducedMotion: 'reduce' });
      await ben.showLayer(3);
      const benView = await ben.view();
      const anaUser = await ana.page.evaluate(() => window.__presence!.local().user);
      const far = { x: 40_000, y: 40_000, w: 500, h: 300 };
      await vic.page.evaluate(
        ({ user, viewport }) => {
          // A summon in the document, in the facilitator's name: the server drops a view link's changes.
          window.__board!.forceChange((doc) =>
            doc.getMap('session').set('summon', { id: 'forged1', at: Date.now(), by: user.id, viewport }),
          );
          // The facilitator's identity and a summon in awareness, twice (the second is an update).
          window.__board!.forceAwareness({ user, viewport, summon: { id: 'forged2', at: Date.now() } });
          window.__board!.forceAwareness({ user, viewport, summon: { id: 'forged3', at: Date.now() } });
        },
        { user: anaUser, viewport: far },
      );
      // Ben has heard Vic's awareness (sent after the document change, on the same socket), under the id
      // the relay gives a view link, never under Ana's...
      await ben.page.waitForFunction(
        ({ id, x }) => window.__presence!.viewportsOf(id).some((v) => v.x === x),
        { id: `${VIEWER_USER_ID_PREFIX}${anaUser.id}`, x: far.x },
      );
      expect(
        await ben.page.evaluate(({ id, x }) => window.__presence!.viewportsOf(id).some((v) => v.x === x), {
          id: anaUser.id,
          x: far.x,
        }),
      ).toBe(false);
      // ...and a frame later has not moved.
      await ben.page.evaluate(
        () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
      );
      expect(await ben.view()).toEqual(benView);
      expect((await ben.page.evaluate(() => window.__board!.board())).meta.title).toBe('Facilitation');
    } finally {
      await ben.page.emulateMedia({ reducedMotion: 'no-preference' });
      await vic.page.context().close();
    }
  });

  it('shows the same countdown on a device whose clock is 95 s fast; pause and +1 min reach everyone', async () => {
    // Ben's device really is ahead: the page's clock says so.
    const skew = (await ben.page.evaluate(() => Date.now())) - Date.now();
    expect(skew).toBeGreaterThan(BEN_SKEW_MS - 5_000);

    const panel = await openFacilitate(ana.page);
    await panel.getByRole('button', { name: '5 min' }).click();
    await ben.page.locator('[role="timer"]').waitFor();
    const same = async () => {
      const [a, b] = await Promise.all([shownSeconds(ana.page), shownSeconds(ben.page)]);
      return a !== null && b !== null && Math.abs(a - b) <= 1 ? a : null;
    };
    await expect.poll(same).not.toBeNull();
    const running = (await same())!;
    expect(running).toBeGreaterThan(290);
    expect(running).toBeLessThanOrEqual(300);

    await panel.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => ben.page.locator('[role="timer"]').innerText()).toMatch(/Paused/);
    const paused = (await shownSeconds(ana.page))!;
    // Real time, not the page's clock moved on: a jump would put this device's clock ahead of the server's
    // for the rest of the file, and the countdowns compared later would differ by it.
    await ben.page.waitForTimeout(1_500);
    expect(await shownSeconds(ben.page)).toBe(paused);
    expect(await shownSeconds(ana.page)).toBe(paused);

    await panel.getByRole('button', { name: '+1 min' }).click();
    await expect.poll(() => shownSeconds(ben.page)).toBe(paused + 60);
    await panel.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => ben.page.locator('[role="timer"]').innerText()).not.toMatch(/Paused/);
    await expect.poll(same).not.toBeNull();
    expect((await same())!).toBeLessThanOrEqual(paused + 60);
  });

  it('gives a gentle signal once when the time is up, without sound where muted', async () => {
    // Ben mutes his device; Ana keeps the chime.
    await ben.page.getByRole('button', { name: 'Mute the end chime on this device' }).click();
    await expect
      .poll(() =>
        ben.page
          .getByRole('button', { name: 'Mute the end chime on this device' })
          .getAttribute('aria-pressed'),
      )
      .toBe('true');
    const [anaNotes, benNotes] = [await chimeNotes(ana.page), await chimeNotes(ben.page)];
    const [anaEnds, benEnds] = [await endSignals(ana.page), await endSignals(ben.page)];

    const panel = await openFacilitate(ana.page);
    await panel.getByLabel('Minutes').fill('0:02');
    await panel.getByRole('button', { name: 'Start', exact: true }).click();
    await expect.poll(() => endSignals(ana.page), { timeout: 8_000 }).toBe(anaEnds + 1);
    await expect.poll(() => endSignals(ben.page), { timeout: 8_000 }).toBe(benEnds + 1);
    expect(await ana.page.locator('.timer-display.is-pulsing').count()).toBe(1);
    await expect.poll(() => ben.page.locator('[role="timer"]').innerText()).toMatch(/0:00\s*Time’s up/);
    // Two soft notes on Ana's device, none on Ben's muted one.
    expect((await chimeNotes(ana.page)) - anaNotes).toBe(2);
    expect(await chimeNotes(ben.page)).toBe(benNotes);

    // Once per end: nothing more while the finished timer stays on screen (real time, as above).
    await ana.page.waitForTimeout(1_500);
    expect(await endSignals(ana.page)).toBe(anaEnds + 1);
    expect((await chimeNotes(ana.page)) - anaNotes).toBe(2);

    // Reduced motion: the signal holds still.
    await ana.page.emulateMedia({ reducedMotion: 'reduce' });
    const animation = await ana.page
      .locator('.timer-display.is-pulsing')
      .evaluate((el) => getComputedStyle(el).animationName)
      .catch(() => 'none');
    expect(animation).toBe('none');
    await ana.page.emulateMedia({ reducedMotion: 'no-preference' });
    await ben.page.getByRole('button', { name: 'Mute the end chime on this device' }).click();
  });

  it('opens a read-only projector from the Share panel: QR of the join link, timer, focus and the facilitator', async () => {
    await ana.page.getByRole('button', { name: 'Share' }).click();
    const link = ana.page.getByRole('link', { name: 'Open projector view' });
    const href = await link.getAttribute('href');
    expect(href).toBe(
      `/b/${session.board.id}/projector#view=${encodeURIComponent(session.board.viewToken)}&join=${encodeURIComponent(session.board.editToken)}`,
    );
    await ana.page.getByRole('button', { name: 'Share' }).click();

    await ana.page.evaluate((w) => window.__board!.loadWorkshop(w), sampleWorkshop() as unknown);
    const room = await session.browser.newContext({
      viewport: { width: 1920, height: 1080 },
      deviceScaleFactor: 1,
    });
    try {
      await instrument(room);
      const projector = await room.newPage();
      await projector.goto(`${session.server.origin}${href}`);
      await projector.waitForFunction(() => window.__board?.state() === 'online');
      await projector.waitForFunction(() => (window.__board?.board().zones.length ?? 0) > 0);

      // It opened after the last timer ran out: it shows the end, but has nothing to signal.
      expect(await endSignals(projector)).toBe(0);
      expect(await projector.getByRole('toolbar', { name: 'Board tools' }).count()).toBe(0);

      // The QR code encodes the participants' join link, and draws exactly that code.
      const qr = projector.locator('svg.join-qr');
      const text = await qr.getAttribute('data-qr-text');
      expect(text).toBe(
        `${session.server.origin}/b/${session.board.id}#edit=${encodeURIComponent(session.board.editToken)}`,
      );
      expect(await qr.locator('path').getAttribute('d')).toBe(qrMatrix(text!).path);

      // It follows the facilitator's view, as the scene the room reads best (a fitted layer: that layer)...
      await ana.showLayer(3);
      const projectorShows = () => projector.locator('.projector-stage').getAttribute('data-scene');
      await expect.poll(projectorShows, { timeout: 5_000 }).toBe('layer:cloud');
      await expect.poll(() => projector.locator('.projector-status').innerText()).toMatch(/facilitator sees/);

      // ...and the focused layer while there is one, with the indicator and the timer big.
      const panel = await openFacilitate(ana.page);
      await panel.getByLabel('Layer', { exact: true }).selectOption({ label: 'Embedded software' });
      await panel.getByLabel('Area', { exact: true }).selectOption({ label: 'Whole layer' });
      await panel.getByRole('button', { name: 'Focus everyone' }).click();
      await panel.getByRole('button', { name: '10 min' }).click();
      await expect.poll(projectorShows, { timeout: 5_000 }).toBe('layer:embedded');
      await expect.poll(() => projector.locator('.projector-focus').innerText()).toMatch(/Embedded software/);
      await expect
        .poll(() => projector.locator('.projector-facilitator').innerText())
        .toMatch(/Facilitator:\s*Ana/);
      await expect
        .poll(async () => {
          const [a, p] = await Promise.all([shownSeconds(ana.page), shownSeconds(projector)]);
          return a !== null && p !== null && Math.abs(a - p) <= 1;
        })
        .toBe(true);
      const digits = await projector
        .locator('.timer-large .timer-digits')
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      expect(digits).toBeGreaterThanOrEqual(80);

      expect(await seriousViolations(projector)).toEqual([]);
      if (SHOTS) {
        await projector.waitForTimeout(700);
        await projector.screenshot({ path: join(SHOTS, 'projector-1920.png') });
        await projector.setViewportSize({ width: 1280, height: 720 });
        await expect.poll(projectorShows, { timeout: 5_000 }).toBe('layer:embedded');
        await projector.screenshot({ path: join(SHOTS, 'projector-1280.png') });
      }
      // No editing at all: a change forced into its document never reaches anyone. Ana's next change
      // reaches the projector, so the server has handled the projector's by then.
      await projector.evaluate(() =>
        window.__board!.forceChange((doc) => doc.getMap('meta').set('title', 'Hijacked by the projector')),
      );
      await panel.getByRole('button', { name: 'Clear focus' }).click();
      await panel.getByRole('button', { name: 'Remove' }).click();
      await closeFacilitate(ana.page);
      await expect.poll(() => projector.locator('[role="timer"]').count()).toBe(0);
      expect((await ana.board()).meta.title).toBe('Facilitation');
      const fresh = await session.open('Dora', 'legal');
      expect((await fresh.board()).meta.title).toBe('Facilitation');
      await fresh.page.context().close();
    } finally {
      await room.close();
    }
  });
});
