import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { transformIndex } from './useLiveNoteText';

/** The delta of a remote change from `before` made by `change`, as the editor's observer sees it. */
function deltaOf(before: string, change: (text: Y.Text) => void) {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  text.insert(0, before);
  let delta: Y.YTextEvent['delta'] = [];
  text.observe((e) => (delta = e.delta));
  change(text);
  return delta;
}

describe('transformIndex keeps the local caret in place through remote edits', () => {
  it('shifts right for text inserted before the caret', () => {
    expect(
      transformIndex(
        5,
        deltaOf('hello world', (t) => t.insert(0, 'Oh, ')),
      ),
    ).toBe(9);
  });
  it('stays for text inserted after the caret', () => {
    expect(
      transformIndex(
        5,
        deltaOf('hello world', (t) => t.insert(8, 'XX')),
      ),
    ).toBe(5);
  });
  it('shifts left for text deleted before the caret, and clamps inside a deleted range', () => {
    expect(
      transformIndex(
        8,
        deltaOf('hello world', (t) => t.delete(0, 3)),
      ),
    ).toBe(5);
    expect(
      transformIndex(
        4,
        deltaOf('hello world', (t) => t.delete(2, 6)),
      ),
    ).toBe(2);
  });
});
