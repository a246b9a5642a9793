import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardMaps, createBoard, summonEveryone, takeFacilitator, type Summon } from '@shared';
import { watchSummons, type SyncSource } from './summonWatch';

const LOCAL = { local: true };
const REMOTE = 'provider';
const ana = { id: 'ana', name: 'Ana', color: '#1d4ed8' };
const view = { x: 10, y: 20, w: 1600, h: 900 };

/** A provider stand-in: the test says when the first sync is done. */
class FakeProvider implements SyncSource {
  synced = false;
  private readonly listeners = new Set<(synced: boolean) => void>();
  on(_event: 'sync', listener: (synced: boolean) => void) {
    this.listeners.add(listener);
  }
  off(_event: 'sync', listener: (synced: boolean) => void) {
    this.listeners.delete(listener);
  }
  sync() {
    this.synced = true;
    this.listeners.forEach((l) => l(true));
  }
}

/** The facilitator's page, and a participant's page that watches its document. */
function setup() {
  const facilitator = new Y.Doc();
  createBoard(facilitator, { title: 'Summon', createdAt: 1 }, 'server');
  takeFacilitator(facilitator, ana, LOCAL, 2);
  const participant = new Y.Doc();
  const provider = new FakeProvider();
  const answered: Summon[] = [];
  const stop = watchSummons(participant, provider, LOCAL, (s) => answered.push(s));
  const deliver = () =>
    Y.applyUpdate(participant, Y.encodeStateAsUpdate(facilitator, Y.encodeStateVector(participant)), REMOTE);
  const summon = (id: string) => summonEveryone(facilitator, { id, by: ana.id, viewport: view }, LOCAL, 3);
  return { facilitator, participant, provider, answered, stop, deliver, summon };
}

describe('watchSummons', () => {
  it('answers each summon the facilitator sends after the page joined, once', () => {
    const { provider, answered, deliver, summon } = setup();
    deliver();
    provider.sync();
    summon('s1');
    deliver();
    expect(answered).toEqual([{ id: 's1', at: 3, by: 'ana', viewport: view }]);
    deliver();
    summon('s2');
    deliver();
    expect(answered.map((s) => s.id)).toEqual(['s1', 's2']);
  });

  it('ignores a summon sent before the page joined (in its first sync)', () => {
    const { provider, answered, deliver, summon } = setup();
    summon('old');
    deliver();
    provider.sync();
    expect(answered).toEqual([]);
  });

  it('ignores its own summon, and one written in the name of someone who is not the facilitator', () => {
    const { facilitator, participant, provider, answered, deliver } = setup();
    deliver();
    provider.sync();
    // The participant's own page sends one (say it holds the role on another tab): it already shows it.
    takeFacilitator(participant, { ...ana, id: 'ben' }, LOCAL, 4);
    summonEveryone(participant, { id: 'mine', by: 'ben', viewport: view }, LOCAL, 5);
    expect(answered).toEqual([]);
    // Ana takes the role back (having seen Ben's change), and someone writes a summon naming Ben.
    Y.applyUpdate(facilitator, Y.encodeStateAsUpdate(participant), REMOTE);
    takeFacilitator(facilitator, ana, LOCAL, 6);
    boardMaps(facilitator).session.set('summon', { id: 'forged', at: 7, by: 'ben', viewport: view });
    deliver();
    expect(answered).toEqual([]);
  });

  it('stops watching when asked', () => {
    const { provider, answered, deliver, summon, stop } = setup();
    deliver();
    provider.sync();
    stop();
    summon('s1');
    deliver();
    expect(answered).toEqual([]);
  });
});
