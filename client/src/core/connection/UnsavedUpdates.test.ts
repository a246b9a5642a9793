import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { UnsavedUpdates } from './UnsavedUpdates';
import { memoryStorage } from './memoryStorage';

const opened: { doc: Y.Doc; persistence: IndexeddbPersistence; unsaved: UnsavedUpdates }[] = [];

/** One page load of a board's offline copy. */
async function load(name: string, storage: Storage, keep?: (origin: unknown) => boolean) {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, doc);
  const unsaved = new UnsavedUpdates(doc, persistence, { storage, ...(keep ? { keep } : {}) });
  opened.push({ doc, persistence, unsaved });
  await persistence.whenSynced;
  return { doc, persistence, unsaved, text: () => doc.getText('t').toString() };
}

async function close(page: { persistence: IndexeddbPersistence; unsaved: UnsavedUpdates }) {
  page.unsaved.destroy();
  await page.persistence.destroy();
}

/** The browser drops IndexedDB writes not committed when a page goes away; here, all of them. */
function loseWrites(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

afterEach(async () => {
  while (opened.length > 0) await close(opened.pop()!);
});

describe('UnsavedUpdates', () => {
  it('stashes what IndexedDB has not confirmed when the page goes away, and the next load restores it', async () => {
    const storage = memoryStorage();
    const first = await load('board:a', storage);
    first.doc.getText('t').insert(0, 'typed just before the reload');
    first.unsaved.stash(); // pagehide, before the write is confirmed
    expect(storage.length).toBe(1);
    await close(opened.pop()!);
    await loseWrites('board:a');

    const second = await load('board:a', storage);
    expect(second.text()).toBe('typed just before the reload');
    // Stored properly now: the stash goes once that is confirmed.
    await second.unsaved.saved();
    expect(storage.length).toBe(0);
    await close(opened.pop()!);

    const third = await load('board:a', storage);
    expect(third.text()).toBe('typed just before the reload');
  });

  it('keeps no stash once IndexedDB confirmed the writes', async () => {
    const storage = memoryStorage();
    const page = await load('board:b', storage);
    page.doc.getText('t').insert(0, 'a');
    page.doc.getText('t').insert(1, 'b');
    await page.unsaved.saved();
    page.unsaved.stash();
    expect(storage.length).toBe(0);
  });

  it('stashes only this device’s changes, never what the server sent', async () => {
    const storage = memoryStorage();
    const server = Symbol('provider');
    const page = await load('board:c', storage, (origin) => origin !== server);
    const remote = new Y.Doc();
    remote.getText('t').insert(0, 'from the server');
    Y.applyUpdate(page.doc, Y.encodeStateAsUpdate(remote), server);
    page.unsaved.stash();
    expect(storage.length).toBe(0);
  });

  it('two tabs of one board keep separate stashes', async () => {
    const storage = memoryStorage();
    const one = await load('board:d', storage);
    const two = await load('board:d', storage);
    one.doc.getText('t').insert(0, 'one');
    two.doc.getText('u').insert(0, 'two');
    one.unsaved.stash();
    two.unsaved.stash();
    expect(storage.length).toBe(2);
  });
});
