import { useState, type ReactElement } from 'react';
import type { CollatorProfile, CollatorState } from '../../../../../shared/contract/collators';
import { useApiMutation, useApiQuery, useStream } from '../../../api/hooks';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { formatBlockNumber } from '../../../format/time';
import { TxFlow } from '../../accounts/TxFlow';
import { useConnections } from '../../accounts/use-network';
import { signerOf, type StepProps } from '../step-props';

/** Step e: which collators run the parachain; start each, give it session keys and register them on the parachain. */
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
  const connections = useConnections();
  const [candidate, setCandidate] = useState(false);
  const signer = signerOf(progress);
  const endpoint = `ws://127.0.0.1:${profile.ports.para.rpc}`;
  const parachain = connections.find((connection) => connection.role === 'parachain');
  const parachainConnected = parachain?.status === 'connected';
  const running = state.status === 'running';
  const token = current.token;
  const keys = rotate.data;
  const setKeysKey = keys ? `setKeys:${profile.id}:${keys.keys.slice(0, 18)}` : '';

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
          <li className={keys ? 'done' : ''}>
            <span>Generate session keys in its keystore</span>
            <button type="button" className="button button-secondary" disabled={!running || rotate.isPending} onClick={() => rotate.mutate({ endpoint, ...(signer ? { owner: signer.address } : {}) })}>{keys ? 'Generate again' : 'Generate'}</button>
            {keys ? <div className="mono small session-keys">{keys.keys}</div> : null}
            <ErrorMessage error={rotate.error} />
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
            {keys && parachainConnected && signer && token ? (
              <TxFlow
                intent={{ kind: 'setSessionKeys', keysHex: keys.keys, proofHex: keys.proof ?? '0x' }}
                signer={signer}
                intentKey={setKeysKey}
                txId={progress.txIds[setKeysKey]}
                summary={`Set ${profile.name}’s session keys on the parachain`}
                details={<p className="muted small">The session keys deposit (if the parachain charges one) is returned when the keys are purged.</p>}
                token={token}
                ss58Prefix={current.ss58Prefix}
                confirmLabel="Sign and set keys"
                onSubmitted={(record) => void update({ tx: { intentKey: setKeysKey, txId: record.txId } })}
              />
            ) : <span className="muted small">{!keys ? 'Generate the keys first.' : !parachainConnected ? 'Connect to the parachain first.' : 'Needs an account that can sign.'}</span>}
          </li>
          <li>
            <label className="toggle"><input type="checkbox" checked={candidate} onChange={(event) => setCandidate(event.target.checked)} /> <span>The parachain selects collators by candidacy (collatorSelection)</span></label>
            {candidate && parachainConnected && signer && token ? (
              <TxFlow
                intent={{ kind: 'registerAsCandidate' }}
                signer={signer}
                intentKey={`candidate:${profile.id}:${signer.address}`}
                txId={progress.txIds[`candidate:${profile.id}:${signer.address}`]}
                summary="Register as a collator candidate"
                details={<p className="muted small">Locks the parachain’s candidacy bond; it comes back when the candidate leaves.</p>}
                token={token}
                ss58Prefix={current.ss58Prefix}
                confirmLabel="Sign and register"
                onSubmitted={(record) => void update({ tx: { intentKey: `candidate:${profile.id}:${signer.address}`, txId: record.txId } })}
              />
            ) : null}
          </li>
        </ol>
      </div>
    </section>
  );
}
