import type { ApiPromise } from '@polkadot/api';
import type { BalanceEffect, TxIntent } from '../../../shared/contract/chain';
import { registerDeposit } from '../calc/register-deposit';
import { PALLET_NAMES } from '../capabilities/pallet-names';
import { relayConfiguration } from '../storage/configuration';
import { registrarParas, readRegistrarDeposits } from '../storage/registrar';
import { constantBigint, readItem } from '../storage/storage-item';

/** What a flow's own calculation says an intent holds, pays or moves (the pipeline marks it `estimate`). */
export type EstimatedEffect = Omit<BalanceEffect, 'source'>;

export interface EffectEstimateContext {
  readonly api: ApiPromise;
  /** The signer's address. */
  readonly signer: string;
}

type EstimatorFor<K extends TxIntent['kind']> = (ctx: EffectEstimateContext, intent: Extract<TxIntent, { kind: K }>) => Promise<EstimatedEffect[]>;
export type ExpectedEffectEstimators = { [K in TxIntent['kind']]?: EstimatorFor<K> };

/**
 * The console's own figure of what each intent does to the signer's balance,
 * for runtimes whose dry run reports no events (no `DryRunApi`: Rococo 9430 and
 * other older runtimes). Where the runtime's dry run reports events, the
 * pipeline shows those instead and never these.
 *
 * One entry per intent kind; a flow adds its own here, computed from the
 * runtime it is connected to (constants, storage, the flow's calculator in
 * `chain/calc`). A kind without an entry shows no effects, labelled `none`,
 * rather than a guess.
 */
export const expectedEffectEstimators: ExpectedEffectEstimators = {
  transfer: async (_ctx, intent) => [{ kind: 'transferred', amountPlanck: intent.amountPlanck, label: `To ${intent.dest}` }],
  reserveParaId: async ({ api }) => {
    const deposits = readRegistrarDeposits(api);
    return deposits ? [{ kind: 'held', amountPlanck: deposits.paraDepositPlanck.toString(), label: 'Deposit for the para id' }] : [];
  },
  registerPara: async ({ api }, intent) => {
    const deposits = readRegistrarDeposits(api);
    const config = await readItem(api, relayConfiguration);
    if (!deposits || !config) return [];
    const reserved = await readItem(api, registrarParas, intent.paraId);
    const deposit = registerDeposit({
      paraDepositPlanck: deposits.paraDepositPlanck,
      dataDepositPerBytePlanck: deposits.dataDepositPerBytePlanck,
      genesisHeadBytes: hexByteLength(intent.genesisHeadHex),
      maxCodeSize: config.maxCodeSize,
    }, reserved?.depositPlanck ?? 0n);
    return deposit.additionalPlanck > 0n ? [{ kind: 'held', amountPlanck: deposit.additionalPlanck.toString(), label: `Deposit for para ${intent.paraId}` }] : [];
  },
  createCrowdloan: async ({ api }, intent) => {
    const deposit = constantBigint(api, PALLET_NAMES.crowdloan, 'submissionDeposit');
    return deposit === undefined ? [] : [{ kind: 'held', amountPlanck: deposit.toString(), label: `Deposit for the crowdloan of para ${intent.paraId}` }];
  },
  contributeCrowdloan: async (_ctx, intent) => [{ kind: 'transferred', amountPlanck: intent.amountPlanck, label: `Into the crowdloan of para ${intent.paraId}` }],
};

/** The flow's estimate of an intent's effects, or undefined when its flow has none. */
export async function estimatedEffects(ctx: EffectEstimateContext, intent: TxIntent): Promise<BalanceEffect[] | undefined> {
  const estimator = expectedEffectEstimators[intent.kind] as EstimatorFor<TxIntent['kind']> | undefined;
  if (!estimator) return undefined;
  const effects = await estimator(ctx, intent as never);
  return effects.map((effect) => ({ ...effect, source: 'estimate' }));
}

function hexByteLength(hex: string): number {
  return (hex.length - 2) / 2;
}
