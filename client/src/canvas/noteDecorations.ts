import { createContext, type ComponentType } from 'react';
import type { Note } from '@shared';
import type { NoteHandlers } from './NoteNode';

/**
 * Something drawn on top of a note, inside its node so that it moves with the note during a drag (vote
 * dots, iteration marks, the private-note style). Each decoration reads what it shows from a context of
 * its own, so a change there re-renders the decorations alone, never the notes' cards.
 */
export type NoteDecoration = ComponentType<{ note: Note }>;

/** The decorations every note draws, bottom first. Keep the array stable: it is compared by identity. */
export const NoteDecorationsContext = createContext<readonly NoteDecoration[]>([]);

/**
 * Handlers that replace the notes' own while a mode gives a press another meaning (dot voting: a click
 * places a dot). Null: the notes' own handlers.
 */
export const NoteHandlersContext = createContext<NoteHandlers | null>(null);
