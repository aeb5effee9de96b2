import type { ReactElement } from 'react';
import { EmptyState, PageHeader } from '../../components/layout';

export function CollatorsPage(): ReactElement {
  return (
    <>
      <PageHeader title="Collators" description="The collator nodes this console runs and watches." />
      <EmptyState title="No collator yet">
        Add a collator profile with its binary and chain spec; the console starts it, restarts it when it crashes and keeps its logs.
      </EmptyState>
    </>
  );
}
