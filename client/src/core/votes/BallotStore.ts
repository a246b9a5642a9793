import {
  changeBallot,
  EMPTY_BALLOT,
  pruneBallot,
  type Ballot,
  type DotRefusal,
  type DotTarget,
  type VoteState,
} from '@shared';
import type { BallotApi } from './ballotApi';

/** What a dot did: shared's refusals, or `not saved` when the server could not be reached. */
export type BallotResult = { ok: true; dotsLeft: number } | { ok: false; reason: DotRefusal | 'not saved' };

type Sent = { ok: true } | { ok: false; reason: DotRefusal | 'not saved' };
type Listener = () => void;

/**
 * This person's sealed ballot in the open vote of one board: read back from the server when a vote opens
 * (and after a reconnect), changed a dot at a time. A dot shows at once and is checked here as the server
 * will check it; the whole ballot then goes to the server, one request at a time, a later request
 * carrying every dot placed meanwhile. When the server refuses (or cannot be reached) the ballot falls
 * back to what the server holds, and the dot's promise says why.
 *
 * Only this person's own dots are ever here: nobody else's reach this device.
 */
export class BallotStore {
  private voteId: string | null = null;
  private dotsPerPerson = 0;
  /** What this person sees: the server's ballot with the dots on their way. */
  private shown: Ballot = EMPTY_BALLOT;
  /** What the server holds, as last heard. */
  private held: Ballot = EMPTY_BALLOT;
  /** Bumped when the vote changes: answers about an earlier vote are ignored. */
  private generation = 0;
  private loading: Promise<void> | null = null;
  private sending: Promise<Sent> | null = null;
  private queued: Promise<Sent> | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly api: BallotApi) {}

  /** Follows the board's vote: an open vote's ballot is read from the server; without one, none. */
  follow(vote: VoteState | null): void {
    const voteId = vote?.status === 'open' ? vote.id : null;
    if (voteId === this.voteId) return;
    this.generation += 1;
    this.voteId = voteId;
    this.dotsPerPerson = vote?.dotsPerPerson ?? 0;
    this.sending = this.queued = null;
    this.held = EMPTY_BALLOT;
    this.setShown(EMPTY_BALLOT);
    this.loading = voteId ? this.load(voteId) : null;
  }

  /** Reads the ballot back from the server (after a reconnect), unless dots are on their way. */
  reload(): void {
    if (!this.voteId || this.sending || this.loading) return;
    this.loading = this.load(this.voteId);
  }

  getBallot = (): Ballot => this.shown;

  /** This person's dots on a note. */
  dotsOn(noteId: string): number {
    return this.shown[noteId] ?? 0;
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Places one of this person's dots on a note, or takes one back. `target` is where the note stands in
   * the vote and `exists` tells which notes are still on the board (dots on deleted ones are free).
   */
  async change(
    noteId: string,
    action: 'place' | 'remove',
    target: DotTarget,
    exists: (noteId: string) => boolean,
  ): Promise<BallotResult> {
    if (this.loading) await this.loading;
    if (!this.voteId) return { ok: false, reason: 'no open vote' };
    const generation = this.generation;
    const local = changeBallot(pruneBallot(this.shown, exists), noteId, action, this.dotsPerPerson, target);
    if (!local.ok) return local;
    this.setShown(local.ballot);
    const sent = await this.send();
    if (generation !== this.generation) return { ok: false, reason: 'no open vote' };
    return sent.ok ? { ok: true, dotsLeft: local.dotsLeft } : sent;
  }

  private async load(voteId: string): Promise<void> {
    const generation = this.generation;
    try {
      const answer = await this.api.get();
      if (generation === this.generation && answer.voteId === voteId) {
        this.held = answer.dots;
        this.setShown(answer.dots);
      }
    } catch {
      // Unreachable: the ballot shows empty until the next reload; a dot placed meanwhile sends the
      // whole ballot, and a refusal then brings back what the server holds.
    } finally {
      if (generation === this.generation) this.loading = null;
    }
  }

  private send(): Promise<Sent> {
    if (this.sending) {
      // One request at a time; the next carries every dot placed while this one was on its way, and
      // fails with it if it fails (its dots were dropped with the ballot falling back).
      this.queued ??= this.sending.then((outcome) => {
        this.queued = null;
        return outcome.ok ? this.send() : outcome;
      });
      return this.queued;
    }
    const sending = this.putShown().finally(() => {
      if (this.sending === sending) this.sending = null;
    });
    this.sending = sending;
    return sending;
  }

  private async putShown(): Promise<Sent> {
    const generation = this.generation;
    const voteId = this.voteId;
    const sent = this.shown;
    if (!voteId) return { ok: false, reason: 'no open vote' };
    if (sent === this.held) return { ok: true };
    try {
      const reply = await this.api.put(voteId, sent);
      if (generation !== this.generation) return { ok: false, reason: 'no open vote' };
      if (reply.ok) {
        this.held = reply.answer.dots;
        if (this.shown === sent) this.setShown(reply.answer.dots);
        return { ok: true };
      }
      this.fallBack(reply.refusal.voteId === voteId ? reply.refusal.dots : EMPTY_BALLOT);
      return { ok: false, reason: reply.refusal.reason };
    } catch {
      if (generation !== this.generation) return { ok: false, reason: 'no open vote' };
      this.fallBack(this.held);
      return { ok: false, reason: 'not saved' };
    }
  }

  private fallBack(held: Ballot): void {
    this.held = held;
    this.setShown(held);
  }

  private setShown(ballot: Ballot): void {
    if (ballot === this.shown) return;
    this.shown = ballot;
    for (const listener of this.listeners) listener();
  }
}
