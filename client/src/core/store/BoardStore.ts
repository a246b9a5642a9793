import * as Y from 'yjs';
import {
  boardMaps,
  compareNotesByZ,
  readLinks,
  readMeta,
  readNote,
  readZones,
  type BoardMeta,
  type BoardMaps,
  type Link,
  type Note,
  type Zone,
} from '@shared';

type Listener = () => void;

/**
 * Reads a board document into stable plain snapshots for React. Every snapshot is cached and replaced
 * only when its part of the document changes, so `useSyncExternalStore` re-renders exactly the
 * components whose data changed: a remote edit of one note notifies that note's subscribers alone.
 */
export class BoardStore {
  readonly doc: Y.Doc;
  private readonly maps: BoardMaps;
  private readonly notes = new Map<string, Note>();
  private readonly noteListeners = new Map<string, Set<Listener>>();
  private order: readonly string[] = [];
  private readonly orderListeners = new Set<Listener>();
  private zones: readonly Zone[] = [];
  private readonly zoneListeners = new Set<Listener>();
  private links: readonly Link[] = [];
  private readonly linkListeners = new Set<Listener>();
  private meta: BoardMeta;
  private readonly metaListeners = new Set<Listener>();
  /** Bumped on any change to any note: for views that summarise every note (hints, counts). */
  private notesVersion = 0;
  private readonly notesVersionListeners = new Set<Listener>();

  constructor(doc: Y.Doc) {
    this.doc = doc;
    this.maps = boardMaps(doc);
    this.meta = readMeta(doc);
    this.zones = readZones(doc);
    this.order = this.computeOrder();
    this.links = readLinks(doc);
    this.maps.notes.observeDeep(this.onNotes);
    this.maps.links.observeDeep(this.onLinks);
    this.maps.zones.observeDeep(this.onZones);
    this.maps.meta.observe(this.onMeta);
  }

  destroy(): void {
    this.maps.notes.unobserveDeep(this.onNotes);
    this.maps.zones.unobserveDeep(this.onZones);
    this.maps.links.unobserveDeep(this.onLinks);
    this.maps.meta.unobserve(this.onMeta);
  }

  // Notes -------------------------------------------------------------------------------------------

  /** The snapshot of one note, or undefined when it does not exist (any more). */
  getNote = (id: string): Note | undefined => {
    let note = this.notes.get(id);
    if (!note) {
      const map = this.maps.notes.get(id);
      if (!(map instanceof Y.Map)) return undefined;
      note = readNote(id, map);
      this.notes.set(id, note);
    }
    return note;
  };

  subscribeNote(id: string, listener: Listener): () => void {
    let set = this.noteListeners.get(id);
    if (!set) this.noteListeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.noteListeners.delete(id);
    };
  }

  /** Note ids in painting order (bottom first). */
  getNoteOrder = (): readonly string[] => this.order;

  subscribeNoteOrder = (listener: Listener): (() => void) => subscribe(this.orderListeners, listener);

  getNotesVersion = (): number => this.notesVersion;

  subscribeNotesVersion = (listener: Listener): (() => void) =>
    subscribe(this.notesVersionListeners, listener);

  /** Every note's snapshot, in painting order. */
  allNotes(): Note[] {
    return this.order.map((id) => this.getNote(id)).filter((n): n is Note => n !== undefined);
  }

  /** The note's Y.Text, for the in-place editor to follow remote edits (writes go through commands). */
  noteText(id: string): Y.Text | undefined {
    const text = this.maps.notes.get(id)?.get('text');
    return text instanceof Y.Text ? text : undefined;
  }

  /** Every link, by id. */
  getLinks = (): readonly Link[] => this.links;

  subscribeLinks = (listener: Listener): (() => void) => subscribe(this.linkListeners, listener);

  // Zones and meta ----------------------------------------------------------------------------------

  getZones = (): readonly Zone[] => this.zones;

  subscribeZones = (listener: Listener): (() => void) => subscribe(this.zoneListeners, listener);

  getMeta = (): BoardMeta => this.meta;

  subscribeMeta = (listener: Listener): (() => void) => subscribe(this.metaListeners, listener);

  // Observers ---------------------------------------------------------------------------------------

  private computeOrder(): string[] {
    const entries: { id: string; z: string }[] = [];
    this.maps.notes.forEach((map, id) => {
      if (map instanceof Y.Map) entries.push({ id, z: String(map.get('z') ?? '') });
    });
    return entries.sort(compareNotesByZ).map((e) => e.id);
  }

  private readonly onNotes = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    const changed = new Set<string>();
    let orderChanged = false;
    for (const event of events) {
      if (event.target === this.maps.notes) {
        for (const key of event.changes.keys.keys()) changed.add(key);
        orderChanged = true;
        continue;
      }
      const id = event.path[0];
      if (typeof id !== 'string') continue;
      changed.add(id);
      if (event.path.length === 1 && event.changes.keys.has('z')) orderChanged = true;
    }
    for (const id of changed) this.notes.delete(id);
    if (orderChanged) this.order = this.computeOrder();
    this.notesVersion++;
    for (const id of changed) this.noteListeners.get(id)?.forEach((l) => l());
    if (orderChanged) this.orderListeners.forEach((l) => l());
    this.notesVersionListeners.forEach((l) => l());
  };

  private readonly onLinks = (): void => {
    this.links = readLinks(this.doc);
    this.linkListeners.forEach((l) => l());
  };

  private readonly onZones = (): void => {
    this.zones = readZones(this.doc);
    this.zoneListeners.forEach((l) => l());
  };

  private readonly onMeta = (): void => {
    this.meta = readMeta(this.doc);
    this.metaListeners.forEach((l) => l());
  };
}

function subscribe(set: Set<Listener>, listener: Listener): () => void {
  set.add(listener);
  return () => set.delete(listener);
}
