import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addNote, createBoard, linkNotes, moveNotes, readZones, setNoteKind } from '@shared';
import { BoardAnalysis } from './BoardAnalysis';
import { BoardStore } from './BoardStore';

function board() {
  const doc = new Y.Doc();
  createBoard(doc, { title: 'Analysis test' }, 'server');
  const store = new BoardStore(doc);
  const zone = readZones(doc).find((z) => z.id === 'devices:business')!;
  return { doc, store, zone, analysis: new BoardAnalysis(store) };
}

describe('BoardAnalysis', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps one coverage while the notes do not change, and settles a burst of changes once', () => {
    const { doc, store, zone, analysis } = board();
    const first = analysis.getCoverage();
    expect(analysis.getCoverage()).toBe(first);
    expect(first.gaps).toHaveLength(30);

    let notified = 0;
    analysis.subscribe(() => notified++);
    addNote(
      doc,
      { id: 'a', x: zone.x + 40, y: zone.y + 80, text: 'LoRa', author: 'Ana', department: 'business' },
      'local',
    );
    // A drag: one write per frame.
    for (let i = 1; i <= 10; i++) moveNotes(doc, [{ id: 'a', x: zone.x + 40 + i, y: zone.y + 80 }], 'local');
    expect(notified).toBe(0);
    expect(analysis.getCoverage()).toBe(first);

    vi.advanceTimersByTime(200);
    expect(notified).toBe(1);
    const settled = analysis.getCoverage();
    expect(settled).not.toBe(first);
    expect(settled.layers[0]!.cells[0]!.state).toBe('exploring');
    expect(store.getNote('a')).toBeDefined();
  });

  it('reports a decision under an open question once the change settles, or at once on flush', () => {
    const { doc, zone, analysis } = board();
    const at = { author: 'Ana', department: 'business', y: zone.y + 80 };
    addNote(doc, { id: 'q', x: zone.x + 40, text: 'Which radio?', ...at }, 'local');
    addNote(doc, { id: 'd', x: zone.x + 300, text: 'LoRaWAN', ...at }, 'local');
    setNoteKind(doc, ['q'], 'question', 'local');
    setNoteKind(doc, ['d'], 'decision', 'local');
    linkNotes(doc, { id: 'l', from: 'q', to: 'd', label: '' }, 'local');
    analysis.flush();
    expect(analysis.getIssues()).toEqual([{ kind: 'openQuestion', decision: 'd', question: 'q', link: 'l' }]);
    expect(analysis.getCoverage().layers[0]!.cells[0]!.state).toBe('contested');
  });
  it('keeps the dependency checks across moves, and recomputes them when a kind or a link changes', () => {
    const { doc, zone, analysis } = board();
    const at = { author: 'Ana', department: 'business', y: zone.y + 80 };
    addNote(doc, { id: 'q', x: zone.x + 40, ...at }, 'local');
    addNote(doc, { id: 'd', x: zone.x + 300, ...at }, 'local');
    setNoteKind(doc, ['d'], 'decision', 'local');
    linkNotes(doc, { id: 'l', from: 'q', to: 'd', label: '' }, 'local');
    analysis.flush();
    const before = analysis.getIssues();
    expect(before).toEqual([]);

    moveNotes(doc, [{ id: 'q', x: zone.x + 60, y: zone.y + 90 }], 'local');
    analysis.flush();
    expect(analysis.getIssues()).toBe(before);
    expect(analysis.getSnapshot().notes.find((n) => n.id === 'q')!.x).toBe(zone.x + 60);

    setNoteKind(doc, ['q'], 'question', 'local');
    analysis.flush();
    expect(analysis.getIssues()).toEqual([{ kind: 'openQuestion', decision: 'd', question: 'q', link: 'l' }]);
  });

  it('keeps one snapshot for the views until a change settles, with unchanged notes as the same objects', () => {
    const { doc, zone, analysis } = board();
    addNote(doc, { id: 'a', x: zone.x + 40, y: zone.y + 80, author: 'Ana', department: 'business' }, 'local');
    addNote(
      doc,
      { id: 'b', x: zone.x + 300, y: zone.y + 80, author: 'Ana', department: 'business' },
      'local',
    );
    analysis.flush();
    const first = analysis.getSnapshot();
    moveNotes(doc, [{ id: 'a', x: zone.x + 50, y: zone.y + 80 }], 'local');
    expect(analysis.getSnapshot()).toBe(first);
    vi.advanceTimersByTime(200);
    const next = analysis.getSnapshot();
    expect(next).not.toBe(first);
    expect(next.notes.find((n) => n.id === 'b')).toBe(first.notes.find((n) => n.id === 'b'));
    expect(next.notes.find((n) => n.id === 'a')).not.toBe(first.notes.find((n) => n.id === 'a'));
  });
});
