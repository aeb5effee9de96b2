import type { ApiPromise } from '@polkadot/api';
import { hexToU8a } from '@polkadot/util';
import type { ChainRoleName, TxIntent } from '../../../shared/contract/chain';
import { ServiceError } from '../../errors/service-error';
import { formatPlanck } from '../calls/amount-text';
import { buildAuctionBid } from '../calls/auctions';
import { buildBrokerAssign, buildBrokerTransfer } from '../calls/broker';
import { buildBrokerIntentCall } from './broker-intent-calls';
import { assertPositivePlanck, built, resolveCall, type BuiltCall, type CallContext } from '../calls/built-call';
import { buildRegisterAsCandidate, buildSetSessionKeys } from '../calls/collator';
import { buildCrowdloanContribute, buildCrowdloanCreate, buildCrowdloanDissolve, buildCrowdloanRefund, buildCrowdloanWithdraw } from '../calls/crowdloan';
import { buildUnreserveCrowdloanReserve, buildUnreserveLeaseDeposit, buildWithdrawCrowdloanContribution } from '../calls/crowdloan-reclaim';
import { buildPlaceOrder, buildPlaceOrderWithCredits } from '../calls/on-demand';
import { registrarCallsFor } from '../calls/registrar';
import type { RelayArtifactLimits } from '../calls/validation-code';
import { relayConfiguration } from '../storage/configuration';
import { readItem } from '../storage/storage-item';

/** The chain an intent is sent to. */
export function roleOfIntent(intent: TxIntent): ChainRoleName {
  switch (intent.kind) {
    case 'transfer':
    case 'remark':
      return intent.role;
    case 'reserveParaId':
    case 'registerPara':
    case 'deregisterPara':
    case 'addParaLock':
    case 'scheduleCodeUpgrade':
    case 'placeOnDemandOrder':
    case 'placeOnDemandOrderWithCredits':
    case 'auctionBid':
    case 'createCrowdloan':
    case 'contributeCrowdloan':
    case 'withdrawCrowdloan':
    case 'refundCrowdloan':
    case 'dissolveCrowdloan':
      return 'relay';
    case 'reclaimOnAssetHub':
      return 'assetHub';
    case 'purchaseCoretime':
    case 'renewCoretime':
    case 'assignRegion':
    case 'transferRegion':
    case 'partitionRegion':
    case 'interlaceRegion':
    case 'poolRegion':
    case 'claimRevenue':
    case 'dropRegion':
    case 'purchaseCredit':
      return 'coretime';
    case 'setSessionKeys':
    case 'registerAsCandidate':
    case 'sendHrmpMessage':
      return 'parachain';
  }
}

/**
 * Builds the call of an intent against the connected runtime's metadata,
 * through the call builders of `chain/calls`. Their checks (code size and
 * magic bytes against the relay's limits, para ids, amounts) run here,
 * before anything is signed.
 */
/** Intents whose call a feature builds from what only it holds (an HRMP message the console prepared and the relay dry-ran). */
export type FeatureBuiltIntent = Extract<TxIntent, { kind: 'sendHrmpMessage' }>;

/**
 * The builders of those intents, handed to the chain layer when the console is composed, so this vocabulary never
 * imports a feature (the chain layer sits below them all).
 */
export type FeatureCallBuilders = {
  readonly [Kind in FeatureBuiltIntent['kind']]: (ctx: CallContext, intent: Extract<TxIntent, { kind: Kind }>) => Promise<BuiltCall>;
};

/** Where no feature registered a builder (a chain layer built on its own, as in some tests). */
const NO_FEATURE_CALLS: FeatureCallBuilders = {
  sendHrmpMessage: async () => {
    throw new ServiceError('not_supported', 'Channel messages are signed from the Channels page, which this console was started without.',
      'Start the console as a whole (npm start, or the headless server) and sign the message from the Channels page.');
  },
};

export async function buildIntentCall(ctx: CallContext, intent: TxIntent, featureCalls: FeatureCallBuilders = NO_FEATURE_CALLS): Promise<BuiltCall> {
  const { api, token } = ctx;
  // The relay-registrar generation: manager calls signed on the relay chain (see capabilities/registrar.ts).
  const registrar = registrarCallsFor('relay-registrar');
  switch (intent.kind) {
    case 'transfer': {
      const amount = BigInt(intent.amountPlanck);
      assertPositivePlanck(amount, 'amount');
      return built(resolveCall(api, ['balances'], 'transferKeepAlive'), 'transferKeepAlive', [intent.dest, amount],
        `Send ${formatPlanck(amount, token)} to ${intent.dest}, keeping the sender's account alive.`);
    }
    case 'remark':
      return built(resolveCall(api, ['system'], 'remark'), 'remark', [intent.text], 'Write a note on chain (no effect beyond the fee).');
    case 'reserveParaId':
      return registrar.reserve(ctx);
    case 'registerPara':
      return registrar.register(ctx, {
        paraId: intent.paraId,
        genesisHead: hexToU8a(intent.genesisHeadHex),
        validationCode: hexToU8a(intent.validationCodeHex),
        limits: await relayArtifactLimits(api),
      });
    case 'deregisterPara':
      return registrar.deregister(ctx, intent.paraId);
    case 'addParaLock':
      return registrar.addLock(ctx, intent.paraId);
    case 'scheduleCodeUpgrade':
      return registrar.scheduleCodeUpgrade(ctx, { paraId: intent.paraId, newCode: hexToU8a(intent.validationCodeHex), limits: await relayArtifactLimits(api) });
    case 'placeOnDemandOrder':
      return buildPlaceOrder(ctx, { paraId: intent.paraId, maxAmountPlanck: BigInt(intent.maxAmountPlanck), keepAlive: intent.keepAlive });
    case 'placeOnDemandOrderWithCredits':
      return buildPlaceOrderWithCredits(ctx, { paraId: intent.paraId, maxAmountPlanck: BigInt(intent.maxAmountPlanck) });
    case 'purchaseCoretime':
    case 'renewCoretime':
    case 'partitionRegion':
    case 'interlaceRegion':
    case 'poolRegion':
    case 'claimRevenue':
    case 'dropRegion':
    case 'purchaseCredit':
      return buildBrokerIntentCall(ctx, intent);
    case 'assignRegion':
      return buildBrokerAssign(ctx, { region: regionOf(intent.region), paraId: intent.paraId, finality: intent.finality });
    case 'transferRegion':
      return buildBrokerTransfer(ctx, { region: regionOf(intent.region), newOwner: intent.dest });
    case 'setSessionKeys':
      return buildSetSessionKeys(ctx, { keys: intent.keysHex, proof: intent.proofHex });
    case 'registerAsCandidate':
      return buildRegisterAsCandidate(ctx);
    case 'sendHrmpMessage':
      return featureCalls.sendHrmpMessage(ctx, intent);
    case 'auctionBid':
      return buildAuctionBid(ctx, { ...intent, amountPlanck: BigInt(intent.amountPlanck) });
    case 'createCrowdloan':
      return buildCrowdloanCreate(ctx, { ...intent, capPlanck: BigInt(intent.capPlanck) });
    case 'contributeCrowdloan':
      return buildCrowdloanContribute(ctx, { paraId: intent.paraId, amountPlanck: BigInt(intent.amountPlanck) });
    case 'withdrawCrowdloan':
      return buildCrowdloanWithdraw(ctx, { contributor: intent.contributor, paraId: intent.paraId });
    case 'refundCrowdloan':
      return buildCrowdloanRefund(ctx, intent.paraId);
    case 'dissolveCrowdloan':
      return buildCrowdloanDissolve(ctx, intent.paraId);
    case 'reclaimOnAssetHub': {
      const input = { unlockBlock: intent.unlockBlock, paraId: intent.paraId, ...(intent.depositor === undefined ? {} : { depositor: intent.depositor }) };
      if (intent.what === 'contribution') return buildWithdrawCrowdloanContribution(ctx, input);
      if (intent.what === 'leaseDeposit') return buildUnreserveLeaseDeposit(ctx, input);
      return buildUnreserveCrowdloanReserve(ctx, input);
    }
  }
}

function regionOf(region: { begin: number; core: number; mask: string }): { begin: number; core: number; mask: `0x${string}` } {
  return { begin: region.begin, core: region.core, mask: region.mask as `0x${string}` };
}

/** `configuration.activeConfig` limits that apply to a para's code and head. */
async function relayArtifactLimits(api: ApiPromise): Promise<RelayArtifactLimits> {
  const config = await readItem(api, relayConfiguration);
  if (!config) {
    throw new ServiceError('chain_error', 'The relay configuration does not say its code and head size limits.', 'Try again once connected to an up-to-date endpoint.');
  }
  return { maxCodeSize: config.maxCodeSize, maxHeadDataSize: config.maxHeadDataSize };
}
