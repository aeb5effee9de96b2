import { useState, type ReactElement } from 'react';
import type { CollatorSigner } from '../../../../../shared/contract/onboarding';
import { useApiQuery } from '../../../api/hooks';
import { Address } from '../../../components/Address';
import { Amount } from '../../../components/Amount';
import { ErrorMessage } from '../../../components/ErrorMessage';
import type { TokenFormat } from '../../../format/amount';
import { shortenAddress } from '../../../format/address';
import { ExtensionAccounts } from '../../../chain/ExtensionAccounts';
import { signerFunds } from './collator-keys-state';
import './collator-signer.css';

const ONBOARDING = 'onboarding';
const FROM_EXTENSION = 'extension';

/**
 * Which account signs one collator's `session.setKeys` and candidacy: the
 * onboarding account by default, or the collator's own (a console key or a
 * browser-extension account). A native select, so the keyboard works as usual.
 */
export function CollatorSignerPicker({ profileId, profileName, own, onboarding, ss58Prefix, onPick }: {
  profileId: string;
  profileName: string;
  /** The collator's own signer, when it has one. */
  own?: CollatorSigner;
  /** The onboarding signer, when it can sign. */
  onboarding?: CollatorSigner;
  ss58Prefix: number;
  /** null: back to the onboarding signer. */
  onPick: (signer: CollatorSigner | null) => void;
}): ReactElement {
  const accounts = useApiQuery('keys.list', {});
  const [lookingInExtension, setLookingInExtension] = useState(false);
  const selectId = `collator-signer-${profileId}`;
  const value = lookingInExtension ? FROM_EXTENSION : own ? `${own.kind}:${own.address}` : ONBOARDING;
  const vaultAccounts = accounts.data ?? [];
  const ownIsListed = own?.kind === 'vault' && vaultAccounts.some((account) => account.address === own.address);

  const choose = (next: string): void => {
    if (next === FROM_EXTENSION) {
      setLookingInExtension(true);
      return;
    }
    setLookingInExtension(false);
    if (next === ONBOARDING) {
      onPick(null);
      return;
    }
    const account = vaultAccounts.find((entry) => `vault:${entry.address}` === next);
    if (account) onPick({ kind: 'vault', address: account.address, name: account.name });
  };

  return (
    <div className="collator-signer-picker">
      <label className="field collator-signer-field" htmlFor={selectId}>
        <span className="field-label">Account that signs for {profileName}</span>
        <select id={selectId} value={value} onChange={(event) => choose(event.target.value)}>
          <option value={ONBOARDING}>{onboarding ? `The onboarding account: ${onboarding.name ?? shortenAddress(onboarding.address)}` : 'Choose an account…'}</option>
          {vaultAccounts.map((account) => (
            <option key={account.address} value={`vault:${account.address}`}>{account.name} ({shortenAddress(account.address)}) · console key</option>
          ))}
          {own && !ownIsListed ? (
            <option value={`${own.kind}:${own.address}`}>{own.name ?? shortenAddress(own.address)} · {own.kind === 'extension' ? 'browser extension' : 'console key (not in this vault)'}</option>
          ) : null}
          <option value={FROM_EXTENSION}>An account from a browser extension…</option>
        </select>
      </label>
      <p className="muted small">
        Usually the collator’s own candidate or invulnerable account, whose keys the parachain maps. <a href="#/accounts">Create or import one on the Accounts page</a>.
      </p>
      <ErrorMessage error={accounts.error} />
      {lookingInExtension ? (
        <ExtensionAccounts
          ss58Prefix={ss58Prefix}
          onPick={(address, name) => {
            setLookingInExtension(false);
            onPick({ kind: 'extension', address, ...(name ? { name } : {}) });
          }}
        />
      ) : null}
    </div>
  );
}

/** The signer with its parachain balance, and a plain warning when it cannot pay anything there. */
export function CollatorSignerFunds({ signer, inherited, transferablePlanck, balanceError, parachainConnected, token, ss58Prefix }: {
  signer: CollatorSigner;
  inherited: boolean;
  transferablePlanck?: bigint;
  balanceError?: unknown;
  parachainConnected: boolean;
  token?: TokenFormat;
  ss58Prefix: number;
}): ReactElement {
  const funds = signerFunds(transferablePlanck);
  const who = signer.name ?? shortenAddress(signer.address);
  return (
    <div className="collator-signer-summary">
      <div className="signer-summary">
        <Address address={signer.address} ss58Prefix={ss58Prefix} name={signer.name} />
        <span className="badge">{signer.kind === 'vault' ? 'console key' : 'browser extension'}</span>
        {inherited ? <span className="muted small">the onboarding account</span> : null}
        {!parachainConnected ? (
          <span className="muted">Connect to the parachain to see its balance there.</span>
        ) : transferablePlanck !== undefined && token ? (
          <span>On the parachain: <strong><Amount planck={transferablePlanck} token={token} /></strong> transferable</span>
        ) : balanceError ? null : <span className="muted">Reading its parachain balance…</span>}
      </div>
      <ErrorMessage error={balanceError} />
      {parachainConnected && funds.kind === 'empty' ? (
        <div className="banner banner-warning" role="alert">
          <div>
            <strong>{who} has nothing on the parachain, so it cannot pay.</strong>
            <p>Setting session keys costs a fee there, and registering as a candidate holds the candidacy bond. Send {who} some {token?.symbol ?? 'tokens'} on the parachain, or choose an account that has some.</p>
          </div>
        </div>
      ) : null}
    </div>
  );
}
