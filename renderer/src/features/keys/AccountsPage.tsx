import { useState, type ReactElement } from 'react';
import { Card, PageHeader } from '../../components/layout';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { AccountList } from './AccountList';
import { ConnectNetwork } from '../../chain/ConnectNetwork';
import { CreateAccount } from './CreateAccount';
import { ExtensionAccounts } from '../../chain/ExtensionAccounts';
import { ImportAccount } from './ImportAccount';
import { useCurrentNetwork } from '../../chain/use-network';
import { VaultGate } from './VaultGate';
import './accounts.css';

/** The keys that pay deposits and fees: held encrypted by the console, or in a browser extension. */
export function AccountsPage(): ReactElement {
  const current = useCurrentNetwork();
  const vault = useApiQuery('keys.vaultState', {});
  const lock = useApiMutation('keys.lock', { invalidates: ['keys.vaultState'] });
  const [adding, setAdding] = useState<'create' | 'import'>();
  return (
    <>
      <PageHeader
        title="Accounts"
        description={`Keys that pay deposits and fees. They stay encrypted in this console and sign in place; only addresses reach this window. Shown for ${current.network?.name ?? current.networkId}.`}
        actions={vault.data?.status === 'ready' ? <button type="button" className="button button-secondary nowrap" onClick={() => lock.mutate({})}>Lock the vault</button> : undefined}
      />
      <VaultGate>
        <>
          <Card title="Accounts in this console">
            <ConnectNetwork current={current} />
            <AccountList current={current} />
          </Card>
          <Card title={adding === 'create' ? 'Create an account' : adding === 'import' ? 'Import an account' : 'Add an account'}>
            {adding === 'create' ? <CreateAccount ss58Prefix={current.ss58Prefix} onCreated={() => setAdding(undefined)} onCancel={() => setAdding(undefined)} /> : null}
            {adding === 'import' ? <ImportAccount onImported={() => setAdding(undefined)} onCancel={() => setAdding(undefined)} /> : null}
            {!adding ? (
              <div className="form-actions start">
                <button type="button" className="button" onClick={() => setAdding('create')}>Create a new account</button>
                <button type="button" className="button button-secondary" onClick={() => setAdding('import')}>Import words, seed or backup</button>
              </div>
            ) : null}
          </Card>
        </>
      </VaultGate>
      <Card title="Browser extension">
        <p className="muted">When you open the headless console in a browser with a Polkadot extension, its accounts can sign here too; the extension asks you each time.</p>
        <ExtensionAccounts ss58Prefix={current.ss58Prefix} />
      </Card>
    </>
  );
}
