import { fromBase64, toBase64 } from 'lib0/buffer';
import type { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { randomId } from '@shared';

const PREFIX = 'iot-board:unsaved:';
/** The object store y-indexeddb writes every update to. */
const UPDATES_STORE = 'updates';
/** The origin of updates read back from a stash: y-indexeddb stores them like any local change. */
const RESTORED = Symbol('restored from a stash');

export interface UnsavedUpdatesOptions {
  /** Which updates are this device's to keep (the default: all). The server's can be fetched again. */
  keep?: (origin: unknown) => boolean;
  /** Where stashes go (the default: localStorage). */
  storage?: Storage;
}

/**
 * Makes sure nothing changed on this device is lost when the page goes away (reload, closed tab,
 * navigation, a phone killing a background tab).
 *
 * y-indexeddb writes each update of the document in its own IndexedDB transaction as the document emits
 * it, and the browser aborts the transactions not yet committed when the page is unloaded: typing offline
 * and reloading at once lost the last keystrokes in 10 reloads of 20 (e2e/offlineReload.e2e.ts). The
 * document itself held the text; its writes simply had not reached the disk.
 *
 * So this keeps each update until a transaction opened after it on the same store completes (IndexedDB
 * runs read-write transactions of one store in the order they were opened, so by then y-indexeddb's own
 * write is committed), and when the page is hidden or unloaded writes what is still unconfirmed to
 * localStorage, which is synchronous. The next load of the same database applies the stash (y-indexeddb
 * then stores it properly) and removes it once that is confirmed.
 */
export class UnsavedUpdates {
  private unsaved: Uint8Array[] = [];
  private checking = false;
  private destroyed = false;
  /** This page load's stash: one key per load, so two tabs of one board never overwrite each other. */
  private readonly stashKey: string;
  private stashed = false;
  /** Stashes of earlier loads applied here, removed once their content is confirmed stored. */
  private restored: string[] = [];
  private readonly keep: (origin: unknown) => boolean;
  private readonly storage: Storage | null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly persistence: IndexeddbPersistence,
    options: UnsavedUpdatesOptions = {},
  ) {
    this.keep = options.keep ?? (() => true);
    this.storage = options.storage ?? defaultStorage();
    this.stashKey = `${PREFIX}${persistence.name}:${randomId()}`;
    doc.on('update', this.onUpdate);
    if (typeof window !== 'undefined') {
      window.addEventListener('pagehide', this.stash);
      document.addEventListener('visibilitychange', this.onVisibility);
    }
    void persistence.whenSynced.then(() => {
      if (this.destroyed) return;
      this.restore();
      this.checkpoint();
    });
  }

  private waiting: (() => void)[] = [];

  /** Resolves once every update kept so far is known to be in IndexedDB. */
  saved(): Promise<void> {
    if (this.unsaved.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this.persistence || !this.keep(origin)) return;
    this.unsaved.push(update);
    // After the transaction that emitted it, so every write of a burst (a word typed) shares one check.
    queueMicrotask(() => this.checkpoint());
  };

  private readonly onVisibility = (): void => {
    if (document.visibilityState === 'hidden') this.stash();
  };

  /** Writes the unconfirmed updates to localStorage, at once: the page may be gone in a moment. */
  readonly stash = (): void => {
    if (this.unsaved.length === 0 || !this.storage) return;
    try {
      this.storage.setItem(this.stashKey, toBase64(Y.mergeUpdates(this.unsaved)));
      this.stashed = true;
    } catch {
      // Storage full or blocked: nothing better is left to try while the page goes away.
    }
  };

  /** Opens an empty read-write transaction on the updates store: when it completes, so has every earlier write. */
  private checkpoint(): void {
    const db = this.persistence.db;
    if (this.checking || this.destroyed || this.unsaved.length === 0 || !db) return;
    const upTo = this.unsaved.length;
    let transaction: IDBTransaction;
    try {
      transaction = db.transaction([UPDATES_STORE], 'readwrite');
    } catch {
      return; // Closing: the stash on the way out keeps what is unconfirmed.
    }
    this.checking = true;
    transaction.oncomplete = () => {
      this.checking = false;
      this.unsaved.splice(0, upTo);
      if (this.unsaved.length === 0) {
        this.forgetStashes();
        this.waiting.splice(0).forEach((resolve) => resolve());
      }
      this.checkpoint();
    };
    transaction.onabort = () => {
      this.checking = false;
    };
  }

  private forgetStashes(): void {
    if (!this.storage) return;
    const keys = this.stashed ? [this.stashKey, ...this.restored] : this.restored;
    for (const key of keys) this.storage.removeItem(key);
    this.stashed = false;
    this.restored = [];
  }

  /** Applies what earlier loads of this database stashed when they went away. */
  private restore(): void {
    const storage = this.storage;
    if (!storage) return;
    const prefix = `${PREFIX}${this.persistence.name}:`;
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(prefix) && key !== this.stashKey) keys.push(key);
    }
    for (const key of keys) {
      const value = storage.getItem(key);
      try {
        if (value !== null) Y.applyUpdate(this.doc, fromBase64(value), RESTORED);
        this.restored.push(key);
      } catch {
        storage.removeItem(key); // Not an update: nothing in it to keep.
      }
    }
    // Nothing new in them: their content is already stored.
    if (this.unsaved.length === 0) this.forgetStashes();
  }

  /** Stops watching; what is still unconfirmed is stashed for the next load. */
  destroy(): void {
    this.stash();
    this.destroyed = true;
    this.doc.off('update', this.onUpdate);
    if (typeof window !== 'undefined') {
      window.removeEventListener('pagehide', this.stash);
      document.removeEventListener('visibilitychange', this.onVisibility);
    }
  }
}

function defaultStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
