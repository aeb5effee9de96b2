import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { TxEstimate } from '../../../shared/contract/chain';
import type { Logger } from '../../logging/logger';
import type { DryRunReport } from './dry-run';
import { effectsFromDryRunEvents } from './dry-run-effects';
import { feeAsCharged } from './fee-as-charged';
import type { LocalDryRunAnswer, LocalDryRunResult, LocalDryRunner } from './local-dry-run';
import { reviewExtrinsic } from './review-extrinsic';

/**
 * The figures a review shows besides the verdict: the fee as the chain will
 * charge it where a dry run tells the weight the call uses, and, on runtimes
 * without a dry-run API, a run on a local copy of the chain (local-dry-run.ts)
 * whose events say what the call holds, pays and moves.
 */

export type FeeFigures = Pick<TxEstimate, 'feePlanck' | 'feeBasis' | 'feeUpToPlanck'>;

export interface LocalRunInput {
  runner: LocalDryRunner;
  api: ApiPromise;
  /** The connection's provider: the copy reads the chain's storage through it. */
  provider: Parameters<LocalDryRunner['run']>[1];
  /** Names the connection (endpoints and role): local chains all share one genesis hash. */
  connectionKey: string;
  extrinsic: SubmittableExtrinsic<'promise'>;
  signer: string;
  log: Logger;
}

/** Runs the call on a local copy of the chain; says why not when it cannot (the review then falls back to the estimators). */
export async function runLocally(input: LocalRunInput): Promise<LocalDryRunAnswer> {
  let bytes: Uint8Array;
  try {
    const readAccount = input.api.query.system?.account;
    if (!readAccount) return { ran: false, reason: 'the runtime has no system.account storage to read the nonce from' };
    const account = (await readAccount(input.signer)) as unknown as { nonce: { toNumber(): number } };
    bytes = await reviewExtrinsic(input.api, input.extrinsic, input.signer, account.nonce.toNumber());
  } catch (error) {
    input.log.warn('chain: could not prepare the local dry run', error);
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    return { ran: false, reason: `the console could not prepare the call for a local run: ${reason}` };
  }
  const answer = await input.runner.run(input.api, input.provider, input.connectionKey, bytes, input.signer);
  // An earlier transaction of the account still waits in the pool: the copy's state has not seen it.
  if (answer.ran && answer.result.error?.code === 'Invalid.Invalid' && /Future/.test(answer.result.error.message)) {
    return { ran: false, reason: 'an earlier transaction of this account is still waiting, and the copy of the chain has not seen it yet' };
  }
  return answer;
}

/** What a local run says the call does to the signer's balance, with where it was run. */
export function localEffects(answer: LocalDryRunAnswer, signer: string): Pick<TxEstimate, 'effects' | 'effectsSource' | 'effectsNote'> | undefined {
  if (!answer.ran) return undefined;
  const result = answer.result;
  const where = `Run on a local copy of the chain at block ${result.atBlock.toLocaleString('en-US')}`;
  if (result.outcome !== 'success') {
    return { effects: [], effectsSource: 'local-dry-run', effectsNote: `${where}: ${result.error?.message ?? 'it failed'}` };
  }
  const effects = effectsFromDryRunEvents(result.events, signer).map((effect) => ({ ...effect, source: 'local-dry-run' as const }));
  return { effects, effectsSource: 'local-dry-run', effectsNote: `${where} (this runtime offers no dry run of its own).` };
}

/** Why the local run could not be made, for a review that shows the estimators' figures instead. */
export function localRunNote(answer: LocalDryRunAnswer | undefined): Pick<TxEstimate, 'effectsNote'> {
  return answer !== undefined && !answer.ran ? { effectsNote: `No local run of it could be made (${answer.reason}): the figures are the console's own estimate.` } : {};
}

/**
 * The fee to show: as charged where a dry run reports it (the local run's
 * `TransactionFeePaid`; `DryRunApi`'s actual weight priced as the chain prices
 * it, where the runtime weighs no extensions), else the tightest figure the
 * chain takes at most: the call's own refund counted where `DryRunApi` reports
 * it, or the pre-dispatch figure.
 */
export async function feeFigures(api: ApiPromise, extrinsic: SubmittableExtrinsic<'promise'>, signer: string, preDispatchPlanck: bigint,
  report: DryRunReport, local: LocalDryRunResult | undefined, log: Logger): Promise<FeeFigures> {
  const upTo: FeeFigures = { feePlanck: preDispatchPlanck.toString(), feeBasis: 'up-to' };
  const asCharged = (charged: bigint): FeeFigures => ({
    feePlanck: charged.toString(),
    feeBasis: 'as-charged',
    ...(charged === preDispatchPlanck ? {} : { feeUpToPlanck: preDispatchPlanck.toString() }),
  });
  if (local?.feePaidPlanck !== undefined) return asCharged(local.feePaidPlanck);
  if (report.postDispatch === undefined) return upTo;
  try {
    const bytes = await reviewExtrinsic(api, extrinsic, signer);
    const charged = await feeAsCharged(api, bytes, report.postDispatch, preDispatchPlanck);
    if (charged === undefined) return upTo;
    if (charged.exact) return asCharged(charged.planck);
    // The call's refund is counted, the extensions' own is not known: the chain takes at most this (less by their refund).
    return { feePlanck: charged.planck.toString(), feeBasis: 'up-to', ...(charged.planck === preDispatchPlanck ? {} : { feeUpToPlanck: preDispatchPlanck.toString() }) };
  } catch (error) {
    log.warn('chain: could not price the fee as charged', error);
    return upTo;
  }
}
