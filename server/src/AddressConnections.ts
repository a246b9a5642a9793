/**
 * The sync connections each client address holds, and on how many boards, so that one address cannot
 * fill a board (or the server's table of rooms) on its own while other addresses join normally. Only
 * addresses with an open connection have an entry: memory follows the live connections.
 */
export class AddressConnections {
  private readonly byAddress = new Map<string, { connections: number; boards: Map<string, number> }>();

  constructor(
    private readonly maxConnections: number,
    private readonly maxBoards: number,
  ) {}

  /**
   * Takes a place for one connection of `address` to `boardId`. Returns the function that gives it
   * back (call it once, when the connection closes), or the limit that refuses it.
   */
  join(address: string, boardId: string): (() => void) | 'connectionsPerAddress' | 'boardsPerAddress' {
    let entry = this.byAddress.get(address);
    if (entry && entry.connections >= this.maxConnections) return 'connectionsPerAddress';
    const onBoard = entry?.boards.get(boardId) ?? 0;
    if (entry && onBoard === 0 && entry.boards.size >= this.maxBoards) return 'boardsPerAddress';
    if (!entry) {
      entry = { connections: 0, boards: new Map() };
      this.byAddress.set(address, entry);
    }
    entry.connections++;
    entry.boards.set(boardId, onBoard + 1);
    const held = entry;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      held.connections--;
      const left = held.boards.get(boardId)! - 1;
      if (left === 0) held.boards.delete(boardId);
      else held.boards.set(boardId, left);
      if (held.connections === 0) this.byAddress.delete(address);
    };
  }

  /** The addresses holding a connection now (for tests: it returns to 0 once everyone left). */
  get size(): number {
    return this.byAddress.size;
  }
}
