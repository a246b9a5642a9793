import { readNotes, type Note } from '@shared';
import type { PrivateNotes } from '../core/private/PrivateNotes';

/** What browser tests may read of the workshop tools (through `window.__workshop`). */
export interface WorkshopTestApi {
  /** This person's private notes on this device, as plain snapshots. */
  privateNotes(): Note[];
}

declare global {
  interface Window {
    __workshop?: WorkshopTestApi;
  }
}

export function exposeWorkshopTestApi(notes: PrivateNotes | null): () => void {
  window.__workshop = { privateNotes: () => (notes ? readNotes(notes.doc) : []) };
  return () => {
    delete window.__workshop;
  };
}
