import type { JoinResult, RoomsResult, Scenario, ScenarioResult } from './scenarioTypes';
import { ratio } from './stats';

/** One line of the report. Every ratio is ours / reference, so below 1 means ours is lower. */
export interface Row {
  scenario: string;
  figure: string;
  ours: number;
  reference: number;
  /** ours / reference; NaN where the reference has no such figure. */
  ratio: number;
  /** Human-readable target, or '' for figures shown for context. */
  target: string;
  pass: boolean | null;
}

export interface ScenarioOutcome {
  scenario: Scenario;
  /** The round reported for each server (see --rounds). */
  ours: ScenarioResult | null;
  reference: ScenarioResult | null;
  rounds: { ours: ScenarioResult[]; reference: ScenarioResult[] };
}

const NA = Number.NaN;

function row(
  scenario: string,
  figure: string,
  ours: number,
  reference: number,
  target?: { maxRatio?: number; strictly?: boolean; below?: number; text: string },
): Row {
  const r = ratio(ours, reference);
  let pass: boolean | null = null;
  if (target?.maxRatio !== undefined) {
    const max = target.maxRatio;
    // No verdict when the reference was not run (--servers ours); a missing figure of ours fails.
    if (!Number.isFinite(reference)) pass = null;
    else pass = Number.isFinite(r) ? (target.strictly ? r < max : r <= max) : false;
  }
  if (target?.below !== undefined) pass = Number.isFinite(ours) ? ours < target.below : false;
  return { scenario, figure, ours, reference, ratio: r, target: target?.text ?? '', pass };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const percent = (delivered: number, expected: number) => (expected > 0 ? (100 * delivered) / expected : NA);

function roomsRows(title: string, ours: RoomsResult | null, ref: RoomsResult | null, factor: number): Row[] {
  const o = ours;
  const f = (pick: (r: RoomsResult) => number) => [o ? pick(o) : NA, ref ? pick(ref) : NA] as const;
  const limit = factor === 1 ? '≤ 1× ref' : `≤ ${factor}× ref`;
  const latencyTarget = { maxRatio: factor, text: limit };
  return [
    row(title, 'doc update fan-out p50 (ms)', ...f((r) => r.doc.latencyMs.p50)),
    row(title, 'doc update fan-out p95 (ms)', ...f((r) => r.doc.latencyMs.p95)),
    row(title, 'doc update fan-out p99 (ms)', ...f((r) => r.doc.latencyMs.p99), latencyTarget),
    row(title, 'awareness fan-out p50 (ms)', ...f((r) => r.awareness.latencyMs.p50)),
    row(title, 'awareness fan-out p95 (ms)', ...f((r) => r.awareness.latencyMs.p95)),
    row(title, 'awareness fan-out p99 (ms)', ...f((r) => r.awareness.latencyMs.p99), latencyTarget),
    row(title, 'doc updates delivered (%)', ...f((r) => percent(r.doc.delivered, r.doc.expected))),
    row(title, 'awareness delivered (%)', ...f((r) => percent(r.awareness.delivered, r.awareness.expected))),
    row(
      title,
      'awareness superseded by a newer state (%)',
      ...f((r) => percent(r.awareness.superseded, r.awareness.expected)),
    ),
    row(title, 'connections the server closed', ...f((r) => sum(Object.values(r.unexpectedCloses)))),
    row(title, 'frames/s sent to server', ...f((r) => r.sentPerSecond)),
    row(title, 'frames/s received by clients', ...f((r) => r.receivedPerSecond)),
    row(title, 'server CPU (s in window)', ...f((r) => r.server.cpuSeconds), {
      maxRatio: factor,
      text: limit,
    }),
    row(title, '… of which in the kernel (s)', ...f((r) => r.server.cpuSystemSeconds ?? NA)),
    row(title, 'server peak RSS (MiB)', ...f((r) => r.server.peakRssMiB), { maxRatio: 1, text: '≤ 1× ref' }),
    row(title, 'server RSS idle, before set-up (MiB)', ...f((r) => r.server.idleRssMiB ?? NA)),
    row(title, 'load generator CPU (% of a core)', ...f((r) => r.loadgen.cpuPercent)),
    row(title, 'load generator loop delay p99 (ms)', ...f((r) => r.loadgen.loopDelayP99Ms)),
    row(title, 'other CPU on the machine (cores)', ...f((r) => r.machine.otherBusyCores)),
  ];
}

function joinRows(title: string, ours: JoinResult | null, ref: JoinResult | null): Row[] {
  const f = (pick: (r: JoinResult) => number | undefined) =>
    [(ours && pick(ours)) ?? NA, (ref && pick(ref)) ?? NA] as const;
  const oursOnly = (pick: (r: JoinResult) => number | undefined) => [(ours && pick(ours)) ?? NA, NA] as const;
  const refWarm = ref ? ref.warm.syncedMs.p50 : NA;
  const refWarmRss = ref ? ref.server.peakRssMiB : NA;
  const oursCold = ours?.cold ? ours.cold.syncedMs.p50 : NA;
  const rssTarget = { maxRatio: 1, text: '≤ 1× ref' };
  return [
    row(title, 'cold join, synced, median (ms) vs ref warm', oursCold, refWarm, {
      maxRatio: 1,
      strictly: true,
      text: '< ref warm',
    }),
    row(title, 'cold join, synced, median (ms): design budget', oursCold, NA, {
      below: 1000,
      text: '< 1000 ms',
    }),
    row(title, 'cold join, synced, slowest (ms)', ...oursOnly((r) => r.cold?.syncedMs.max)),
    row(title, 'cold join, step 2 received, median (ms)', ...oursOnly((r) => r.cold?.step2Ms.p50)),
    row(title, 'warm join, synced, median (ms)', ...f((r) => r.warm.syncedMs.p50)),
    row(title, 'warm join, step 2 received, median (ms)', ...f((r) => r.warm.step2Ms.p50)),
    row(title, 'board as sent in step 2 (KiB)', ...f((r) => r.stateBytes / 1024)),
    row(title, 'server CPU, warm joins (s)', ...f((r) => r.server.cpuSeconds)),
    row(title, 'server CPU, cold joins (s)', ...oursOnly((r) => r.serverCold?.cpuSeconds)),
    row(title, 'server RSS idle, before set-up (MiB)', ...f((r) => r.server.idleRssMiB)),
    row(title, 'server peak RSS, warm joins (MiB)', ...f((r) => r.server.peakRssMiB), rssTarget),
    row(
      title,
      'server peak RSS, cold joins (MiB) vs ref warm',
      ours?.serverCold?.peakRssMiB ?? NA,
      refWarmRss,
      rssTarget,
    ),
    row(title, 'other CPU on the machine (cores)', ...f((r) => r.machine.otherBusyCores)),
  ];
}

/** The 50-person room must beat the reference by half; every other scenario must match it. */
export function buildRows(outcomes: ScenarioOutcome[]): Row[] {
  return outcomes.flatMap(({ scenario, ours, reference }) => {
    if (scenario.kind === 'join') {
      return joinRows(scenario.title, ours as JoinResult | null, reference as JoinResult | null);
    }
    const factor = scenario.peoplePerRoom >= 50 ? 0.5 : 1;
    return roomsRows(scenario.title, ours as RoomsResult | null, reference as RoomsResult | null, factor);
  });
}

/** A figure as the tables print it: three significant digits or so, '–' when missing. */
export function formatFigure(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function markdownTable(rows: Row[]): string {
  const lines = [
    '| Scenario | Figure | Ours | Reference | Ours/Ref | Target | Pass |',
    '|---|---|--:|--:|--:|---|---|',
  ];
  for (const r of rows) {
    const pass = r.pass === null ? '' : r.pass ? 'pass' : '**FAIL**';
    const ratioText = Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}×` : '–';
    lines.push(
      `| ${r.scenario} | ${r.figure} | ${formatFigure(r.ours)} | ${formatFigure(r.reference)} | ${ratioText} | ${r.target} | ${pass} |`,
    );
  }
  return lines.join('\n');
}
