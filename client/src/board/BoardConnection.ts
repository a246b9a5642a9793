import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { SYNC_PATH, type BoardAccess } from '@shared';
import type { Identity } from '../identity';
import { BoardStore } from './BoardStore';

export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'syncing' }
  | { kind: 'online' }
  | { kind: 'offline' }
  | { kind: 'refused'; reason: string };

type Listener = () => void;

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
  private readonly persistence: IndexeddbPersistence;
  private state: ConnectionState = { kind: 'connecting' };
  private readonly listeners = new Set<Listener>();

  constructor(
    readonly boardId: string,
    readonly access: BoardAccess,
    identity: Identity,
  ) {
    this.store = new BoardStore(this.doc);
    this.persistence = new IndexeddbPersistence(`board:${boardId}`, this.doc);
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    this.provider = new WebsocketProvider(`${scheme}://${location.host}${SYNC_PATH}`, boardId, this.doc, {
      params: { token: access.token },
    });
    this.provider.awareness.setLocalStateField('user', {
      name: identity.name,
      department: identity.department,
      color: identity.color,
    });
    this.provider.on('status', ({ status }) => {
      if (this.state.kind === 'refused') return;
      if (status === 'connected')
        this.setState(this.provider.synced ? { kind: 'online' } : { kind: 'syncing' });
      else if (status === 'connecting') this.setState({ kind: 'connecting' });
      else this.setState({ kind: 'offline' });
    });
    this.provider.on('sync', (synced) => {
      if (synced && this.provider.wsconnected) this.setState({ kind: 'online' });
    });
    this.provider.on('connection-close', (event) => {
      // 4400-4499: the server refused for good (bad token, unknown board); the provider stops retrying.
      if (event && event.code >= 4400 && event.code < 4500) {
        this.setState({ kind: 'refused', reason: event.reason || `refused (${event.code})` });
      }
    });
  }

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

  /** Resolves once the offline copy has been read into the document. */
  whenLocalLoaded(): Promise<unknown> {
    return this.persistence.whenSynced;
  }

  destroy(): void {
    this.provider.destroy();
    void this.persistence.destroy();
    this.store.destroy();
    this.doc.destroy();
  }
}
