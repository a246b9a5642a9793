import { describe, expect, it } from 'vitest';
import { EMPTY_SESSION, type SessionSnapshot } from '@shared';
import { digestEvents, sessionSentences, type BoardEvent } from './announcements';

const DATA = 'Cloud platform · Data';
const UX = 'Devices / Hardware · UX';

describe('digest of what others did', () => {
  it('says one sentence per person and kind, in the order things happened', () => {
    const events: BoardEvent[] = [
      { kind: 'added', who: 'Ana', noteId: 'n1', cell: DATA },
      { kind: 'edited', who: 'Ben', noteId: 'm1' },
      { kind: 'added', who: 'Ana', noteId: 'n2', cell: DATA },
      { kind: 'edited', who: 'Ben', noteId: 'm1' },
      { kind: 'edited', who: 'Ben', noteId: 'm1' },
    ];
    expect(digestEvents(events)).toEqual(['Ana added 2 notes in Cloud platform · Data', 'Ben edited a note']);
  });

  it('names up to two cells, then counts them', () => {
    const two: BoardEvent[] = [
      { kind: 'added', who: 'Ana', noteId: 'a', cell: DATA },
      { kind: 'added', who: 'Ana', noteId: 'b', cell: UX },
    ];
    expect(digestEvents(two)).toEqual([`Ana added 2 notes in ${DATA} and ${UX}`]);
    const three = [...two, { kind: 'added', who: 'Ana', noteId: 'c', cell: 'Applications · UX' } as const];
    expect(digestEvents(three)).toEqual(['Ana added 3 notes in 3 cells']);
  });

  it('says a note added and typed into as added, and one added and removed not at all', () => {
    expect(
      digestEvents([
        { kind: 'added', who: 'Ana', noteId: 'n1', cell: DATA },
        { kind: 'edited', who: 'Ana', noteId: 'n1' },
        { kind: 'added', who: 'Ben', noteId: 'gone', cell: UX },
        { kind: 'deleted', who: 'Ben', noteId: 'gone' },
      ]),
    ).toEqual([`Ana added a note in ${DATA}`]);
  });

  it('says where a moved note ended up, and who it cannot tell as someone', () => {
    expect(
      digestEvents([
        { kind: 'moved', who: null, noteId: 'n1', cell: UX },
        { kind: 'moved', who: null, noteId: 'n1', cell: DATA },
        { kind: 'deleted', who: 'Ben', noteId: 'n2' },
        { kind: 'deleted', who: 'Ben', noteId: 'n3' },
        { kind: 'linked', who: 'Ana', linkId: 'l1' },
        { kind: 'unlinked', who: 'Ana', linkId: 'l2' },
      ]),
    ).toEqual([
      `Someone moved a note to ${DATA}`,
      'Ben deleted 2 notes',
      'Ana linked two notes',
      'Ana removed a link',
    ]);
    expect(digestEvents([])).toEqual([]);
  });
});

describe('session sentences', () => {
  const ana = { id: 'p-ana', name: 'Ana', color: '#000', since: 1 };
  const with_ = (patch: Partial<SessionSnapshot>): SessionSnapshot => ({ ...EMPTY_SESSION, ...patch });
  const vote = {
    id: 'v1',
    scope: 'cloud' as const,
    dotsPerPerson: 3,
    status: 'open' as const,
    startedAt: 1,
    startedBy: 'p-ana',
  };

  it('announces the facilitator role changing hands', () => {
    const held = with_({ facilitator: ana });
    expect(sessionSentences(EMPTY_SESSION, held)).toEqual(['Ana is now the facilitator']);
    expect(sessionSentences(held, EMPTY_SESSION)).toEqual(['Ana is no longer the facilitator']);
    expect(sessionSentences(held, with_({ facilitator: { ...ana, id: 'p-ben', name: 'Ben' } }))).toEqual([
      'Ben is now the facilitator',
    ]);
    expect(sessionSentences(held, with_({ facilitator: { ...ana, since: 2 } }))).toEqual([]);
  });

  it('announces a vote opening, its reveal and its closing', () => {
    const open = with_({ vote });
    expect(sessionSentences(EMPTY_SESSION, open)).toEqual(['Dot vote open on Cloud platform: 3 dots each']);
    expect(sessionSentences(open, with_({ vote: { ...vote, status: 'revealed' } }))).toEqual([
      'Vote results revealed',
    ]);
    expect(sessionSentences(open, EMPTY_SESSION)).toEqual(['The vote was closed']);
    expect(sessionSentences(open, open)).toEqual([]);
  });

  it('announces the focus and the timer', () => {
    const focused = with_({ focus: { layer: 'cloud', area: 'data', since: 1 } });
    expect(sessionSentences(EMPTY_SESSION, focused)).toEqual(['Focus on Cloud platform · Data']);
    expect(sessionSentences(focused, EMPTY_SESSION)).toEqual(['Focus cleared']);
    const running = with_({
      timer: { status: 'running', durationMs: 300_000, endsAt: 10, startedBy: 'p-ana' },
    });
    const paused = with_({
      timer: { status: 'paused', durationMs: 300_000, remainingMs: 90_500, startedBy: 'p-ana' },
    });
    expect(sessionSentences(EMPTY_SESSION, running)).toEqual(['Timer started: 5 minutes']);
    expect(sessionSentences(running, paused)).toEqual(['Timer paused']);
    expect(sessionSentences(paused, with_({ timer: { ...running.timer!, endsAt: 99 } as never }))).toEqual([
      'Timer resumed',
    ]);
    expect(sessionSentences(running, EMPTY_SESSION)).toEqual(['Timer stopped']);
  });

  it('announces silent brainstorming and its reveal', () => {
    const silent = with_({ silent: { active: true, since: 1, by: 'p-ana' } });
    expect(sessionSentences(EMPTY_SESSION, silent)[0]).toMatch(/^Silent brainstorming started/);
    const revealed = with_({ silent: { active: false, since: 1, by: 'p-ana', revealedAt: 5 } });
    expect(sessionSentences(silent, revealed)[0]).toMatch(/^Silent brainstorming revealed/);
  });
});
