import { useCallback, useEffect, useState } from 'react';

function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && !!target.closest('input, textarea, select, [contenteditable]');
}

export interface AnalysisPanelsState {
  /** The coverage overlay on the canvas. */
  overlay: boolean;
  gapsOpen: boolean;
  dependenciesOpen: boolean;
  toggleOverlay(): void;
  toggleGaps(): void;
  toggleDependencies(): void;
}

/** Which analysis views are showing; C toggles the coverage overlay (while no text is being typed). */
export function useAnalysisPanels(keysEnabled: boolean): AnalysisPanelsState {
  const [overlay, setOverlay] = useState(false);
  const [gapsOpen, setGapsOpen] = useState(false);
  const [dependenciesOpen, setDependenciesOpen] = useState(false);
  const toggleOverlay = useCallback(() => setOverlay((v) => !v), []);
  const toggleGaps = useCallback(() => setGapsOpen((v) => !v), []);
  const toggleDependencies = useCallback(() => setDependenciesOpen((v) => !v), []);
  useEffect(() => {
    if (!keysEnabled) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (typingIn(e.target) || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      if (e.key.toLowerCase() === 'c') {
        e.preventDefault();
        toggleOverlay();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [keysEnabled, toggleOverlay]);
  return { overlay, gapsOpen, dependenciesOpen, toggleOverlay, toggleGaps, toggleDependencies };
}
