import type { ApiPromise } from '@polkadot/api';
import type { ApiOptions } from '@polkadot/api/types';
import type { DispatchError, EventRecord } from '@polkadot/types/interfaces';
import { u8aToHex } from '@polkadot/util';
import { decodeAddress } from '@polkadot/util-crypto';
import { u8aEq } from '@polkadot/util';
import type { DispatchErrorData } from '../../../shared/contract/chain';
import type { Logger } from '../../logging/logger';
import { describeDispatchError } from './dispatch-error-words';
import type { EmittedEvent } from './dry-run-effects';

/** The connection's provider, typed through the api's own options (the rpc-provider package is the api's, not ours to declare). */
type ProviderInterface = NonNullable<ApiOptions['provider']>;

/**
 * A dry run on a throwaway copy of the chain, for runtimes that offer no
 * `DryRunApi` (Rococo 9430 and its age): chopsticks-core, in this process,
 * forks the chain at its head through the console's own connection (storage is
 * read from the node on demand; nothing listens on any port), builds the next
 * block's start with the same inherents and applies the call with a stand-in
 * signature its mock signature host accepts. The block's `System.Events` then
 * hold what the chain would do, fee payment included: the deposit a crowdloan
 * reserves, the fee the chain actually takes after refunding unused weight.
 */

export interface LocalDryRunResult {
  /** The head the copy was taken at; the run is of the block after it. */
  atBlock: number;
  outcome: 'success' | 'would-fail' | 'invalid';
  error?: DispatchErrorData;
  /** The call's own events, without the fee's withdrawal and refund (those are in `feePaidPlanck`). */
  events: EmittedEvent[];
  /** `transactionPayment.TransactionFeePaid.actualFee`: what the chain takes after refunding unused weight. */
  feePaidPlanck?: bigint;
}

export type LocalDryRunAnswer = { ran: true; result: LocalDryRunResult } | { ran: false; reason: string };

export interface LocalDryRunOptions {
  log: Logger;
  /** How long one run may take, fork start included (the first compiles the runtime). */
  timeoutMs?: number;
  /** How long an unused copy is kept. */
  keepMs?: number;
}

/** What of chopsticks-core this module uses; loaded on first use (it brings a WebAssembly executor in a worker thread). */
type ChopsticksCore = typeof import('@acala-network/chopsticks-core');
type Fork = InstanceType<ChopsticksCore['Blockchain']>;

interface CachedFork {
  key: string;
  headHash: string;
  fork: Promise<Fork>;
  timer?: ReturnType<typeof setTimeout>;
}

export class LocalDryRunner {
  private readonly forks = new Map<string, CachedFork>();
  private readonly timeoutMs: number;
  private readonly keepMs: number;
  private core: Promise<ChopsticksCore> | undefined;

  constructor(private readonly options: LocalDryRunOptions) {
    this.timeoutMs = options.timeoutMs ?? 45_000;
    this.keepMs = options.keepMs ?? 120_000;
  }

  /**
   * Runs `extrinsic` (signed, or signed with the mock signature) on a copy of
   * the chain at its current head. `connectionKey` names the connection (every
   * chopsticks `--genesis` chain has the same genesis hash): a copy is reused
   * for the same connection, runtime version and head.
   */
  async run(api: ApiPromise, provider: ProviderInterface, connectionKey: string, extrinsic: Uint8Array, signer: string): Promise<LocalDryRunAnswer> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<LocalDryRunAnswer>((resolve) => {
      timer = setTimeout(() => resolve({ ran: false, reason: `the local copy of the chain did not answer within ${Math.round(this.timeoutMs / 1000)} s` }), this.timeoutMs);
    });
    try {
      return await Promise.race([this.runOnce(api, provider, connectionKey, extrinsic, signer), timeout]);
    } catch (error) {
      this.options.log.warn('chain: the local dry run could not run', error);
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
      return { ran: false, reason: `the local copy of the chain could not run it (${reason})` };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Drops every copy and stops the executor's worker thread. */
  async close(): Promise<void> {
    const forks = [...this.forks.values()];
    this.forks.clear();
    for (const cached of forks) clearTimeout(cached.timer);
    await this.stopWorker();
  }

  private async stopWorker(): Promise<void> {
    if (this.core) await (await this.core).destroyWorker().catch(() => undefined);
  }

  private async runOnce(api: ApiPromise, provider: ProviderInterface, connectionKey: string, extrinsic: Uint8Array, signer: string): Promise<LocalDryRunAnswer> {
    const core = await this.loadCore();
    const header = await api.rpc.chain.getHeader();
    const headHash = header.hash.toHex();
    const key = `${connectionKey}|${providerId(provider)}|${api.runtimeVersion.specVersion.toString()}`;
    const fork = await this.forkAt(core, provider, key, headHash, header.number.toNumber());
    const head = fork.head;
    const version = await head.runtimeVersion;
    if (version.specVersion !== api.runtimeVersion.specVersion.toNumber()) {
      return { ran: false, reason: `the chain moved to runtime ${version.specVersion} since the console read its metadata` };
    }
    let { outcome, storageDiff } = await fork.dryRunExtrinsic(u8aToHex(extrinsic));
    let applied = api.registry.createType('ApplyExtrinsicResult', outcome.toU8a()) as unknown as ApplyExtrinsicResult;
    let atBlock = header.number.toNumber();
    for (let built = 0; built < BLOCKS_TO_SKIP_WHEN_FULL && isBlockFull(applied); built += 1) {
      // The next block has no room (a session change takes its whole weight): a node includes it in the one after,
      // so the copy builds that full block without it and runs it in the next. The copy is then past the head: not kept.
      this.forget(key);
      await fork.newBlock();
      atBlock = fork.head.number;
      ({ outcome, storageDiff } = await fork.dryRunExtrinsic(u8aToHex(extrinsic)));
      applied = api.registry.createType('ApplyExtrinsicResult', outcome.toU8a()) as unknown as ApplyExtrinsicResult;
    }
    if (applied.isErr) {
      const validity = applied.asErr;
      const words = validity.isInvalid ? `${validity.type}: ${validity.asInvalid.type}` : validity.type;
      return { ran: true, result: { atBlock, outcome: 'invalid', events: [], error: { code: `Invalid.${validity.type}`, message: `A run on a local copy of the chain refused it as invalid (${words}).` } } };
    }
    const eventsKey = api.query.system?.events?.key();
    const eventsHex = eventsKey === undefined ? undefined : storageDiff.find(([key]) => key === eventsKey)?.[1];
    const records = eventsHex ? [...api.registry.createType('Vec<EventRecord>', eventsHex)] as EventRecord[] : [];
    const { events, feePaidPlanck } = ownEvents(records, signer);
    const dispatched = applied.asOk;
    if (dispatched.isErr) {
      return { ran: true, result: { atBlock, outcome: 'would-fail', events: [], error: describeDispatchError(api, dispatched.asErr), ...(feePaidPlanck === undefined ? {} : { feePaidPlanck }) } };
    }
    return { ran: true, result: { atBlock, outcome: 'success', events, ...(feePaidPlanck === undefined ? {} : { feePaidPlanck }) } };
  }

  private forget(key: string): void {
    const cached = this.forks.get(key);
    if (!cached) return;
    clearTimeout(cached.timer);
    this.forks.delete(key);
  }

  private loadCore(): Promise<ChopsticksCore> {
    this.core ??= import('@acala-network/chopsticks-core').then((core) => {
      // Its logger writes every block it builds to stdout; the console logs what matters itself.
      core.defaultLogger.level = 'error';
      return core;
    });
    return this.core;
  }

  /**
   * The copy at this head, made once per connection, runtime and head and kept
   * `keepMs` after its last use. It reads storage through the console's own
   * provider; closing it must not disconnect that provider, so it is dropped, never closed.
   */
  private forkAt(core: ChopsticksCore, provider: ProviderInterface, key: string, headHash: string, headNumber: number): Promise<Fork> {
    const cached = this.forks.get(key);
    let entry: CachedFork;
    if (cached && cached.headHash === headHash) {
      entry = cached;
    } else {
      if (cached) clearTimeout(cached.timer);
      const fork = (async () => {
        const upstream = new core.Api(provider);
        await upstream.isReady;
        return new core.Blockchain({
          api: upstream,
          buildBlockMode: core.BuildBlockMode.Manual,
          inherentProviders: core.inherentProviders,
          header: { hash: headHash as `0x${string}`, number: headNumber },
          mockSignatureHost: true,
          registeredTypes: {},
          saveBlocks: false,
        });
      })();
      entry = { key, headHash, fork };
      this.forks.set(key, entry);
      fork.catch(() => {
        if (this.forks.get(key) === entry) this.forks.delete(key);
      });
    }
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      if (this.forks.get(key) === entry) this.forks.delete(key);
      // The executor's worker thread would otherwise outlive its last use (and keep a headless console from exiting).
      if (this.forks.size === 0) void this.stopWorker();
    }, this.keepMs);
    entry.timer.unref?.();
    return entry.fork;
  }
}

/** Full blocks in a row the copy builds past before it gives up (a session change fills one). */
const BLOCKS_TO_SKIP_WHEN_FULL = 2;

function isBlockFull(applied: ApplyExtrinsicResult): boolean {
  return applied.isErr && applied.asErr.isInvalid && applied.asErr.asInvalid.type === 'ExhaustsResources';
}

const providerIds = new WeakMap<ProviderInterface, number>();
let nextProviderId = 1;

/** A connection replaced by a new one (same endpoints) must not reuse a copy reading through the old one. */
function providerId(provider: ProviderInterface): number {
  let id = providerIds.get(provider);
  if (id === undefined) {
    id = nextProviderId;
    nextProviderId += 1;
    providerIds.set(provider, id);
  }
  return id;
}

/**
 * The events of the extrinsic the run applied (the last one in the block: the
 * inherents come first), split into what the call did and the fee. The fee is
 * withdrawn before dispatch (`balances.Withdraw` of the signer, the first
 * balance event) and its unused part deposited back after: neither is what the
 * call moves, and `TransactionFeePaid` says what was kept.
 */
function ownEvents(records: readonly EventRecord[], signer: string): { events: EmittedEvent[]; feePaidPlanck?: bigint } {
  const indices = records.filter((record) => record.phase.isApplyExtrinsic).map((record) => record.phase.asApplyExtrinsic.toNumber());
  if (indices.length === 0) return { events: [] };
  const last = Math.max(...indices);
  const mine = records.filter((record) => record.phase.isApplyExtrinsic && record.phase.asApplyExtrinsic.toNumber() === last).map((record) => record.event);
  const feeEvent = mine.find((event) => event.section === 'transactionPayment' && event.method === 'TransactionFeePaid');
  const feePaidPlanck = feeEvent ? BigInt(feeEvent.data[1]?.toString() ?? '0') : undefined;
  const me = decodeAddress(signer);
  const isMe = (value: { toString(): string } | undefined): boolean => value !== undefined && u8aEq(decodeAddress(value.toString()), me);
  const feeWithdrawal = mine.findIndex((event) => event.section === 'balances');
  const events = mine.filter((event, index) => {
    if (index === feeWithdrawal && event.method === 'Withdraw' && isMe(event.data[0])) return false;
    return !(event.section === 'transactionPayment');
  });
  return { events: events as unknown as EmittedEvent[], ...(feePaidPlanck === undefined ? {} : { feePaidPlanck }) };
}

interface ApplyExtrinsicResult {
  isErr: boolean;
  asErr: { type: string; isInvalid: boolean; asInvalid: { type: string } };
  asOk: { isErr: boolean; asErr: DispatchError };
}
