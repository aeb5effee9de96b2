import { useState, type FormEvent, type ReactElement } from 'react';
import type { Account } from '../../../../shared/contract/keys';
import { useApi, useApiMutation, useApiQuery } from '../../api/hooks';
import { Address } from '../../components/Address';
import { Amount } from '../../components/Amount';
import { ErrorMessage } from '../../components/ErrorMessage';
import { checkAddress } from '../../format/address';
import { parseAmount } from '../../format/amount';
import { TxFlow } from '../../chain/TxFlow';
import { transferablePlanck, useBalance } from '../../chain/use-live-read';
import type { CurrentNetwork } from '../../chain/use-network';

type Action = { kind: 'export' | 'remove' | 'send'; address: string };

/** The vault's accounts with their balance on the current network, and what can be done with each. */
export function AccountList({ current }: { current: CurrentNetwork }): ReactElement {
  const accounts = useApiQuery('keys.list', {});
  const [action, setAction] = useState<Action>();
  if (accounts.error) return <ErrorMessage error={accounts.error} />;
  if (!accounts.data) return <p className="muted">Reading the vault…</p>;
  if (accounts.data.length === 0) return <p className="muted">No account yet: create one or import one below.</p>;
  return (
    <div className="table-wrap">
      <table className="table accounts-table">
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col" className="numeric">Transferable{current.token ? ` (${current.token.symbol})` : ''}</th>
            <th scope="col"><span className="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {accounts.data.map((account) => (
            <AccountRow key={account.address} account={account} current={current} action={action?.address === account.address ? action : undefined} onAction={setAction} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AccountRow({ account, current, action, onAction }: { account: Account; current: CurrentNetwork; action?: Action; onAction: (action: Action | undefined) => void }): ReactElement {
  const balance = useBalance(account.address, current.connected);
  const close = (): void => onAction(undefined);
  return (
    <>
      <tr>
        <td>
          <Address address={account.address} ss58Prefix={current.ss58Prefix} name={account.name} />
          <div className="muted small">{account.type} key · {sourceWords[account.source]}</div>
        </td>
        <td className="numeric">
          {balance.value && current.token ? <Amount planck={transferablePlanck(balance.value)} token={current.token} /> : <span className="muted">{balance.error ? 'unreadable' : current.connected ? '…' : '—'}</span>}
          {balance.value && BigInt(balance.value.reservedPlanck) > 0n && current.token ? (
            <div className="muted small">+ <Amount planck={balance.value.reservedPlanck} token={current.token} /> reserved</div>
          ) : null}
        </td>
        <td><div className="row-actions">
          <button type="button" className="button button-ghost" onClick={() => onAction({ kind: 'send', address: account.address })} disabled={!current.connected} aria-label={`Send from ${account.name}`}>Send</button>
          <button type="button" className="button button-ghost" onClick={() => onAction({ kind: 'export', address: account.address })} aria-label={`Export a backup of ${account.name}`}>Export backup</button>
          <button type="button" className="button button-ghost danger-text" onClick={() => onAction({ kind: 'remove', address: account.address })} aria-label={`Remove ${account.name}`}>Remove</button>
        </div></td>
      </tr>
      {action ? (
        <tr className="row-detail">
          <td colSpan={3}>
            {action.kind === 'export' ? <ExportBackup account={account} onDone={close} /> : null}
            {action.kind === 'remove' ? <RemoveAccount account={account} onDone={close} /> : null}
            {action.kind === 'send' ? <SendForm account={account} current={current} freePlanck={balance.value ? transferablePlanck(balance.value) : undefined} onDone={close} /> : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}

const sourceWords: Record<Account['source'], string> = { generated: 'created here', mnemonic: 'imported words', seed: 'imported seed', json: 'imported backup' };

function ExportBackup({ account, onDone }: { account: Account; onDone: () => void }): ReactElement {
  const exporter = useApiMutation('keys.exportBackup');
  const vault = useApiQuery('keys.vaultState', {});
  const asksPassphrase = vault.data?.hasPassphrase ?? true;
  const [password, setPassword] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [saved, setSaved] = useState<string>();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    exporter.mutate({ address: account.address, password, ...(asksPassphrase && passphrase !== '' ? { passphrase } : {}) }, {
      onSuccess: ({ json, fileName }) => {
        const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
        const link = document.createElement('a');
        link.href = url;
        link.download = fileName;
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        setSaved(fileName);
        setPassword('');
        setPassphrase('');
      },
    });
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Export a backup of ${account.name}`}>
      {asksPassphrase ? (
        <label className="field">
          <span className="field-label">Vault passphrase</span>
          <input type="password" value={passphrase} onChange={(event) => setPassphrase(event.target.value)} autoComplete="current-password" autoFocus />
          <span className="field-help muted">The backup holds the whole key, so the vault asks for its passphrase again.</span>
        </label>
      ) : null}
      <label className="field">
        <span className="field-label">Password for the backup file</span>
        <input type="password" value={password} onChange={(event) => setPassword(event.target.value)} autoComplete="new-password" autoFocus={!asksPassphrase} />
        <span className="field-help muted">At least 8 characters. The file is a polkadot-js JSON backup encrypted with it; keep both safe and apart.</span>
      </label>
      <ErrorMessage error={exporter.error} />
      {saved ? <div className="banner banner-info" role="status">Saved as <span className="mono">{saved}</span> in your downloads.</div> : null}
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={onDone}>{saved ? 'Close' : 'Cancel'}</button>
        <button type="submit" className="button" disabled={password === '' || (asksPassphrase && passphrase === '') || exporter.isPending}>Download the backup</button>
      </div>
    </form>
  );
}

function RemoveAccount({ account, onDone }: { account: Account; onDone: () => void }): ReactElement {
  const remove = useApiMutation('keys.remove', { invalidates: ['keys.list', 'keys.vaultState'] });
  return (
    <div className="inline-form" role="group" aria-label={`Remove ${account.name}`}>
      <div className="banner banner-warning">
        <div>
          <strong>Remove “{account.name}” from this console?</strong>
          <p>The key is deleted from the vault. Only your recovery words or a backup can bring it back; funds stay on chain.</p>
        </div>
      </div>
      <ErrorMessage error={remove.error} />
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={onDone}>Keep it</button>
        <button type="button" className="button button-danger" disabled={remove.isPending} onClick={() => remove.mutate({ address: account.address }, { onSuccess: onDone })}>Remove the key</button>
      </div>
    </div>
  );
}

function SendForm({ account, current, freePlanck, onDone }: { account: Account; current: CurrentNetwork; freePlanck?: bigint; onDone: () => void }): ReactElement {
  const api = useApi();
  const [dest, setDest] = useState('');
  const [amount, setAmount] = useState('');
  const [review, setReview] = useState<{ dest: string; planck: bigint; key: string }>();
  const token = current.token;
  if (!token) return <p className="muted">Connect to a network first.</p>;
  if (review) {
    return (
      <TxFlow
        intent={{ kind: 'transfer', role: 'relay', dest: review.dest, amountPlanck: review.planck.toString() }}
        signer={{ kind: 'vault', address: account.address, name: account.name }}
        intentKey={review.key}
        summary={`Send ${amount.trim()} ${token.symbol} to ${review.dest.slice(0, 8)}…, keeping the sender alive`}
        spend={{ label: 'Amount sent', planck: review.planck }}
        token={token}
        ss58Prefix={current.ss58Prefix}
        freePlanck={freePlanck}
        onCancel={() => setReview(undefined)}
        onSettled={() => void api.call('keys.list', {})}
      />
    );
  }
  const destCheck = dest.trim() ? checkAddress(dest, current.ss58Prefix) : undefined;
  const amountCheck = amount.trim() ? parseAmount(amount, token) : undefined;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (destCheck?.ok && amountCheck?.ok) setReview({ dest: destCheck.address, planck: amountCheck.planck, key: `transfer:${account.address}:${Date.now()}` });
  };
  return (
    <form className="inline-form send-form" onSubmit={submit} aria-label={`Send from ${account.name}`}>
      <label className="field">
        <span className="field-label">To</span>
        <input type="text" value={dest} onChange={(event) => setDest(event.target.value)} spellCheck={false} placeholder="SS58 address" autoFocus />
        {destCheck && !destCheck.ok ? <span className="field-error" role="alert">{destCheck.reason}</span> : null}
      </label>
      <label className="field">
        <span className="field-label">Amount ({token.symbol})</span>
        <input type="text" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} placeholder="0.0" />
        {amountCheck && !amountCheck.ok ? <span className="field-error" role="alert">{amountCheck.reason}</span> : null}
      </label>
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={onDone}>Cancel</button>
        <button type="submit" className="button" disabled={!destCheck?.ok || !amountCheck?.ok}>Review</button>
      </div>
    </form>
  );
}
