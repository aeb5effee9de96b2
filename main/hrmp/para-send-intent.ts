import type { TxIntent } from '../../shared/contract/chain';
import { formatPlanck } from '../chain/calls/amount-text';
import type { BuiltCall, CallContext } from '../chain/calls/built-call';
import { ServiceError } from '../errors/service-error';
import { buildParaSend, buildSudoParaSend, connectedParaId } from './para-send';
import { preparedMessage } from './prepared-messages';
import type { XcmVersion } from './relay-xcm';

type SendHrmpMessage = Extract<TxIntent, { kind: 'sendHrmpMessage' }>;

/**
 * The parachain transaction that sends a prepared channel message up to the
 * relay: `sudo.sudo(polkadotXcm.send({ parents: 1, Here }, message))`, with
 * the message's bytes exactly as the relay dry-ran them. Root must send it
 * (any other origin makes pallet-xcm prefix a `DescendOrigin`, and the relay
 * would no longer see the para), so it is offered where the parachain keeps
 * sudo; the parachain's own dry run then refuses any signer but its sudo key.
 * The review states what the relay then takes from the para's sovereign
 * account, from the plan the console prepared.
 */
export async function buildHrmpParaSendCall(ctx: CallContext, intent: SendHrmpMessage): Promise<BuiltCall> {
  const entry = preparedMessage(intent.paraId, intent.xcmHex);
  if (entry === undefined) {
    throw new ServiceError('invalid_input', `This console did not prepare that message for para ${intent.paraId}, or it restarted since.`,
      'Prepare the channel action again on the Channels page, then sign it from there.');
  }
  const { plan, relayToken } = entry;
  if (plan.dryRun.outcome === 'would-fail') {
    throw new ServiceError('invalid_input', `The relay's dry run refuses this message: ${plan.dryRun.error?.message ?? 'it would fail'}`,
      plan.dryRun.error?.hint ?? 'Fix what the review says, then prepare the message again.');
  }
  // Sent from another parachain, the message would act on the relay as that para, not as the one reviewed.
  const sendingPara = await connectedParaId(ctx.api);
  if (sendingPara !== plan.paraId) {
    throw new ServiceError('invalid_input', `The connected parachain is ${sendingPara === undefined ? 'not one that says its para id' : `para ${sendingPara}`}, not para ${plan.paraId}: the relay would take the message as coming from it.`,
      `Connect para ${plan.paraId}'s RPC on the Chain page, or show the channels of para ${sendingPara ?? 'you are connected to'}.`);
  }
  const send = buildParaSend(ctx.api, plan.xcmVersion as XcmVersion, intent.xcmHex as `0x${string}`);
  const sudo = buildSudoParaSend(ctx.api, send);
  if (sudo === undefined) {
    throw new ServiceError('not_supported', 'The parachain has no sudo, so no key of it can send the message as the para.',
      'Copy the call data from the Channels page for the parachain\'s governance to dispatch as Root.');
  }
  const amount = (planck: string): string => formatPlanck(BigInt(planck), relayToken);
  const relayFee = plan.dryRun.feePaidPlanck ?? plan.executionFeePlanck;
  const deposit = BigInt(plan.depositPlanck) > 0n ? `reserves ${amount(plan.depositPlanck)} as the channel deposit` : 'reserves no deposit';
  const release = BigInt(plan.releasesPlanck) > 0n ? `, gives back ${amount(plan.releasesPlanck)}` : '';
  return {
    extrinsic: sudo.extrinsic,
    pallet: 'sudo',
    method: `sudo(${send.label})`,
    summary: `Para ${plan.paraId} sends the relay ${plan.relayCall}.`,
    details: [
      `On the relay, para ${plan.paraId}'s sovereign account ${plan.sovereignAccount} pays the relay's fee of ${amount(relayFee)} (${plan.dryRun.outcome === 'success' ? 'by the relay\'s dry run' : 'the relay\'s price'}) and ${deposit}${release}.`,
      plan.confirmation,
    ],
  };
}
