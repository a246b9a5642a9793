import { describe, expect, it } from 'vitest';
import { CELL_STATE_MEANING, layerFrame } from '@shared';
import { BoardPageObject } from './BoardPageObject';
import { useBoardSession } from './fixtures';
import { movableClock, newPerson, sampleWorkshop } from './harness';

/**
 * The small things a workshop trips over: a finished timer that never leaves, edits on a view link that
 * silently do nothing, a reload that loses the place, words no one explained, percentages that disagree,
 * a colour chosen and not kept.
 */
describe('board details', () => {
  const session = useBoardSession('Details');

  it('takes "Time’s up" off the screen a while after the end, without anyone removing the timer', async () => {
    const context = await newPerson(session.browser, 'Ana', 'business');
    // A clock the test can move: a minute passes in no time, for the page and for the server the page asks
    // the time of (else the page's clock, resynced when its connection times out over the jump, says
    // that no minute passed, and "Time's up" comes back).
    await movableClock(context);
    try {
      const ana = await BoardPageObject.open(context, session.server.origin, session.board);
      const { page } = ana;
      await page.evaluate(() =>
        window.__board!.forceChange((doc) =>
          doc.getMap('session').set('timer', {
            status: 'running',
            durationMs: 60_000,
            endsAt: Date.now() - 1_000,
            startedBy: 'ana',
          }),
        ),
      );
      const timer = page.getByRole('timer');
      await expect.poll(() => timer.innerText()).toMatch(/0:00\s*Time’s up/);
      await page.clock.fastForward('01:01');
      await timer.waitFor({ state: 'detached' });
      // The timer is still in the document: it just no longer shows.
      expect(
        await page.evaluate(() => JSON.parse(window.__board!.documentJson()).session.timer !== undefined),
      ).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('shows the same coverage percentage on the canvas, in the Gaps panel and in the grid, and explains the states', async () => {
    const priya = await session.open('Priya', 'business');
    const { page } = priya;
    try {
      const workshop = sampleWorkshop();
      await page.evaluate((w) => window.__board!.loadWorkshop(w), workshop as unknown);
      await priya.waitForBoard((b) => b.notes.length === workshop.notes.length, 'the sample workshop');
      await page.getByRole('button', { name: 'Gaps', exact: true }).click();
      const gaps = page.getByRole('region', { name: 'Gaps' });
      // The panel says what its words mean: "contested" is no everyday word.
      const contested = gaps.getByRole('term').filter({ hasText: 'Contested' });
      expect(await contested.count()).toBe(1);
      expect(
        await gaps.getByRole('definition').filter({ hasText: CELL_STATE_MEANING.contested }).count(),
      ).toBe(1);
      const panelText = await gaps.locator('.score-line').innerText();
      const board = /Board coverage (\d+(?:\.\d+)?%)/.exec(panelText)![1];
      const layerTexts = await gaps.locator('.layer-score-value').allInnerTexts();
      const canvas = await page.evaluate(() =>
        window
          .Konva!.stages[0]!.find('.layer-meter')
          .map((g) => (g as unknown as { findOne(s: string): { text(): string } }).findOne('Text').text()),
      );
      expect(canvas).toEqual(layerTexts.map((t) => `Coverage ${t}`));

      await page.getByRole('button', { name: 'Grid', exact: true }).click();
      const summary = await page.locator('.grid-view .view-summary').innerText();
      expect(summary).toContain(`${board} covered`);
      const gridLayers = await page.locator('.grid-layer-score').allInnerTexts();
      expect(gridLayers).toEqual(layerTexts.map((t) => `${t} covered`));
      expect(board).toMatch(/^\d+%$/);
      await page.getByRole('button', { name: 'Board', exact: true }).click();
      // The whole board (key 0), as the room's screens draw it: the same figures.
      await page.locator('.stage-box').waitFor();
      await page.keyboard.press('0');
      const overview = page.getByRole('region', { name: 'Whole board' });
      await overview.waitFor();
      expect(await overview.locator('.room-summary').innerText()).toContain(`${board} covered`);
      expect(await overview.locator('.room-row-score').allInnerTexts()).toEqual(
        layerTexts.map((t) => `${t} covered`),
      );
      await page.keyboard.press('Escape');
    } finally {
      await page.context().close();
    }
  });

  it('saves the colour the join dialog shows checked, which no other choice moves', async () => {
    // A fresh device: no identity stored yet.
    const context = await session.browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const page = await context.newPage();
      const { board } = session;
      await page.goto(`${session.server.origin}/b/${board.id}#edit=${board.editToken}`);
      const dialog = page.getByRole('dialog', { name: 'Join the workshop' });
      await dialog.getByLabel('Your name').fill('Nora Quist');
      const checked = () =>
        dialog
          .getByRole('radio')
          .evaluateAll((radios) =>
            radios.filter((r) => (r as HTMLInputElement).checked).map((r) => (r as HTMLInputElement).value),
          );
      const seen = await checked();
      expect(seen).toHaveLength(1);
      // She looked at her colour, then picked her department: the colour she saw stays checked.
      for (const department of ['business', 'firmware', 'security']) {
        await dialog.getByLabel('Department').selectOption(department);
        expect(await checked()).toEqual(seen);
      }
      // The dialog shows her avatar as others will see it.
      const preview = dialog.locator('.color-preview .avatar');
      expect(await preview.innerText()).toBe('NQ');
      const rgb = (hex: string) =>
        `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
      expect(await preview.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb(seen[0]!));
      await dialog.getByRole('button', { name: 'Join' }).click();
      await page.waitForFunction(() => window.__board?.state() === 'online');
      const saved = await page.evaluate(
        () => (JSON.parse(localStorage.getItem('iot-board:identity')!) as { color: string }).color,
      );
      expect(saved).toBe(seen[0]);
      const avatar = page.getByRole('banner').locator('.identity-button .avatar');
      expect(await avatar.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(rgb(seen[0]!));
    } finally {
      await context.close();
    }
  });

  it('comes back to the same place after a reload, per board, on this device', async () => {
    const ana = await session.open('Ana', 'business');
    const { page } = ana;
    try {
      await ana.showLayer(3);
      const before = await ana.view();
      await page.reload();
      await BoardPageObject.attach(page);
      const after = await ana.waitForView(
        (v) => Math.abs(v.x - before.x) < 1 && Math.abs(v.y - before.y) < 1,
        'the fourth layer again',
      );
      expect(after.scale).toBeCloseTo(before.scale, 6);

      // Another board on the same device opens on its first layer, as a board never seen does.
      const other = await session.server.createBoard('Other');
      await ana.goto(session.server.origin, other);
      const frame = layerFrame(0);
      const box = await ana.canvasBox();
      const v = await ana.view();
      expect(Math.abs((frame.x + frame.w / 2) * v.scale + v.x - box.width / 2)).toBeLessThan(1);
      expect(Math.abs((frame.y + frame.h / 2) * v.scale + v.y - box.height / 2)).toBeLessThan(1);
    } finally {
      await page.context().close();
    }
  });

  it('tells a person on a view link, when they try to edit, that the link only looks', async () => {
    const ana = await session.open('Ana', 'business');
    const viewer = await session.open('Viewer', 'business', 'view');
    const { page } = viewer;
    try {
      await ana.showLayer(0);
      const frame = layerFrame(0);
      const note = await ana.addNote(frame.x + 900, frame.y + 1000, 'Read me, do not move me');
      await viewer.waitForNote(note.id, (n) => !!n, 'the note on the view link');
      await viewer.showLayer(0);
      const notice = page.locator('.view-only-notice');
      const attempts = () =>
        page.evaluate(() =>
          Number(document.querySelector('.view-only-notice')?.getAttribute('data-attempts') ?? 0),
        );
      expect(await notice.count()).toBe(0);

      // Looking around says nothing: a layer key, fit, the coverage overlay.
      for (const key of ['2', '1', 'f', 'c', 'c']) await page.keyboard.press(key);
      expect(await notice.count()).toBe(0);

      const tries: [string, () => Promise<void>][] = [
        ['N', () => page.keyboard.press('n')],
        ['typing', () => page.keyboard.type('hello')],
        [
          'a double-click on empty board',
          async () => {
            const p = await viewer.toScreen(frame.x + 300, frame.y + 1400);
            await page.mouse.dblclick(p.x, p.y);
          },
        ],
        [
          'a double-click on a note',
          async () => {
            const p = await viewer.centreOf(note);
            await page.mouse.dblclick(p.x, p.y);
          },
        ],
        [
          'a drag of a note',
          async () => {
            const from = await viewer.centreOf(note);
            await viewer.drag(from, { x: from.x + 120, y: from.y + 40 });
          },
        ],
      ];
      for (const [what, attempt] of tries) {
        const before = await attempts();
        await attempt();
        await expect.poll(attempts, { message: what }).toBeGreaterThan(before);
        expect(await notice.innerText()).toMatch(/view link.*not change the board/s);
      }
      expect(await page.getByRole('status').filter({ hasText: 'This is a view link' }).count()).toBe(1);
      // Nothing changed, anywhere.
      expect(await viewer.note(note.id)).toEqual(await ana.note(note.id));
      expect((await ana.board()).notes.find((n) => n.id === note.id)!.text).toBe('Read me, do not move me');
    } finally {
      await page.context().close();
      await ana.page.context().close();
    }
  });
});
