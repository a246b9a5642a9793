import { lazy, type ComponentProps, type ReactNode } from 'react';
import { LazyPart } from '../core/ui/LazyPart';
import type { StructuredView as Loaded } from './StructuredView';

// The grid and the roadmap (with drag and drop, the filters and the dialogs) are a chunk of their own:
// a board opens on its canvas, and most people never switch.
const StructuredView = lazy(() => import('./StructuredView').then((m) => ({ default: m.StructuredView })));

const NAMES = { grid: 'the grid', roadmap: 'the roadmap' } as const;

/** The loading place takes the view's own box, so the bars around it stay where they are. */
const viewFrame = (content: ReactNode) => <section className="structured-view">{content}</section>;

/**
 * The structured view chosen in the switcher, its code loaded the first time one is shown; nothing for the
 * canvas, which the board page draws.
 */
export function LazyStructuredView(props: ComponentProps<typeof Loaded>) {
  if (props.kind === 'board') return null;
  return (
    <LazyPart what={NAMES[props.kind]} frame={viewFrame}>
      <StructuredView {...props} />
    </LazyPart>
  );
}
