import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BoardPageObject } from './BoardPageObject';
import { useBoardSession } from './fixtures';
import { injectAxe, newPerson } from './harness';

/** The participant list of a page, opened (once) from the top bar. */
async function openPeople(page: Page) {
  const panel = page.getByRole('dialog', { name: 'People on this board' });
  if (!(await panel.isVisible())) await page.getByRole('button', { name: /^People: / }).click();
  await panel.waitFor();
  return panel;
}

async function closePeople(page: Page): Promise<void> {
  const panel = page.getByRole('dialog', { name: 'People on this board' });
  if (await panel.isVisible()) await panel.getByRole('button', { name: 'Close' }).click();
}

/** The rows of the open participant list, as the person reads them: name, department, status. */
async function rows(page: Page): Promise<string[]> {
  const panel = await openPeople(page);
  return panel
    .locator('.participant')
    .evaluateAll((items) =>
      items.map((li) =>
        [...li.querySelectorAll('.participant-name, .participant-department, .participant-status')]
          .map((e) => (e as HTMLElement).innerText.replace(/^[\s,]+/, '').trim())
          .join(' | '),
      ),
    );
}

/** A person's row in the open participant list ("Ana | Hardware | Online"). */
async function rowOf(page: Page, name: string): Promise<string> {
  const all = await rows(page);
  return all.find((r) => r.split(' | ')[0]!.replace(' (you)', '') === name) ?? '(not listed)';
}

/** The text of the Konva labels named `name` on the presence layer. */
function presenceLabels(page: Page, name: string): Promise<string[]> {
  return page.evaluate(
    (n) =>
      window
        .Konva!.stages[0]!.find(`.${n}`)
        .map((label) => (label as unknown as { getText(): { text(): string } }).getText().text()),
    name,
  );
}

/** The centre of what a page shows, in board units. */
async function centreOfView(page: BoardPageObject): Promise<{ x: number; y: number }> {
  const box = await page.canvasBox();
  return page.toBoard(box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * Whether two pages of the same size show the same part of the board: the same zoom and the same centre,
 * to within the whole board units a shared viewport is rounded to.
 */
async function sameView(a: BoardPageObject, b: BoardPageObject): Promise<boolean> {
  const [va, vb] = [await a.view(), await b.view()];
  const [ca, cb] = [await centreOfView(a), await centreOfView(b)];
  return Math.abs(va.scale / vb.scale - 1) < 0.005 && Math.hypot(ca.x - cb.x, ca.y - cb.y) <= 2;
}

describe('people and presence', () => {
  const session = useBoardSession('Presence');
  let ana: BoardPageObject;
  let ben: BoardPageObject;

  beforeAll(async () => {
    ana = await session.open('Ana', 'hardware');
    ben = await session.open('Ben', 'cloud');
  });

  afterAll(async () => {
    await ana.page.context().close();
    await ben.page.context().close();
  });

  it('asks a newcomer for a name, their own department and a colour, and puts them on every note', async () => {
    // A fresh device: no identity stored yet.
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      const { board } = session;
      await page.goto(`${session.server.origin}/b/${board.id}#edit=${board.editToken}`);
      const dialog = page.getByRole('dialog', { name: 'Join the workshop' });
      await dialog.getByLabel('Your name').fill('Dana');
      await dialog.getByLabel('Department').selectOption({ label: 'Another department…' });
      await dialog.getByLabel('Your department').fill('<b>');
      await dialog.getByRole('button', { name: 'Join' }).click();
      await expect.poll(() => dialog.getByRole('alert').innerText()).toMatch(/letters, numbers/);
      await dialog.getByLabel('Your department').fill('Field service');

      // The colours are a radio group the keyboard can walk.
      const colours = dialog.getByRole('radiogroup', { name: 'Your colour' });
      await colours.getByRole('radio', { name: 'Gold' }).focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      expect(await colours.getByRole('radio', { name: 'Green' }).isChecked()).toBe(true);
      await dialog.getByRole('button', { name: 'Join' }).click();

      const dana = await BoardPageObject.attach(page);
      const note = await dana.addNote(500, 400, 'Technicians replace batteries on site');
      expect(note).toMatchObject({ author: 'Dana', department: 'Field service', color: 'green' });
      const seen = await ana.waitForNote(note.id, (n) => !!n, "Dana's note at Ana's");
      expect(seen).toMatchObject({ author: 'Dana', department: 'Field service', color: 'green' });

      // Later, Dana changes her name from the top bar: new notes carry it, and everyone sees it.
      await page.getByRole('button', { name: /^Dana\s*: change your name/ }).click();
      const edit = page.getByRole('dialog', { name: 'Your name and colour' });
      await edit.getByLabel('Your name').fill('Dana Ruiz');
      await edit.getByRole('radio', { name: 'Violet' }).check();
      await edit.getByRole('button', { name: 'Save' }).click();
      await expect.poll(() => rowOf(ana.page, 'Dana Ruiz')).toMatch(/Field service/);
      await closePeople(ana.page);
      const later = await dana.addNote(800, 400, 'Spare parts kit');
      expect(later).toMatchObject({ author: 'Dana Ruiz', department: 'Field service', color: 'violet' });
    } finally {
      await context.close();
    }
  });

  it("shows another person's cursor with their name, gliding on its own layer without re-rendering notes", async () => {
    await ana.clearBoard();
    const note = await ana.addNote(700, 500, 'Cursor test');
    await ben.waitForNote(note.id, (n) => !!n, 'the note at Ben');
    await ben.page.evaluate(() => window.__board!.resetRenderCounts());

    const box = await ana.canvasBox();
    await ana.page.mouse.move(box.x + 200, box.y + 200);
    await ana.page.mouse.move(box.x + 600, box.y + 450, { steps: 30 });
    const target = await ana.toBoard(box.x + 600, box.y + 450);
    const drawn = () =>
      ben.page.evaluate(() => {
        const node = window.Konva!.stages[0]!.findOne('.remote-cursor');
        return node ? { x: node.x(), y: node.y() } : null;
      });
    await expect
      .poll(async () => {
        const at = await drawn();
        return !!at && Math.abs(at.x - target.x) <= 1.5 && Math.abs(at.y - target.y) <= 1.5;
      })
      .toBe(true);
    expect(await ben.page.evaluate(() => window.Konva!.stages[0]!.find('.remote-cursor').length)).toBe(1);
    const label = await ben.page.evaluate(() =>
      (
        window.Konva!.stages[0]!.findOne('.remote-cursor') as unknown as {
          findOne(s: string): { text(): string };
        }
      )
        .findOne('Text')
        .text(),
    );
    expect(label).toBe('Ana');
    // Thirty moves of Ana's pointer cost Ben's notes nothing.
    expect(await ben.page.evaluate(() => window.__board!.renderCounts())).toEqual({});

    // One jump of Ana's pointer glides across Ben's screen over several frames.
    const frames = ben.page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const xs: number[] = [];
          const started = performance.now();
          const sample = () => {
            xs.push(window.Konva!.stages[0]!.findOne('.remote-cursor')?.x() ?? Number.NaN);
            if (performance.now() - started < 1_000) requestAnimationFrame(sample);
            else resolve(xs);
          };
          requestAnimationFrame(sample);
        }),
    );
    await ana.page.mouse.move(box.x + 300, box.y + 450);
    const jumpedTo = (await ana.toBoard(box.x + 300, box.y + 450)).x;
    const xs = await frames;
    const between = xs.filter((x) => x < target.x - 1 && x > jumpedTo + 1);
    expect(between.length).toBeGreaterThanOrEqual(2);
    expect(xs.at(-1)).toBeCloseTo(jumpedTo, 0);

    // The pointer leaves the canvas: the cursor goes.
    await ana.page.mouse.move(box.x + 600, 5);
    await expect
      .poll(() => ben.page.evaluate(() => window.Konva!.stages[0]!.find('.remote-cursor').length))
      .toBe(0);
  });

  it('rings the notes another person selected with their name, and labels the note they type in', async () => {
    await ana.clearBoard();
    const note = await ana.addNote(600, 450, 'Selected by Ana');
    await ben.waitForNote(note.id, (n) => !!n, 'the note at Ben');
    await ana.page.keyboard.press('Escape');
    await ana.clickNote(note);
    await expect.poll(() => presenceLabels(ben.page, 'remote-selection-tag')).toEqual(['Ana']);
    expect(
      await ben.page.evaluate((id) => !!window.Konva!.stages[0]!.findOne(`#remote-marks-${id}`), note.id),
    ).toBe(true);

    // Ana opens the note's editor and types; the editor stays open.
    const p = await ana.centreOf(note);
    await ana.page.mouse.dblclick(p.x, p.y);
    const editor = ana.page.getByLabel('Note text');
    await editor.waitFor();
    await editor.press('Control+End');
    await editor.pressSequentially(' and more');
    await expect.poll(() => presenceLabels(ben.page, 'remote-typing-tag')).toEqual(['✎ Ana is typing…']);
    await ana.page.keyboard.press('Escape');
    await expect.poll(() => presenceLabels(ben.page, 'remote-typing-tag')).toEqual([]);

    await ana.clickBoard(200, 200);
    await expect.poll(() => presenceLabels(ben.page, 'remote-selection-tag')).toEqual([]);
  });

  it('lists who is online, idle and offline, one entry per person, and passes an accessibility audit', async () => {
    // Cleo joins in two tabs, then closes both.
    const cleoContext = await newPerson(session.browser, 'Cleo', 'apps');
    const cleo1 = await BoardPageObject.open(cleoContext, session.server.origin, session.board);
    const cleo2 = await BoardPageObject.open(cleoContext, session.server.origin, session.board);
    await expect.poll(() => rowOf(ben.page, 'Cleo')).toBe('Cleo | Apps | Online');
    expect((await rows(ben.page)).filter((r) => r.startsWith('Cleo'))).toHaveLength(1);
    await expect.poll(() => ben.page.getByRole('button', { name: 'People: 3 here' }).count()).toBe(1);
    await cleo1.page.close();
    await expect.poll(() => rowOf(ben.page, 'Cleo')).toMatch(/Online/);
    await cleo2.page.close();
    await expect.poll(() => rowOf(ben.page, 'Cleo')).toMatch(/Offline/);
    await cleoContext.close();

    // Ana stops touching her device: she shows idle, and online again at her next input.
    await ana.page.evaluate(() => window.__presence!.setIdleAfterMs(300));
    await expect.poll(() => rowOf(ben.page, 'Ana')).toMatch(/Idle/);
    await ana.page.mouse.move(300, 300);
    await expect.poll(() => rowOf(ben.page, 'Ana')).toMatch(/Online/);
    await ana.page.evaluate(() => window.__presence!.setIdleAfterMs(60_000));

    // Authors of notes on the board who are not here are listed as offline too.
    await ana.clearBoard();
    await ana.page.evaluate(() =>
      window.__board!.loadWorkshop({
        title: 'x',
        notes: [
          {
            id: 'e1',
            layer: 'devices',
            area: 'business',
            kind: 'idea',
            text: 'Old note',
            author: 'Eve',
            department: 'legal',
          },
        ],
        links: [],
      }),
    );
    await expect.poll(() => rowOf(ben.page, 'Eve')).toBe('Eve | Legal & compliance | Offline');

    await injectAxe(ben.page);
    const violations = await ben.page.evaluate(async () => {
      const axe = (
        window as unknown as { axe: { run(context: unknown): Promise<{ violations: unknown[] }> } }
      ).axe;
      const result = await axe.run({
        include: [['.participants-panel'], ['.participants-button'], ['.identity-button']],
      });
      return result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[];
    });
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await closePeople(ben.page);
  });

  it("follows another person's view until the follower pans", async () => {
    await ana.showLayer(0);
    await ben.showLayer(4);
    const anaId = await ana.page.evaluate(() => window.__presence!.local().user.id);
    const panel = await openPeople(ben.page);
    await panel.getByRole('button', { name: /^Ana\s*,\s*Hardware\s*,\s*Online\s*,\s*Follow$/ }).click();
    const indicator = ben.page.getByRole('status').filter({ hasText: 'Following' });
    await expect.poll(() => indicator.innerText()).toMatch(/Following Ana\s*Stop/);
    // Same screen size: Ben sees exactly what Ana sees.
    await expect.poll(() => sameView(ben, ana)).toBe(true);

    // Ana moves to another layer and zooms: Ben goes along.
    await ana.showLayer(2);
    const fitted = (await ana.view()).scale;
    const box = await ana.canvasBox();
    await ana.page.mouse.move(box.x + 300, box.y + 300);
    // Three wheel notches (about 1.16x each), each taken in before the next: the browser may merge wheel
    // events that come within one frame, and one event zooms by one notch at most.
    for (let i = 0, scale = fitted; i < 3; i++) {
      await ana.page.keyboard.down('Control');
      await ana.page.mouse.wheel(0, -100);
      await ana.page.keyboard.up('Control');
      scale = (await ana.waitForView((v) => v.scale > scale, `Ana's zoom, notch ${i + 1}`)).scale;
    }
    const zoomed = await ana.waitForView((v) => v.scale > fitted * 1.5, "Ana's zoom");
    await expect.poll(() => sameView(ben, ana)).toBe(true);
    expect((await ben.view()).scale / zoomed.scale).toBeCloseTo(1, 2);

    // Ben pans himself: following stops, and Ana's next move leaves him where he is.
    const before = await ben.view();
    const benBox = await ben.canvasBox();
    await ben.drag({ x: benBox.x + 700, y: benBox.y + 500 }, { x: benBox.x + 500, y: benBox.y + 400 });
    const panned = await ben.waitForView(
      (v) => Math.abs(v.x - before.x + 200) < 1 && Math.abs(v.y - before.y + 100) < 1,
      "Ben's pan",
    );
    await expect.poll(() => ben.page.getByText('Following Ana').count()).toBe(0);
    expect(await ben.page.evaluate(() => window.__presence!.following())).toBeNull();
    await ana.showLayer(0);
    const anaShows = await ana.page.evaluate(() => window.__presence!.local().viewport);
    await expect
      .poll(() => ben.page.evaluate((id) => window.__presence!.viewportsOf(id), anaId))
      .toEqual([anaShows]);
    expect(await ben.view()).toEqual(panned);
  });
});
