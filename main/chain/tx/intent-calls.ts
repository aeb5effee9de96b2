import type { ApiPromise } from '@polkadot/api';
import { hexToU8a } from '@polkadot/util';
import type { ChainRoleName, TxIntent } from '../../../shared/contract/chain';
import { ServiceError } from '../../errors/service-error';
import { formatPlanck } from '../calls/amount-text';
import { assertParaId, assertPositivePlanck, built, resolveCall, type BuiltCall, type CallContext } from '../calls/built-call';
import { buildAddLock, buildDeregister, buildRegister, buildReserve, buildScheduleCodeUpgrade } from '../calls/registrar';
import type { RelayArtifactLimits } from '../calls/validation-code';
import { PALLET_NAMES } from '../capabilities/pallet-names';

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
      return 'relay';
    case 'purchaseCoretime':
    case 'renewCoretime':
    case 'assignRegion':
    case 'transferRegion':
      return 'coretime';
    case 'setSessionKeys':
    case 'registerAsCandidate':
      return 'parachain';
  }
}

/**
 * Builds the call of an intent against the connected runtime's metadata,
 * through the call builders of `chain/calls` where they exist. Runtime
 * checks (code size, magic bytes) happen here, before anything is signed.
 */
export async function buildIntentCall(ctx: CallContext, intent: TxIntent): Promise<BuiltCall> {
  const { api, token } = ctx;
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
      return buildReserve(ctx);
    case 'registerPara':
      return buildRegister(ctx, {
        paraId: intent.paraId,
        genesisHead: hexToU8a(intent.genesisHeadHex),
        validationCode: hexToU8a(intent.validationCodeHex),
        limits: await relayArtifactLimits(api),
      });
    case 'deregisterPara':
      return buildDeregister(ctx, intent.paraId);
    case 'addParaLock':
      return buildAddLock(ctx, intent.paraId);
    case 'scheduleCodeUpgrade':
      return buildScheduleCodeUpgrade(ctx, { paraId: intent.paraId, newCode: hexToU8a(intent.validationCodeHex), limits: await relayArtifactLimits(api) });
    case 'placeOnDemandOrder': {
      assertParaId(intent.paraId);
      const maxAmount = BigInt(intent.maxAmountPlanck);
      assertPositivePlanck(maxAmount, 'maximum price');
      const method = intent.keepAlive ? 'placeOrderKeepAlive' : 'placeOrderAllowDeath';
      return built(resolveCall(api, PALLET_NAMES.onDemand, method), method, [maxAmount, intent.paraId],
        `Order one block of on-demand coretime for para ${intent.paraId}, paying at most ${formatPlanck(maxAmount, token)}.`);
    }
    case 'purchaseCoretime': {
      const limit = BigInt(intent.priceLimitPlanck);
      assertPositivePlanck(limit, 'price limit');
      return built(resolveCall(api, PALLET_NAMES.broker, 'purchase'), 'purchase', [limit],
        `Buy one core of bulk coretime in the current sale, paying at most ${formatPlanck(limit, token)}.`);
    }
    case 'renewCoretime':
      return built(resolveCall(api, PALLET_NAMES.broker, 'renew'), 'renew', [intent.core], `Renew core ${intent.core} for the next region.`);
    case 'assignRegion':
      assertParaId(intent.paraId);
      return built(resolveCall(api, PALLET_NAMES.broker, 'assign'), 'assign', [intent.region, { Task: intent.paraId }, intent.finality],
        `Assign the region starting at timeslice ${intent.region.begin} on core ${intent.region.core} to para ${intent.paraId} (${intent.finality === 'Final' ? 'final: keeps the renewal right' : 'provisional'}).`);
    case 'transferRegion':
      return built(resolveCall(api, PALLET_NAMES.broker, 'transfer'), 'transfer', [intent.region, intent.dest],
        `Give the region starting at timeslice ${intent.region.begin} on core ${intent.region.core} to ${intent.dest}.`);
    case 'setSessionKeys':
      return built(resolveCall(api, PALLET_NAMES.session, 'setKeys'), 'setKeys', [intent.keysHex, intent.proofHex],
        'Set this account\'s session keys on the parachain (the collator signs blocks with them).');
    case 'registerAsCandidate':
      return built(resolveCall(api, PALLET_NAMES.collatorSelection, 'registerAsCandidate'), 'registerAsCandidate', [],
        'Register this account as a collator candidate (holds the candidacy bond).');
  }
}

/** `configuration.activeConfig` limits that apply to a para's code and head. */
async function relayArtifactLimits(api: ApiPromise): Promise<RelayArtifactLimits> {
  const entry = api.query.configuration?.activeConfig;
  if (!entry) {
    throw new ServiceError('not_supported', 'This chain has no relay configuration, so code and head limits cannot be checked.', 'Register on the relay chain of the network.');
  }
  const config = (await entry()).toJSON() as { maxCodeSize?: number; maxHeadDataSize?: number };
  if (typeof config.maxCodeSize !== 'number' || typeof config.maxHeadDataSize !== 'number') {
    throw new ServiceError('chain_error', 'The relay configuration does not say its code and head size limits.', 'Try again once connected to an up-to-date endpoint.');
  }
  return { maxCodeSize: config.maxCodeSize, maxHeadDataSize: config.maxHeadDataSize };
}
