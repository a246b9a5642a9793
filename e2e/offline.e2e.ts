import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { CreatedBoard } from '@shared';
import { BoardPageObject } from './BoardPageObject';
import { launchBrowser, newPerson, ServerProcess } from './harness';

async function add(page: BoardPageObject, x: number, y: number, text: string) {
  const before = new Set((await page.board()).notes.map((n) => n.id));
  await page.addNoteByDoubleClick(x, y, text);
  const board = await page.waitForBoard(
    (b) => b.notes.some((n) => !before.has(n.id) && n.text === text),
    `the note "${text}"`,
  );
  return board.notes.find((n) => !before.has(n.id))!;
}

describe('working without a connection', () => {
  let server: ServerProcess;
  let browser: Browser;
  let board: CreatedBoard;

  beforeAll(async () => {
    server = new ServerProcess();
    await server.start();
    browser = await launchBrowser();
    board = await server.createBoard('Offline');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });

  it('keeps changes made offline on the device, through a reload, and syncs them on reconnect', async () => {
    const anaContext = await newPerson(browser, 'Ana', 'hardware');
    const ana = await BoardPageObject.open(anaContext, server.origin, board);
    const ben = await BoardPageObject.open(await newPerson(browser, 'Ben', 'cloud'), server.origin, board);
    const { page } = ana;
    // The service worker has cached the app once it controls the page.
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 15_000 });

    const existing = await add(ana, 960, 400, 'Before the outage');
    await ben.waitForNote(existing.id, (n) => !!n, 'the first note at Ben');
    expect(await ana.status()).toBe('Online');

    // The network goes: the status says so at once.
    await anaContext.setOffline(true);
    await page
      .getByRole('status')
      .filter({ hasText: /^Offline/ })
      .waitFor();

    // Ana adds a note and recolours the other: two notes changed, waiting on her device.
    const added = await add(ana, 400, 700, 'Written offline');
    await page.getByRole('status').filter({ hasText: 'Offline: 1 change waiting on this device' }).waitFor();
    await ana.chooseFromMenu(existing, 'Colour blue');
    await page.getByRole('status').filter({ hasText: 'Offline: 2 changes waiting on this device' }).waitFor();
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
});
