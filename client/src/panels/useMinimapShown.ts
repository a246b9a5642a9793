import { useCallback, useEffect, useState } from 'react';

const KEY = 'iot-board:minimap';

/** Below this window width (a laptop) the overview starts folded away: the canvas needs the room. */
export const MINIMAP_FOLDED_BELOW_PX = 1600;

function storedShown(): boolean {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(KEY);
  } catch {
    // Storage blocked: the default for this screen.
  }
  return stored === null ? window.innerWidth >= MINIMAP_FOLDED_BELOW_PX : stored === 'shown';
}

/**
 * Whether the board overview is shown beside the canvas: at first on large screens only; shown or folded
 * away, this device remembers the person's choice.
 */
export function useMinimapShown(): { shown: boolean; toggle(): void } {
  const [shown, setShown] = useState(storedShown);
  const [chosen, setChosen] = useState(false);
  const toggle = useCallback(() => {
    setShown((was) => !was);
    setChosen(true);
  }, []);
  useEffect(() => {
    if (!chosen) return;
    try {
      localStorage.setItem(KEY, shown ? 'shown' : 'hidden');
    } catch {
      // Storage blocked: the choice holds for this visit.
    }
  }, [shown, chosen]);
  return { shown, toggle };
}
