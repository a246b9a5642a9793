import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { awarenessSeq, forEachAwarenessEntry } from './messages';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('awarenessSeq', () => {
  it('reads the seq a simulated state starts with', () => {
    expect(awarenessSeq(bytes('{"seq":0,"user":{}}'))).toBe(0);
    expect(awarenessSeq(bytes('{"seq":12345,"cursor":{"x":1}}'))).toBe(12345);
    expect(awarenessSeq(bytes('{"seq":7}'))).toBe(7);
  });

  it('gives null for any other state', () => {
    for (const text of ['null', '{}', '{"user":{},"seq":3}', '{"seq":', '{"seq":"3"}', '{"seq":-1}', '']) {
      expect(awarenessSeq(bytes(text)), text).toBeNull();
    }
  });

  it('survives a relay that parses the state and writes it again, whatever clock it sends it at', () => {
    const doc = new Y.Doc();
    const relay = new awarenessProtocol.Awareness(doc);
    const sender = new awarenessProtocol.Awareness(new Y.Doc());
    sender.setLocalState({ seq: 42, cursor: { x: 1.5, y: -2 } });
    awarenessProtocol.applyAwarenessUpdate(
      relay,
      awarenessProtocol.encodeAwarenessUpdate(sender, [sender.clientID]),
      'test',
    );
    const relayed = awarenessProtocol.encodeAwarenessUpdate(relay, [sender.clientID]);
    const seen: [number, number | null][] = [];
    forEachAwarenessEntry(relayed, (clientId, _clock, seq) => seen.push([clientId, seq]));
    expect(seen).toEqual([[sender.clientID, 42]]);
  });
});
