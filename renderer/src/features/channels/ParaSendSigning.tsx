import { useState, type ReactElement } from 'react';
import type { HrmpPlan } from '../../../../shared/contract/hrmp';
import { useApiQuery } from '../../api/hooks';
import { Amount } from '../../components/Amount';
import { TxFlow } from '../../chain/TxFlow';
import type { TokenFormat } from '../../format/amount';
import { sameAccount, shortenAddress } from '../../format/address';

type SendRoute = HrmpPlan['routes'][number];

/**
 * Signs the sudo route on the parachain through the console's transaction
 * pipeline: the review adds the parachain's fee and its dry run of the send
 * to the relay-side costs shown above it. Offered when the parachain's sudo
 * key is one of the console's accounts; the parachain refuses any other signer.
 */
export function ParaSendSigning({ plan, route, token, ss58Prefix }: { plan: HrmpPlan; route: SendRoute; token: TokenFormat; ss58Prefix: number }): ReactElement {
  const accounts = useApiQuery('keys.list', {});
  // Fixed when the operator opens the review: a double click cannot send twice, and the same message sent
  // again later (a request made, cancelled and made again has the same bytes) is a new transaction.
  const [openedAt, setOpenedAt] = useState<number | undefined>(undefined);
  const [sent, setSent] = useState(false);
  const sudoKey = route.signer;
  const account = sudoKey === undefined ? undefined : accounts.data?.find((candidate) => sameAccount(candidate.address, sudoKey));

  if (sudoKey === undefined) {
    return <p className="small muted">The parachain names no sudo key, so the console cannot tell who may sign this. Copy the call data below instead.</p>;
  }
  if (account === undefined) {
    return (
      <p className="small muted">
        {accounts.isPending ? 'Looking for the sudo key among your accounts…'
          : <>The parachain's sudo key <span className="mono">{shortenAddress(sudoKey)}</span> is not one of the console's accounts: import it on the Accounts page to sign here, or copy the call data below.</>}
      </p>
    );
  }
  if (openedAt === undefined) {
    const blocked = plan.dryRun.outcome === 'would-fail';
    return (
      <p>
        <button type="button" className="button" disabled={blocked} onClick={() => setOpenedAt(Date.now())}>Review and sign on the parachain…</button>
        {' '}<span className="small muted">{blocked ? 'The relay\'s dry run refuses this message: fix that first.' : `As ${account.name}, the parachain's sudo key.`}</span>
      </p>
    );
  }
  const relayFee = plan.dryRun.feePaidPlanck ?? plan.executionFeePlanck;
  return (
    <>
      <TxFlow
        intent={{ kind: 'sendHrmpMessage', paraId: plan.paraId, xcmHex: plan.xcmHex }}
        signer={{ kind: 'vault', address: account.address, name: account.name }}
        intentKey={`hrmp-send:${plan.paraId}:${plan.xcmHex.slice(-16)}:${openedAt}`}
        summary={`Send para ${plan.paraId}'s message to the relay: ${plan.relayCall}`}
        details={
          <p className="small">
            On the relay, para {plan.paraId}'s sovereign account pays the relay's fee of <Amount planck={relayFee} token={token} />
            {BigInt(plan.depositPlanck) > 0n ? <> and reserves <Amount planck={plan.depositPlanck} token={token} /> as the channel deposit</> : ' and reserves no deposit'}
            {BigInt(plan.releasesPlanck) > 0n ? <>; it gets <Amount planck={plan.releasesPlanck} token={token} /> back</> : null}.
            The fee below is the parachain's, paid by the signer.
          </p>
        }
        token={token}
        ss58Prefix={ss58Prefix}
        confirmLabel="Sign and send to the relay"
        onCancel={() => setOpenedAt(undefined)}
        onSubmitted={() => setSent(true)}
      />
      {sent ? (
        <p className="small muted">
          The parachain puts the message in its block's upward messages; the relay runs it once that block is backed and included
          on the relay chain, and this page follows what it does there. {plan.confirmation}
        </p>
      ) : null}
    </>
  );
}
