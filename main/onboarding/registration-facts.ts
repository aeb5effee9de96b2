import type { ApiPromise } from '@polkadot/api';
import { hexToU8a } from '@polkadot/util';
import type { GenesisPayload, RegistrationFacts } from '../../shared/contract/onboarding';
import { quoteRegisterDeposit } from '../chain/read/register-deposit-quote';
import { relayConfiguration } from '../chain/storage/configuration';
import { readRegistrarDeposits } from '../chain/storage/registrar';
import { readItem } from '../chain/storage/storage-item';
import { ServiceError } from '../errors/service-error';

/**
 * What registering a para will need on this relay: its size limits and the
 * deposits, so the wizard can list every figure before anything is signed.
 * The register deposit is the one figure the review, the "covers it" check
 * and the Parachains page share: the runtime's own dry run of the register
 * call once the id is reserved (where the runtime offers one), else the
 * formula of this runtime's generation, labelled as an estimate.
 */
export async function readRegistrationFacts(relay: ApiPromise, paraId?: number, genesis?: Pick<GenesisPayload, 'genesisHeadHex' | 'validationCodeHex'>): Promise<RegistrationFacts> {
  const [config, deposits] = [await readItem(relay, relayConfiguration), readRegistrarDeposits(relay)];
  if (!config || !deposits) {
    throw new ServiceError('not_supported', 'This relay chain has no para registrar or configuration to read.', 'Pick the relay chain of your network (Polkadot, Kusama, Paseo, Westend or a local relay).');
  }
  const head = genesis ? hexToU8a(genesis.genesisHeadHex) : undefined;
  const code = genesis ? hexToU8a(genesis.validationCodeHex) : undefined;
  const quote = await quoteRegisterDeposit(relay, { ...(paraId === undefined ? {} : { paraId }), ...(head ? { genesisHead: head } : {}), ...(code ? { validationCode: code } : {}) });
  if (!quote) throw new ServiceError('not_supported', 'This relay chain does not say what registering a para holds.', 'Connect to the relay chain of your network.');
  return {
    maxCodeSizeBytes: config.maxCodeSize,
    maxHeadSizeBytes: config.maxHeadDataSize,
    paraDepositPlanck: deposits.paraDepositPlanck.toString(),
    dataDepositPerBytePlanck: deposits.dataDepositPerBytePlanck.toString(),
    registerDepositPlanck: quote.totalPlanck.toString(),
    registerAdditionalPlanck: quote.additionalPlanck.toString(),
    registerDepositSource: quote.source,
    registerDepositBasis: quote.basis,
    ...(quote.chargedCodeBytes === undefined ? {} : { registerDepositCodeBytes: quote.chargedCodeBytes }),
    ...(config.onDemand ? { onDemandBaseFeePlanck: config.onDemand.baseFeePlanck.toString() } : {}),
    ...(head && code ? { codeFits: code.length <= config.maxCodeSize, headFits: head.length <= config.maxHeadDataSize } : {}),
  };
}
