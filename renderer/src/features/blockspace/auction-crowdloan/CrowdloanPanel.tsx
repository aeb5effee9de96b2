import { useState, type ReactElement } from 'react';
import { useRelayBlockTimeMs } from '../../../components/TxProgressExplorer';
import { transferablePlanck, useBalance, useLiveRead } from '../../../chain/use-live-read';
import { signerOf } from '../../onboarding/step-props';
import type { Props } from './types';
import type { FlowSpec } from './types';
import { createFlow } from './create-review';
import { FundFacts } from './FundFacts';
import { ParaLock } from './ParaLock';
import { FundActions } from './FundActions';
import { CreateForm } from './CreateForm';
import { FlowBox } from './FlowBox';

export function CrowdloanPanel({ paraId, nowBlock, token, offers, progress, current }: Props & { paraId: number; nowBlock: number | undefined }): ReactElement {
  const signer = signerOf(progress);
  const balance = useBalance(signer?.address, current.connected);
  const blockTimeMs = useRelayBlockTimeMs(current.networkId);
  const crowdloanKnown = offers.create.offered || offers.contribute.offered || offers.withdraw.offered || offers.refund.offered || offers.dissolve.offered;
  const crowdloan = useLiveRead<'crowdloan'>(crowdloanKnown ? { kind: 'crowdloan', paraId } : undefined);
  const para = useLiveRead<'para'>({ kind: 'para', paraId });
  // One key per para: a second "open" of the same crowdloan (a double click, a reload mid-flight) is never sent.
  const createKey = `crowdloan-create:${current.networkId}:${paraId}`;
  const [flow, setFlow] = useState<FlowSpec | undefined>();
  const fund = crowdloan.value?.fund ?? undefined;
  const freePlanck = balance.value ? transferablePlanck(balance.value) : undefined;
  return (
    <section className="path-detail" aria-labelledby="crowdloan-heading">
      <h3 id="crowdloan-heading">Crowdloan for para {paraId}</h3>
      {!crowdloanKnown ? <p className="muted">Crowdloans are not offered: {offers.create.reason}</p> : null}
      {crowdloan.error ? <p className="field-error" role="alert">The crowdloan could not be read: {crowdloan.error.message}</p> : null}
      {fund ? <FundFacts fund={fund} nowBlock={nowBlock} blockTimeMs={blockTimeMs} token={token} ss58Prefix={current.ss58Prefix} /> : null}
      {para.value?.locked ? <ParaLock paraId={paraId} byCrowdloan={fund !== undefined} /> : null}
      {signer && flow ? (
        <FlowBox flow={flow} signer={signer} freePlanck={freePlanck} closeLabel="Done" onClose={() => setFlow(undefined)} {...{ token, current }} />
      ) : !signer ? (
        crowdloanKnown ? <p className="muted">Crowdloan transactions need an account that can sign (step 1).</p> : null
      ) : !crowdloan.value ? (
        crowdloanKnown ? <p className="muted">Reading the crowdloan…</p> : null
      ) : fund ? (
        <FundActions fund={fund} nowBlock={nowBlock} paraId={paraId} offers={offers} signerAddress={signer.address} token={token} networkId={current.networkId} ss58Prefix={current.ss58Prefix} onFlow={setFlow} />
      ) : offers.create.offered ? (
        <CreateForm nowBlock={nowBlock} token={token} onReview={(loan) => setFlow(createFlow(paraId, loan, createKey, token))} />
      ) : <p className="muted">No crowdloan is open for para {paraId}, and this runtime does not open new ones: {offers.create.reason}</p>}
    </section>
  );
}
