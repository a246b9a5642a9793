import { formatClock } from '@shared';

/**
 * A timebox as the facilitator types it: minutes ("7", "2.5") or a clock ("0:30", "1:05:00"); null
 * when it is neither. The range (1 s to 4 h) is the agenda's to check, with its own message.
 */
export function parseTimebox(text: string): number | null {
  const value = text.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 60_000);
  const clock = /^(?:(\d+):)?(\d+):(\d{2})$/.exec(value);
  if (!clock) return null;
  const [, h, m, s] = clock;
  if (Number(s) >= 60 || (h !== undefined && Number(m) >= 60)) return null;
  return ((Number(h ?? 0) * 60 + Number(m)) * 60 + Number(s)) * 1000;
}

/** A timebox in the field: "7:00", "0:05", "1:05:00". */
export const formatTimebox = (ms: number): string => formatClock(ms);
