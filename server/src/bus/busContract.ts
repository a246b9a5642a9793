import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../testing';
import { decodeRevocation, encodeRevocation, type Bus, type BusKind } from './Bus';

/** Several nodes' buses on one medium (an in-process hub, a Redis server). */
export interface BusCluster {
  /** The bus of a new node on the medium, once it is connected to it. */
  node(): Bus | Promise<Bus>;
  /**
   * Makes every node's bus lose the medium for a moment and get it back, as when Redis drops every
   * connection or restarts; resolves once that has happened (the buses may still be reconnecting).
   */
  interrupt(): Promise<void>;
  /** Closes every bus the cluster made and whatever the medium needs closing. */
  dispose(): Promise<void>;
}

type Message = [BusKind, number[]];

/** What a node's subscription to a board received, in order. */
class Inbox {
  readonly messages: Message[] = [];
  readonly handler = (kind: BusKind, payload: Uint8Array) => this.messages.push([kind, [...payload]]);

  has(kind: BusKind, payload: Uint8Array): boolean {
    return this.messages.some(([k, p]) => k === kind && p.join() === [...payload].join());
  }

  async receives(kind: BusKind, payload: Uint8Array, what: string): Promise<void> {
    await waitFor(() => this.has(kind, payload), what, 10_000);
  }
}

const boardId = () => randomBytes(16).toString('hex');
const bytes = (...values: number[]) => new Uint8Array(values);

/** The behaviour every Bus must have; each bus's test file registers it once. */
export function describeBusContract(name: string, makeCluster: () => BusCluster | Promise<BusCluster>): void {
  describe(`Bus contract: ${name}`, () => {
    let cluster: BusCluster;
    beforeEach(async () => {
      cluster = await makeCluster();
    });
    afterEach(async () => {
      await cluster.dispose();
    });

    async function nodes(count: number): Promise<Bus[]> {
      const made: Bus[] = [];
      for (let i = 0; i < count; i++) made.push(await cluster.node());
      return made;
    }

    /** A subscription of `bus` to `board`, recorded. */
    async function listen(bus: Bus, board: string): Promise<Inbox> {
      const inbox = new Inbox();
      await bus.subscribe(board, inbox.handler);
      return inbox;
    }

    it('delivers each kind to every other node subscribed to the board, in order, bytes intact', async () => {
      const [a, b, c] = await nodes(3);
      const board = boardId();
      const inboxes = [await listen(b, board), await listen(c, board)];
      const sent: Message[] = [
        ['update', [0, 1, 2, 255]],
        ['awareness', [1, 0]],
        ['revocation', [...encodeRevocation(7)]],
        ['update', [9]],
      ];
      for (const [kind, payload] of sent) a.publish(board, kind, new Uint8Array(payload));
      for (const inbox of inboxes) {
        await inbox.receives('update', bytes(9), 'the last message');
        expect(inbox.messages).toEqual(sent);
      }
      expect(decodeRevocation(new Uint8Array(inboxes[0]!.messages[2]![1]))).toBe(7);
    });

    it('delivers nothing to other boards, nor back to the node that published', async () => {
      const [a, b, c] = await nodes(3);
      const [board, other] = [boardId(), boardId()];
      const own = await listen(a, board);
      const peer = await listen(b, board);
      const elsewhere = await listen(c, other);
      a.publish(board, 'update', bytes(1));
      await peer.receives('update', bytes(1), 'a’s message at b');
      // Published after a's own message: once a has it, a would have had its own before it.
      b.publish(board, 'update', bytes(2));
      b.publish(other, 'update', bytes(3));
      await own.receives('update', bytes(2), 'b’s message at a');
      await elsewhere.receives('update', bytes(3), 'b’s message on the other board');
      expect(own.messages).toEqual([['update', [2]]]);
      expect(elsewhere.messages).toEqual([['update', [3]]]);
    });

    it('stops delivering a board once unsubscribed, and delivers again on a new subscription', async () => {
      const [a, b] = await nodes(2);
      const [board, witness] = [boardId(), boardId()];
      const left = await listen(b, board);
      const staying = await listen(b, witness);
      b.unsubscribe(board);
      a.publish(board, 'update', bytes(1));
      a.publish(witness, 'update', bytes(2));
      await staying.receives('update', bytes(2), 'the message on the board b still follows');
      expect(left.messages).toEqual([]);

      const back = await listen(b, board);
      a.publish(board, 'awareness', bytes(3));
      await back.receives('awareness', bytes(3), 'the message after subscribing again');
      expect(left.messages).toEqual([]);
    });

    it('gives a new subscription what was published a moment before it', async () => {
      // A node may relay an update before storing it: a node loading the board meanwhile needs it.
      const [a, b, c] = await nodes(3);
      const board = boardId();
      const early = await listen(c, board);
      a.publish(board, 'update', bytes(4, 2));
      await early.receives('update', bytes(4, 2), 'the message at a node already subscribed');
      const late = await listen(b, board);
      await late.receives('update', bytes(4, 2), 'the message at the node that subscribed after it');
    });

    it('tells every node of a gap when the medium comes back, and delivers again after it', async () => {
      const [a, b] = await nodes(2);
      const gaps = [0, 0];
      a.onGap(() => gaps[0]!++);
      b.onGap(() => gaps[1]!++);
      const board = boardId();
      const inbox = await listen(b, board);
      await cluster.interrupt();
      await waitFor(() => gaps.every((count) => count > 0), 'both nodes to hear of the gap', 10_000);
      a.publish(board, 'update', bytes(5));
      await inbox.receives('update', bytes(5), 'a message published after the gap');
    });

    it('once closed, a node neither delivers nor publishes, and the others go on', async () => {
      const [a, b, c] = await nodes(3);
      const board = boardId();
      const closed = await listen(b, board);
      const open = await listen(c, board);
      await b.close();
      await b.close();
      b.publish(board, 'update', bytes(6));
      a.publish(board, 'update', bytes(7));
      await open.receives('update', bytes(7), 'a message after b closed');
      expect(open.messages).toEqual([['update', [7]]]);
      expect(closed.messages).toEqual([]);
    });
  });
}
