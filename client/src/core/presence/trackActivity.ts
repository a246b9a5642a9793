import type { LocalPresence } from './LocalPresence';

const INPUTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Feeds this tab's input and visibility to its presence (online, idle). Listens in the capture phase
 * and passively, so no handler of the page can hide an input from it or be slowed by it.
 */
export function trackActivity(local: LocalPresence, win: Window = window): () => void {
  const doc = win.document;
  const onInput = () => local.noteInput();
  const onVisibility = () => local.setHidden(doc.visibilityState === 'hidden');
  const options = { capture: true, passive: true };
  for (const type of INPUTS) win.addEventListener(type, onInput, options);
  doc.addEventListener('visibilitychange', onVisibility);
  onVisibility();
  return () => {
    for (const type of INPUTS) win.removeEventListener(type, onInput, options);
    doc.removeEventListener('visibilitychange', onVisibility);
  };
}
