import { useState, type ReactElement } from 'react';
import type { CollatorProfile, CollatorState } from '../../../../../shared/contract/collators';
import { useApiMutation, useApiQuery, useStream } from '../../../api/hooks';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { formatBlockNumber } from '../../../format/time';
import { sameAccount } from '../../../format/address';
import { TxFlow } from '../../../chain/TxFlow';
import { transferablePlanck, useBalance, useLiveRead } from '../../../chain/use-live-read';
import { useConnections } from '../../../chain/use-network';
import { signerOf, type StepProps } from '../step-props';
import { collatorKeysState, collatorSignerOf, maySetKeys, type CollatorKeysState } from './collator-keys-state';
import { CollatorKeys, nameOf } from './CollatorKeys';
import { CollatorSignerFunds, CollatorSignerPicker } from './CollatorSigner';

/** Step e: which collators run the parachain; start each, give it session keys made for the account that signs for it, and register them on the parachain. */
export function CollatorsStep({ progress, update, current }: StepProps): ReactElement {
  const list = useApiQuery('collators.list', {});
  const [states, setStates] = useState<Record<string, CollatorState>>({});
  useStream('collators.state', {}, (state) => setStates((previous) => ({ ...previous, [state.profileId]: state })));
  const chosen = new Set(progress.collatorProfileIds);
  const toggle = (id: string, on: boolean): void => {
    const next = on ? [...progress.collatorProfileIds, id] : progress.collatorProfileIds.filter((entry) => entry !== id);
    void update({ collatorProfileIds: next });
  };
  const anyRunning = progress.collatorProfileIds.some((id) => (states[id] ?? list.data?.find((entry) => entry.profile.id === id)?.state)?.status === 'running');

  return (
    <div className="step-body">
      <section aria-labelledby="fleet-heading">
        <h3 id="fleet-heading">Collators of para {progress.paraId ?? '…'}</h3>
        <p className="muted">Two or more keep the chain producing blocks while one restarts. <a href="#/collators">Add profiles on the Collators page</a>; each needs its own base path and ports.</p>
        <ErrorMessage error={list.error} />
        <div className="plain-list" role="group" aria-label="Collator profiles">
          {list.data?.map(({ profile }) => (
            <label key={profile.id} className={chosen.has(profile.id) ? 'choice-row selected' : 'choice-row'}>
              <input type="checkbox" checked={chosen.has(profile.id)} onChange={(event) => toggle(profile.id, event.target.checked)} />
              <strong>{profile.name}</strong>
              <span className="muted small">RPC 127.0.0.1:{profile.ports.para.rpc}</span>
            </label>
          ))}
        </div>
      </section>
      {list.data?.filter(({ profile }) => chosen.has(profile.id)).map(({ profile, state }) => (
        <CollatorSetup key={profile.id} profile={profile} state={states[profile.id] ?? state} progress={progress} update={update} current={current} />
      ))}
      <div className="step-actions">
        <button type="button" className="button button-secondary" onClick={() => void update({ step: 'blockspace' })}>Back</button>
        <button type="button" className="button" disabled={!anyRunning} onClick={() => void update({ complete: 'collators', step: 'done' })}>Finish</button>
        {!anyRunning ? <span className="muted small">Start at least one collator first.</span> : null}
      </div>
    </div>
  );
}

function CollatorSetup({ profile, state, progress, update, current }: StepProps & { profile: CollatorProfile; state: CollatorState }): ReactElement {
  const start = useApiMutation('collators.start', { invalidates: ['collators.list'] });
  const rotate = useApiMutation('keys.rotateSessionKeys');
  const connect = useApiMutation('chain.connect');
  const vaultAccounts = useApiQuery('keys.list', {});
  const connections = useConnections();
  const [candidate, setCandidate] = useState(false);
  const [checkedAfterSetKeys, setCheckedAfterSetKeys] = useState(false);
  const [signerSaveError, setSignerSaveError] = useState<unknown>();
  const [keysSaveError, setKeysSaveError] = useState<unknown>();
  const setup = progress.collators[profile.id];
  const signer = collatorSignerOf(progress, profile.id);
  const rotated = setup?.rotated;
  const endpoint = `ws://127.0.0.1:${profile.ports.para.rpc}`;
  const parachain = connections.find((connection) => connection.role === 'parachain');
  const parachainConnected = parachain?.status === 'connected';
  const running = state.status === 'running';
  const token = current.token;
  const balance = useBalance(signer?.address, parachainConnected, 'parachain');
  const transferable = balance.value ? transferablePlanck(balance.value) : undefined;
  // The node's keystore is the truth about the keys: asked after each rotation, on return, and after setKeys lands.
  const onNode = useApiQuery('keys.hasSessionKeys', { endpoint, keys: rotated?.keys ?? '0x00' }, { enabled: running && rotated !== undefined, retry: false, staleTime: 0 });
  const keysState = collatorKeysState({ rotated, signer, keysOnNode: onNode.isFetching || onNode.isError ? undefined : onNode.data?.present });
  const names = nameOf([...(vaultAccounts.data ?? []), ...(progress.signer ? [progress.signer] : []), ...(setup?.signer ? [setup.signer] : [])], sameAccount);
  const setKeysKey = rotated && signer ? `setKeys:${profile.id}:${signer.address}:${rotated.keys.slice(0, 18)}` : '';
  const candidateKey = signer ? `candidate:${profile.id}:${signer.address}` : '';
  const candidacy = useLiveRead<'candidacy'>(candidate && parachainConnected ? { kind: 'candidacy' } : undefined);

  const generate = (): void => {
    if (!signer) return;
    setCheckedAfterSetKeys(false);
    setKeysSaveError(undefined);
    rotate.mutate({ endpoint, owner: signer.address }, {
      onSuccess: (keys) => void update({
        collator: { profileId: profile.id, rotated: { keys: keys.keys, proof: keys.proof, owner: signer.address, decoded: keys.decoded, at: Date.now() } },
      }).catch(setKeysSaveError),
    });
  };

  return (
    <section className="collator-setup card" aria-label={`Set up ${profile.name}`}>
      <div className="card-body">
        <div className="collator-setup-head">
          <h3>{profile.name}</h3>
          <span className={running ? 'badge badge-ok' : state.status === 'crash-loop' ? 'badge badge-crit' : 'badge'}>{state.status}</span>
          {running && state.para.best !== null ? <span className="muted small">best {formatBlockNumber(state.para.best)} · {state.para.peers ?? 0} peers</span> : null}
        </div>
        <ol className="setup-list">
          <li className={running ? 'done' : ''}>
            <span>Start the node</span>
            {!running ? <button type="button" className="button button-secondary" onClick={() => start.mutate({ id: profile.id })} disabled={start.isPending || state.status === 'starting'}>{state.status === 'starting' ? 'Starting…' : 'Start'}</button> : null}
            <ErrorMessage error={start.error} />
          </li>
          <li className={signer ? 'done' : ''}>
            <span>Choose who signs for it</span>
            <CollatorSignerPicker
              profileId={profile.id}
              profileName={profile.name}
              own={setup?.signer}
              onboarding={signerOf(progress)}
              ss58Prefix={current.ss58Prefix}
              onPick={(picked) => void update({ collator: { profileId: profile.id, signer: picked } }).catch(setSignerSaveError)}
            />
            <ErrorMessage error={signerSaveError} />
            {signer ? (
              <CollatorSignerFunds signer={signer} inherited={signer.inherited} transferablePlanck={transferable} balanceError={balance.error}
                parachainConnected={parachainConnected} token={token} ss58Prefix={current.ss58Prefix} />
            ) : null}
          </li>
          <li className={keysState.kind === 'ready' ? 'done' : ''}>
            <span>Generate session keys in its keystore, for that account</span>
            <CollatorKeys
              rotated={rotated}
              state={keysState}
              signer={signer}
              running={running}
              rotating={rotate.isPending}
              rotateError={rotate.error ?? keysSaveError}
              onRotate={generate}
              onNode={{ present: onNode.data?.present, checking: onNode.isFetching, error: onNode.error, afterSetKeys: checkedAfterSetKeys, recheck: () => void onNode.refetch() }}
              names={names}
            />
          </li>
          <li className={parachainConnected ? 'done' : ''}>
            <span>Connect to the parachain through this node</span>
            {!parachainConnected ? (
              <button type="button" className="button button-secondary" disabled={!running || connect.isPending} onClick={() => connect.mutate({ networkId: current.networkId, roles: ['relay', 'parachain'], endpoints: { parachain: [endpoint] } })}>Connect</button>
            ) : <span className="muted small mono">{parachain?.endpoint}</span>}
            <ErrorMessage error={connect.error} />
          </li>
          <li>
            <span>Register the keys on the parachain (session.setKeys)</span>
            {rotated && signer && parachainConnected && token && maySetKeys(keysState) ? (
              <TxFlow
                key={setKeysKey}
                intent={{ kind: 'setSessionKeys', keysHex: rotated.keys, proofHex: rotated.proof ?? '0x' }}
                signer={signer}
                intentKey={setKeysKey}
                txId={progress.txIds[setKeysKey]}
                summary={`Set ${profile.name}’s session keys on the parachain, from ${names(signer.address)}`}
                details={<p className="muted small">The session keys deposit (if the parachain charges one) is returned when the keys are purged.</p>}
                token={token}
                ss58Prefix={current.ss58Prefix}
                freePlanck={transferable}
                confirmLabel="Sign and set keys"
                onSubmitted={(record) => void update({ tx: { intentKey: setKeysKey, txId: record.txId } })}
                onSettled={() => {
                  setCheckedAfterSetKeys(true);
                  void onNode.refetch();
                }}
              />
            ) : <span className="muted small">{setKeysBlocker(keysState, parachainConnected)}</span>}
          </li>
          <li>
            <label className="toggle"><input type="checkbox" checked={candidate} onChange={(event) => setCandidate(event.target.checked)} /> <span>The parachain selects collators by candidacy (collatorSelection)</span></label>
            {candidate && parachainConnected && signer && token ? (
              <TxFlow
                key={candidateKey}
                intent={{ kind: 'registerAsCandidate' }}
                signer={signer}
                intentKey={candidateKey}
                txId={progress.txIds[candidateKey]}
                summary={`Register ${names(signer.address)} as a collator candidate for ${profile.name}`}
                details={
                  <p className="muted small">
                    {candidacy.value?.desiredCandidates !== undefined
                      ? `The parachain takes ${candidacy.value.desiredCandidates} candidate${candidacy.value.desiredCandidates === 1 ? '' : 's'} besides its invulnerables; ${candidacy.value.candidates ?? 0} registered so far. `
                      : ''}
                    {candidacy.error ? `The candidacy bond could not be read (${candidacy.error.message}). ` : ''}
                  </p>
                }
                deposits={candidacy.value ? [{ label: 'Candidacy bond (held)', planck: candidacy.value.bondPlanck, note: 'Comes back when the candidate leaves (collatorSelection.leaveIntent).' }] : undefined}
                token={token}
                ss58Prefix={current.ss58Prefix}
                freePlanck={transferable}
                confirmLabel="Sign and register"
                onSubmitted={(record) => void update({ tx: { intentKey: candidateKey, txId: record.txId } })}
              />
            ) : null}
          </li>
        </ol>
      </div>
    </section>
  );
}

/** Why session.setKeys cannot be signed yet, in the order the operator fixes it. */
function setKeysBlocker(state: CollatorKeysState, parachainConnected: boolean): string {
  switch (state.kind) {
    case 'no-signer':
      return 'Needs an account that can sign.';
    case 'not-rotated':
      return 'Generate the keys first.';
    case 'stale':
      return 'Blocked: these keys were made for another account. Generate them again for the one that signs.';
    case 'missing-on-node':
      return 'Blocked: the node does not hold these keys. Generate them again.';
    default:
      return parachainConnected ? 'Reading the network’s token…' : 'Connect to the parachain first.';
  }
}
