import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type { DispatchError } from '@polkadot/types/interfaces';
import type { Codec } from '@polkadot/types/types';
import type { DryRunResult } from '../../../shared/contract/chain';
import { describeDispatchError } from './dispatch-error-words';
import type { EmittedEvent } from './dry-run-effects';
import { postDispatchOf, type PostDispatch } from './fee-as-charged';

/** XCM version asked of `DryRunApi` v2 for the messages it reports; every current runtime speaks it. */
const DRY_RUN_XCM_VERSION = 4;

const rpcMethodsByApi = new WeakMap<ApiPromise, Promise<Set<string>>>();

/**
 * Runs a call without applying it, by whichever means the runtime offers:
 * the `DryRunApi` runtime API (takes the call and an origin: no signature
 * needed), or the `system_dryRun` RPC (needs the signed bytes).
 */
export async function dryRun(api: ApiPromise, extrinsic: SubmittableExtrinsic<'promise'>, address: string): Promise<DryRunResult> {
  return (await dryRunReport(api, extrinsic, address)).check;
}

/** A dry run's verdict, and the events it emitted when the runtime reports them (`DryRunApi` only). */
export interface DryRunReport {
  check: DryRunResult;
  /**
   * Undefined when the dry run reports no events: `system_dryRun`, or a chain still at its
   * genesis block, where the runtime records no events at all (frame_system skips block 0).
   */
  events?: EmittedEvent[];
  /** What the call reported after running (`DryRunApi` only): the weight it used, for the fee as charged (fee-as-charged.ts). */
  postDispatch?: PostDispatch;
}

/**
 * What can be known before signing. Where the runtime dry-runs only signed
 * bytes (`system_dryRun`), says so: the pipeline runs it on the signed
 * transaction and sends nothing when it fails, so the review must not say
 * there is no dry run.
 */
export async function dryRunBeforeSigning(api: ApiPromise, extrinsic: SubmittableExtrinsic<'promise'>, address: string): Promise<DryRunReport> {
  if (canDryRunUnsigned(api)) return dryRunReport(api, extrinsic, address);
  if ((await rpcMethods(api)).has('system_dryRun')) return { check: { outcome: 'when-signed', method: 'system_dryRun' } };
  return { check: { outcome: 'not-offered', method: 'none' } };
}

export async function dryRunReport(api: ApiPromise, extrinsic: SubmittableExtrinsic<'promise'>, address: string): Promise<DryRunReport> {
  const runtimeCall = api.call.dryRunApi?.dryRunCall;
  if (runtimeCall) {
    const origin = { system: { Signed: address } };
    const args = paramCount(runtimeCall) >= 3 ? [origin, extrinsic.method, DRY_RUN_XCM_VERSION] : [origin, extrinsic.method];
    const [result, head] = await Promise.all([runtimeCall(...args) as unknown as Promise<DryRunApiResult>, api.rpc.chain.getHeader()]);
    if (result.isErr) return { check: { outcome: 'invalid', method: 'dryRunApi', error: { code: 'DryRunFailed', message: `The dry run could not run: ${result.asErr.toString()}.` } } };
    const execution = result.asOk.executionResult;
    if (execution.isErr) return { check: { outcome: 'would-fail', method: 'dryRunApi', error: describeDispatchError(api, execution.asErr.error) } };
    const recordsEvents = head.number.toNumber() > 0;
    const postDispatch = postDispatchOf(execution.asOk);
    return { check: { outcome: 'success', method: 'dryRunApi' }, ...(recordsEvents ? { events: [...result.asOk.emittedEvents] } : {}), ...(postDispatch ? { postDispatch } : {}) };
  }
  return { check: await signedDryRun(api, extrinsic) };
}

async function signedDryRun(api: ApiPromise, extrinsic: SubmittableExtrinsic<'promise'>): Promise<DryRunResult> {
  if (extrinsic.isSigned && (await rpcMethods(api)).has('system_dryRun')) {
    const result = (await api.rpc.system.dryRun(extrinsic.toHex())) as unknown as ApplyExtrinsicResult;
    if (result.isErr && isFutureNonce(result.asErr)) {
      return { outcome: 'inconclusive', method: 'system_dryRun' };
    }
    if (result.isErr && isBlockFull(result.asErr)) {
      return {
        outcome: 'inconclusive',
        method: 'system_dryRun',
        error: { code: 'Invalid.ExhaustsResources', message: 'The block the node would dry-run it in is full (a session change can take a whole block), so it was sent without that check: the node includes it in a later block.' },
      };
    }
    if (result.isErr) {
      return { outcome: 'invalid', method: 'system_dryRun', error: { code: `Invalid.${result.asErr.type}`, message: `The chain would refuse this transaction as invalid (${describeValidity(result.asErr)}).`, hint: 'Check the account\'s balance and nonce, then try again.' } };
    }
    if (result.asOk.isErr) return { outcome: 'would-fail', method: 'system_dryRun', error: describeDispatchError(api, result.asOk.asErr) };
    return { outcome: 'success', method: 'system_dryRun' };
  }
  return { outcome: 'not-offered', method: 'none' };
}

/** Whether `dryRun` can say anything before the transaction is signed. */
export function canDryRunUnsigned(api: ApiPromise): boolean {
  return api.call.dryRunApi?.dryRunCall !== undefined;
}

/** Runtime-API calls carry their metadata; v2 of DryRunApi added the XCM version parameter. */
function paramCount(runtimeCall: object): number {
  const meta = (runtimeCall as { meta?: { params?: unknown[] } }).meta;
  return meta?.params?.length ?? 2;
}

function rpcMethods(api: ApiPromise): Promise<Set<string>> {
  let methods = rpcMethodsByApi.get(api);
  if (!methods) {
    methods = api.rpc.rpc.methods().then((list) => new Set(list.methods.map((name) => name.toString())), () => new Set<string>());
    rpcMethodsByApi.set(api, methods);
  }
  return methods;
}

/**
 * The block the node would dry-run it in has no room left (`ExhaustsResources`: a session-change block
 * spends the whole block weight). Nothing is wrong with the transaction: a node keeps it in its pool for the
 * next block, so the pipeline sends it rather than refusing it.
 */
function isBlockFull(error: { isInvalid?: boolean; asInvalid?: { type: string } }): boolean {
  return error.isInvalid === true && error.asInvalid?.type === 'ExhaustsResources';
}

/** Its nonce follows one still in the pool: the state it would run on does not exist yet. */
function isFutureNonce(error: { isInvalid?: boolean; asInvalid?: { type: string } }): boolean {
  return error.isInvalid === true && error.asInvalid?.type === 'Future';
}

function describeValidity(error: { type: string; isInvalid?: boolean; asInvalid?: { type: string } }): string {
  return error.isInvalid && error.asInvalid ? `${error.type}: ${error.asInvalid.type}` : error.type;
}

interface ResultLike<Ok, Err> {
  isErr: boolean;
  asOk: Ok;
  asErr: Err;
}

type DryRunApiResult = ResultLike<{ executionResult: ResultLike<Codec, { error: DispatchError }>; emittedEvents: EmittedEvent[] }, { toString(): string }>;
type ApplyExtrinsicResult = ResultLike<ResultLike<unknown, DispatchError>, { type: string; isInvalid?: boolean; asInvalid?: { type: string } }>;
