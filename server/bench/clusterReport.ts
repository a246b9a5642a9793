import type { IdleStep } from './manyRooms';
import type { JoinResult, RoomsResult, Scenario, ScenarioResult } from './scenarioTypes';
import { formatFigure } from './report';
import { ratio } from './stats';

/** One line of the cluster report: a figure on one node and on two, and what the bus costs. */
export interface ClusterRow {
  scenario: string;
  figure: string;
  oneNode: number;
  twoNodes: number;
  /** twoNodes / oneNode: the cost of the bus (below 1 means two nodes did better). */
  ratio: number;
}

export interface ClusterOutcome {
  scenario: Scenario;
  oneNode: ScenarioResult | null;
  twoNodes: ScenarioResult | null;
}

const NA = Number.NaN;
const percent = (delivered: number, expected: number) => (expected > 0 ? (100 * delivered) / expected : NA);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function rows<T>(
  title: string,
  one: T | null,
  two: T | null,
  figures: [figure: string, pick: (result: T) => number | undefined][],
): ClusterRow[] {
  return figures.map(([figure, pick]) => {
    const oneNode = (one && pick(one)) ?? NA;
    const twoNodes = (two && pick(two)) ?? NA;
    return { scenario: title, figure, oneNode, twoNodes, ratio: ratio(twoNodes, oneNode) };
  });
}

/** Server and Redis together: what the whole deployment spent. */
const withBus = (server: number, bus: number | undefined) => server + (bus ?? 0);

function roomsRows(title: string, one: RoomsResult | null, two: RoomsResult | null): ClusterRow[] {
  return rows(title, one, two, [
    ['doc update fan-out p50 (ms)', (r) => r.doc.latencyMs.p50],
    ['doc update fan-out p95 (ms)', (r) => r.doc.latencyMs.p95],
    ['doc update fan-out p99 (ms)', (r) => r.doc.latencyMs.p99],
    ['awareness fan-out p50 (ms)', (r) => r.awareness.latencyMs.p50],
    ['awareness fan-out p95 (ms)', (r) => r.awareness.latencyMs.p95],
    ['awareness fan-out p99 (ms)', (r) => r.awareness.latencyMs.p99],
    ['doc updates delivered (%)', (r) => percent(r.doc.delivered, r.doc.expected)],
    ['awareness delivered (%)', (r) => percent(r.awareness.delivered, r.awareness.expected)],
    ['connections the server closed', (r) => sum(Object.values(r.unexpectedCloses))],
    ['server CPU, all nodes (s in window)', (r) => r.server.cpuSeconds],
    ['Redis CPU (s in window)', (r) => r.bus?.cpuSeconds],
    ['server + Redis CPU (s in window)', (r) => withBus(r.server.cpuSeconds, r.bus?.cpuSeconds)],
    ['server peak RSS, all nodes (MiB)', (r) => r.server.peakRssMiB],
    ['Redis peak RSS (MiB)', (r) => r.bus?.peakRssMiB],
    ['load generator CPU (% of a core)', (r) => r.loadgen.cpuPercent],
    ['other CPU on the machine (cores)', (r) => r.machine.otherBusyCores],
  ]);
}

function joinRows(title: string, one: JoinResult | null, two: JoinResult | null): ClusterRow[] {
  return rows(title, one, two, [
    ['cold join, synced, median (ms)', (r) => r.cold?.syncedMs.p50],
    ['cold join, synced, slowest (ms)', (r) => r.cold?.syncedMs.max],
    ['warm join, synced, median (ms)', (r) => r.warm.syncedMs.p50],
    ['server CPU, all nodes, warm joins (s)', (r) => r.server.cpuSeconds],
    ['server CPU, all nodes, cold joins (s)', (r) => r.serverCold?.cpuSeconds],
    ['Redis CPU, all joins (s)', (r) => r.bus?.cpuSeconds],
    ['server peak RSS, all nodes, warm joins (MiB)', (r) => r.server.peakRssMiB],
    ['server peak RSS, all nodes, cold joins (MiB)', (r) => r.serverCold?.peakRssMiB],
    ['other CPU on the machine (cores)', (r) => r.machine.otherBusyCores],
  ]);
}

export function buildClusterRows(outcomes: ClusterOutcome[]): ClusterRow[] {
  return outcomes.flatMap(({ scenario, oneNode, twoNodes }) =>
    scenario.kind === 'join'
      ? joinRows(scenario.title, oneNode as JoinResult | null, twoNodes as JoinResult | null)
      : roomsRows(scenario.title, oneNode as RoomsResult | null, twoNodes as RoomsResult | null),
  );
}

export function clusterMarkdownTable(rows: ClusterRow[]): string {
  const lines = [
    '| Scenario | Figure | One node | Two nodes | Two / one (cost of the bus) |',
    '|---|---|--:|--:|--:|',
  ];
  for (const r of rows) {
    const ratioText = Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}×` : '–';
    lines.push(
      `| ${r.scenario} | ${r.figure} | ${formatFigure(r.oneNode)} | ${formatFigure(r.twoNodes)} | ${ratioText} |`,
    );
  }
  return lines.join('\n');
}

/** The many-rooms scenario: one line per board count; flat columns mean rooms at rest cost nothing. */
export function manyRoomsMarkdownTable(steps: IdleStep[]): string {
  const lines = [
    '| Boards loaded (each on both nodes) | Node CPU at idle (% of a core, per node) | PostgreSQL scans/s | PostgreSQL rows read/s | PostgreSQL blocks touched (KiB/s) |',
    '|--:|--:|--:|--:|--:|',
  ];
  for (const step of steps) {
    const cpu = step.nodeCpu.map((share) => (100 * share).toFixed(2)).join(' / ');
    lines.push(
      `| ${step.boards} | ${cpu} | ${step.pgScansPerSecond.toFixed(1)} | ${step.pgRowsPerSecond.toFixed(1)} | ${(step.pgBlockBytesPerSecond / 1024).toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}
