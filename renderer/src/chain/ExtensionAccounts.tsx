import { useState, type ReactElement } from 'react';
import { Address } from '../components/Address';
import { discoverExtensionAccounts, type ExtensionDiscovery } from './extension';

/** Accounts a browser extension offers; it asks the operator's permission first. */
export function ExtensionAccounts({ ss58Prefix, onPick }: { ss58Prefix: number; onPick?: (address: string, name?: string) => void }): ReactElement {
  const [discovery, setDiscovery] = useState<ExtensionDiscovery>();
  const [busy, setBusy] = useState(false);
  const look = async (): Promise<void> => {
    setBusy(true);
    try {
      setDiscovery(await discoverExtensionAccounts());
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="extension-accounts">
      {!discovery ? (
        <button type="button" className="button button-secondary" onClick={() => void look()} disabled={busy}>{busy ? 'Asking the extension…' : 'Look for extension accounts'}</button>
      ) : discovery.status !== 'ready' ? (
        <p className="muted" role="status">{discovery.reason}</p>
      ) : discovery.accounts.length === 0 ? (
        <p className="muted" role="status">{discovery.extensions.join(', ')} shared no accounts with the console.</p>
      ) : (
        <ul className="plain-list">
          {discovery.accounts.map((account) => (
            <li key={`${account.source}:${account.address}`}>
              <Address address={account.address} ss58Prefix={ss58Prefix} name={account.name} /> <span className="muted small">{account.source}</span>
              {onPick ? <button type="button" className="button button-secondary" onClick={() => onPick(account.address, account.name)}>Use this account</button> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
