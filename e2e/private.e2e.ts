import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Note } from '@shared';
import { BoardPageObject } from './BoardPageObject';
import { useBoardSession } from './fixtures';
import { newPerson } from './harness';
import { openPanel, takeFacilitatorRole } from './workshopTools';

/** Text that must never leave Ben's device before he reveals it. */
const SECRET = 'Energy harvesting 7Q4Z';

const status = (page: BoardPageObject) => page.page.getByRole('region', { name: 'Private notes status' });

function privateNotes(page: BoardPageObject): Promise<Note[]> {
  return page.page.evaluate(() => window.__workshop!.privateNotes());
}

async function waitForPrivate(page: BoardPageObject, predicate: (notes: Note[]) => boolean, what: string) {
  await expect
    .poll(async () => predicate(await privateNotes(page)), { message: what, timeout: 10_000 })
    .toBe(true);
  return privateNotes(page);
}

const texts = (notes: readonly Note[]) => notes.map((n) => n.text).sort();

/** Adds a note by double-clicking the board and filling its text at once (one change, one frame). */
async function addFilledNote(page: BoardPageObject, x: number, y: number, text: string): Promise<void> {
  const p = await page.toScreen(x, y);
  await page.page.mouse.dblclick(p.x, p.y);
  const editor = page.page.getByLabel('Note text');
  await editor.fill(text);
  await editor.press('Escape');
  await editor.waitFor({ state: 'detached' });
}

describe('private brainstorming', () => {
  const session = useBoardSession('Silent');
  let ana: BoardPageObject;
  let ben: BoardPageObject;
  let cleo: BoardPageObject;
  /** Every WebSocket frame Ben's browser sent to the server. */
  const benFrames: Buffer[] = [];

  beforeAll(async () => {
    ana = await session.open('Ana', 'business');
    const benContext = await newPerson(session.browser, 'Ben', 'cloud');
    benContext.on('page', (page) =>
      page.on('websocket', (ws) =>
        ws.on('framesent', (frame) => benFrames.push(Buffer.from(frame.payload as string | Buffer))),
      ),
    );
    ben = await BoardPageObject.open(benContext, session.server.origin, session.board);
    cleo = await session.open('Cleo', 'security');
    await takeFacilitatorRole(ana.page);
  });

  afterAll(async () => {
    for (const page of [ana, ben, cleo]) await page?.page.context().close();
  });

  it('keeps notes written in silent mode on the device, and shows the others only how many', async () => {
    // What Ben writes on the board does go out in his frames, whole (the check below can see it).
    await addFilledNote(ben, 1600, 650, 'On the board 5K2W');
    await ana.waitForBoard((b) => b.notes.some((n) => n.text === 'On the board 5K2W'), "Ben's public note");
    expect(benFrames.some((frame) => frame.includes(Buffer.from('5K2W')))).toBe(true);

    const panel = await openPanel(ana.page, 'Private notes');
    await panel.getByRole('button', { name: 'Start silent brainstorming' }).click();
    for (const page of [ana, ben, cleo]) await status(page).getByText('Silent brainstorming').waitFor();

    await addFilledNote(ben, 300, 300, SECRET);
    let mine = await waitForPrivate(
      ben,
      (n) => n.length === 1 && n[0]!.text === SECRET,
      "Ben's private note",
    );
    await ben.addNoteByDoubleClick(1000, 300, 'Second thought');
    mine = await waitForPrivate(ben, (n) => n.length === 2, "Ben's second private note");
    // Drawn on Ben's canvas, with the private style.
    expect(await ben.page.evaluate(() => window.Konva!.stages[0]!.find('.private-mark').length)).toBe(2);
    await ana.addNoteByDoubleClick(1600, 300, 'Ana keeps this quiet');
    await waitForPrivate(ana, (n) => n.length === 1, "Ana's private note");

    for (const page of [ana, cleo]) {
      await expect.poll(() => status(page).innerText()).toMatch(/Ben 2/);
    }
    await expect.poll(() => status(ben).innerText()).toMatch(/Ben \(you\) 2/);
    await expect.poll(() => status(ben).innerText()).toMatch(/Ana 1/);
    for (const page of [ana, ben, cleo]) {
      expect(texts((await page.board()).notes)).toEqual(['On the board 5K2W']);
    }

    // Edited and moved like any note, in the private document.
    const secret = mine.find((n) => n.text === SECRET)!;
    await ben.typeIntoNote(secret, ' (solar)');
    await ben.dragNote(secret, 0, 120);
    await waitForPrivate(
      ben,
      (n) => n.some((p) => p.text === `${SECRET} (solar)` && Math.abs(p.y - secret.y - 120) <= 2),
      'the edited, moved private note',
    );

    // Kept on the device across a reload.
    await ben.page.reload();
    await ben.waitForState('online');
    await waitForPrivate(ben, (n) => n.length === 2, 'the private notes after a reload');

    // Nothing of it reached the server: not in any frame Ben sent, not in the stored board.
    expect(benFrames.length).toBeGreaterThan(0);
    expect(benFrames.some((frame) => frame.includes(Buffer.from('7Q4Z')))).toBe(false);
    const exported = await fetch(
      `${session.server.origin}/api/boards/${session.board.id}/export.json?token=${session.board.viewToken}`,
    ).then((r) => r.text());
    expect(exported).not.toContain('7Q4Z');
    expect(exported).not.toContain('Ana keeps this quiet');
  });

  it("publishes everyone's private notes at once on the reveal; a device offline then publishes when back", async () => {
    await cleo.addNoteByDoubleClick(300, 600, 'Cleo wrote this offline');
    await waitForPrivate(cleo, (n) => n.length === 1, "Cleo's private note");
    await cleo.page.context().setOffline(true);
    await cleo.waitForState('offline');

    await status(ana).getByRole('button', { name: 'Reveal everyone’s notes' }).click();
    const revealed = ['Ana keeps this quiet', `${SECRET} (solar)`, 'Second thought'];
    for (const page of [ana, ben]) {
      await page.waitForBoard(
        (b) => revealed.every((t) => b.notes.some((n) => n.text === t)),
        'the revealed notes',
      );
      // Only Cleo, offline, still holds one.
      await expect.poll(() => status(page).innerText()).not.toMatch(/Ana|Ben/);
    }
    expect(await privateNotes(ben)).toEqual([]);

    await cleo.page.context().setOffline(false);
    await ana.waitForBoard((b) => b.notes.some((n) => n.text === 'Cleo wrote this offline'), "Cleo's note");
    expect(await privateNotes(cleo)).toEqual([]);
    for (const page of [ana, ben, cleo]) await status(page).waitFor({ state: 'detached' });
  });

  it('lets the owner undo their reveal: the notes go back to their device, and redo brings them back', async () => {
    await ben.page.mouse.move(5, 5);
    await ben.page.keyboard.press('Control+z');
    await ana.waitForBoard(
      (b) => !b.notes.some((n) => n.text === 'Second thought'),
      "Ben's notes leaving the board",
    );
    expect(texts(await privateNotes(ben))).toEqual([`${SECRET} (solar)`, 'Second thought']);
    // Only Ben's: Ana's and Cleo's revealed notes stay.
    expect(texts((await ana.board()).notes)).toEqual([
      'Ana keeps this quiet',
      'Cleo wrote this offline',
      'On the board 5K2W',
    ]);

    await ben.page.keyboard.press('Control+Shift+z');
    await ana.waitForBoard((b) => b.notes.some((n) => n.text === 'Second thought'), "Ben's notes back");
    expect(await privateNotes(ben)).toEqual([]);
  });

  it('lets a person keep their notes private by choice and reveal them early', async () => {
    const panel = await openPanel(ben.page, 'Private notes');
    await panel.getByLabel('Keep my new notes private').check();
    await ben.addNoteByDoubleClick(1000, 650, 'Early bird');
    await waitForPrivate(ben, (n) => n.length === 1, 'the early note');
    await expect.poll(() => status(ana).innerText()).toMatch(/Private notes: Ben 1/);
    expect((await ana.board()).notes.some((n) => n.text === 'Early bird')).toBe(false);

    await status(ben).getByRole('button', { name: 'Reveal my 1 note' }).click();
    await ana.waitForBoard((b) => b.notes.some((n) => n.text === 'Early bird'), 'the early reveal');
    await panel.getByLabel('Keep my new notes private').uncheck();
    await ben.addNote(1400, 650, 'Public again');
  });
});
