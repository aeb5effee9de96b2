import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic, SubmittableExtrinsicFunction } from '@polkadot/api/types';
import { ServiceError } from '../../errors/service-error';
import type { TokenInfo } from '../networks';

/** A call ready for the transaction pipeline, with what it does in words the operator reads before signing. */
export interface BuiltCall {
  readonly extrinsic: SubmittableExtrinsic<'promise'>;
  /** The pallet and call as named in `api.tx` on this runtime. */
  readonly pallet: string;
  readonly method: string;
  /** One sentence: what happens when this is signed. */
  readonly summary: string;
  /** The facts behind it: ids, amounts, where the money goes. */
  readonly details: readonly string[];
}

/** What every builder needs: the chain's API (live, or decorated from static metadata in tests) and its token. */
export interface CallContext {
  readonly api: ApiPromise;
  readonly token: TokenInfo;
}

/**
 * The call function of the first candidate pallet that has `method` on this
 * runtime. Pallets get renamed between runtimes (`onDemand` was
 * `onDemandAssignmentProvider`), so the name is never assumed.
 */
export function resolveCall(
  api: ApiPromise,
  palletCandidates: readonly string[],
  method: string,
): { pallet: string; create: SubmittableExtrinsicFunction<'promise'> } {
  for (const pallet of palletCandidates) {
    const create = api.tx[pallet]?.[method];
    if (create !== undefined) return { pallet, create };
  }
  throw new ServiceError(
    'not_supported',
    `This chain's runtime has no ${palletCandidates.join(' / ')} "${method}" call.`,
    'Check that you are connected to the right chain; the runtime may have changed this flow.',
  );
}

export function built(
  resolved: { pallet: string; create: SubmittableExtrinsicFunction<'promise'> },
  method: string,
  args: readonly unknown[],
  summary: string,
  details: readonly string[] = [],
): BuiltCall {
  return { extrinsic: resolved.create(...args), pallet: resolved.pallet, method, summary, details };
}

export function assertParaId(paraId: number): void {
  if (!Number.isInteger(paraId) || paraId < 0 || paraId > 0xffff_ffff) {
    throw new ServiceError('invalid_input', `${paraId} is not a para id.`, 'A para id is a whole number such as 2000.');
  }
}

export function assertPositivePlanck(amount: bigint, what: string): void {
  if (amount <= 0n) throw new ServiceError('invalid_input', `The ${what} must be more than zero.`);
}
