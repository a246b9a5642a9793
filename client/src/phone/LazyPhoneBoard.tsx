import { lazy, type ComponentProps, type ReactNode } from 'react';
import { LazyPart } from '../core/ui/LazyPart';
import type { PhoneBoard as Loaded } from './PhoneBoard';

// The phone layout is a chunk of its own: a laptop or a tablet opening the board never loads it.
const PhoneBoard = lazy(() => import('./PhoneBoard').then((m) => ({ default: m.PhoneBoard })));

/** The loading place is the phone page's own box (its style comes with PhoneLayoutButton's). */
const phoneFrame = (content: ReactNode) => <div className="phone-page center-message">{content}</div>;

/** The board as a phone shows it, its code loaded when the phone layout is first chosen. */
export function LazyPhoneBoard(props: ComponentProps<typeof Loaded>) {
  return (
    <LazyPart what="the phone layout" frame={phoneFrame}>
      <PhoneBoard {...props} />
    </LazyPart>
  );
}
