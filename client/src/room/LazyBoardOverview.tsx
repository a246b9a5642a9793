import { lazy, type ComponentProps, type ReactNode } from 'react';
import { LazyPart } from '../core/ui/LazyPart';
import type { BoardOverview as Loaded } from './BoardOverview';

// Key 0's whole board (the room's scenes, which the projector shares) is a chunk of its own, loaded the
// first time someone asks for it.
const BoardOverview = lazy(() => import('./BoardOverview').then((m) => ({ default: m.BoardOverview })));

/**
 * The overview lies over the canvas, so its loading place draws nothing that could move the page: a
 * status for screen readers alone, for the few milliseconds the chunk takes.
 */
const overviewFrame = (content: ReactNode) => <div className="visually-hidden">{content}</div>;

/** Key 0's whole board over the canvas, its code loaded when it is first opened. */
export function LazyBoardOverview(props: ComponentProps<typeof Loaded>) {
  return (
    <LazyPart what="the whole board" frame={overviewFrame}>
      <BoardOverview {...props} />
    </LazyPart>
  );
}
