/**
 * How a cell's notes are laid out as cards in a box of the room's screen: how many columns, the text
 * size, and how many lines of each note show. Cells of up to `DENSE` notes keep the scene's text size;
 * a denser cell steps its text down towards the floor, and past what fits at the floor the last card
 * says how many more notes there are. Pure, so the sizes the room sees are tested without a browser.
 */

/** Up to this many notes a cell keeps the scene's full text size. */
export const DENSE = 6;

export interface CardLayoutInput {
  /** Notes in the cell. */
  count: number;
  /** Characters of the cell's longest note: the columns are chosen to show it whole where they can. */
  longest: number;
  /** The box the cards share, in px. */
  width: number;
  height: number;
  /** The scene's text size, px, kept for cells of up to `DENSE` notes. */
  text: number;
  /** The smallest text size of a denser cell, px. */
  floor: number;
  /** The author line's size at the scene's text size, px; 0 for cards without one. */
  author: number;
  /** Room between cards, px. */
  gap: number;
  /** Lines each shown note gets at least, at the floor: fewer notes show when they would get less. */
  minLines?: number;
}

export interface CardLayout {
  columns: number;
  rows: number;
  /** Text and author sizes, px. */
  text: number;
  author: number;
  /** Lines of a note's text a card shows; longer notes end in an ellipsis. */
  lines: number;
  /** Cards drawn as notes; when fewer than the notes, one more card counts the rest. */
  shown: number;
}

const LINE_HEIGHT = 1.18;
/** A wide sans-serif's average character, in em: DejaVu Sans (the fallback on Linux) is among the widest. */
const CHAR_WIDTH = 0.56;
/** Steps of a dense cell's text between the scene's size and the floor. */
const STEP = 0.92;

/** A card's padding and coloured edge, in units of its text size. */
function chrome(text: number, author: number): { across: number; down: number } {
  const pad = 0.32 * text;
  const authorLine = author > 0 ? author * 1.25 + 0.15 * text : 0;
  return { across: 2 * pad + 0.25 * text, down: 2 * pad + authorLine };
}

interface Trial {
  columns: number;
  rows: number;
  lines: number;
  /** Characters a card shows at most. */
  capacity: number;
  /** Characters on one line. */
  perLine: number;
}

function trial(input: CardLayoutInput, cards: number, columns: number, text: number, author: number): Trial {
  const rows = Math.ceil(cards / columns);
  const cardW = (input.width - (columns - 1) * input.gap) / columns;
  const cardH = (input.height - (rows - 1) * input.gap) / rows;
  const edge = chrome(text, author);
  const lines = Math.floor((cardH - edge.down) / (text * LINE_HEIGHT));
  const perLine = Math.floor((cardW - edge.across) / (text * CHAR_WIDTH));
  return {
    columns,
    rows,
    lines: Math.max(0, lines),
    capacity: Math.max(0, lines) * Math.max(0, perLine),
    perLine: Math.max(0, perLine),
  };
}

/** Narrower cards than this many characters break words such as "Communications" across lines. */
const WORD = 12;

/**
 * The columns that show most of the longest note without breaking its words where possible; of
 * equals, the fewer columns (wider cards read better).
 */
function bestColumns(input: CardLayoutInput, cards: number, text: number, author: number): Trial {
  let best: Trial | null = null;
  const score = (t: Trial) => Math.min(t.capacity, input.longest) + (t.perLine >= WORD ? 1e6 : 0);
  for (let columns = 1; columns <= Math.min(cards, 8); columns++) {
    const t = trial(input, cards, columns, text, author);
    if (t.lines < 1) continue;
    if (!best || score(t) > score(best)) best = t;
  }
  return best ?? { columns: 1, rows: cards, lines: 0, capacity: 0, perLine: 0 };
}

function result(t: Trial, text: number, author: number, shown: number): CardLayout {
  return { columns: t.columns, rows: t.rows, lines: t.lines, text, author, shown };
}

/** The cards' layout for a cell of `count` notes in the given box. */
export function cardLayout(input: CardLayoutInput): CardLayout {
  const { count, text, floor } = input;
  // The author line shrinks with the text, down to the size of a dense cell's text less a fifth.
  const authorAt = (size: number) =>
    Math.max((input.author * size) / text, Math.min(input.author, 0.8 * floor));
  if (count === 0) return { columns: 1, rows: 0, text, author: input.author, lines: 0, shown: 0 };

  // Every size from the scene's down to the floor; a cell of up to DENSE notes keeps the first that
  // shows a line at all, a denser one steps down until its longest note fits.
  const sizes: number[] = [];
  for (let size = text; size > floor; size *= STEP) sizes.push(size);
  sizes.push(floor);
  for (const size of sizes) {
    const t = bestColumns(input, count, size, authorAt(size));
    const fits = t.perLine >= WORD && (count <= DENSE ? t.lines >= 1 : t.capacity >= input.longest);
    if (fits) return result(t, size, authorAt(size), count);
  }
  // At the floor: as many notes as get their lines of whole words, the last card counting the rest.
  const author = authorAt(floor);
  const minLines = input.minLines ?? 2;
  for (let shown = count; shown >= 1; shown--) {
    const t = bestColumns(input, shown === count ? count : shown + 1, floor, author);
    if (t.lines >= minLines && t.perLine >= WORD) return result(t, floor, author, shown);
  }
  return result(bestColumns(input, 1, floor, author), floor, author, 0);
}
