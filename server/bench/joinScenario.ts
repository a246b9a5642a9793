import { createRoom, fillRoom, roomUrl, type BenchRoom, type TargetInfo } from './boards';
import { openSelfWindow, openWindow, otherBusyCores } from './procStats';
import type {
  JoinResult,
  JoinScenario,
  JoinTimes,
  MeasuredProcesses,
  ServerResources,
} from './scenarioTypes';
import { SimClient, Traffic } from './SimClient';
import { summarize } from './stats';

const UNLOAD_TIMEOUT_MS = 15_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Join {
  step2Ms: number;
  syncedMs: number;
  stateBytes: number;
}

/** One new client, timed from opening its WebSocket to its document holding the whole board. */
async function join(url: string, notes: number): Promise<Join> {
  const client = new SimClient(0, new Traffic());
  const start = performance.now();
  try {
    const { step2ReceivedAt, syncedAt } = await client.connect(url);
    const size = client.doc.getMap('notes').size;
    if (size !== notes) throw new Error(`joined a board with ${size} notes, expected ${notes}`);
    return {
      step2Ms: step2ReceivedAt - start,
      syncedMs: syncedAt - start,
      stateBytes: client.step2Bytes,
    };
  } finally {
    await client.close();
  }
}

function times(joins: Join[]): JoinTimes {
  return {
    step2Ms: summarize(joins.map((j) => j.step2Ms)),
    syncedMs: summarize(joins.map((j) => j.syncedMs)),
    samplesMs: joins.map((j) => j.syncedMs),
  };
}

/**
 * Waits until our server reports no room loaded (its /healthz counts them), so that the next join
 * really loads from storage. Returns false when the server does not report rooms at all.
 */
async function waitUntilUnloaded(httpUrl: string): Promise<boolean> {
  const deadline = Date.now() + UNLOAD_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const response = await fetch(`${httpUrl}/healthz`);
    const health = (await response.json()) as { rooms?: unknown };
    if (typeof health.rooms !== 'number') {
      await sleep(2000);
      return false;
    }
    if (health.rooms === 0) return true;
    await sleep(20);
  }
  throw new Error(`the room was still loaded ${UNLOAD_TIMEOUT_MS} ms after its last client left`);
}

async function timedJoins(room: BenchRoom, spec: JoinScenario, before: () => Promise<unknown>) {
  const joins: Join[] = [];
  // The first join warms up the JIT of both ends and is not counted. With several nodes, the joins
  // take turns among them.
  for (let i = 0; i <= spec.joins; i++) {
    await before();
    // The joiner's garbage from the join before (a 5,000-note document) is collected now, not in the
    // middle of the next join's apply, whichever server that is (`npm run bench` exposes gc).
    (globalThis as { gc?: () => void }).gc?.();
    const result = await join(roomUrl(room, i), spec.notes);
    if (i > 0) joins.push(result);
  }
  return joins;
}

/** Fills a board with `spec.notes` notes, then times new clients joining it warm and (ours) cold. */
export async function runJoinScenario(
  spec: JoinScenario,
  target: TargetInfo,
  processes: MeasuredProcesses,
): Promise<JoinResult> {
  const room = await createRoom(target);
  const holders = [await fillRoom(target, room, spec.notes, new Traffic())];
  let holdersOpen = true;
  const closeHolders = async () => {
    holdersOpen = false;
    await Promise.all(holders.map((holder) => holder.close()));
  };
  try {
    // Warm on every node: someone stays connected to each.
    for (const url of room.urls.slice(1)) {
      const holder = new SimClient(0, new Traffic());
      holders.push(holder);
      await holder.connect(url);
    }
    // Warm and cold joins are measured in separate windows: the reference has only warm ones, and a
    // cold load's transient memory should not be charged to the warm comparison.
    const closeSelfWindow = openSelfWindow();
    const closeBusWindow = processes.busPid === undefined ? null : openWindow(processes.busPid);
    const closeWarmWindow = openWindow(processes.pids);
    const warm = await timedJoins(room, spec, async () => undefined);
    const server = closeWarmWindow();

    let cold: Join[] | null = null;
    let serverCold: ServerResources | null = null;
    let coldConfirmed = false;
    if (spec.cold && target.kind === 'ours') {
      await closeHolders();
      coldConfirmed = true;
      const closeColdWindow = openWindow(processes.pids);
      cold = await timedJoins(room, spec, async () => {
        for (const httpUrl of target.httpUrls) {
          coldConfirmed = (await waitUntilUnloaded(httpUrl)) && coldConfirmed;
        }
      });
      serverCold = closeColdWindow();
    }

    const bus = closeBusWindow?.() ?? null;
    const self = closeSelfWindow();
    const serverCpu = server.cpuSeconds + (serverCold?.cpuSeconds ?? 0) + (bus?.cpuSeconds ?? 0);
    return {
      kind: 'join',
      notes: spec.notes,
      stateBytes: warm[0]?.stateBytes ?? 0,
      warm: times(warm),
      cold: cold ? times(cold) : null,
      coldConfirmed,
      server,
      serverCold,
      bus,
      machine: {
        otherBusyCores: otherBusyCores(self.machineBusyCores, serverCpu, self.cpuPercent, self.seconds),
      },
    };
  } finally {
    if (holdersOpen) await closeHolders();
  }
}
