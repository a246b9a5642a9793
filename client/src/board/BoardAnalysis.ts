import { computeCoverage, dependencyIssues, type Coverage, type DependencyIssue } from '@shared';
import type { BoardStore } from './BoardStore';

type Listener = () => void;

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
  private coverage: Coverage | null = null;
  private issues: DependencyIssue[] | null = null;
  private readonly listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly store: BoardStore) {
    store.subscribeNotesVersion(this.invalidate);
    store.subscribeZones(this.invalidate);
    store.subscribeLinks(this.invalidate);
  }

  /** Coverage of the board as it stood at the last settled change. Stable until the next one. */
  getCoverage = (): Coverage => {
    this.coverage ??= computeCoverage(this.store.allNotes(), this.store.getZones());
    return this.coverage;
  };

  /** The dependency checks (open questions under decisions, dangling links, cycles). */
  getIssues = (): readonly DependencyIssue[] => {
    this.issues ??= dependencyIssues(this.store.allNotes(), this.store.getLinks());
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

  private readonly invalidate = (): void => {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.settle();
    }, SETTLE_MS);
  };

  private settle(): void {
    this.coverage = null;
    this.issues = null;
    this.listeners.forEach((l) => l());
  }
}

const analyses = new WeakMap<BoardStore, BoardAnalysis>();

/** The one analysis of a store. */
export function analysisOf(store: BoardStore): BoardAnalysis {
  let analysis = analyses.get(store);
  if (!analysis) analyses.set(store, (analysis = new BoardAnalysis(store)));
  return analysis;
}
