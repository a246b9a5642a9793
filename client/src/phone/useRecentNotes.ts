import { useCallback, useState } from 'react';

/** How many of a person's own notes the Add tab lists. */
const RECENT_MAX = 12;

const key = (boardId: string) => `iot-board:phone-recent:${boardId}`;

function load(boardId: string): string[] {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(key(boardId)) ?? '[]');
    return Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string').slice(0, RECENT_MAX)
      : [];
  } catch {
    return [];
  }
}

/**
 * The ids of the notes this person added from this phone, newest first. Kept for the tab's life, so a
 * phone that reloads the page after a switch to another app still lists them.
 */
export function useRecentNotes(boardId: string): { ids: readonly string[]; remember(id: string): void } {
  const [ids, setIds] = useState<readonly string[]>(() => load(boardId));
  const remember = useCallback(
    (id: string) =>
      setIds((current) => {
        const next = [id, ...current.filter((i) => i !== id)].slice(0, RECENT_MAX);
        try {
          sessionStorage.setItem(key(boardId), JSON.stringify(next));
        } catch {
          // Storage blocked: the list holds until the page goes.
        }
        return next;
      }),
    [boardId],
  );
  return { ids, remember };
}
