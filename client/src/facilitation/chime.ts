/**
 * The timer's end signal: a short, soft two-note chime made with WebAudio (no audio file to load), at
 * a low volume so that it tells the room the time is up without startling anyone.
 */

const VOLUME = 0.12;
/** Two notes a fifth apart (E5, B5), the second a little later: a doorbell, not an alarm. */
const NOTES: readonly [frequency: number, delay: number][] = [
  [659.25, 0],
  [987.77, 0.22],
];
const NOTE_SECONDS = 1.4;

let context: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (context) return context;
  const Ctor = globalThis.AudioContext as typeof AudioContext | undefined;
  if (!Ctor) return null;
  context = new Ctor();
  return context;
}

/**
 * Browsers start audio only after a gesture on the page: the first key or pointer press here readies
 * it, so that the chime can sound later when the timer ends on its own.
 */
export function readyAudioOnFirstGesture(): () => void {
  const ready = () => {
    const ctx = audioContext();
    if (ctx?.state === 'suspended') void ctx.resume();
    remove();
  };
  const remove = () => {
    window.removeEventListener('pointerdown', ready, true);
    window.removeEventListener('keydown', ready, true);
  };
  window.addEventListener('pointerdown', ready, true);
  window.addEventListener('keydown', ready, true);
  return remove;
}

/** Plays the chime; false when this browser has no WebAudio. */
export function playChime(): boolean {
  const ctx = audioContext();
  if (!ctx) return false;
  if (ctx.state === 'suspended') void ctx.resume();
  const start = ctx.currentTime + 0.02;
  const master = ctx.createGain();
  master.gain.value = VOLUME;
  master.connect(ctx.destination);
  for (const [frequency, delay] of NOTES) {
    const at = start + delay;
    const oscillator = ctx.createOscillator();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    const envelope = ctx.createGain();
    // A soft attack and a long exponential fade: a bell's shape, with no click at either end.
    envelope.gain.setValueAtTime(0.0001, at);
    envelope.gain.exponentialRampToValueAtTime(1, at + 0.03);
    envelope.gain.exponentialRampToValueAtTime(0.0001, at + NOTE_SECONDS);
    oscillator.connect(envelope).connect(master);
    oscillator.start(at);
    oscillator.stop(at + NOTE_SECONDS + 0.05);
  }
  return true;
}

const MUTED_KEY = 'iot-board:timer-muted';
const listeners = new Set<() => void>();
/** The choice made on this page, for when storage is blocked. */
let mutedHere: boolean | null = null;

/** Whether this device keeps the chime quiet (the visual signal stays). */
export function isChimeMuted(): boolean {
  if (mutedHere !== null) return mutedHere;
  try {
    return localStorage.getItem(MUTED_KEY) === '1';
  } catch {
    return false;
  }
}

export function setChimeMuted(muted: boolean): void {
  mutedHere = muted;
  try {
    if (muted) localStorage.setItem(MUTED_KEY, '1');
    else localStorage.removeItem(MUTED_KEY);
  } catch {
    // Storage blocked: the choice holds for this page.
  }
  listeners.forEach((l) => l());
}

export function subscribeChimeMuted(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
