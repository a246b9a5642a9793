import { describe, expect, it } from 'vitest';
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
});
