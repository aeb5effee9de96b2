import type { ReactElement } from 'react';
import { EmptyState, PageHeader } from '../../components/layout';

export function AlertsPage(): ReactElement {
  return (
    <>
      <PageHeader title="Alerts" description="What needs your attention, and what did." />
      <EmptyState title="All quiet">
        Alerts about stalled blocks, lost peers, crashes and ending coretime appear here and on your desktop.
      </EmptyState>
    </>
  );
}
