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
