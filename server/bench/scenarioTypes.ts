import type { FanoutResult } from './FanoutTracker';
import type { ServerKind } from './servers';
import type { LatencySummary } from './stats';

/** Many people in one or more rooms, each moving a note and a cursor at fixed rates. */
export interface RoomsScenario {
  kind: 'rooms';
  id: string;
  title: string;
  rooms: number;
  peoplePerRoom: number;
  /** Notes on each board before the people join (at least one per person: each moves their own). */
  notesPerRoom: number;
  /** Document updates (note moves) per second per person. */
  docHz: number;
  /** Awareness updates (cursor moves) per second per person. */
  awarenessHz: number;
  warmupMs: number;
  durationMs: number;
  /** After the window, how long receipts of messages sent inside it are still awaited. */
  drainMs: number;
}

/** New clients joining a large board, warm (someone is connected) and, on our server, cold (only in storage). */
export interface JoinScenario {
  kind: 'join';
  id: string;
  title: string;
  notes: number;
  /** Timed joins per mode, after one untimed join that warms up both ends. */
  joins: number;
  cold: boolean;
}

export type Scenario = RoomsScenario | JoinScenario;

/** The server process's resource use over a scenario's measuring window. */
export interface ServerResources {
  cpuSeconds: number;
  /**
   * The part of cpuSeconds spent in the kernel on the process's behalf: on loopback, mostly sending
   * (a write runs the receiver's TCP path too), so it tells socket writes from the server's own work.
   */
  cpuSystemSeconds?: number;
  peakRssMiB: number;
  /** Resident set when the window opened (after set-up), to tell the baseline from the load's share. */
  rssAtStartMiB: number;
  /** Resident set of the idle server just after it started, before any board or client. */
  idleRssMiB?: number;
}

/**
 * Cores kept busy during the window by neither the server nor the load generator: other programs on the
 * machine and the kernel's loopback work. Well above a few tenths, the figures are disturbed.
 */
export interface MachineLoad {
  otherBusyCores: number;
}

export interface RoomsResult {
  kind: 'rooms';
  windowSeconds: number;
  people: number;
  doc: FanoutResult;
  awareness: FanoutResult;
  /** Frames (and bytes) per second sent by all clients to the server, and received by them from it. */
  sentPerSecond: number;
  receivedPerSecond: number;
  sentBytesPerSecond: number;
  receivedBytesPerSecond: number;
  /** Frames carrying an awareness message received per client per second (what a browser handles). */
  awarenessFramesPerClientPerSecond?: number;
  /** Summed over the relay nodes when there are several. */
  server: ServerResources;
  /** The Redis server between the nodes, when the run has one and can read its pid. */
  bus: ServerResources | null;
  /**
   * The load generator's own CPU share (of one core) and event-loop delay: when these are high, part of
   * the latency is the generator's, not the server's.
   */
  loadgen: { cpuPercent: number; loopDelayP99Ms: number };
  machine: MachineLoad;
  unexpectedCloses: Record<string, number>;
}

export interface JoinTimes {
  /** From opening the WebSocket to the sync step 2 arriving. */
  step2Ms: LatencySummary;
  /** From opening the WebSocket to the step 2 applied to the client's document: fully synced. */
  syncedMs: LatencySummary;
  samplesMs: number[];
}

export interface JoinResult {
  kind: 'join';
  notes: number;
  stateBytes: number;
  warm: JoinTimes;
  cold: JoinTimes | null;
  /** False when the server did not report its loaded rooms, so a cold room could not be confirmed. */
  coldConfirmed: boolean;
  /** Over the warm joins, summed over the relay nodes. */
  server: ServerResources;
  /** Over the cold joins (ours only). */
  serverCold: ServerResources | null;
  /** The Redis server between the nodes over all the joins, when the run has one. */
  bus: ServerResources | null;
  machine: MachineLoad;
}

export type ScenarioResult = RoomsResult | JoinResult;

/**
 * What a scenario runs against: one server, or several relay nodes sharing storage and a bus. Each
 * room's clients are spread evenly over the nodes; boards are created on the first.
 */
export interface RunTarget {
  kind: ServerKind;
  /** `http://127.0.0.1:<port>` of each node. */
  httpUrls: string[];
  /** The pid of each node, in the same order: their resources are summed. */
  pids: number[];
  /** The pid of the Redis server between the nodes, when there is one to measure. */
  busPid?: number;
}

/** The processes a scenario measures over its windows. */
export type MeasuredProcesses = Pick<RunTarget, 'pids' | 'busPid'>;

/** Parent -> load generator. */
export interface RunRequest {
  scenario: Scenario;
  target: RunTarget;
}

/** Load generator -> parent. */
export type RunReply = { type: 'result'; result: ScenarioResult } | { type: 'error'; message: string };
