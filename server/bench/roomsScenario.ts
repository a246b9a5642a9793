import * as Y from 'yjs';
import { createRoom, fillRoom, noteId, roomUrl, type BenchRoom, type TargetInfo } from './boards';
import { FanoutTracker } from './FanoutTracker';
import { openSelfWindow, openWindow, otherBusyCores } from './procStats';
import type { MeasuredProcesses, RoomsResult, RoomsScenario } from './scenarioTypes';
import { SimClient, Traffic } from './SimClient';
import { forEachStructRange } from './updateIds';

const CONNECT_BATCH = 25;
const PRUNE_EVERY_MS = 2000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Person {
  client: SimClient;
  /** Index of the note this person drags, on their room's board. */
  note: number;
  x: number;
  y: number;
  cursorX: number;
  cursorY: number;
  /** Awareness states this person sent (each state carries it first: see awarenessSeq). */
  seq: number;
}

// A small random walk: realistic drags, and every update differs from the last.
function step(value: number): number {
  return Math.round((value + (Math.random() - 0.5) * 40) * 10) / 10;
}

/** Runs one load scenario against a started server and measures it. */
export async function runRoomsScenario(
  spec: RoomsScenario,
  target: TargetInfo,
  processes: MeasuredProcesses,
): Promise<RoomsResult> {
  const traffic = new Traffic();
  const roomSizes = Array.from({ length: spec.rooms }, () => spec.peoplePerRoom);
  const docs = new FanoutTracker(roomSizes);
  const awareness = new FanoutTracker(roomSizes, true);
  const handlers = {
    onUpdate(receiver: SimClient, update: Uint8Array, at: number) {
      // Every item of the update, so that a relay merging several updates into one is measured right.
      const receipt = (client: number, clock: number, length: number) => {
        for (let c = clock; c < clock + length; c++) {
          docs.recordReceipt(client, c, receiver.clientId, receiver.room, at);
        }
      };
      if (spec.light) {
        forEachStructRange(update, receipt);
        return;
      }
      for (const struct of Y.decodeUpdate(update).structs) {
        // Skips are gaps in a merged update: no item lies in them (forEachStructRange leaves them out too).
        if (!(struct instanceof Y.Skip)) receipt(struct.id.client, struct.id.clock, struct.length);
      }
    },
    onAwarenessEntry(receiver: SimClient, clientId: number, seq: number | null, at: number) {
      // By the state's own seq, not the entry's clock (see awarenessSeq).
      if (seq !== null) awareness.recordReceipt(clientId, seq, receiver.clientId, receiver.room, at);
    },
  };

  const people: Person[] = [];
  const timers: NodeJS.Timeout[] = [];
  try {
    // Set-up: boards with notes, then the people, connected a batch at a time as a workshop trickles in.
    const rooms: BenchRoom[] = [];
    const fillers: SimClient[] = [];
    for (let r = 0; r < spec.rooms; r++) {
      const room = await createRoom(target);
      rooms.push(room);
      fillers.push(await fillRoom(target, room, spec.notesPerRoom, traffic));
    }
    for (let r = 0; r < spec.rooms; r++) {
      // One document for the room's people (see SimClient): the generator's heap stays small.
      const roomDoc = new Y.Doc();
      for (let p = 0; p < spec.peoplePerRoom; p++) {
        people.push({
          client: new SimClient(r, traffic, handlers, roomDoc),
          note: p,
          x: 0,
          y: 0,
          cursorX: 0,
          cursorY: 0,
          seq: 0,
        });
      }
    }
    for (let i = 0; i < people.length; i += CONNECT_BATCH) {
      await Promise.all(
        people
          .slice(i, i + CONNECT_BATCH)
          .map((p) => p.client.connect(roomUrl(rooms[p.client.room]!, p.note))),
      );
    }
    // The rooms stay loaded through their people; the fillers would only add silent receivers.
    await Promise.all(fillers.map((filler) => filler.close()));

    for (const person of people) {
      const note = person.client.doc.getMap('notes').get(noteId(person.note)) as Y.Map<unknown> | undefined;
      if (!note) throw new Error(`note ${person.note} missing after sync`);
      person.x = note.get('x') as number;
      person.y = note.get('y') as number;
    }

    const moveNote = (person: Person) => {
      person.x = step(person.x);
      person.y = step(person.y);
      const at = performance.now();
      const clock = person.client.moveNote(noteId(person.note), person.x, person.y);
      docs.recordSend(person.client.clientId, clock, person.client.room, at);
    };
    const moveCursor = (person: Person) => {
      person.cursorX = step(person.cursorX);
      person.cursorY = step(person.cursorY);
      const seq = ++person.seq;
      const state = {
        seq,
        user: { name: `Person ${person.note}`, department: 'firmware', color: '#f4b400' },
        cursor: { x: person.cursorX, y: person.cursorY },
      };
      const at = performance.now();
      person.client.setAwareness(state);
      awareness.recordSend(person.client.clientId, seq, person.client.room, at);
    };
    // Random phases spread the traffic over each period instead of sending it all at once.
    const every = (periodMs: number, action: () => void) => {
      const start = setTimeout(() => {
        action();
        timers.push(setInterval(action, periodMs));
      }, Math.random() * periodMs);
      timers.push(start);
    };
    for (const person of people) {
      every(1000 / spec.docHz, () => moveNote(person));
      every(1000 / spec.awarenessHz, () => moveCursor(person));
    }
    timers.push(
      setInterval(() => {
        const now = performance.now();
        docs.prune(now, 10_000);
        awareness.prune(now, 10_000);
      }, PRUNE_EVERY_MS),
    );

    await sleep(spec.warmupMs);

    // The measuring window.
    const closeServerWindow = openWindow(processes.pids);
    const closeBusWindow = processes.busPid === undefined ? null : openWindow(processes.busPid);
    const closeSelfWindow = openSelfWindow();
    const windowStart = performance.now();
    setMeasuring(true);
    await sleep(spec.durationMs);
    setMeasuring(false);
    const windowSeconds = (performance.now() - windowStart) / 1000;
    const server = closeServerWindow();
    const bus = closeBusWindow?.() ?? null;
    const loadgen = closeSelfWindow();
    for (const timer of timers) clearTimeout(timer);

    // Receipts of messages sent inside the window still count while the server catches up.
    await sleep(spec.drainMs);

    return {
      kind: 'rooms',
      windowSeconds,
      people: people.length,
      doc: docs.result(),
      awareness: awareness.result(),
      sentPerSecond: traffic.sentFrames / windowSeconds,
      receivedPerSecond: traffic.receivedFrames / windowSeconds,
      sentBytesPerSecond: traffic.sentBytes / windowSeconds,
      receivedBytesPerSecond: traffic.receivedBytes / windowSeconds,
      awarenessFramesPerClientPerSecond: traffic.receivedAwarenessFrames / windowSeconds / people.length,
      server,
      bus,
      loadgen: { cpuPercent: loadgen.cpuPercent, loopDelayP99Ms: loadgen.loopDelayP99Ms },
      machine: {
        otherBusyCores: otherBusyCores(
          loadgen.machineBusyCores,
          server.cpuSeconds + (bus?.cpuSeconds ?? 0),
          loadgen.cpuPercent,
          loadgen.seconds,
        ),
      },
      unexpectedCloses: Object.fromEntries(traffic.unexpectedCloses),
    };
  } finally {
    for (const timer of timers) clearTimeout(timer);
    await Promise.all(people.map((person) => person.client.close()));
  }

  function setMeasuring(on: boolean): void {
    traffic.measuring = on;
    docs.setMeasuring(on);
    awareness.setMeasuring(on);
  }
}
