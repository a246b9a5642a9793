import { describe, expect, it } from 'vitest';
import { capacityRows, type CapacityStep } from './report';
import { DEFAULT_RAMP, rampSteps } from './scenarios';

describe('rampSteps', () => {
  it('reads room sizes and rooms x size, in the order given', () => {
    expect(rampSteps('100, 2x50,3×50 , 200')).toEqual([
      { rooms: 1, peoplePerRoom: 100 },
      { rooms: 2, peoplePerRoom: 50 },
      { rooms: 3, peoplePerRoom: 50 },
      { rooms: 1, peoplePerRoom: 200 },
    ]);
  });

  it('reads the default as ever more rooms of 50', () => {
    const steps = rampSteps(DEFAULT_RAMP);
    expect(steps.every((step) => step.peoplePerRoom === 50)).toBe(true);
    const people = steps.map((step) => step.rooms * step.peoplePerRoom);
    expect(people).toEqual([...people].sort((a, b) => a - b));
  });

  it('refuses what is not a load, naming the entry', () => {
    for (const bad of ['', 'fifty', '0x50', '4x1', '4x', 'x50', '2x3x4', '-50']) {
      expect(() => rampSteps(bad), bad).toThrow(/--ramp/);
    }
    expect(() => rampSteps('50,oops')).toThrow(/"oops"/);
  });
});

describe('capacityRows', () => {
  const step = (rooms: number, passed: boolean, docP99Ms = passed ? 20 : 150): CapacityStep => ({
    rooms,
    peoplePerRoom: 50,
    people: rooms * 50,
    docP99Ms,
    deliveredPercent: 100,
    loadgenCpuPercent: 40,
    serverCpuPercent: 30 * rooms,
    passed,
  });

  it('compares the most people that passed with the better reference, at least 2x', () => {
    const [headline, ...rest] = capacityRows({
      ours: [step(1, true), step(2, true), step(4, true), step(6, false)],
      reference: [step(1, true), step(2, false)],
      hocuspocus: [step(1, true), step(2, true), step(4, false)],
    });
    expect(headline).toMatchObject({
      ours: 200,
      reference: 50,
      hocuspocus: 100,
      better: 100,
      ratio: 2,
      pass: true,
    });
    // One group of rows per load, smallest first; a load a server did not reach is missing, not zero.
    const p99 = rest.filter((r) => r.figure.endsWith('doc p99 (ms)'));
    expect(p99.map((r) => r.figure)).toEqual([
      '1 × 50: doc p99 (ms)',
      '2 × 50: doc p99 (ms)',
      '4 × 50: doc p99 (ms)',
      '6 × 50: doc p99 (ms)',
    ]);
    expect(p99[2]?.reference).toBeNaN();
    expect(p99[3]?.ours).toBe(150);
    expect(rest.find((r) => r.figure === '2 × 50: server CPU (% of a core)')?.ours).toBe(60);
  });

  it('fails when ours carries less than twice the better reference, and counts a server that passed nothing as 0', () => {
    const [headline] = capacityRows({
      ours: [step(1, true), step(2, false)],
      reference: [step(1, false)],
      hocuspocus: [step(1, true), step(2, false)],
    });
    expect(headline).toMatchObject({ ours: 50, reference: 0, hocuspocus: 50, ratio: 1, pass: false });
  });
});
