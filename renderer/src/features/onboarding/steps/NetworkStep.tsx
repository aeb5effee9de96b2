import { useState, type FormEvent, type ReactElement } from 'react';
import type { OnboardingSigner } from '../../../../../shared/contract/onboarding';
import { useApiMutation, useApiQuery } from '../../../api/hooks';
import { Address } from '../../../components/Address';
import { Amount } from '../../../components/Amount';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { checkAddress } from '../../../format/address';
import { ConnectNetwork } from '../../../chain/ConnectNetwork';
import { CreateAccount } from '../../keys/CreateAccount';
import { ExtensionAccounts } from '../../../chain/ExtensionAccounts';
import { ImportAccount } from '../../keys/ImportAccount';
import { transferablePlanck, useBalance } from '../../../chain/use-live-read';
import { VaultGate } from '../../keys/VaultGate';
import type { StepProps } from '../step-props';

/** Step a: which network (or a rehearsal fork of it) and which account pays. */
export function NetworkStep({ progress, update, current }: StepProps): ReactElement {
  const networks = useApiQuery('chain.networks', {});
  const [addingNetwork, setAddingNetwork] = useState(false);
  const signer = progress.signer;
  const balance = useBalance(signer?.address, current.connected);
  const ready = current.connected && signer !== undefined;

  return (
    <div className="step-body">
      <section aria-labelledby="network-heading">
        <h3 id="network-heading">Network</h3>
        <ErrorMessage error={networks.error} />
        <div className="choice-grid" role="radiogroup" aria-label="Network">
          {networks.data?.map((network) => (
            <label key={network.id} className={network.id === current.networkId ? 'choice selected' : 'choice'}>
              <input type="radio" name="network" checked={network.id === current.networkId} onChange={() => void update({ networkId: network.id })} />
              <strong>{network.name}</strong>
              <span className="muted small">{network.token.symbol} · {network.builtIn ? (network.testnet ? 'test network' : 'live network') : 'your network'}</span>
            </label>
          ))}
        </div>
        {addingNetwork ? <AddLocalNetwork onAdded={(id) => { setAddingNetwork(false); void update({ networkId: id }); }} onCancel={() => setAddingNetwork(false)} /> : (
          <button type="button" className="button button-ghost" onClick={() => setAddingNetwork(true)}>+ A local network or private RPC</button>
        )}
        <label className="toggle rehearsal-toggle">
          <input type="checkbox" checked={progress.rehearsal} onChange={(event) => void update({ rehearsal: event.target.checked })} />
          <span>Rehearse first on a local fork of {current.network?.name ?? 'this network'}: funded test tokens, nothing real is spent</span>
        </label>
        {progress.rehearsal ? <RehearsalControl networkId={current.networkId} signer={signer} /> : <ConnectNetwork current={current} />}
      </section>

      <section aria-labelledby="signer-heading">
        <h3 id="signer-heading">Account that pays deposits and fees</h3>
        <SignerPicker signer={signer} ss58Prefix={current.ss58Prefix} onPick={(picked) => void update({ signer: picked })} />
        {signer ? (
          <div className="signer-summary">
            <Address address={signer.address} ss58Prefix={current.ss58Prefix} name={signer.name} />
            <span className="badge">{signer.kind === 'vault' ? 'console key' : signer.kind === 'extension' ? 'browser extension' : 'watch only'}</span>
            {balance.value && current.token ? (
              <span>Transferable: <strong><Amount planck={transferablePlanck(balance.value)} token={current.token} /></strong></span>
            ) : <span className="muted">{current.connected ? 'Reading the balance…' : 'Connect to see the balance.'}</span>}
          </div>
        ) : null}
        {signer?.kind === 'watch' ? (
          <div className="banner banner-info" role="note">A watch-only address cannot sign. You can follow every step, but each transaction needs a console or extension account.</div>
        ) : null}
        <p className="muted small">
          Ahead: reserving a para id locks the para deposit; registering locks a deposit sized by the relay’s maximum code size; coretime or on-demand orders are paid; every transaction pays a fee. Each figure comes from the chain and is shown, in {current.token?.symbol ?? 'the network’s token'}, before you sign.
        </p>
      </section>

      <div className="step-actions">
        <button type="button" className="button" disabled={!ready} onClick={() => void update({ complete: 'network', step: 'prepare' })}>Continue to Prepare</button>
        {!ready ? <span className="muted small">{!current.connected ? 'Connect to the network first.' : 'Pick an account first.'}</span> : null}
      </div>
    </div>
  );
}

function SignerPicker({ signer, ss58Prefix, onPick }: { signer?: OnboardingSigner; ss58Prefix: number; onPick: (signer: OnboardingSigner) => void }): ReactElement {
  const [kind, setKind] = useState<OnboardingSigner['kind']>(signer?.kind ?? 'vault');
  return (
    <div className="signer-picker">
      <div className="segmented" role="radiogroup" aria-label="Signer kind">
        {([['vault', 'Console account'], ['extension', 'Browser extension'], ['watch', 'Watch only']] as const).map(([value, label]) => (
          <label key={value} className={value === kind ? 'segment selected' : 'segment'}>
            <input type="radio" name="signer-kind" checked={value === kind} onChange={() => setKind(value)} />
            {label}
          </label>
        ))}
      </div>
      {kind === 'vault' ? <VaultAccounts selected={signer?.kind === 'vault' ? signer.address : undefined} ss58Prefix={ss58Prefix} onPick={onPick} /> : null}
      {kind === 'extension' ? <ExtensionAccounts ss58Prefix={ss58Prefix} onPick={(address, name) => onPick({ kind: 'extension', address, ...(name ? { name } : {}) })} /> : null}
      {kind === 'watch' ? <WatchAddress ss58Prefix={ss58Prefix} onPick={onPick} /> : null}
    </div>
  );
}

function VaultAccounts({ selected, ss58Prefix, onPick }: { selected?: string; ss58Prefix: number; onPick: (signer: OnboardingSigner) => void }): ReactElement {
  const accounts = useApiQuery('keys.list', {});
  const [adding, setAdding] = useState<'create' | 'import'>();
  const picked = (account: { address: string; name: string }): void => {
    setAdding(undefined);
    onPick({ kind: 'vault', address: account.address, name: account.name });
  };
  return (
    <VaultGate>
      <div className="vault-accounts">
        {accounts.data && accounts.data.length > 0 ? (
          <div className="plain-list" role="radiogroup" aria-label="Console accounts">
            {accounts.data.map((account) => (
              <label key={account.address} className={account.address === selected ? 'choice-row selected' : 'choice-row'}>
                <input type="radio" name="vault-account" checked={account.address === selected} onChange={() => picked(account)} />
                <Address address={account.address} ss58Prefix={ss58Prefix} name={account.name} />
              </label>
            ))}
          </div>
        ) : <p className="muted">No account in this console yet.</p>}
        {adding === 'create' ? <CreateAccount ss58Prefix={ss58Prefix} onCreated={picked} onCancel={() => setAdding(undefined)} /> : null}
        {adding === 'import' ? <ImportAccount onImported={picked} onCancel={() => setAdding(undefined)} /> : null}
        {!adding ? (
          <div className="form-actions start">
            <button type="button" className="button button-secondary" onClick={() => setAdding('create')}>Create an account</button>
            <button type="button" className="button button-secondary" onClick={() => setAdding('import')}>Import one</button>
          </div>
        ) : null}
      </div>
    </VaultGate>
  );
}

function WatchAddress({ ss58Prefix, onPick }: { ss58Prefix: number; onPick: (signer: OnboardingSigner) => void }): ReactElement {
  const [text, setText] = useState('');
  const check = text.trim() ? checkAddress(text, ss58Prefix) : undefined;
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (check?.ok) onPick({ kind: 'watch', address: check.address });
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Watch an address">
      <label className="field">
        <span className="field-label">Address to watch</span>
        <input type="text" value={text} onChange={(event) => setText(event.target.value)} spellCheck={false} />
        {check && !check.ok ? <span className="field-error" role="alert">{check.reason}</span> : null}
      </label>
      <div className="form-actions start"><button type="submit" className="button button-secondary" disabled={!check?.ok}>Watch it</button></div>
    </form>
  );
}

function AddLocalNetwork({ onAdded, onCancel }: { onAdded: (id: string) => void; onCancel: () => void }): ReactElement {
  const add = useApiMutation('chain.addNetwork', { invalidates: ['chain.networks'] });
  const [form, setForm] = useState({ name: 'Local network', id: 'local', symbol: 'UNIT', decimals: '12', ss58Prefix: '42', endpoint: 'ws://127.0.0.1:9944', coretimeEndpoint: '' });
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm((previous) => ({ ...previous, [key]: event.target.value }));
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    add.mutate({
      network: {
        id: form.id.trim(),
        name: form.name.trim(),
        testnet: true,
        token: { symbol: form.symbol.trim(), decimals: Number(form.decimals) },
        ss58Prefix: Number(form.ss58Prefix),
        chains: {
          relay: { name: `${form.name.trim()} relay`, rpcEndpoints: [form.endpoint.trim()] },
          // A network with a Coretime chain offers bulk coretime (purchase, assignment, renewal); the console connects it with the relay.
          ...(form.coretimeEndpoint.trim() ? { coretime: { name: `${form.name.trim()} Coretime`, rpcEndpoints: [form.coretimeEndpoint.trim()] } } : {}),
        },
      },
    }, { onSuccess: (network) => onAdded(network.id) });
  };
  return (
    <form className="inline-form network-form" onSubmit={submit} aria-label="Add a network">
      <label className="field"><span className="field-label">Name</span><input type="text" value={form.name} onChange={set('name')} /></label>
      <label className="field"><span className="field-label">Short id</span><input type="text" value={form.id} onChange={set('id')} /></label>
      <label className="field"><span className="field-label">RPC endpoint</span><input type="text" value={form.endpoint} onChange={set('endpoint')} spellCheck={false} /></label>
      <label className="field"><span className="field-label">Coretime chain endpoint (optional)</span><input type="text" value={form.coretimeEndpoint} placeholder="ws://127.0.0.1:9945" onChange={set('coretimeEndpoint')} spellCheck={false} /><span className="field-help muted">Where the network has one: bulk coretime is bought, assigned and renewed there.</span></label>
      <label className="field"><span className="field-label">Token</span><input type="text" value={form.symbol} onChange={set('symbol')} /></label>
      <label className="field"><span className="field-label">Decimals</span><input type="number" min={0} max={30} value={form.decimals} onChange={set('decimals')} /></label>
      <label className="field"><span className="field-label">SS58 prefix</span><input type="number" min={0} value={form.ss58Prefix} onChange={set('ss58Prefix')} /></label>
      <ErrorMessage error={add.error} />
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={onCancel}>Cancel</button>
        <button type="submit" className="button" disabled={add.isPending}>Add the network</button>
      </div>
    </form>
  );
}

function RehearsalControl({ networkId, signer }: { networkId: string; signer?: OnboardingSigner }): ReactElement {
  const state = useApiQuery('rehearsal.state', {}, { refetchInterval: 5_000 });
  const start = useApiMutation('rehearsal.start', { invalidates: ['rehearsal.state'] });
  const stop = useApiMutation('rehearsal.stop', { invalidates: ['rehearsal.state'] });
  const running = state.data?.status === 'running' && state.data.networkId === networkId;
  const TEST_FUNDS_PLANCK = (10n ** 18n).toString();
  return (
    <div className="connection-line">
      <span className={running ? 'badge badge-ok' : 'badge'}>{running ? 'fork running' : state.data?.status === 'starting' || start.isPending ? 'starting' : 'no fork'}</span>
      {running ? <span className="muted">Local fork at <span className="mono">{state.data?.endpoint}</span>; {state.data?.funded.length ?? 0} account(s) funded.</span> : <span className="muted">{state.data?.reason ?? 'The fork starts from the live chain’s state and runs on this computer.'}</span>}
      {running ? (
        <button type="button" className="button button-secondary" onClick={() => stop.mutate({})} disabled={stop.isPending}>Stop the fork</button>
      ) : (
        <button type="button" className="button button-secondary" disabled={start.isPending} onClick={() => start.mutate({ networkId, role: 'relay', fund: signer ? [{ address: signer.address, freePlanck: TEST_FUNDS_PLANCK }] : [] })}>
          {start.isPending ? 'Starting the fork (about 20 s)…' : 'Start the fork'}
        </button>
      )}
      <ErrorMessage error={start.error ?? stop.error} />
    </div>
  );
}
