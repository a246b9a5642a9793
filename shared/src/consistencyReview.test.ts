import { describe, expect, it } from 'vitest';
import { addNote, deleteNotes } from './commands';
import { consistencyReview, reviewItems } from './consistencyReview';
import { cellPrompt } from './framework';
import { zoneKey } from './layout';
import { readBoard, readZones } from './schema';
import { LOCAL, newBoard } from './testing';
import { loadWorkshop, type Workshop, type WorkshopNote } from './workshop';

const n = (
  id: string,
  layer: WorkshopNote['layer'],
  area: WorkshopNote['area'],
  kind: WorkshopNote['kind'],
  text: string,
  horizon?: WorkshopNote['horizon'],
): WorkshopNote => ({
  id,
  layer,
  area,
  kind,
  text,
  department: 'hardware',
  author: 'Priya',
  ...(horizon ? { horizon } : {}),
});

/** A small stack with one of each problem, and one look-alike that is not a problem. */
const WORKSHOP: Workshop = {
  title: 'Review',
  notes: [
    n('soc', 'devices', 'technology', 'decision', 'Use the nRF52 SoC', 'now'),
    n('heat', 'devices', 'technology', 'risk', 'Enclosure gets hot in summer'),
    n('radio', 'communications', 'technology', 'question', 'Which radio: LoRaWAN or NB-IoT?'),
    n('batch', 'cloud', 'data', 'idea', 'Batch uploads hourly'),
    n('store', 'cloud', 'data', 'decision', 'Store raw data 13 months', 'later'),
    n('alerts', 'applications', 'ux', 'decision', 'Push alerts on the phone', 'now'),
    n('pairing', 'devices', 'ux', 'question', 'How is a device paired?'),
    n('cost', 'devices', 'business', 'decision', 'Under 20 EUR per unit', 'now'),
    n('bom', 'devices', 'data', 'decision', 'Sample every minute', 'next'),
  ],
  links: [
    { id: 'l1', from: 'radio', to: 'soc' }, // a question in Communications under a decision in Devices
    { id: 'l2', from: 'radio', to: 'batch' },
    { id: 'l3', from: 'batch', to: 'store' }, // ... and, through an idea, under one in Cloud
    { id: 'l4', from: 'pairing', to: 'soc' }, // same layer: the dependency panel's, not the review's
    { id: 'l5', from: 'store', to: 'alerts' }, // Applications now, on Cloud later: a conflict
    { id: 'l6', from: 'bom', to: 'cost' }, // same layer conflict: the roadmap's, not the review's
  ],
};

function reviewedBoard() {
  const doc = newBoard();
  loadWorkshop(doc, WORKSHOP, LOCAL, 1);
  return doc;
}

describe('consistencyReview', () => {
  it('finds open questions that decisions in other layers depend on, nearest first', () => {
    const review = consistencyReview(readBoard(reviewedBoard()));
    expect(review.openQuestions.map((q) => [q.question, q.decision, q.depth, q.linkIds])).toEqual([
      ['radio', 'soc', 1, ['l1']],
      ['radio', 'store', 2, ['l2', 'l3']],
      ['radio', 'alerts', 3, ['l2', 'l3', 'l5']],
    ]);
    const [first, second] = review.openQuestions;
    expect(first!.cell).toEqual({ layer: 'communications', area: 'technology' });
    expect(first!.noteIds).toEqual(['radio', 'soc']);
    expect(first!.text).toBe(
      '“Use the nRF52 SoC” (Devices / Hardware) depends on the open question “Which radio: LoRaWAN or NB-IoT?” (Communications)',
    );
    expect(second!.text).toMatch(/, through 1 other note$/);
  });

  it('lists contested cells with the decisions and what challenges them', () => {
    const review = consistencyReview(readBoard(reviewedBoard()));
    expect(review.contestedCells).toEqual([
      {
        kind: 'contestedCell',
        cell: { layer: 'devices', area: 'technology' },
        decisions: ['soc'],
        challengers: ['heat'],
        noteIds: ['soc', 'heat'],
        linkIds: [],
        text: 'Devices / Hardware / Technology: 1 decision challenged by 1 risk',
      },
    ]);
  });

  it('lists decisions planned before a decision in another layer they depend on', () => {
    const review = consistencyReview(readBoard(reviewedBoard()));
    expect(
      review.horizonConflicts.map((c) => [
        c.decision,
        c.decisionHorizon,
        c.dependency,
        c.dependencyHorizon,
        c.link,
      ]),
    ).toEqual([['alerts', 'now', 'store', 'later', 'l5']]);
    expect(review.horizonConflicts[0]!.cell).toEqual({ layer: 'applications', area: 'ux' });
    expect(review.horizonConflicts[0]!.text).toBe(
      '“Push alerts on the phone” (Applications) is planned for now but depends on “Store raw data 13 months” (Cloud platform), planned for later',
    );
  });

  it('lists the empty cells with their question; a note without words covers nothing', () => {
    const doc = reviewedBoard();
    const zone = readZones(doc).find((z) => z.id === zoneKey('cloud', 'security'))!;
    addNote(
      doc,
      { x: zone.x + 40, y: zone.y + 60, text: '   ', kind: 'decision', author: 'a', department: 'cloud' },
      LOCAL,
    );
    const review = consistencyReview(readBoard(doc));
    expect(review.emptyCells).toHaveLength(30 - 7);
    const cloudSecurity = review.emptyCells.find(
      (c) => c.cell.layer === 'cloud' && c.cell.area === 'security',
    );
    expect(cloudSecurity).toMatchObject({
      noteIds: [],
      prompt: cellPrompt('cloud', 'security'),
      text: 'Cloud platform / Security is still empty',
    });
    expect(review.changedCells).toBeNull();
    expect(review.total).toBe(3 + 1 + 1 + 23);
    expect(
      reviewItems(review)
        .map((i) => i.kind)
        .slice(0, 5),
    ).toEqual(['openQuestion', 'openQuestion', 'openQuestion', 'horizonConflict', 'contestedCell']);
  });

  it('lists the cells changed since the last iteration', () => {
    const doc = reviewedBoard();
    const iteration = readBoard(doc);
    const zone = readZones(doc).find((z) => z.id === zoneKey('cloud', 'security'))!;
    addNote(
      doc,
      {
        id: 'keys',
        x: zone.x + 40,
        y: zone.y + 60,
        text: 'Rotate keys yearly',
        author: 'a',
        department: 'cloud',
      },
      LOCAL,
    );
    deleteNotes(doc, ['heat'], LOCAL);
    const review = consistencyReview(readBoard(doc), iteration);
    expect(
      review.changedCells?.map((c) => [c.cell, c.added, c.removed, c.stateThen, c.stateNow, c.text]),
    ).toEqual([
      [
        { layer: 'devices', area: 'technology' },
        [],
        ['heat'],
        'contested',
        'decided',
        'Devices / Hardware / Technology changed since the last iteration: 1 removed, contested → decided',
      ],
      [
        { layer: 'cloud', area: 'security' },
        ['keys'],
        [],
        'empty',
        'exploring',
        'Cloud platform / Security changed since the last iteration: 1 added, empty → exploring',
      ],
    ]);
    expect(review.contestedCells).toEqual([]);
    expect(consistencyReview(readBoard(doc), readBoard(doc)).changedCells).toEqual([]);
  });

  it('counts every cell as empty on a board without notes', () => {
    const review = consistencyReview({ notes: [], zones: [], links: [] });
    expect(review.total).toBe(30);
    expect(review.openQuestions).toEqual([]);
  });
});
