import { useCallback, useState, useSyncExternalStore } from 'react';

/**
 * A phone: a narrow window, or a touch screen too short for the canvas's toolbars (a phone held
 * sideways is wide but only ~390 px tall). A tablet in either orientation keeps the canvas.
 */
export const PHONE_QUERY = '(max-width: 599px), (pointer: coarse) and (max-height: 499px)';

const CHOICE_KEY = 'iot-board:layout';

export type LayoutChoice = 'phone' | 'full';

function phoneQuery(): MediaQueryList | null {
  return typeof window.matchMedia === 'function' ? window.matchMedia(PHONE_QUERY) : null;
}

function subscribe(listener: () => void): () => void {
  const query = phoneQuery();
  query?.addEventListener('change', listener);
  return () => query?.removeEventListener('change', listener);
}

const isPhoneSized = () => phoneQuery()?.matches ?? false;

function loadChoice(): LayoutChoice {
  try {
    return localStorage.getItem(CHOICE_KEY) === 'full' ? 'full' : 'phone';
  } catch {
    return 'phone';
  }
}

export interface PhoneLayout {
  /** This screen is phone-sized, whichever layout the person chose. */
  phoneSized: boolean;
  /** Show the phone layout: a phone-sized screen whose person has not asked for the full board. */
  phone: boolean;
  /** Switches between the phone layout and the full canvas; remembered on this device. */
  choose(choice: LayoutChoice): void;
}

/** Whether the board page shows the phone layout, following the screen as it rotates or resizes. */
export function usePhoneLayout(): PhoneLayout {
  const phoneSized = useSyncExternalStore(subscribe, isPhoneSized);
  const [choice, setChoice] = useState<LayoutChoice>(loadChoice);
  const choose = useCallback((next: LayoutChoice) => {
    setChoice(next);
    try {
      // Someone who wants the canvas on their phone wants it again after a reload.
      localStorage.setItem(CHOICE_KEY, next);
    } catch {
      // Storage blocked: the choice holds for this visit.
    }
  }, []);
  return { phoneSized, phone: phoneSized && choice === 'phone', choose };
}
