import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';
import { u8aEq } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import type { DispatchErrorData } from '../../shared/contract/chain';
import type { HrmpDryRun } from '../../shared/contract/hrmp';
import type { EmittedEvent } from '../chain/tx/dry-run-effects';
import { hrmpRefusal } from './hrmp-refusals';
import { paraLocationOnRelay, type XcmVersion } from './relay-xcm';

/**
 * The relay's own dry run of the message as if the para had sent it
 * (`DryRunApi.dryRunXcm` with the para as origin): whether it runs through,
 * the events the relay would emit, and what it does to the para's sovereign
 * account, read from those events: the same ones the relay emits when the
 * message arrives, so the amounts are the relay's own.
 */
export async function dryRunOnRelay(
  api: ApiPromise,
  input: { version: XcmVersion; paraId: number; message: Codec; sovereign: string; expectedEvent: string },
): Promise<HrmpDryRun> {
  const run = api.call.dryRunApi?.dryRunXcm as ((...args: unknown[]) => Promise<Codec>) | undefined;
  if (run === undefined) return { outcome: 'not-offered', events: [], effects: [] };
  const result = (await run(paraLocationOnRelay(input.version, input.paraId), input.message)) as unknown as DryRunXcmResult;
  if (result.isErr) {
    return { outcome: 'would-fail', events: [], effects: [], error: { code: 'DryRunFailed', title: 'The relay could not dry-run the message', message: `The relay's dry run stopped: ${result.asErr.toString()}.`, hint: 'Check that the relay accepts this XCM version.' } };
  }
  const { executionResult, emittedEvents } = result.asOk;
  const events = [...emittedEvents];
  const names = events.map((event) => `${event.section}.${event.method}`);
  const flows = sovereignFlows(events, input.sovereign);
  const failure = executionFailure(executionResult);
  const base = {
    events: names,
    effects: flows.effects,
    heldPlanck: flows.heldPlanck.toString(),
    releasedPlanck: flows.releasedPlanck.toString(),
    feePaidPlanck: flows.feePaidPlanck.toString(),
  };
  if (failure !== undefined) return { outcome: 'would-fail', ...base, error: explainFailure(failure, input) };
  // A Transact whose call fails does not always fail the message: without the call's own event it did nothing.
  if (!names.includes(input.expectedEvent)) {
    return { outcome: 'would-fail', ...base, error: { code: 'TransactDidNothing', title: 'The call did not run', message: `The message runs on the relay but ${input.expectedEvent} is not among its events: the relay did not apply the channel call.`, hint: 'Read the events listed below; the para may lack the funds for the deposit.' } };
  }
  return { outcome: 'success', ...base };
}

interface DryRunXcmResult {
  isErr: boolean;
  asErr: { toString(): string };
  asOk: { executionResult: Codec; emittedEvents: EmittedEvent[] };
}

/** The failing instruction and its XCM error, from `Outcome::Incomplete` / `Outcome::Error`; undefined when complete. */
function executionFailure(outcome: Codec): { instruction?: number; error: string } | undefined {
  const json = outcome.toJSON() as Record<string, unknown>;
  const key = Object.keys(json)[0]?.toLowerCase();
  if (key === 'complete') return undefined;
  const body = Object.values(json)[0] as { error?: unknown } | undefined;
  const error = body?.error;
  // v5 wraps it as { index, error }; older outcomes give the error alone.
  if (error !== null && typeof error === 'object' && 'error' in error) {
    const wrapped = error as { index?: number; error: unknown };
    return { ...(wrapped.index === undefined ? {} : { instruction: wrapped.index }), error: errorName(wrapped.error) };
  }
  return { error: errorName(error) };
}

/** The XCM error's variant as the runtime names it (`FailedToTransactAsset`); polkadot-js's JSON gives it in camelCase. */
function errorName(error: unknown): string {
  const name = typeof error === 'string' ? error
    : error !== null && typeof error === 'object' ? Object.keys(error)[0] ?? JSON.stringify(error) : String(error);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The instructions of the message, by position, for "which step failed". */
const STEPS = ['taking the fee from the sovereign account (WithdrawAsset)', 'buying execution (BuyExecution)', 'the channel call (Transact)', 'refunding unused weight (RefundSurplus)', 'returning the surplus (DepositAsset)', 'naming the message (SetTopic)'];

function explainFailure(failure: { instruction?: number; error: string }, input: { paraId: number; sovereign: string }): DispatchErrorData {
  const step = failure.instruction === undefined ? undefined : STEPS[failure.instruction];
  const at = step === undefined ? '' : ` at ${step}`;
  const module = /^(\w+)\.(\w+)$/.exec(failure.error);
  const hrmp = module ? hrmpRefusal(module[1] ?? '', module[2] ?? '') : undefined;
  if (hrmp) return hrmp;
  if (['FailedToTransactAsset', 'NotWithdrawable', 'TooExpensive'].includes(failure.error) && (failure.instruction ?? 0) <= 1) {
    return {
      code: `xcm.${failure.error}`,
      title: 'The sovereign account cannot pay',
      message: `The relay would stop the message${at} (${failure.error}): para ${input.paraId}'s sovereign account ${input.sovereign} does not hold enough free balance to pay the message's fee.`,
      hint: 'Send funds to the sovereign account on the relay (the amount needed is shown above), then prepare the message again.',
    };
  }
  if (failure.error === 'Transact' || failure.error === 'FailedToTransactAsset' || failure.instruction === 2) {
    return {
      code: `xcm.${failure.error}`,
      title: 'The relay refused the channel call',
      message: `The relay would stop the message${at} (${failure.error}): the HRMP call itself failed, most often because the sovereign account ${input.sovereign} cannot reserve the deposit, or the channel's state does not allow it.`,
      hint: 'Check the sovereign account\'s free balance against the deposit, and the channel\'s state on the Channels page.',
    };
  }
  return { code: `xcm.${failure.error}`, title: 'The relay would stop the message', message: `The relay would stop the message${at}: ${failure.error}.` };
}

interface SovereignFlows {
  effects: HrmpDryRun['effects'];
  heldPlanck: bigint;
  releasedPlanck: bigint;
  feePaidPlanck: bigint;
}

/** Movements of the sovereign account's funds among the dry run's balance events. */
function sovereignFlows(events: readonly EmittedEvent[], sovereign: string): SovereignFlows {
  const me = decodeAddress(sovereign);
  const effects: HrmpDryRun['effects'] = [];
  let heldPlanck = 0n;
  // Kept apart from what is held: a cancel gives a deposit back, and an amount in planck is never negative.
  let releasedPlanck = 0n;
  let feePaidPlanck = 0n;
  for (const event of events) {
    if (event.section !== 'balances') continue;
    const field = (name: string): Codec | undefined => {
      const index = event.data.names?.indexOf(name) ?? -1;
      return index >= 0 ? event.data[index] : undefined;
    };
    const who = field('who');
    const amount = field('amount');
    if (who === undefined || amount === undefined || !u8aEq(decodeAddress(who.toString()), me)) continue;
    const planck = BigInt(amount.toString());
    switch (event.method) {
      case 'Reserved':
        heldPlanck += planck;
        effects.push({ kind: 'held', amountPlanck: planck.toString(), label: 'Reserved as the channel deposit' });
        break;
      case 'Unreserved':
        releasedPlanck += planck;
        effects.push({ kind: 'released', amountPlanck: planck.toString(), label: 'Deposit given back' });
        break;
      case 'Withdraw':
      case 'Burned':
        feePaidPlanck += planck;
        effects.push({ kind: 'paid', amountPlanck: planck.toString(), label: 'Taken to buy execution' });
        break;
      case 'Deposit':
      case 'Minted':
        feePaidPlanck -= planck;
        effects.push({ kind: 'returned', amountPlanck: planck.toString(), label: 'Unspent part returned' });
        break;
      default:
        break;
    }
  }
  return { effects, heldPlanck, releasedPlanck, feePaidPlanck };
}
