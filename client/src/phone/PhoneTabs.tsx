import { useRef, type KeyboardEvent } from 'react';

export type PhoneTab = 'add' | 'board' | 'vote';

const LABELS: Readonly<Record<PhoneTab, string>> = { add: 'Add', board: 'Board', vote: 'Vote' };

export const tabId = (tab: PhoneTab) => `phone-tab-${tab}`;
export const panelId = (tab: PhoneTab) => `phone-panel-${tab}`;

/** The phone layout's sections as tabs under the thumb; arrow keys move between them, as in any tab list. */
export function PhoneTabs({
  tabs,
  value,
  onChange,
  voteOpen,
}: {
  tabs: readonly PhoneTab[];
  value: PhoneTab;
  onChange: (tab: PhoneTab) => void;
  /** A vote is waiting for this person's dots: the Vote tab says so. */
  voteOpen: boolean;
}) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    const to = e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : tabs.indexOf(value) + step;
    if (step === 0 && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length]!;
    onChange(next);
    list.current?.querySelector<HTMLElement>(`#${tabId(next)}`)?.focus();
  };
  return (
    <div ref={list} className="phone-tabs" role="tablist" aria-label="Board sections" onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab}
          type="button"
          role="tab"
          id={tabId(tab)}
          aria-selected={tab === value}
          aria-controls={panelId(tab)}
          tabIndex={tab === value ? 0 : -1}
          className="phone-tab"
          onClick={() => onChange(tab)}
        >
          {LABELS[tab]}
          {tab === 'vote' && voteOpen && (
            <span className="phone-tab-badge">
              <span aria-hidden>●</span>
              <span className="visually-hidden"> (open)</span>
            </span>
          )}
        </button>
      ))}
    </div>
  );
}
