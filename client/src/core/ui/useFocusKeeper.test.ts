import { describe, expect, it } from 'vitest';
import { focusReturnTarget, focusWasTaken } from './useFocusKeeper';

// The rule is pure over a history of elements and a test of whether each can still take the focus; plain
// objects stand for the elements.
const el = (name: string) => ({ name }) as unknown as HTMLElement;

describe('the focus keeper', () => {
  const opener = el('Share button');
  const panelField = el('Share panel field');
  const canvas = el('canvas');

  it('acts only when the element that last had the focus went away', () => {
    const gone = new Set([panelField]);
    const usable = (e: HTMLElement) => !gone.has(e);
    expect(focusWasTaken([opener, panelField], usable)).toBe(true);
    expect(focusReturnTarget([opener, panelField], canvas, usable)).toBe(opener);
  });

  it('leaves a page that just opened alone: nothing had the focus, so nothing was taken', () => {
    expect(focusWasTaken([], () => true)).toBe(false);
  });

  it('leaves a person who clicked nowhere alone: what had the focus is still there', () => {
    expect(focusWasTaken([opener], () => true)).toBe(false);
  });

  it('falls back to the canvas when nothing remembered can take the focus', () => {
    const usable = (e: HTMLElement) => e === canvas;
    expect(focusWasTaken([opener, panelField], usable)).toBe(true);
    expect(focusReturnTarget([opener, panelField], canvas, usable)).toBe(canvas);
    expect(focusReturnTarget([opener], null, () => false)).toBeNull();
  });
});
