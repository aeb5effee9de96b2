import type { ApiPromise } from '@polkadot/api';
import type { RegistrationFacts } from '../../shared/contract/onboarding';
import { registerDeposit } from '../chain/calc/register-deposit';
import { relayConfiguration } from '../chain/storage/configuration';
import { readRegistrarDeposits } from '../chain/storage/registrar';
import { readItem } from '../chain/storage/storage-item';
import { ServiceError } from '../errors/service-error';

/**
 * What registering a para will need on this relay: its size limits and the
 * deposits, computed by the chain layer's maths from the runtime's own
 * constants and `configuration.activeConfig`, so the wizard can list every
 * figure before anything is signed.
 */
export async function readRegistrationFacts(relay: ApiPromise, genesis?: { headSizeBytes: number; codeSizeBytes: number }): Promise<RegistrationFacts> {
  const [config, deposits] = [await readItem(relay, relayConfiguration), readRegistrarDeposits(relay)];
  if (!config || !deposits) {
    throw new ServiceError('not_supported', 'This relay chain has no para registrar or configuration to read.', 'Pick the relay chain of your network (Polkadot, Kusama, Paseo, Westend or a local relay).');
  }
  const head = genesis?.headSizeBytes ?? 0;
  const deposit = registerDeposit({ ...deposits, genesisHeadBytes: head, maxCodeSize: config.maxCodeSize });
  return {
    maxCodeSizeBytes: config.maxCodeSize,
    maxHeadSizeBytes: config.maxHeadDataSize,
    paraDepositPlanck: deposits.paraDepositPlanck.toString(),
    dataDepositPerBytePlanck: deposits.dataDepositPerBytePlanck.toString(),
    registerDepositPlanck: deposit.totalPlanck.toString(),
    registerAdditionalPlanck: deposit.additionalPlanck.toString(),
    ...(config.onDemand ? { onDemandBaseFeePlanck: config.onDemand.baseFeePlanck.toString() } : {}),
    ...(genesis ? { codeFits: genesis.codeSizeBytes <= config.maxCodeSize, headFits: genesis.headSizeBytes <= config.maxHeadDataSize } : {}),
  };
}
