import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { ServiceError } from '../errors/service-error';
import type { Weight, XcmVersion } from './relay-xcm';

/**
 * What the relay charges to execute a message, asked of the relay itself
 * (`XcmPaymentApi`): the message's weight, then that weight's price in the
 * relay's token. And the weight of a call, which XCM v4's `Transact` states.
 */

interface ResultLike<Ok> {
  isErr: boolean;
  asOk: Ok;
  asErr: { toString(): string };
}

type RuntimeCall = (...args: unknown[]) => Promise<Codec>;

export async function messageWeight(api: ApiPromise, message: Codec): Promise<Weight> {
  const query = api.call.xcmPaymentApi?.queryXcmWeight as RuntimeCall | undefined;
  if (!query) throw notOffered();
  const result = (await query(message)) as unknown as ResultLike<Codec>;
  if (result.isErr) throw new ServiceError('chain_error', `The relay cannot weigh the message: ${result.asErr.toString()}.`, 'The relay may not accept this XCM version or instruction; check its runtime.');
  return weightOf(result.asOk);
}

/** The price of `weight` in the relay's own token. */
export async function weightFeePlanck(api: ApiPromise, weight: Weight, version: XcmVersion): Promise<bigint> {
  const query = api.call.xcmPaymentApi?.queryWeightToAssetFee as RuntimeCall | undefined;
  if (!query) throw notOffered();
  const result = (await query({ refTime: weight.refTime, proofSize: weight.proofSize }, { [`V${version}`]: { parents: 0, interior: 'Here' } })) as unknown as ResultLike<Codec>;
  if (result.isErr) throw new ServiceError('chain_error', `The relay cannot price the message's weight in its token: ${result.asErr.toString()}.`);
  return BigInt(result.asOk.toString());
}

/** The call's weight as the relay declares it (`TransactionPaymentCallApi.queryCallInfo`). */
export async function callWeight(api: ApiPromise, call: { method: Codec & { encodedLength: number } }): Promise<Weight> {
  const query = api.call.transactionPaymentCallApi?.queryCallInfo as RuntimeCall | undefined;
  if (!query) throw new ServiceError('not_supported', 'The relay does not say what a call weighs (no TransactionPaymentCallApi).', 'Use a relay whose runtime offers it, or send the message with XCM v5.');
  const info = (await query(call.method, call.method.encodedLength)) as unknown as { weight: Codec };
  return weightOf(info.weight);
}

function weightOf(value: Codec): Weight {
  const json = value.toJSON() as { refTime?: number | string; proofSize?: number | string };
  return { refTime: BigInt(json.refTime ?? 0), proofSize: BigInt(json.proofSize ?? 0) };
}

function notOffered(): ServiceError {
  return new ServiceError('not_supported', 'The relay does not price XCM (no XcmPaymentApi), so the console cannot say what the message costs.',
    'Ask the relay\'s operators, or use a relay runtime that offers XcmPaymentApi.');
}
