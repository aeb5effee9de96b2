import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';

/**
 * The fee the chain takes once the call has run, from a `DryRunApi` dry run's
 * post-dispatch info. A call is charged up front for its declared weight and
 * refunded the weight it did not use (`PostDispatchInfo.actualWeight`):
 * `crowdloan.refund` is weighed for a thousand contributors and refunds almost
 * all of it, so the pre-dispatch figure overstates it many times.
 *
 * The charged fee is pallet-transaction-payment's own formula on the actual
 * weight: base fee + length fee + multiplier × weight_to_fee(actual weight),
 * where the actual weight is the call's actual weight plus the transaction
 * extensions' weight (the dry run dispatches the bare call, without them),
 * capped at the declared total. The runtime's own answers are used for every
 * part (`query_fee_details`, `query_weight_to_fee`, `query_info`,
 * `query_call_info`, the stored multiplier); the multiplier is checked by
 * recomputing the pre-dispatch weight fee with it, and any mismatch gives
 * undefined (the caller then shows the pre-dispatch figure as "up to").
 */

export interface PostDispatch {
  /** The call's actual weight; undefined when it reports none (it used all it declared). */
  actualWeight?: { refTime: bigint; proofSize: bigint };
  /** Whether the call still pays after running (a call may waive its fee). */
  paysFee: boolean;
}

/** Reads `PostDispatchInfo` from a dry run's `executionResult.asOk`. */
export function postDispatchOf(value: Codec): PostDispatch | undefined {
  const json = value.toJSON() as { actualWeight?: { refTime?: number | string; proofSize?: number | string } | number | string | null; paysFee?: string } | null;
  if (json === null || typeof json !== 'object') return undefined;
  const paysFee = json.paysFee === undefined ? true : json.paysFee === 'Yes';
  const weight = json.actualWeight;
  if (weight === null || weight === undefined) return { paysFee };
  if (typeof weight === 'object') return { paysFee, actualWeight: { refTime: BigInt(weight.refTime ?? 0), proofSize: BigInt(weight.proofSize ?? 0) } };
  return { paysFee, actualWeight: { refTime: BigInt(weight), proofSize: 0n } };
}

/**
 * What the chain takes once the call has run (in the next block: the multiplier read is that block's); `exact`
 * false when it is a bound (the call's own refund counted, any the extensions make not).
 */
export interface ChargedFee {
  planck: bigint;
  exact: boolean;
}

/** The fee the chain will take, or undefined when the runtime does not answer every part (then only the pre-dispatch figure is known). */
export async function feeAsCharged(api: ApiPromise, reviewBytes: Uint8Array, post: PostDispatch, preDispatchPlanck: bigint): Promise<ChargedFee | undefined> {
  const payment = api.call.transactionPaymentApi;
  const callPayment = api.call.transactionPaymentCallApi;
  if (!payment?.queryFeeDetails || !payment.queryInfo || !payment.queryWeightToFee || !callPayment?.queryCallInfo) return undefined;
  if (!post.paysFee) return { planck: 0n, exact: true };
  const length = reviewBytes.length;
  const extrinsic = api.tx(reviewBytes as unknown as string);
  const [details, info, callInfo, stored] = await Promise.all([
    payment.queryFeeDetails(reviewBytes, length),
    payment.queryInfo(reviewBytes, length),
    callPayment.queryCallInfo(extrinsic.method, length),
    api.query.transactionPayment?.nextFeeMultiplier?.(),
  ]);
  const inclusion = (details as unknown as { inclusionFee: { isNone: boolean; unwrap(): { baseFee: Codec; lenFee: Codec; adjustedWeightFee: Codec } } }).inclusionFee;
  if (inclusion.isNone) return { planck: 0n, exact: true };
  const parts = inclusion.unwrap();
  const baseFee = BigInt(parts.baseFee.toString());
  const lenFee = BigInt(parts.lenFee.toString());
  const adjustedWeightFee = BigInt(parts.adjustedWeightFee.toString());
  // The review's bytes must be priced as the fee shown was (same length, same state), or the parts are of another transaction.
  if (baseFee + lenFee + adjustedWeightFee !== preDispatchPlanck) return undefined;
  const total = weightOf(info as unknown as Codec);
  const callOnly = weightOf(callInfo as unknown as Codec);
  if (post.actualWeight === undefined) return { planck: baseFee + lenFee + adjustedWeightFee, exact: true };
  // A call reporting all it declared refunds nothing: the pre-dispatch fee is what it pays.
  if (post.actualWeight.refTime >= callOnly.refTime && post.actualWeight.proofSize >= callOnly.proofSize) return { planck: baseFee + lenFee + adjustedWeightFee, exact: true };
  if (stored === undefined) return undefined;
  const multiplier = BigInt(stored.toString());
  // The multiplier read must give back the runtime's own pre-dispatch weight fee, or the sum below would not be its fee.
  const totalToFee = BigInt((await payment.queryWeightToFee(toWeight(total))).toString());
  if (timesMultiplier(totalToFee, multiplier) !== adjustedWeightFee) return undefined;
  const extensions = { refTime: positive(total.refTime - callOnly.refTime), proofSize: positive(total.proofSize - callOnly.proofSize) };
  const withExtensions = { refTime: post.actualWeight.refTime + extensions.refTime, proofSize: post.actualWeight.proofSize + extensions.proofSize };
  // frame's calc_actual_weight: the declared total when the reported one exceeds it in any dimension.
  const actual = withExtensions.refTime > total.refTime || withExtensions.proofSize > total.proofSize ? total : withExtensions;
  const actualToFee = BigInt((await payment.queryWeightToFee(toWeight(actual))).toString());
  // Measured on Paseo 1009003 (a batch refunding a third of its weight): this came within 874 planck of the 2,222,652,295 charged,
  // above it; the runtime's extensions may refund a little weight of their own, which the bare call's dry run does not report.
  // So it is shown as what the chain takes at most, not as the fee charged.
  return { planck: baseFee + lenFee + timesMultiplier(actualToFee, multiplier), exact: false };
}

/** FixedU128 × an integer, rounded down as `saturating_mul_int` does. */
function timesMultiplier(amount: bigint, multiplier: bigint): bigint {
  return (amount * multiplier) / 10n ** 18n;
}

function positive(value: bigint): bigint {
  return value > 0n ? value : 0n;
}

function weightOf(info: Codec): { refTime: bigint; proofSize: bigint } {
  const json = info.toJSON() as { weight?: { refTime?: number | string; proofSize?: number | string } | number | string };
  const weight = json.weight;
  if (weight !== undefined && typeof weight === 'object') return { refTime: BigInt(weight.refTime ?? 0), proofSize: BigInt(weight.proofSize ?? 0) };
  return { refTime: BigInt(weight ?? 0), proofSize: 0n };
}

function toWeight(weight: { refTime: bigint; proofSize: bigint }): { refTime: string; proofSize: string } {
  return { refTime: weight.refTime.toString(), proofSize: weight.proofSize.toString() };
}
