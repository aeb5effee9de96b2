import { useState, type ReactElement } from 'react';
import type { GenesisArtifacts } from '../../../../../shared/contract/collators';
import { useApiMutation, useApiQuery } from '../../../api/hooks';
import { Amount } from '../../../components/Amount';
import { CopyButton } from '../../../components/CopyButton';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { formatBytes } from '../../../format/time';
import { useLiveRead } from '../../../chain/use-live-read';
import type { StepProps } from '../step-props';
import { registerDepositWords } from './register-deposit-words';

/** Step b: the collator binary and chain spec (a collator profile), and the genesis head and validation code exported from them. */
export function PrepareStep({ progress, update, current }: StepProps): ReactElement {
  const profiles = useApiQuery('collators.list', {});
  const nextFree = useLiveRead<'nextFreeParaId'>(current.connected ? { kind: 'nextFreeParaId' } : undefined);
  const [paraIdText, setParaIdText] = useState(progress.paraId?.toString() ?? '');
  const exporter = useApiMutation('collators.exportGenesis');
  const [artifacts, setArtifacts] = useState<GenesisArtifacts>();
  const paraId = paraIdText.trim() === '' ? nextFree.value?.paraId : Number(paraIdText);
  const paraIdValid = paraId !== undefined && Number.isInteger(paraId) && paraId >= 0;
  const genesis = useApiQuery('onboarding.genesis', { paraId: paraIdValid ? paraId : 0 }, { enabled: paraIdValid, retry: false });
  const facts = useApiQuery('onboarding.registrationFacts', { paraId: paraIdValid ? paraId : 0 }, { enabled: paraIdValid && genesis.data !== undefined && current.connected, retry: false });
  const profile = profiles.data?.find((entry) => entry.profile.id === progress.profileId)?.profile;

  const exportNow = (): void => {
    if (!profile || !paraIdValid) return;
    exporter.mutate({ id: profile.id, paraId }, {
      onSuccess: async (result) => {
        setArtifacts(result);
        await update({ paraId, profileId: profile.id, collatorProfileIds: [...new Set([profile.id, ...progress.collatorProfileIds])] });
        await genesis.refetch();
        await facts.refetch();
      },
    });
  };

  return (
    <div className="step-body">
      <section aria-labelledby="profile-heading">
        <h3 id="profile-heading">Collator binary and chain spec</h3>
        <p className="muted">They come from a collator profile: the node binary your team builds and the chain spec of your parachain.</p>
        <ErrorMessage error={profiles.error} />
        {profiles.data && profiles.data.length === 0 ? (
          <div className="banner banner-info" role="note">
            <span>No collator profile yet. <a href="#/collators">Add one on the Collators page</a> (binary, chain spec, base path), then come back: your progress here is kept.</span>
          </div>
        ) : null}
        <div className="plain-list" role="radiogroup" aria-label="Collator profile">
          {profiles.data?.map(({ profile: entry }) => (
            <label key={entry.id} className={entry.id === progress.profileId ? 'choice-row selected' : 'choice-row'}>
              <input type="radio" name="profile" checked={entry.id === progress.profileId} onChange={() => void update({ profileId: entry.id })} />
              <span><strong>{entry.name}</strong> <span className="muted small">{entry.binaryVersion ?? entry.binaryPath}</span></span>
              <span className="mono muted small">{entry.chainSpecPath}</span>
            </label>
          ))}
        </div>
      </section>

      <section aria-labelledby="genesis-heading">
        <h3 id="genesis-heading">Genesis head and validation code</h3>
        <div className="inline-fields">
          <label className="field">
            <span className="field-label">Para id</span>
            <input type="number" min={0} value={paraIdText} placeholder={nextFree.value ? String(nextFree.value.paraId) : ''} onChange={(event) => setParaIdText(event.target.value)} />
            <span className="field-help muted">
              {nextFree.value ? `Leave empty for the next free id (${nextFree.value.paraId}), which Register reserves; or enter an id your account already holds.` : nextFree.error ? nextFree.error.message : 'The id the raw chain spec is built for.'}
            </span>
          </label>
          <button type="button" className="button" onClick={exportNow} disabled={!profile || !paraIdValid || exporter.isPending}>
            {exporter.isPending ? 'Exporting…' : 'Export genesis'}
          </button>
        </div>
        <ErrorMessage error={exporter.error} />
        {artifacts ? <ArtifactFacts artifacts={artifacts} /> : null}
        {genesis.data ? (
          <dl className="facts">
            {!artifacts ? (
              <>
                <dt>Exported for para {genesis.data.paraId}</dt>
                <dd>head {formatBytes(genesis.data.headSizeBytes)}, code {formatBytes(genesis.data.codeSizeBytes)}</dd>
              </>
            ) : null}
            <dt>Code format</dt>
            <dd>{genesis.data.codeLooksLikeWasm ? <span className="badge badge-ok">Wasm</span> : <span className="badge badge-crit">not Wasm</span>}</dd>
            <dt>Relay limits</dt>
            <dd>
              {facts.data ? (
                <>
                  code {formatBytes(genesis.data.codeSizeBytes)} of at most {formatBytes(facts.data.maxCodeSizeBytes)} {facts.data.codeFits === false ? <span className="badge badge-crit">too large</span> : <span className="badge badge-ok">fits</span>}
                  <br />head {formatBytes(genesis.data.headSizeBytes)} of at most {formatBytes(facts.data.maxHeadSizeBytes)} {facts.data.headFits === false ? <span className="badge badge-crit">too large</span> : <span className="badge badge-ok">fits</span>}
                </>
              ) : <span className="muted">{facts.error ? `Not read: ${facts.error.message}` : 'Reading the relay’s configuration…'}</span>}
            </dd>
            {facts.data && current.token ? (
              <>
                <dt>Deposits ahead</dt>
                <dd>
                  <Amount planck={facts.data.paraDepositPlanck} token={current.token} /> to reserve the id, then <Amount planck={facts.data.registerAdditionalPlanck} token={current.token} /> more to register
                  {' '}<span className="badge">{registerDepositWords(facts.data).badge}</span>
                  <div className="muted small">Register holds <Amount planck={facts.data.registerDepositPlanck} token={current.token} /> in total. {registerDepositWords(facts.data).text} All of it returns when the para is deregistered.</div>
                </dd>
              </>
            ) : null}
          </dl>
        ) : paraIdValid && !genesis.isFetching && genesis.error ? <p className="muted">Nothing exported for para id {paraId} yet.</p> : null}
        {facts.data?.codeFits === false ? (
          <div className="banner banner-error" role="alert">The validation code is larger than the relay accepts. Build the runtime compressed (the default for release builds) or trim it, then export again.</div>
        ) : null}
        {genesis.data && !genesis.data.codeLooksLikeWasm ? (
          <div className="banner banner-error" role="alert">The validation code does not start with the Wasm magic bytes. The relay would reject it: check the binary exports the runtime, not something else.</div>
        ) : null}
      </section>

      <div className="step-actions">
        <button type="button" className="button button-secondary" onClick={() => void update({ step: 'network' })}>Back</button>
        <button type="button" className="button" disabled={!genesis.data?.codeLooksLikeWasm || facts.data?.codeFits === false || facts.data?.headFits === false} onClick={() => void update({ complete: 'prepare', step: 'register' })}>Continue to Register</button>
      </div>
    </div>
  );
}

function ArtifactFacts({ artifacts }: { artifacts: GenesisArtifacts }): ReactElement {
  return (
    <dl className="facts artifact-facts">
      {([['Raw chain spec', artifacts.chainSpecRaw], ['Genesis head', artifacts.genesisHead], ['Validation code', artifacts.validationCode]] as const).map(([label, artifact]) => (
        <div key={label} className="fact-pair">
          <dt>{label}</dt>
          <dd>
            <span className="mono small">{artifact.path}</span> <CopyButton value={artifact.path} label={`Copy the ${label.toLowerCase()} path`} />
            <div className="muted small">{formatBytes(artifact.sizeBytes)} · blake2 <span className="mono">{artifact.blake2.slice(0, 18)}…</span></div>
          </dd>
        </div>
      ))}
    </dl>
  );
}
