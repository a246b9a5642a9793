import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { boardMaps, SYNC_PATH, syncProtocols, type BoardAccess } from '@shared';
import type { Identity } from '../identity/identity';
import { PresenceStore } from '../presence/PresenceStore';
import { presenceUser } from '../presence/presenceUser';
import { trackActivity } from '../presence/trackActivity';
import { BoardStore } from '../store/BoardStore';
import { retryNotice } from './closeReasons';
import { limitSyncDepth } from './limitSyncDepth';
import { beginUndoGesture, personalUndoManager } from '../undo/personalUndo';
import { UnsavedUpdates } from './UnsavedUpdates';

export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'syncing' }
  | { kind: 'online' }
  /** `retrying`: why the server closed the connection, when it asked to try again later. */
  | { kind: 'offline'; pending: number; retrying?: string }
  | { kind: 'refused'; reason: string };

type Listener = () => void;

const pendingKey = (boardId: string) => `iot-board:pending:${boardId}`;

function loadPending(boardId: string): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(pendingKey(boardId)) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** The notes and links a transaction touched, as `note:<id>` and `link:<id>`. */
function changedItems(tr: Y.Transaction, maps: ReturnType<typeof boardMaps>): string[] {
  const keys: string[] = [];
  for (const [top, prefix] of [
    [maps.notes, 'note'],
    [maps.links, 'link'],
  ] as const) {
    // Added or deleted entries of the top-level map itself.
    tr.changed.forEach((subs, type) => {
      if ((type as unknown) === top) for (const key of subs) if (key) keys.push(`${prefix}:${key}`);
    });
    // Changes inside an entry: climb to the entry whose parent is the top-level map.
    for (const type of tr.changedParentTypes.keys()) {
      let item = type._item;
      while (item && item.parent !== top) item = (item.parent as Y.AbstractType<unknown>)._item;
      if (item?.parentSub) keys.push(`${prefix}:${item.parentSub}`);
    }
  }
  return keys;
}

/**
 * One open board: the document, its offline copy in IndexedDB, and the y-websocket provider that keeps
 * it in sync with the relay. Lives outside React so that remounts never open a second connection.
 */
export class BoardConnection {
  readonly doc = new Y.Doc();
  readonly store: BoardStore;
  /** The origin of every local change: remote changes carry other origins, undo tracks only this one. */
  readonly origin = { local: true };
  readonly provider: WebsocketProvider;
  /** Undo and redo of this person's own changes only: remote changes are never undone. */
  readonly undoManager: Y.UndoManager;
  private readonly persistence: IndexeddbPersistence;
  /** This device's changes not yet known to be in IndexedDB: stashed if the page goes away first. */
  private readonly unsaved: UnsavedUpdates;
  private state: ConnectionState = { kind: 'connecting' };
  /** Notes and links changed here while not connected: kept in IndexedDB, sent on reconnect. */
  private readonly pending: Set<string>;
  private everConnected = false;
  /** Why the server last closed the connection with a retryable code; cleared on reconnect. */
  private retrying: string | undefined;
  private readonly listeners = new Set<Listener>();
  /** Who is here, their cursors, selections and viewports (Yjs awareness), and following. */
  readonly presence: PresenceStore;
  private readonly stopActivity: () => void;

  constructor(
    readonly boardId: string,
    readonly access: BoardAccess,
    identity: Identity,
  ) {
    // What waited offline survives a reload (the changes themselves are in IndexedDB).
    this.pending = new Set(loadPending(boardId));
    if (!navigator.onLine) this.state = { kind: 'offline', pending: this.pending.size };
    this.store = new BoardStore(this.doc);
    const maps = boardMaps(this.doc);
    this.undoManager = personalUndoManager([maps.notes, maps.links], this.origin);
    this.persistence = new IndexeddbPersistence(`board:${boardId}`, this.doc);
    // What the server sent can be fetched again; what was made here cannot.
    this.unsaved = new UnsavedUpdates(this.doc, this.persistence, {
      keep: (origin) => origin !== this.provider,
    });
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    // The token goes in the Sec-WebSocket-Protocol header, never the URL, which proxies and servers log.
    this.provider = new WebsocketProvider(`${scheme}://${location.host}${SYNC_PATH}`, boardId, this.doc, {
      protocols: syncProtocols(access.token),
    });
    limitSyncDepth(this.provider);
    this.presence = new PresenceStore(this.provider.awareness, presenceUser(identity));
    this.stopActivity = trackActivity(this.presence.local);
    this.provider.on('status', ({ status }) => {
      if (this.state.kind === 'refused') return;
      if (status === 'connected') {
        this.everConnected = true;
        this.retrying = undefined;
        this.setState(this.provider.synced ? { kind: 'online' } : { kind: 'syncing' });
      } else if (status === 'connecting' && !this.everConnected && navigator.onLine) {
        this.setState({ kind: 'connecting' });
      } else {
        // Once connected, a retry is still "offline" to the person: their changes wait on this device.
        this.setOffline();
      }
    });
    this.provider.on('sync', (synced) => {
      if (synced && this.provider.wsconnected) {
        // On reconnect the provider answers the server's sync step 1 with everything the server
        // lacks, before it reports synced: what waited offline is on its way.
        this.pending.clear();
        this.savePending();
        this.setState({ kind: 'online' });
      }
    });
    // The browser knows at once when the network goes; the socket would notice only after a timeout.
    window.addEventListener('offline', this.onBrowserOffline);
    window.addEventListener('online', this.onBrowserOnline);
    this.doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin !== this.origin || this.state.kind === 'online') return;
      const before = this.pending.size;
      for (const key of changedItems(tr, maps)) this.pending.add(key);
      if (this.pending.size === before) return;
      this.savePending();
      if (this.state.kind === 'offline') this.setOffline();
    });
    this.provider.on('connection-close', (event) => {
      // 4400-4499: the server refused for good (bad token, unknown board); the provider stops retrying.
      if (event && event.code >= 4400 && event.code < 4500) {
        this.setState({ kind: 'refused', reason: event.reason || `refused (${event.code})` });
        return;
      }
      // 4500-4599: the server asks to come back later; the provider retries with a growing delay.
      const notice = event ? retryNotice(event.code) : null;
      if (notice && this.state.kind !== 'refused') {
        this.retrying = notice;
        this.setOffline();
      }
    });
  }

  private setOffline(): void {
    this.setState(
      this.retrying === undefined
        ? { kind: 'offline', pending: this.pending.size }
        : { kind: 'offline', pending: this.pending.size, retrying: this.retrying },
    );
  }

  private savePending(): void {
    try {
      if (this.pending.size === 0) localStorage.removeItem(pendingKey(this.boardId));
      else localStorage.setItem(pendingKey(this.boardId), JSON.stringify([...this.pending]));
    } catch {
      // Storage full or blocked: the count is a courtesy, the changes are safe in IndexedDB.
    }
  }

  private readonly onBrowserOffline = (): void => {
    if (this.state.kind === 'refused') return;
    this.provider.disconnect();
    this.setOffline();
  };

  private readonly onBrowserOnline = (): void => {
    if (this.state.kind !== 'refused') this.provider.connect();
  };

  get readOnly(): boolean {
    return this.access.role !== 'edit';
  }

  getState = (): ConnectionState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private setState(state: ConnectionState): void {
    this.state = state;
    this.listeners.forEach((l) => l());
  }

  /** Shares where this person's pointer is on the board (null when it leaves), at most 20 times a second. */
  setCursor(p: { x: number; y: number } | null): void {
    this.presence.local.setCursor(p);
  }

  /** Resolves once the offline copy has been read into the document. */
  whenLocalLoaded(): Promise<unknown> {
    return this.persistence.whenSynced;
  }

  /**
   * Runs a gesture (a drag, a resize) so that all its writes undo as one step, however long it lasts.
   * Call `begin` when it starts and the returned function when it ends.
   */
  beginGesture(): () => void {
    return beginUndoGesture(this.undoManager);
  }

  destroy(): void {
    window.removeEventListener('offline', this.onBrowserOffline);
    window.removeEventListener('online', this.onBrowserOnline);
    this.stopActivity();
    this.presence.destroy();
    this.undoManager.destroy();
    this.provider.destroy();
    this.unsaved.destroy();
    void this.persistence.destroy();
    this.store.destroy();
    this.doc.destroy();
  }
}
