import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Note } from '@shared';
import { BoardPageObject, connectionBadge } from './BoardPageObject';
import { useBoardSession } from './fixtures';
import { newPerson } from './harness';

describe('working without a connection', () => {
  const session = useBoardSession('Offline');

  it('keeps changes made offline on the device, through a reload, and syncs them on reconnect', async () => {
    const anaContext = await newPerson(session.browser, 'Ana', 'hardware');
    const ana = await BoardPageObject.open(anaContext, session.server.origin, session.board);
    const ben = await session.open('Ben', 'cloud');
    const { page } = ana;
    // The service worker has cached the app once it controls the page.
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 15_000 });

    const existing = await ana.addNote(960, 400, 'Before the outage');
    await ben.waitForNote(existing.id, (n) => !!n, 'the first note at Ben');
    expect(await ana.status()).toBe('Online');

    // The network goes: the status says so at once.
    await anaContext.setOffline(true);
    await connectionBadge(page)
      .filter({ hasText: /^Offline/ })
      .waitFor();

    // Ana adds a note and recolours the other: two notes changed, waiting on her device.
    const added = await ana.addNote(400, 700, 'Written offline');
    await connectionBadge(page).filter({ hasText: 'Offline: 1 change waiting on this device' }).waitFor();
    await ana.chooseFromMenu(existing, 'Colour blue');
    await connectionBadge(page).filter({ hasText: 'Offline: 2 changes waiting on this device' }).waitFor();
    await ana.typeIntoNote(added, ', then edited');
    await page.getByLabel('Note text').waitFor({ state: 'detached' });
    expect(await ana.status()).toBe('Offline: 2 changes waiting on this device');

    // Ben sees none of it (Ana's socket is closed, so nothing can have left her device).
    const atBen = await ben.board();
    expect(atBen.notes.map((n) => n.id)).toEqual([existing.id]);
    expect(atBen.notes[0]!.color).toBe(existing.color);

    // Still offline, Ana reloads: the service worker serves the app, IndexedDB still has her changes.
    await page.reload();
    await page.waitForFunction(() => !!window.__board, undefined, { timeout: 15_000 });
    await ana.waitForBoard(
      (b) =>
        b.notes.some((n) => n.id === added.id && n.text === 'Written offline, then edited') &&
        b.notes.some((n) => n.id === existing.id && n.color === 'blue'),
      'the offline changes after a reload',
    );
    // The count of waiting changes survives the reload too.
    expect(await ana.status()).toBe('Offline: 2 changes waiting on this device');

    // Back online: Ben gets both changes, and Ana's status returns to Online.
    await anaContext.setOffline(false);
    await ben.waitForBoard(
      (b) =>
        b.notes.some((n) => n.id === added.id && n.text === 'Written offline, then edited') &&
        b.notes.some((n) => n.id === existing.id && n.color === 'blue'),
      "Ana's offline changes at Ben",
      20_000,
    );
    await ana.waitForState('online', 20_000);
    expect(await ana.status()).toBe('Online');
  });

  it('loses no keystroke to a reload or a closed tab straight after typing, offline', async () => {
    const context = await newPerson(session.browser, 'Cai', 'firmware');
    let cai = await BoardPageObject.open(context, session.server.origin, session.board);
    await cai.page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, {
      timeout: 15_000,
    });
    const note = await cai.addNote(1300, 400, 'Typed');
    await context.setOffline(true);
    await connectionBadge(cai.page)
      .filter({ hasText: /^Offline/ })
      .waitFor();

    // The page goes away right after the last keystroke: no Escape, nothing awaited in between. Each
    // keystroke is its own IndexedDB write, and the browser drops the writes not yet committed.
    let expected = note.text;
    for (let round = 1; round <= RELOADS; round++) {
      expected += ` w${round}`;
      await typeWithoutLeaving(cai.page, cai, note, ` w${round}`);
      await cai.page.reload();
      await waitForLocalBoard(cai.page);
      expect(await textOf(cai.page, note.id), `after reload ${round} of ${RELOADS}`).toBe(expected);
    }

    // The same when the tab is closed: the next tab of this person finds the text.
    expected += ' closed';
    await typeWithoutLeaving(cai.page, cai, note, ' closed');
    await cai.page.close({ runBeforeUnload: true });
    const page = await context.newPage();
    await page.goto(`${session.server.origin}/b/${session.board.id}#edit=${session.board.editToken}`);
    await waitForLocalBoard(page);
    expect(await textOf(page, note.id)).toBe(expected);

    // Back online, the server gets all of it.
    await context.setOffline(false);
    cai = await BoardPageObject.attach(page);
    const dee = await session.open('Dee', 'cloud');
    await dee.waitForNote(note.id, (n) => n?.text === expected, 'every keystroke at Dee');
  });
});

/** How many times the test reloads right after typing. */
const RELOADS = 20;

/** Opens a note's editor and types at its end, leaving the editor open. */
async function typeWithoutLeaving(page: Page, board: BoardPageObject, note: Note, text: string) {
  const p = await board.toScreen(note.x + note.w / 2, note.y + note.h / 2);
  await page.mouse.dblclick(p.x, p.y);
  const editor = page.getByLabel('Note text');
  await editor.waitFor();
  await editor.press('Control+End');
  await editor.pressSequentially(text);
}

/** Waits until the board is read from this device (offline: the template comes from IndexedDB) and placed. */
async function waitForLocalBoard(page: Page): Promise<void> {
  await page.waitForFunction(() => (window.__board?.board().zones.length ?? 0) > 0, undefined, {
    timeout: 15_000,
  });
  await page.waitForFunction(() => window.__board!.view().x !== 0 || window.__board!.view().y !== 0);
}

const textOf = (page: Page, id: string) =>
  page.evaluate((noteId) => window.__board!.board().notes.find((n) => n.id === noteId)?.text, id);
