/**
 * What one connection may make the room compute and send in answers to its requests (sync step 1,
 * query awareness), in bytes per second. Counting messages is not enough: one sync step 1 with a state
 * vector the board has never seen asks for the whole board, tens of milliseconds of encoding for a few
 * thousand notes, so a rate of small requests can hold the event loop for every board of the process.
 *
 * A token bucket in bytes that may go into debt: an answer may leave whenever the balance is positive,
 * whatever its size (a new client always gets the whole board at once), and its cost is then repaid at
 * `bytesPerSecond` before the next one. The bucket holds at most one second's worth.
 */
export class AnswerBudget {
  private balance: number;
  private last: number;

  constructor(
    private readonly bytesPerSecond: number,
    private readonly now: () => number = performance.now.bind(performance),
  ) {
    this.balance = bytesPerSecond;
    this.last = now();
  }

  /** Milliseconds until an answer may leave: 0 when it may leave now. */
  waitMs(): number {
    this.refill();
    return this.balance > 0 ? 0 : Math.ceil(((1 - this.balance) * 1000) / this.bytesPerSecond);
  }

  /** Charges an answer that cost `bytes`. */
  spend(bytes: number): void {
    this.refill();
    this.balance -= bytes;
  }

  private refill(): void {
    const now = this.now();
    this.balance = Math.min(
      this.bytesPerSecond,
      this.balance + ((now - this.last) * this.bytesPerSecond) / 1000,
    );
    this.last = now;
  }
}

/** What a connection asked for beyond its budget: answered together once the budget allows. */
export interface WaitingAnswer {
  /** The state vector of the latest sync step 1 still to answer (it answers the earlier ones too). */
  stateVector: Uint8Array | null;
  /** A query for awareness is still to answer. */
  awareness: boolean;
}

/**
 * A room's answers that wait for their connection's AnswerBudget: at most one waiting answer per
 * connection, which every later request joins (coalescing repeated sync step 1s into one answer to the
 * latest), sent by `send` when the budget allows.
 */
export class WaitingAnswers<C extends { readonly answerBudget: AnswerBudget; readonly closed: boolean }> {
  private readonly waiting = new Map<C, WaitingAnswer & { timer: NodeJS.Timeout }>();

  constructor(private readonly send: (connection: C, answer: WaitingAnswer) => void) {}

  /**
   * When `connection` has spent its budget, or has an answer waiting already (a later request never
   * overtakes it), adds this request to it (with `add`) and returns true. False when the answer may be
   * sent now.
   */
  defer(connection: C, add: (answer: WaitingAnswer) => void): boolean {
    let answer = this.waiting.get(connection);
    if (!answer) {
      const waitMs = connection.answerBudget.waitMs();
      if (waitMs === 0) return false;
      const timer = setTimeout(() => this.release(connection), waitMs);
      timer.unref();
      answer = { stateVector: null, awareness: false, timer };
      this.waiting.set(connection, answer);
    }
    add(answer);
    return true;
  }

  /** Drops what `connection` was waiting for (it left). */
  forget(connection: C): void {
    const answer = this.waiting.get(connection);
    if (!answer) return;
    clearTimeout(answer.timer);
    this.waiting.delete(connection);
  }

  dispose(): void {
    for (const answer of this.waiting.values()) clearTimeout(answer.timer);
    this.waiting.clear();
  }

  private release(connection: C): void {
    const answer = this.waiting.get(connection);
    if (!answer) return;
    this.waiting.delete(connection);
    if (!connection.closed) this.send(connection, answer);
  }
}
