/**
 * Where boards live: per board, a compacted state plus an append-only log of the updates since.
 * Async throughout so that a networked adapter (PostgreSQL) fits the same interface.
 */

export interface StoredBoard {
  /** A Yjs update holding the compacted state. */
  state: Uint8Array;
  /** The updates appended since the last compaction, oldest first. */
  updates: Uint8Array[];
  /** The sequence number of the last update ever appended (0 when none); survives compaction. */
  lastSeq: number;
  /** The board's token generation: tokens issued in an earlier one are revoked. Starts at 0. */
  tokenEpoch: number;
}

/** Where a board's log stands: what a node compares with what it has seen, to catch up. */
export interface BoardHead {
  /** The sequence number of the last update appended (see StoredBoard.lastSeq). */
  lastSeq: number;
  tokenEpoch: number;
}

/** What was appended to a board after a given sequence number (see Storage.updatesSince). */
export interface StoredChanges {
  /**
   * The compacted state, only when a compaction folded in rows after that number, so that the rows
   * alone no longer hold everything appended since; else null (the state is large and left unread).
   */
  state: Uint8Array | null;
  /** The log rows after that number (or after the compaction, when `state` is set), oldest first. */
  updates: Uint8Array[];
  lastSeq: number;
  tokenEpoch: number;
}

/** A named iteration of a board, saved by the facilitator. */
export interface VersionInfo {
  id: string;
  name: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/**
 * One person's dots in one vote (note id -> dots), held by the server while the vote is open so that no
 * client can read anyone else's. `voter` is a hash of the person's secret voter key, never their id.
 */
export type StoredBallot = Record<string, number>;
/** How many versions a board may keep, in all and created since a moment (a sliding window). */
export interface VersionQuota {
  maxVersions: number;
  maxRecent: number;
  /** Milliseconds since the epoch: versions created at or after it are recent. */
  since: number;
}

/** Why saveVersion did not save: the board holds maxVersions, or maxRecent created since `since`. */
export type VersionRefusal = { limit: 'total' } | { limit: 'recent'; oldestRecent: number };

export interface Storage {
  /** Stores a new board; rejects when the id exists. */
  createBoard(id: string, state: Uint8Array): Promise<void>;
  hasBoard(id: string): Promise<boolean>;
  /** Null when the board does not exist. */
  load(id: string): Promise<StoredBoard | null>;
  /**
   * The heads of the boards among `ids` that exist, in one read however many there are: a node's
   * periodic catch-up asks this for every board it has loaded, and reads more only of those whose
   * log moved past what it has seen.
   */
  boardHeads(ids: readonly string[]): Promise<Map<string, BoardHead>>;
  /**
   * What was appended after `afterSeq`, in one consistent read: the rows numbered above it, and the
   * compacted state too when a compaction has folded some of those rows. Null for an unknown board.
   */
  updatesSince(id: string, afterSeq: number): Promise<StoredChanges | null>;
  /** Appends the updates in order, atomically, and resolves to the new lastSeq. Rejects for an unknown board. */
  appendUpdates(id: string, updates: Uint8Array[]): Promise<number>;
  /**
   * Folds the log rows with seq <= uptoSeq into the stored state, in one transaction: the new state is
   * `state`, which the caller guarantees holds those rows (one node, the board's only writer), or, in an
   * adapter for several nodes, `state` merged with the rows (another node may have written some).
   */
  compact(id: string, state: Uint8Array, uptoSeq: number): Promise<void>;
  /** The board's token generation, or null when the board does not exist. */
  tokenEpoch(id: string): Promise<number | null>;
  /** Raises the board's token generation by one, atomically, and resolves to it. Rejects for an unknown board. */
  revokeTokens(id: string): Promise<number>;
  /** The number of rows in the board's log. */
  logLength(id: string): Promise<number>;
  /**
   * Stores a named version of a board (its whole state as one update), unless the board is at a limit of
   * `quota`, checked in the same transaction as the write, so that concurrent saves (from any node)
   * never pass it together. Resolves to null when saved, else to the limit. Rejects for an unknown board.
   */
  saveVersion(
    boardId: string,
    version: VersionInfo,
    state: Uint8Array,
    quota?: VersionQuota,
  ): Promise<VersionRefusal | null>;
  /** The board's versions, oldest first (empty for an unknown board). */
  listVersions(boardId: string): Promise<VersionInfo[]>;
  /** A version's state, or null when the board has no such version. */
  loadVersion(boardId: string, versionId: string): Promise<Uint8Array | null>;
  /**
   * Stores a person's ballot in a vote, replacing the one they had; an empty ballot deletes it. With
   * `maxBallots`, a person without a ballot in the vote gets none once it holds that many: resolves to
   * false, nothing stored (counted in the same transaction as the write, so that new voters arriving
   * together, on any node, never pass it together). Resolves to true otherwise. Rejects for an unknown
   * board.
   */
  saveBallot(
    boardId: string,
    voteId: string,
    voter: string,
    dots: Readonly<StoredBallot>,
    maxBallots?: number,
  ): Promise<boolean>;
  /** A person's ballot in a vote, or null when they have none. */
  loadBallot(boardId: string, voteId: string, voter: string): Promise<StoredBallot | null>;
  /** Every ballot of a vote, in no particular order and without who cast it. */
  listBallots(boardId: string, voteId: string): Promise<StoredBallot[]>;
  /** Deletes every ballot of the board, of any vote (once a reveal wrote the totals into the board). */
  deleteBallots(boardId: string): Promise<void>;
  /** Resolves when storage can serve; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
