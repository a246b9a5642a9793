import * as Y from 'yjs';
import { boardMaps, createProjector, readSession, type SessionSnapshot } from '@shared';
import { digestEvents, sessionSentences, type BoardEvent } from './announcements';
import type { BoardConnection } from '../connection/BoardConnection';
import { cellName } from './keyboardNavigation';

type Listener = () => void;

/** How long remote changes are collected before they are said in one digest. */
export const DIGEST_MS = 2_000;

/** What the announcer needs of a board connection: its document, its own origin and who is here. */
export type AnnouncedConnection = Pick<BoardConnection, 'doc' | 'origin' | 'store' | 'presence'> & {
  /** Whether the first sync with the server is done: what arrives before is the board, not news. */
  synced(): boolean;
};

/**
 * The board's one polite voice (see LiveRegion): what other people did, digested (collected for
 * DIGEST_MS, then one sentence per person and kind), the workshop session's changes (said at once,
 * from anyone: a facilitator who starts a vote hears it start too), the timer running out, and what
 * the page says for this person's own keyboard actions (`say`). Lives outside React, one per board.
 */
export class Announcer {
  private message = '';
  private readonly listeners = new Set<Listener>();
  private pending: BoardEvent[] = [];
  private digestTimer: ReturnType<typeof setTimeout> | null = null;
  private timerEnd: ReturnType<typeof setTimeout> | null = null;
  private session: SessionSnapshot;
  private readonly maps;

  constructor(
    private readonly connection: AnnouncedConnection,
    /** The server's clock, for the timer's end (ms since epoch). */
    private readonly now: () => number = Date.now,
  ) {
    this.maps = boardMaps(connection.doc);
    this.session = readSession(connection.doc);
  }

  // It listens to the document while someone listens to it (the live region is mounted), so that it
  // follows the region's life without an owner of its own to destroy it.
  private start(): void {
    this.session = readSession(this.connection.doc);
    this.maps.notes.observeDeep(this.onNotes);
    this.maps.links.observe(this.onLinks);
    this.maps.session.observe(this.onSession);
    this.watchTimer();
  }

  private stop(): void {
    this.maps.notes.unobserveDeep(this.onNotes);
    this.maps.links.unobserve(this.onLinks);
    this.maps.session.unobserve(this.onSession);
    if (this.digestTimer) clearTimeout(this.digestTimer);
    if (this.timerEnd) clearTimeout(this.timerEnd);
    this.digestTimer = this.timerEnd = null;
    this.pending = [];
  }

  /** The sentence the live region shows now. */
  getMessage = (): string => this.message;

  subscribe = (listener: Listener): (() => void) => {
    if (this.listeners.size === 0) this.start();
    this.listeners.add(listener);
    return () => {
      if (this.listeners.delete(listener) && this.listeners.size === 0) this.stop();
    };
  };

  /** Says something at once, after whatever digest was waiting (so the order stays true). */
  say(sentence: string): void {
    const digest = this.takeDigest();
    this.publish([...digest, sentence]);
  }

  /** Says the waiting digest now (tests and the end of a burst). */
  flush(): void {
    const digest = this.takeDigest();
    if (digest.length > 0) this.publish(digest);
  }

  private publish(sentences: string[]): void {
    let text = sentences.join('. ');
    if (!text) return;
    // The same words twice in a row are no change to a live region: a trailing no-break space makes
    // the second one news.
    if (text === this.message) text += '\u00a0';
    this.message = text;
    this.listeners.forEach((l) => l());
  }

  private takeDigest(): string[] {
    if (this.digestTimer) clearTimeout(this.digestTimer);
    this.digestTimer = null;
    const events = this.pending;
    this.pending = [];
    return digestEvents(events);
  }

  private collect(events: BoardEvent[]): void {
    if (events.length === 0) return;
    this.pending.push(...events);
    this.digestTimer ??= setTimeout(() => this.flush(), DIGEST_MS);
  }

  /** News from the others: a change that came from the server after the first sync, not undo or the offline copy. */
  private remote(transaction: Y.Transaction): boolean {
    const { origin } = transaction;
    return (
      transaction.local === false &&
      origin !== this.connection.origin &&
      !(origin instanceof Y.UndoManager) &&
      this.connection.synced()
    );
  }

  /** Who did something to a note: the one other person who has it selected or open, else nobody known. */
  private whoHas(noteId: string): string | null {
    const marks = this.connection.presence
      .getMarks()
      .filter((m) => m.editing === noteId || m.selection.includes(noteId));
    const names = new Set(marks.map((m) => m.name));
    return names.size === 1 ? [...names][0]! : null;
  }

  private cellOf(x: number, y: number, w: number, h: number): string {
    const projector = createProjector(this.connection.store.getZones());
    return cellName(projector.placeNote({ x, y, w, h }));
  }

  private readonly onNotes = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
    if (!this.remote(transaction)) return;
    const found: BoardEvent[] = [];
    for (const event of events) {
      if (event.target === this.maps.notes) {
        event.changes.keys.forEach((change, id) => {
          if (change.action === 'add') {
            const note = this.connection.store.getNote(id);
            if (!note) return;
            found.push({
              kind: 'added',
              who: note.author || this.whoHas(id),
              noteId: id,
              cell: this.cellOf(note.x, note.y, note.w, note.h),
            });
          } else if (change.action === 'delete') {
            found.push({ kind: 'deleted', who: this.whoHas(id), noteId: id });
          }
        });
        continue;
      }
      const id = event.path[0];
      if (typeof id !== 'string') continue;
      // Votes and other nested values are not edits of the note.
      if (event.path.length > 1 && !(event.target instanceof Y.Text)) continue;
      const keys = event.changes.keys;
      if (event.path.length === 1 && (keys.has('x') || keys.has('y'))) {
        const note = this.connection.store.getNote(id);
        if (!note) continue;
        const oldX = keys.has('x') ? Number(keys.get('x')!.oldValue) : note.x;
        const oldY = keys.has('y') ? Number(keys.get('y')!.oldValue) : note.y;
        const from = this.cellOf(oldX, oldY, note.w, note.h);
        const to = this.cellOf(note.x, note.y, note.w, note.h);
        // Moving inside a cell changes nothing anyone needs to hear.
        if (from !== to) found.push({ kind: 'moved', who: this.whoHas(id), noteId: id, cell: to });
        if ([...keys.keys()].every((k) => k === 'x' || k === 'y' || k === 'z')) continue;
      }
      if (event.path.length === 1 && [...keys.keys()].every((k) => k === 'z' || k === 'x' || k === 'y'))
        continue;
      found.push({ kind: 'edited', who: this.whoHas(id), noteId: id });
    }
    this.collect(found);
  };

  private readonly onLinks = (event: Y.YMapEvent<Y.Map<unknown>>, transaction: Y.Transaction) => {
    if (!this.remote(transaction)) return;
    const found: BoardEvent[] = [];
    event.changes.keys.forEach((change, id) => {
      if (change.action === 'add') {
        const from = this.maps.links.get(id)?.get('from');
        found.push({ kind: 'linked', who: typeof from === 'string' ? this.whoHas(from) : null, linkId: id });
      } else if (change.action === 'delete') found.push({ kind: 'unlinked', who: null, linkId: id });
    });
    this.collect(found);
  };

  private readonly onSession = () => {
    const before = this.session;
    this.session = readSession(this.connection.doc);
    this.watchTimer();
    // The session as the first sync brings it is where the workshop stands, not a change.
    if (!this.connection.synced()) return;
    const said = sessionSentences(before, this.session);
    if (said.length > 0) this.say(said.join('. '));
  };

  /** Says "Time is up" when the running timer ends (the end is a moment, not a document change). */
  private watchTimer(): void {
    if (this.timerEnd) clearTimeout(this.timerEnd);
    this.timerEnd = null;
    const timer = this.session.timer;
    if (timer?.status !== 'running') return;
    const left = timer.endsAt - this.now();
    if (left <= 0) return;
    this.timerEnd = setTimeout(() => {
      this.timerEnd = null;
      this.say('Time is up');
    }, left);
  }
}
