import type { ReactElement } from 'react';
import { EmptyState, PageHeader } from '../../components/layout';

export function ParachainsPage(): ReactElement {
  return (
    <>
      <PageHeader title="Parachains" description="Your parachains on the relay chain: lifecycle, blockspace and inclusion." />
      <EmptyState title="No parachain yet" action={<a className="button" href="#/onboarding">Start onboarding</a>}>
        Once you reserve a para id, or connect an account that manages one, it appears here with its lifecycle, head and blockspace.
      </EmptyState>
    </>
  );
}
