import type { ReactNode } from 'react';
import { panelId, tabId, type PhoneTab } from './PhoneTabs';

/** The section of one phone tab, named by its tab; hidden while another tab is shown. */
export function PhoneTabPanel({
  tab,
  shown,
  children,
}: {
  tab: PhoneTab;
  shown: PhoneTab;
  children: ReactNode;
}) {
  return (
    <section
      className="phone-panel"
      role="tabpanel"
      id={panelId(tab)}
      aria-labelledby={tabId(tab)}
      hidden={shown !== tab}
    >
      {children}
    </section>
  );
}
