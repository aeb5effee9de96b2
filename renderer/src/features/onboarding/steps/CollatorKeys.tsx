import type { ReactElement } from 'react';
import type { CollatorSigner, RotatedSessionKeysRecord } from '../../../../../shared/contract/onboarding';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { shortenAddress } from '../../../format/address';
import type { CollatorKeysState } from './collator-keys-state';

/** What `author_hasSessionKeys` said about the rotated keys, as the step asked it. */
export interface KeysOnNodeCheck {
  present?: boolean;
  checking: boolean;
  error?: unknown;
  /** Asked again once setKeys was in a block. */
  afterSetKeys: boolean;
  recheck: () => void;
}

/**
 * The session keys of one collator: generate them for the account that will
 * set them, show each public key by type, and whether the node's keystore
 * holds them. Keys made for an earlier signer are called out as stale.
 */
export function CollatorKeys({ rotated, state, signer, running, rotating, rotateError, onRotate, onNode, names }: {
  rotated?: RotatedSessionKeysRecord;
  state: CollatorKeysState;
  signer?: CollatorSigner;
  running: boolean;
  rotating: boolean;
  rotateError: unknown;
  onRotate: () => void;
  onNode: KeysOnNodeCheck;
  /** Names the console knows for addresses (its vault accounts and the chosen signers). */
  names: (address: string) => string;
}): ReactElement {
  return (
    <div className="collator-keys">
      <div className="collator-keys-actions">
        <button type="button" className="button button-secondary" disabled={!running || !signer || rotating} onClick={onRotate}>
          {rotating ? 'Generating…' : rotated ? 'Generate again' : 'Generate'}
        </button>
        {!signer ? <span className="muted small">Choose the account that signs for this collator first: the keys are made for it.</span> : null}
        {signer && !running ? <span className="muted small">Start the node first.</span> : null}
      </div>
      <ErrorMessage error={rotateError} />
      {state.kind === 'stale' ? (
        <div className="banner banner-warning" role="alert">
          <div>
            <strong>These keys were generated for {names(state.rotatedFor)}; this collator now signs with {names(state.signer)}.</strong>
            <p>Their ownership proof names {names(state.rotatedFor)}, so {names(state.signer)} cannot set them. Generate the keys again.</p>
          </div>
        </div>
      ) : null}
      {rotated ? (
        <>
          <table className="table session-key-table" aria-label="Session public keys">
            <thead><tr><th scope="col">Key type</th><th scope="col">Public key</th></tr></thead>
            <tbody>
              {(rotated.decoded ?? [{ keyType: 'all (undecoded)', publicKey: rotated.keys }]).map((part) => (
                <tr key={`${part.keyType}:${part.publicKey}`}><td>{part.keyType}</td><td className="mono session-keys">{part.publicKey}</td></tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">
            {rotated.proof ? `With an ownership proof for ${names(rotated.owner)}.` : `Generated for ${names(rotated.owner)}; the node gave no ownership proof (it predates author_rotateKeysWithOwner), so an empty one is sent.`}
          </p>
          <KeysOnNode check={onNode} running={running} />
        </>
      ) : null}
    </div>
  );
}

function KeysOnNode({ check, running }: { check: KeysOnNodeCheck; running: boolean }): ReactElement {
  const answer = !running ? 'node stopped' : check.checking ? 'checking…' : check.present === true ? 'yes' : check.present === false ? 'no' : 'could not check';
  const badge = check.present === true ? 'badge badge-ok' : check.present === false ? 'badge badge-crit' : 'badge badge-warn';
  return (
    <div className="keys-on-node">
      <div className="keys-on-node-line" role="status">
        <span>Keys on node:</span> <span className={badge} data-keys-on-node={answer}>{answer}</span>
        {check.afterSetKeys && check.present !== undefined && !check.checking ? <span className="muted small">checked again after the keys were set on chain</span> : null}
        <button type="button" className="button button-ghost" disabled={!running || check.checking} onClick={check.recheck}>Check again</button>
      </div>
      {check.present === false ? (
        <p className="field-error">The node’s keystore does not hold these keys (another base path, or a wiped keystore): it would never author with them. Generate them again on this node.</p>
      ) : null}
      {running && check.error ? <ErrorMessage error={check.error} /> : null}
    </div>
  );
}

/** A name for an address when the console knows one, else its short form. */
export function nameOf(known: Array<{ address: string; name?: string }>, same: (a: string, b: string) => boolean): (address: string) => string {
  return (address) => known.find((entry) => entry.name && same(entry.address, address))?.name ?? shortenAddress(address);
}
