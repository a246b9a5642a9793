/**
 * `npm run bench:coverage`: the time to project a board of 10,000 notes onto the 5 x 6 model and compute
 * its coverage, the roadmap and the dependency checks, against the design's budget of 10 ms for
 * projection and coverage. A benchmark, not a test: it reports, it never fails a build.
 */
import * as Y from 'yjs';
import {
  addSampleNotes,
  buildRoadmap,
  computeCoverage,
  createBoard,
  dependencyIssues,
  projectNotes,
  readLinks,
  readNotes,
  readZones,
} from '../src/index';

const NOTES = 10_000;
const RUNS = 200;
const BUDGET_MS = 10;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function time(run: () => void): { median: number; p95: number } {
  for (let i = 0; i < 20; i++) run(); // warm-up: let the JIT settle
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 50), p95: percentile(samples, 95) };
}

const doc = new Y.Doc();
createBoard(doc, { title: 'Coverage bench' }, 'bench');
addSampleNotes(doc, NOTES, 'bench', 0);
const notes = readNotes(doc);
const zones = readZones(doc);
const links = readLinks(doc);

const rows: [string, { median: number; p95: number }, boolean][] = [];
const projection = time(() => projectNotes(notes, zones));
const coverage = time(() => computeCoverage(notes, zones, projectNotes(notes, zones)));
rows.push(['projection', projection, false]);
rows.push(['projection + coverage', coverage, true]);
rows.push(['roadmap', time(() => buildRoadmap(notes, zones, links)), false]);
rows.push(['dependency checks', time(() => dependencyIssues(notes, links)), false]);

console.log(`${notes.length} notes, ${zones.length} zones, ${RUNS} runs each\n`);
console.log('| computation | median (ms) | p95 (ms) | budget |');
console.log('|---|--:|--:|---|');
for (const [name, t, budgeted] of rows) {
  const verdict = budgeted
    ? t.p95 < BUDGET_MS
      ? `< ${BUDGET_MS} ms: pass`
      : `< ${BUDGET_MS} ms: **FAIL**`
    : '';
  console.log(`| ${name} | ${t.median.toFixed(2)} | ${t.p95.toFixed(2)} | ${verdict} |`);
}
