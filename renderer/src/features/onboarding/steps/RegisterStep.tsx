import { useEffect, useState, type ReactElement } from 'react';
import type { TxRecord } from '../../../../../shared/contract/chain';
import type { RegistrationFacts } from '../../../../../shared/contract/onboarding';
import { useApiQuery } from '../../../api/hooks';
import { Address } from '../../../components/Address';
import { Amount } from '../../../components/Amount';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { sameAccount } from '../../../format/address';
import { formatDuration } from '../../../format/time';
import { TxFlow } from '../../../chain/TxFlow';
import { transferablePlanck, useBalance, useLiveRead } from '../../../chain/use-live-read';
import { signerOf, type StepProps } from '../step-props';
import { registerDepositWords } from './register-deposit-words';

const ONBOARDING_STAGES = ['Reserved', 'Onboarding', 'Parathread'] as const;

/**
 * Step c: reserve a para id (or use one already held), register it with the
 * exported genesis, and follow onboarding until it is a parathread. What is
 * done is read from the chain each time, so nothing is signed twice.
 */
export function RegisterStep({ progress, update, current }: StepProps): ReactElement {
  const signer = signerOf(progress);
  const paraId = progress.paraId;
  const para = useLiveRead<'para'>(current.connected && paraId !== undefined ? { kind: 'para', paraId } : undefined);
  const nextFree = useLiveRead<'nextFreeParaId'>(current.connected ? { kind: 'nextFreeParaId' } : undefined);
  const balance = useBalance(signer?.address, current.connected);
  const token = current.token;
  const heldByMe = para.value?.manager !== undefined && progress.signer !== undefined && sameAccount(para.value.manager, progress.signer.address);
  const heldByOther = para.value?.manager !== undefined && !heldByMe;
  const registered = para.value?.lifecycle !== undefined;
  const freePlanck = balance.value ? transferablePlanck(balance.value) : undefined;
  const key = `${current.networkId}:${progress.signer?.address ?? ''}`;
  const facts = useApiQuery('onboarding.registrationFacts', paraId === undefined ? {} : { paraId }, { enabled: current.connected, retry: false });
  // Once the id is reserved the relay can dry-run the registration: ask again, so the figure is the relay's own.
  const refetchFacts = facts.refetch;
  useEffect(() => {
    if (heldByMe) void refetchFacts();
  }, [heldByMe, refetchFacts]);

  if (!token) return <p className="muted">Connect to the network first (step 1).</p>;
  const stage = !heldByMe ? 0 : !registered ? 1 : para.value?.lifecycle === 'Onboarding' ? 2 : 3;

  return (
    <div className="step-body">
      <ol className="stage-line" aria-label="Registration stages">
        {['Para id', ...ONBOARDING_STAGES].map((label, index) => (
          <li key={label} className={index < stage ? 'done' : index === stage ? 'current' : ''}>{label}</li>
        ))}
      </ol>
      <ErrorMessage error={para.error ?? nextFree.error} />

      {!heldByMe ? (
        <section aria-labelledby="reserve-heading">
          <h3 id="reserve-heading">Reserve a para id</h3>
          {heldByOther ? (
            <div className="banner banner-warning" role="alert">
              <span>Para id {paraId} belongs to another account (<Address address={para.value?.manager ?? ''} ss58Prefix={current.ss58Prefix} />). Reserve a new one below; export the genesis again for it afterwards.</span>
            </div>
          ) : null}
          {paraId !== undefined && !heldByOther && para.value && !para.value.manager ? (
            <p className="muted">Para id {paraId} (the one you exported for) is not reserved yet. Reserving takes the next free id{nextFree.value ? `, now ${nextFree.value.paraId}` : ''}.</p>
          ) : null}
          {signer ? (
            <TxFlow
              intent={{ kind: 'reserveParaId' }}
              signer={signer}
              intentKey={`reserve:${key}`}
              txId={progress.txIds[`reserve:${key}`]}
              summary={`Reserve the next free para id${nextFree.value ? ` (${nextFree.value.paraId})` : ''} on ${current.network?.name ?? current.networkId}`}
              details={<p className="muted">The reserve deposit is locked until the id is deregistered. If this account already holds an unregistered id, nothing is sent and that id is used.</p>}
              deposits={facts.data ? [{ label: 'Para deposit', planck: facts.data.paraDepositPlanck, note: 'Held until the id is deregistered.' }] : undefined}
              token={token}
              ss58Prefix={current.ss58Prefix}
              freePlanck={freePlanck}
              confirmLabel="Sign and reserve"
              onSubmitted={(record) => void update({ tx: { intentKey: `reserve:${key}`, txId: record.txId }, ...(nextFree.value ? { paraId: nextFree.value.paraId } : {}) })}
              onSettled={(record) => void adoptReservedId(record, update)}
            />
          ) : <WatchOnlyNote />}
          <UseHeldId onUse={(id) => void update({ paraId: id })} />
        </section>
      ) : null}

      {heldByMe && !registered && paraId !== undefined ? (
        <section aria-labelledby="register-heading">
          <h3 id="register-heading">Register para {paraId}</h3>
          <p className="muted">Reserved by you{para.value?.depositPlanck ? <> with <Amount planck={para.value.depositPlanck} token={token} /> locked</> : null}. Registering uploads the genesis head and validation code; validators then pre-check the code.</p>
          {signer ? <RegisterTx paraId={paraId} signer={signer} progress={progress} update={update} current={current} freePlanck={freePlanck} facts={facts.data} /> : <WatchOnlyNote />}
        </section>
      ) : null}

      {registered && paraId !== undefined ? (
        <section aria-labelledby="onboarding-heading" className="onboarding-live" aria-live="polite">
          <h3 id="onboarding-heading">Para {paraId}: {para.value?.lifecycle}</h3>
          {para.value?.lifecycle === 'Onboarding' ? (
            <>
              <OnboardingWait paraId={paraId} />
              <p className="muted small">The console follows the lifecycle live from the relay chain; this page updates by itself and you can close it meanwhile.</p>
            </>
          ) : (
            <>
              {para.value?.lifecycle === 'Parathread' || para.value?.lifecycle === 'Parachain'
                ? <p>The para is onboarded{para.value.locked ? ' and locked' : ''}. It now needs blockspace to produce blocks.</p>
                : null}
              <ParaLifecycleNote paraId={paraId} />
            </>
          )}
        </section>
      ) : null}

      <div className="step-actions">
        <button type="button" className="button button-secondary" onClick={() => void update({ step: 'prepare' })}>Back</button>
        <button type="button" className="button" disabled={!registered} onClick={() => void update({ complete: 'register', step: 'blockspace' })}>Continue to Blockspace</button>
      </div>
    </div>
  );
}

/** After a reserve settles, the id comes from the chain's note when the account already held one. */
async function adoptReservedId(record: TxRecord, update: StepProps['update']): Promise<void> {
  const held = /holds para id (\d+)/.exec(record.note ?? '');
  if (held?.[1]) await update({ paraId: Number(held[1]) });
}

function RegisterTx({ paraId, signer, progress, update, current, freePlanck, facts }: StepProps & { paraId: number; signer: NonNullable<ReturnType<typeof signerOf>>; freePlanck?: bigint; facts?: RegistrationFacts }): ReactElement {
  const genesis = useApiQuery('onboarding.genesis', { paraId }, { retry: false });
  const token = current.token;
  if (genesis.error) {
    return (
      <div className="banner banner-warning" role="alert">
        <span>No genesis exported for para id {paraId}. <button type="button" className="button button-secondary" onClick={() => void update({ step: 'prepare' })}>Export it in Prepare</button></span>
      </div>
    );
  }
  if (!genesis.data || !token) return <p className="muted">Reading the exported genesis…</p>;
  const intentKey = `register:${current.networkId}:${paraId}`;
  return (
    <TxFlow
      intent={{ kind: 'registerPara', paraId, genesisHeadHex: genesis.data.genesisHeadHex, validationCodeHex: genesis.data.validationCodeHex }}
      signer={signer}
      intentKey={intentKey}
      txId={progress.txIds[intentKey]}
      summary={`Register para ${paraId} with its genesis head (${genesis.data.headSizeBytes} bytes) and validation code (${Math.round(genesis.data.codeSizeBytes / 1024)} KiB)`}
      details={facts ? <p className="muted">{registerDepositWords(facts).text} It returns when the para is deregistered.</p> : <p className="muted">Reading what registering holds…</p>}
      deposits={facts ? [{ label: `Register deposit (${registerDepositWords(facts).badge})`, planck: facts.registerAdditionalPlanck, note: 'On top of the para deposit already held by the reservation.' }] : undefined}
      token={token}
      ss58Prefix={current.ss58Prefix}
      freePlanck={freePlanck}
      confirmLabel="Sign and register"
      onSubmitted={(record) => void update({ tx: { intentKey, txId: record.txId } })}
    />
  );
}

/** The PVF pre-check vote and the countdown to parathread, followed live through the read model (no polling). */
function OnboardingWait({ paraId }: { paraId: number }): ReactElement {
  const status = useLiveRead<'onboardingEta'>({ kind: 'onboardingEta', paraId });
  const view = status.value;
  if (status.error) return <ErrorMessage error={status.error} />;
  if (!view) return <p className="muted">Reading the pre-check vote…</p>;
  const eta = etaWords(view);
  if (view.stage === 'pvf-check') {
    const needed = (view.votesAccept ?? 0) + (view.votesNeeded ?? 0);
    return (
      <div className="pvf-view">
        <p>Validators are pre-checking the validation code (PVF pre-check). It needs {needed} accepting votes of {view.validatorCount}.</p>
        <div className="vote-bar" role="meter" aria-label="Accepting votes" aria-valuemin={0} aria-valuemax={needed} aria-valuenow={view.votesAccept ?? 0}>
          <span style={{ width: `${Math.min(100, ((view.votesAccept ?? 0) / Math.max(1, needed)) * 100)}%` }} />
        </div>
        <dl className="facts">
          <dt>Votes</dt><dd>{view.votesAccept} accept · {view.votesReject} reject · {view.votesNeeded} more needed{view.ageSessions === undefined || view.ageSessions === 0 ? null : ` · running ${view.ageSessions} session${view.ageSessions === 1 ? '' : 's'}`}{view.verdict === 'rejecting' ? <span className="badge badge-crit"> rejecting</span> : null}</dd>
          <dt>Parathread</dt><dd>at the earliest in session {view.targetSession} ({view.sessionsToGo} session changes after the vote passes), {eta ?? 'time unknown'}</dd>
        </dl>
      </div>
    );
  }
  if (view.stage === 'queued') {
    return (
      <dl className="facts">
        <dt>Pre-check</dt><dd><span className="badge badge-ok">accepted</span></dd>
        <dt>Parathread</dt><dd>at session {view.targetSession} ({view.sessionsToGo} to go from {view.currentSession}): in {eta}</dd>
      </dl>
    );
  }
  return <p>The pre-check vote on the code is not visible on the relay yet (session {view.currentSession}); this updates by itself when it starts.</p>;
}

/** The wait in words: exact when the session start is known, a range otherwise. */
function etaWords(view: { minMs?: number; maxMs?: number }): string | undefined {
  if (view.minMs === undefined) return undefined;
  return view.minMs === view.maxMs ? `about ${formatDuration(view.minMs)}` : `${formatDuration(view.minMs)} to ${formatDuration(view.maxMs ?? view.minMs)}`;
}

/** A para past onboarding: its lifecycle in words, and a code upgrade's pre-check when one runs. */
function ParaLifecycleNote({ paraId }: { paraId: number }): ReactElement | null {
  const status = useLiveRead<'onboardingEta'>({ kind: 'onboardingEta', paraId });
  const view = status.value;
  if (!view) return null;
  const eta = etaWords(view);
  const upgrade = view.upgrade;
  return (
    <>
      {view.stage === 'offboarding' ? <p>Para {paraId} is being offboarded: it leaves at session {view.targetSession}{eta ? `, in ${eta}` : ''}, and its deposit is returned then.</p> : null}
      {view.stage === 'lifecycle-change' ? <p>Para {paraId} changes between parathread and parachain at session {view.targetSession}{eta ? `, in ${eta}` : ''}.</p> : null}
      {upgrade?.stage === 'pvf-check' ? (
        <p>A code upgrade is being pre-checked by validators: {upgrade.votesAccept} accept · {upgrade.votesReject} reject of {upgrade.validatorCount}, {upgrade.votesNeeded} more needed. Deregistering waits until this vote ends.</p>
      ) : null}
      {upgrade?.stage === 'scheduled' ? <p>A code upgrade is scheduled{upgrade.applyAtBlock === undefined ? '' : ` for relay block ${upgrade.applyAtBlock.toLocaleString('en-US')}`}: the para switches code with its first block after that.</p> : null}
      {upgrade?.stage === 'cooldown' ? <p>The para upgraded its code recently; the next upgrade can be scheduled{upgrade.cooldownUntilBlock === undefined ? ' after the cooldown' : ` from relay block ${upgrade.cooldownUntilBlock.toLocaleString('en-US')}`}.</p> : null}
    </>
  );
}

function UseHeldId({ onUse }: { onUse: (paraId: number) => void }): ReactElement {
  const [text, setText] = useState('');
  const id = Number(text);
  return (
    <details className="held-id">
      <summary>Use a para id this account already holds</summary>
      <div className="inline-fields">
        <label className="field"><span className="field-label">Para id</span><input type="number" min={0} value={text} onChange={(event) => setText(event.target.value)} /></label>
        <button type="button" className="button button-secondary" disabled={text === '' || !Number.isInteger(id) || id < 0} onClick={() => onUse(id)}>Use it</button>
      </div>
    </details>
  );
}

function WatchOnlyNote(): ReactElement {
  return <div className="banner banner-info" role="note">A watch-only account cannot sign: pick a console or extension account in step 1 to do this.</div>;
}
