import {
  computeCoverage,
  dependencyIssues,
  type Coverage,
  type DependencyIssue,
  type Link,
  type Note,
  type NoteKind,
  type Zone,
} from '@shared';
import type { BoardStore } from './BoardStore';

type Listener = () => void;

/** Every note, zone and link as they stood at the last settled change, for views that summarise the board. */
export interface BoardSnapshot {
  readonly notes: readonly Note[];
  readonly zones: readonly Zone[];
  readonly links: readonly Link[];
}

/**
 * How long the derived views may lag the document. A drag writes the document once per animation
 * frame; coverage and checks follow at most this often (and once more when the gesture stops), so a
 * gesture never pays for them frame by frame.
 */
const SETTLE_MS = 120;

/**
 * The board's derived views that summarise every note: coverage of the 5 x 6 model and the dependency
 * checks. One instance per store, shared by every component and panel that shows them, so each is
 * computed once per (throttled) change of the notes, links or zones, however many views read it.
 */
export class BoardAnalysis {
  private snapshot: BoardSnapshot | null = null;
  private coverage: Coverage | null = null;
  private issues: DependencyIssue[] | null = null;
  /** Each note's kind when the issues were computed: only links, kinds and which notes exist matter to them. */
  private issueKinds: Map<string, NoteKind> | null = null;
  private linksChanged = false;
  private readonly listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly store: BoardStore) {
    store.subscribeNotesVersion(this.invalidate);
    store.subscribeZones(this.invalidate);
    store.subscribeLinks(this.onLinks);
  }

  /**
   * The notes, zones and links as they stood at the last settled change; the same object until the next
   * one, so a view reading it through `useSyncExternalStore` re-renders at most once per settle.
   */
  getSnapshot = (): BoardSnapshot => {
    this.snapshot ??= {
      notes: this.store.allNotes(),
      zones: this.store.getZones(),
      links: this.store.getLinks(),
    };
    return this.snapshot;
  };

  /** Coverage of the board as it stood at the last settled change. Stable until the next one. */
  getCoverage = (): Coverage => {
    const { notes, zones } = this.getSnapshot();
    this.coverage ??= computeCoverage(notes, zones);
    return this.coverage;
  };

  /** The dependency checks (open questions under decisions, dangling links, cycles). */
  getIssues = (): readonly DependencyIssue[] => {
    if (!this.issues) {
      const { notes, links } = this.getSnapshot();
      this.issues = dependencyIssues(notes, links);
      this.issueKinds = new Map(notes.map((n) => [n.id, n.kind]));
    }
    return this.issues;
  };

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Drops the cached views now (for tests reading the latest state without waiting). */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.settle();
  }

  private readonly onLinks = (): void => {
    this.linksChanged = true;
    this.invalidate();
  };

  private readonly invalidate = (): void => {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.settle();
    }, SETTLE_MS);
  };

  private settle(): void {
    this.snapshot = null;
    this.coverage = null;
    if (this.linksChanged || !this.sameKinds()) {
      this.issues = null;
      this.issueKinds = null;
    }
    this.linksChanged = false;
    this.listeners.forEach((l) => l());
  }

  /** Whether the notes are the ones the issues were computed for, each of the same kind (moves do not count). */
  private sameKinds(): boolean {
    const kinds = this.issueKinds;
    if (!kinds) return false;
    const notes = this.store.allNotes();
    return notes.length === kinds.size && notes.every((n) => kinds.get(n.id) === n.kind);
  }
}

const analyses = new WeakMap<BoardStore, BoardAnalysis>();

/** The one analysis of a store. */
export function analysisOf(store: BoardStore): BoardAnalysis {
  let analysis = analyses.get(store);
  if (!analysis) analyses.set(store, (analysis = new BoardAnalysis(store)));
  return analysis;
}
