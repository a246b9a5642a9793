/**
 * How many frames the relay sends with and without outbound batching, under workshop traffic over
 * loopback: one room of 50 people, each moving a note once a second and a cursor ten times a second
 * (and a busier variant at thirty cursor moves a second). The relay runs in its own process.
 *
 *   npx tsx server/scripts/measureFrames.ts [seconds]
 */
import { addNote, moveNotes, SYNC_PATH, type CreatedBoard } from '@shared';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { encodeAwareness, encodeUpdate } from '../src/protocol';
import { ServerProcess } from '../src/processTesting';

const PEOPLE = 50;
const SECONDS = Number(process.argv[2] ?? 5);

interface Result {
  received: number;
  frames: number;
  bytes: number;
  cpuSeconds: number;
  /** Seconds between the two scrapes: longer than asked when the relay falls behind. */
  seconds: number;
  connected?: number;
}

/** Sums the samples of the relay's /metrics whose name (with labels) starts with `prefix`. */
async function scrape(url: string, prefix: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(prefix))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

async function counters(url: string): Promise<Result> {
  return {
    seconds: performance.now() / 1000,
    received: await scrape(url, 'board_messages_received_total'),
    frames: await scrape(url, 'board_messages_sent_total'),
    bytes: await scrape(url, 'board_sent_bytes_total'),
    cpuSeconds: await scrape(url, 'process_cpu_seconds_total'),
  };
}

async function run(batch: boolean, cursorHz: number): Promise<Result> {
  const relay = new ServerProcess({ env: { BATCH_OUTBOUND: batch ? '1' : '0' } });
  await relay.start();
  const board = (await (
    await fetch(`${relay.origin}/api/boards`, { method: 'POST' })
  ).json()) as CreatedBoard;
  const sockets = await Promise.all(
    Array.from({ length: PEOPLE }, async () => {
      const ws = new WebSocket(
        `ws://127.0.0.1:${relay.port}${SYNC_PATH}/${board.id}?token=${board.editToken}`,
      );
      await new Promise((resolve) => ws.once('open', resolve));
      return ws;
    }),
  );
  const timers: NodeJS.Timeout[] = [];
  for (const ws of sockets) {
    ws.on('message', () => {});
    const doc = new Y.Doc();
    const presence = new awarenessProtocol.Awareness(doc);
    let update: Uint8Array | null = null;
    doc.on('update', (u: Uint8Array) => (update = u));
    const note = addNote(doc, { x: 0, y: 0, text: 'mine', author: 'p', department: 'd' }, 'bench');
    ws.send(encodeUpdate(update!));
    // Random phases, as people do not move in step.
    const start = (everyMs: number, action: () => Uint8Array) =>
      timers.push(
        setTimeout(() => timers.push(setInterval(() => ws.send(action()), everyMs)), Math.random() * everyMs),
      );
    start(1000, () => {
      moveNotes(doc, [{ id: note, x: Math.random() * 1000, y: Math.random() * 1000 }], 'bench');
      return encodeUpdate(update!);
    });
    start(1000 / cursorHz, () => {
      presence.setLocalStateField('cursor', { x: Math.random() * 1000, y: Math.random() * 1000 });
      return encodeAwareness(presence, [doc.clientID]);
    });
  }
  await new Promise((resolve) => setTimeout(resolve, 1000)); // let the joins settle
  const start = await counters(relay.origin);
  await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
  const end = await counters(relay.origin);
  const result = {
    received: end.received - start.received,
    frames: end.frames - start.frames,
    bytes: end.bytes - start.bytes,
    cpuSeconds: end.cpuSeconds - start.cpuSeconds,
    seconds: end.seconds - start.seconds,
    // A relay that cannot keep up closes the readers it falls behind on (4508): show how many remain.
    connected: await scrape(relay.origin, 'board_connections'),
  };
  for (const timer of timers) clearInterval(timer);
  for (const ws of sockets) ws.terminate();
  await relay.dispose();
  return result;
}

for (const cursorHz of (process.argv[3] ?? '10,30').split(',').map(Number)) {
  const before = await run(false, cursorHz);
  const after = await run(true, cursorHz);
  const row = (label: string, r: Result) => {
    const perSecond = (n: number) => Math.round(n / r.seconds);
    console.log(
      `  ${label}: ${perSecond(r.received)} messages in/s, ${perSecond(r.frames)} frames out/s ` +
        `(${(r.frames / r.received).toFixed(1)} per message in), ${perSecond(r.bytes / 1024)} KiB/s out, ` +
        `relay CPU ${((r.cpuSeconds / r.seconds) * 100).toFixed(0)}% over ${r.seconds.toFixed(1)} s, ` +
        `${r.connected} of ${PEOPLE} still connected`,
    );
  };
  row('without batching', before);
  row('with batching   ', after);
}
