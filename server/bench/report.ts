import type { JoinResult, RoomsResult, Scenario, ScenarioResult } from './scenarioTypes';
import type { ServerKind } from './servers';
import { ratio } from './stats';

/**
 * One line of the report: our figure, each reference's, and the ratio of ours to the better of the two
 * references (the lower, or the higher where higher is better), so below 1 means ours is lower.
 */
export interface Row {
  scenario: string;
  figure: string;
  ours: number;
  /** `@y/websocket-server`. */
  reference: number;
  hocuspocus: number;
  /** The better of the two references' figures (NaN when neither was run). */
  better: number;
  /** ours / better; NaN where no reference has such a figure. */
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
  hocuspocus: ScenarioResult | null;
  rounds: Record<ServerKind, ScenarioResult[]>;
}

const NA = Number.NaN;

/** Figures of ours and each reference, in that order. */
type Figures = readonly [ours: number, reference: number, hocuspocus: number];

interface Target {
  maxRatio?: number;
  strictly?: boolean;
  below?: number;
  /** At least this (the capacity ramp). */
  atLeastRatio?: number;
  higherIsBetter?: boolean;
  text: string;
}

function row(scenario: string, figure: string, [ours, reference, hocuspocus]: Figures, target?: Target): Row {
  const refs = [reference, hocuspocus].filter(Number.isFinite);
  const better = refs.length === 0 ? NA : target?.higherIsBetter ? Math.max(...refs) : Math.min(...refs);
  const r = ratio(ours, better);
  let pass: boolean | null = null;
  if (target?.maxRatio !== undefined) {
    const max = target.maxRatio;
    // No verdict when no reference was run (--servers ours); a missing figure of ours fails.
    if (!Number.isFinite(better)) pass = null;
    else pass = Number.isFinite(r) ? (target.strictly ? r < max : r <= max) : false;
  }
  if (target?.atLeastRatio !== undefined) {
    pass = Number.isFinite(better) ? Number.isFinite(r) && r >= target.atLeastRatio : null;
  }
  if (target?.below !== undefined) pass = Number.isFinite(ours) ? ours < target.below : false;
  return {
    scenario,
    figure,
    ours,
    reference,
    hocuspocus,
    better,
    ratio: r,
    target: target?.text ?? '',
    pass,
  };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const percent = (delivered: number, expected: number) => (expected > 0 ? (100 * delivered) / expected : NA);

/**
 * What issue 17 asks of a room's size: ratios to the better reference, cursor p99 in absolute ms. The
 * references relay a cursor the moment it arrives, while ours may wait for a display frame by design, so
 * a small room's cursor is held to the design's "within a display frame plus a few ms" (the 50-person
 * room's 25 ms), not to a ratio.
 */
interface RoomTargets {
  cpu: number;
  docP99: number;
  /** Cursor (awareness) p99 below this many ms. */
  cursorBelowMs: number;
}

function roomsTargets(peoplePerRoom: number): RoomTargets {
  if (peoplePerRoom >= 100) return { cpu: 0.4, docP99: 0.7, cursorBelowMs: 40 };
  if (peoplePerRoom >= 50) return { cpu: 0.4, docP99: 0.7, cursorBelowMs: 25 };
  return { cpu: 0.8, docP99: 1, cursorBelowMs: 25 };
}

type ResultOf<R> = readonly [ours: R | null, reference: R | null, hocuspocus: R | null];

function roomsRows(title: string, results: ResultOf<RoomsResult>, targets: RoomTargets): Row[] {
  const f = (pick: (r: RoomsResult) => number | undefined): Figures =>
    results.map((r) => (r ? (pick(r) ?? NA) : NA)) as unknown as Figures;
  const ratioText = (max: number) => (max === 1 ? '≤ 1× ref' : `≤ ${max}× ref`);
  const cursorTarget: Target = { below: targets.cursorBelowMs, text: `< ${targets.cursorBelowMs} ms` };
  const full: Target = { below: 100 + 1e-9, text: '100 %' };
  return [
    row(
      title,
      'doc update fan-out p50 (ms)',
      f((r) => r.doc.latencyMs.p50),
    ),
    row(
      title,
      'doc update fan-out p95 (ms)',
      f((r) => r.doc.latencyMs.p95),
    ),
    row(
      title,
      'doc update fan-out p99 (ms)',
      f((r) => r.doc.latencyMs.p99),
      {
        maxRatio: targets.docP99,
        text: ratioText(targets.docP99),
      },
    ),
    row(
      title,
      'awareness fan-out p50 (ms)',
      f((r) => r.awareness.latencyMs.p50),
    ),
    row(
      title,
      'awareness fan-out p95 (ms)',
      f((r) => r.awareness.latencyMs.p95),
    ),
    row(
      title,
      'awareness fan-out p99 (ms)',
      f((r) => r.awareness.latencyMs.p99),
      cursorTarget,
    ),
    deliveredRow(
      title,
      'doc updates delivered (%)',
      f((r) => percent(r.doc.delivered, r.doc.expected)),
      full,
    ),
    deliveredRow(
      title,
      'awareness delivered or superseded (%)',
      f((r) => percent(r.awareness.delivered + r.awareness.superseded, r.awareness.expected)),
      full,
    ),
    row(
      title,
      'awareness superseded by a newer state (%)',
      f((r) => percent(r.awareness.superseded, r.awareness.expected)),
    ),
    row(
      title,
      'connections the server closed',
      f((r) => sum(Object.values(r.unexpectedCloses))),
    ),
    row(
      title,
      'frames/s sent to server',
      f((r) => r.sentPerSecond),
    ),
    row(
      title,
      'frames/s received by clients',
      f((r) => r.receivedPerSecond),
    ),
    row(
      title,
      'frames/s received per client',
      f((r) => r.receivedPerSecond / r.people),
    ),
    row(
      title,
      'awareness frames/s received per client',
      f((r) => r.awarenessFramesPerClientPerSecond),
      title.includes('50 people') ? { below: 70 + 1e-9, text: '≤ ~70' } : undefined,
    ),
    row(
      title,
      'server CPU (s in window)',
      f((r) => r.server.cpuSeconds),
      {
        maxRatio: targets.cpu,
        text: ratioText(targets.cpu),
      },
    ),
    row(
      title,
      '… of which in the kernel (s)',
      f((r) => r.server.cpuSystemSeconds),
    ),
    row(
      title,
      'server peak RSS (MiB)',
      f((r) => r.server.peakRssMiB),
      { maxRatio: 1, text: '≤ 1× ref' },
    ),
    row(
      title,
      'server RSS idle, before set-up (MiB)',
      f((r) => r.server.idleRssMiB),
    ),
    row(
      title,
      'load generator CPU (% of a core)',
      f((r) => r.loadgen.cpuPercent),
    ),
    row(
      title,
      'load generator loop delay p99 (ms)',
      f((r) => r.loadgen.loopDelayP99Ms),
    ),
    row(
      title,
      'other CPU on the machine (cores)',
      f((r) => r.machine.otherBusyCores),
    ),
  ];
}

/** A share that must be full: ours is judged on its own, whatever the references delivered. */
function deliveredRow(title: string, figure: string, figures: Figures, target: Target): Row {
  const r = row(title, figure, figures);
  return { ...r, target: target.text, pass: Number.isFinite(r.ours) ? r.ours >= 100 - 1e-9 : false };
}

function joinRows(title: string, [ours, ref, hocuspocus]: ResultOf<JoinResult>): Row[] {
  const f = (pick: (r: JoinResult) => number | undefined): Figures =>
    [ours, ref, hocuspocus].map((r) => (r ? (pick(r) ?? NA) : NA)) as unknown as Figures;
  const oursOnly = (pick: (r: JoinResult) => number | undefined): Figures => [
    (ours && pick(ours)) ?? NA,
    NA,
    NA,
  ];
  const oursCold = ours?.cold ? ours.cold.syncedMs.p50 : NA;
  const warm = f((r) => r.warm.syncedMs.p50);
  const warmRss = f((r) => r.server.peakRssMiB);
  const rssTarget = { maxRatio: 1, text: '≤ 1× ref' };
  return [
    row(title, 'cold join, synced, median (ms) vs ref warm', [oursCold, warm[1], warm[2]], {
      maxRatio: 1,
      strictly: true,
      text: '< ref warm',
    }),
    row(title, 'cold join, synced, median (ms): design budget', [oursCold, NA, NA], {
      below: 1000,
      text: '< 1000 ms',
    }),
    row(
      title,
      'cold join, synced, slowest (ms)',
      oursOnly((r) => r.cold?.syncedMs.max),
    ),
    row(
      title,
      'cold join, step 2 received, median (ms)',
      oursOnly((r) => r.cold?.step2Ms.p50),
    ),
    row(
      title,
      'warm join, synced, median (ms)',
      f((r) => r.warm.syncedMs.p50),
    ),
    row(
      title,
      'warm join, step 2 received, median (ms)',
      f((r) => r.warm.step2Ms.p50),
    ),
    row(
      title,
      'board as sent in step 2 (KiB)',
      f((r) => r.stateBytes / 1024),
    ),
    row(
      title,
      'server CPU, warm joins (s)',
      f((r) => r.server.cpuSeconds),
    ),
    row(
      title,
      'server CPU, cold joins (s)',
      oursOnly((r) => r.serverCold?.cpuSeconds),
    ),
    row(
      title,
      'server RSS idle, before set-up (MiB)',
      f((r) => r.server.idleRssMiB),
    ),
    row(
      title,
      'server peak RSS, warm joins (MiB)',
      f((r) => r.server.peakRssMiB),
      rssTarget,
    ),
    row(
      title,
      'server peak RSS, cold joins (MiB) vs ref warm',
      [ours?.serverCold?.peakRssMiB ?? NA, warmRss[1], warmRss[2]],
      rssTarget,
    ),
    row(
      title,
      'other CPU on the machine (cores)',
      f((r) => r.machine.otherBusyCores),
    ),
  ];
}

/** Issue 17's targets: rooms of 50 and 100 well ahead of the better reference, many small rooms level. */
export function buildRows(outcomes: ScenarioOutcome[]): Row[] {
  return outcomes.flatMap(({ scenario, ours, reference, hocuspocus }) => {
    if (scenario.kind === 'join') {
      return joinRows(scenario.title, [ours, reference, hocuspocus] as ResultOf<JoinResult>);
    }
    const results = [ours, reference, hocuspocus] as ResultOf<RoomsResult>;
    return roomsRows(scenario.title, results, roomsTargets(scenario.peoplePerRoom));
  });
}

/** One load of the capacity ramp on one server: its rooms and size, its figures, and whether it kept the target. */
export interface CapacityStep {
  rooms: number;
  peoplePerRoom: number;
  /** rooms × peoplePerRoom. */
  people: number;
  docP99Ms: number;
  deliveredPercent: number;
  loadgenCpuPercent: number;
  /** The server's CPU in the window, as a share of one core. */
  serverCpuPercent: number;
  passed: boolean;
}

/** The largest load (people in all) that passed on each server, against the better (larger) reference's. */
export function capacityRows(steps: Partial<Record<ServerKind, CapacityStep[]>>): Row[] {
  const largest = (kind: ServerKind) => {
    const passed = (steps[kind] ?? []).filter((step) => step.passed);
    return steps[kind] === undefined ? NA : Math.max(0, ...passed.map((step) => step.people));
  };
  const rows = [
    row(
      'capacity ramp',
      'most people with doc p99 < 100 ms, full delivery',
      [largest('ours'), largest('reference'), largest('hocuspocus')],
      { atLeastRatio: 2, higherIsBetter: true, text: '≥ 2× ref' },
    ),
  ];
  const loads = new Map<string, CapacityStep>();
  for (const list of Object.values(steps)) for (const step of list) loads.set(loadName(step), step);
  const ordered = [...loads.entries()].sort(([, a], [, b]) => a.people - b.people || a.rooms - b.rooms);
  for (const [load] of ordered) {
    const each = (pick: (step: CapacityStep) => number): Figures => {
      const at = (kind: ServerKind) => {
        const step = steps[kind]?.find((s) => loadName(s) === load);
        return step ? pick(step) : NA;
      };
      return [at('ours'), at('reference'), at('hocuspocus')];
    };
    rows.push(
      row(
        'capacity ramp',
        `${load}: doc p99 (ms)`,
        each((s) => s.docP99Ms),
      ),
      row(
        'capacity ramp',
        `${load}: delivered (%)`,
        each((s) => s.deliveredPercent),
      ),
      row(
        'capacity ramp',
        `${load}: server CPU (% of a core)`,
        each((s) => s.serverCpuPercent),
      ),
      row(
        'capacity ramp',
        `${load}: load generator CPU (%)`,
        each((s) => s.loadgenCpuPercent),
      ),
    );
  }
  return rows;
}

function loadName(step: CapacityStep): string {
  return `${step.rooms} × ${step.peoplePerRoom}`;
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
    '| Scenario | Figure | Ours | y-websocket-server | Hocuspocus 4 | Ours/better ref | Target | Pass |',
    '|---|---|--:|--:|--:|--:|---|---|',
  ];
  for (const r of rows) {
    const pass = r.pass === null ? '' : r.pass ? 'pass' : '**FAIL**';
    const ratioText = Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}×` : '–';
    lines.push(
      `| ${r.scenario} | ${r.figure} | ${formatFigure(r.ours)} | ${formatFigure(r.reference)} | ${formatFigure(r.hocuspocus)} | ${ratioText} | ${r.target} | ${pass} |`,
    );
  }
  return lines.join('\n');
}
