import { useCallback, useEffect, useState, type RefObject } from 'react';
import { CommandError, type AreaId, type LayerId, type Zone } from '@shared';
import type { BoardConnection } from '../core/connection/BoardConnection';
import { noteColorOf, type Identity } from '../core/identity/identity';
import { addNoteToCell, cellLabel, type NoteDraft } from '../core/editor/addToCell';
import type { PrivateBrainstorm } from '../core/private/usePrivateNotes';

/** What the grid is editing: a new note for a cell, or an existing note. */
export type GridEditing = { kind: 'add'; cell: string } | { kind: 'edit'; noteId: string } | null;

export interface GridEditingState {
  editing: GridEditing;
  /** The cell a new note goes to when none is named (the toolbar's + Note, the N key). */
  currentCell: string;
  setCurrentCell(cell: string): void;
  openAdd(cell?: string): void;
  openEdit(noteId: string): void;
  close(): void;
  /** Adds the draft to the cell being added to; returns an error a person can read, or null. */
  add(draft: NoteDraft): string | null;
  /** Said to screen readers (and shown) after an add: where the note went. */
  message: string;
}

function parseCell(id: string): { layer: LayerId; area: AreaId } {
  const [layer, area] = id.split(':') as [LayerId, AreaId];
  return { layer, area };
}

/**
 * Adding and editing notes in the grid. A new note goes into its cell's zone on the board, at a free
 * spot, so the canvas shows it in the same cell; while silent brainstorming runs it stays in this
 * person's private notes, as a note added on the canvas would. `addNoteRef` is where the board page's
 * "+ Note" finds the grid's add.
 */
export function useGridEditing(
  connection: BoardConnection,
  identity: Identity,
  brainstorm: PrivateBrainstorm,
  zones: readonly Zone[],
  firstCell: string,
  addNoteRef: RefObject<(() => void) | null> | undefined,
): GridEditingState {
  const [editing, setEditing] = useState<GridEditing>(null);
  const [chosenCell, setCurrentCell] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const currentCell = chosenCell ?? firstCell;

  const openAdd = useCallback(
    (cell?: string) => {
      const target = cell ?? currentCell;
      setCurrentCell(target);
      setEditing({ kind: 'add', cell: target });
    },
    [currentCell],
  );
  const openEdit = useCallback((noteId: string) => setEditing({ kind: 'edit', noteId }), []);
  const close = useCallback(() => setEditing(null), []);

  useEffect(() => {
    if (!addNoteRef) return;
    addNoteRef.current = () => openAdd();
    return () => {
      addNoteRef.current = null;
    };
  }, [addNoteRef, openAdd]);

  const add = (draft: NoteDraft): string | null => {
    if (editing?.kind !== 'add') return null;
    const cell = parseCell(editing.cell);
    const privately = brainstorm.active && brainstorm.notes !== null;
    const target = privately ? brainstorm.notes! : connection;
    // Private notes go on the board one day: keep them clear of the board's notes and of each other.
    const occupied = [...connection.store.allNotes(), ...(brainstorm.notes?.store.allNotes() ?? [])];
    const author = { name: identity.name, department: identity.department, color: noteColorOf(identity) };
    try {
      // One note, one undo step.
      target.undoManager.stopCapturing();
      addNoteToCell(target.doc, cell, draft, author, zones, occupied, target.origin);
      target.undoManager.stopCapturing();
    } catch (e) {
      if (e instanceof CommandError) return e.message;
      throw e;
    }
    setMessage(
      privately
        ? `Kept private until revealed, for ${cellLabel(cell)}.`
        : `Added a note to ${cellLabel(cell)}.`,
    );
    return null;
  };

  return { editing, currentCell, setCurrentCell, openAdd, openEdit, close, add, message };
}
