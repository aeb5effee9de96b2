import type { ApiPromise } from '@polkadot/api';
import type { ConnectionStateEvent } from '../../shared/contract/chain';
import type { Logger } from '../logging/logger';
import type { ParachainConfig, ParachainConfigSource } from '../settings/parachain-config';
import type { ChainConnections } from '../health/chain-feed';
import { systemClock, type Clock } from '../health/clock';
import type { HealthMonitor } from '../health/health-monitor';
import type { BlockspaceSignal } from '../health/signals';
import { readBlockspaceRound, readParaBlockspace, type BlockspaceChains, type OrderingAccount } from './read-blockspace';

export interface BlockspaceFeedDeps {
  monitor: Pick<HealthMonitor, 'status' | 'getRules' | 'recordBlockspace' | 'onChanged'>;
  connections: ChainConnections;
  /** The operator's parachain configuration: which para is theirs, its blockspace path and its signer. */
  parachain: ParachainConfigSource;
  log: Logger;
  clock?: Clock;
  /** Blockspace changes over days; once a minute is plenty, and a (re)connection reads at once. */
  intervalMs?: number;
}

/**
 * Feeds every watched parachain's blockspace (lease, bulk coretime region and
 * renewal, or on-demand balance) from the relay and Coretime chains into
 * health monitoring, where the 'blockspace-ending', 'renewal-due' and
 * 'on-demand-low' rules judge it.
 */
export class BlockspaceFeed {
  private timer: NodeJS.Timeout | undefined;
  /** A reading due when a renewal window changes (the interlude ends, the sale closes): a minute late would be a lie. */
  private boundaryTimer: NodeJS.Timeout | undefined;
  private offState: (() => void) | undefined;
  private offWatched: (() => void) | undefined;
  private watchedKey = '';
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private readonly last = new Map<number, string>();

  constructor(private readonly deps: BlockspaceFeedDeps) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.refresh(), this.deps.intervalMs ?? 60_000).unref();
    this.offState = this.deps.connections.onState((state) => {
      if ((state.role === 'relay' || state.role === 'coretime') && state.status === 'connected') void this.refresh();
    });
    // A parachain newly watched is read at once, not at the next tick.
    this.offWatched = this.deps.monitor.onChanged((status) => {
      const key = status.parachains.map((para) => para.paraId).join(',');
      if (key === this.watchedKey) return;
      this.watchedKey = key;
      // A para watched again starts with no blockspace in the monitor: record it afresh.
      this.last.clear();
      void this.refresh();
    });
    void this.refresh();
  }

  stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    clearTimeout(this.boundaryTimer);
    this.boundaryTimer = undefined;
    this.offState?.();
    this.offWatched?.();
    return this.queued ?? this.running ?? Promise.resolve();
  }

  /** Reads every watched para's blockspace once and records what changed. A call during a round is answered by one more round after it. */
  refresh(): Promise<void> {
    if (this.running === null) {
      this.running = this.round()
        .catch((error: unknown) => this.deps.log.warn('health: reading blockspace failed', error))
        .finally(() => {
          this.running = null;
        });
      return this.running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = null;
      return this.refresh();
    });
    return this.queued;
  }

  private async round(): Promise<void> {
    const paraIds = this.deps.monitor.status().parachains.map((para) => para.paraId);
    const [first] = paraIds;
    if (first === undefined) return;
    const chains = await this.connectedChains();
    const rules = this.deps.monitor.getRules();
    // One relay, one block time: the first para's override, else the default.
    const relayBlockTimeMs = rules.parachains[String(first)]?.relayBlockTimeMs ?? rules.parachainDefaults.relayBlockTimeMs;
    const round = await readBlockspaceRound(chains, { nowMs: (this.deps.clock ?? systemClock).now(), relayBlockTimeMs });
    if (!round) return;
    const config = this.deps.parachain.get();
    // Read every para first, then record them together: the monitor judges one consistent round.
    const reads = await Promise.allSettled(paraIds.map((paraId) => readParaBlockspace(paraId, chains, round, orderingAccountOf(paraId, config))));
    paraIds.forEach((paraId, i) => {
      const read = reads[i];
      if (read?.status === 'fulfilled') this.record(paraId, read.value);
      else this.deps.log.warn(`health: reading the blockspace of para ${paraId} failed`, read?.reason);
    });
    this.scheduleBoundary(reads.flatMap((read) => (read.status === 'fulfilled' ? [read.value] : [])), round.now.atMs);
  }

  /**
   * Reads again just after the next renewal boundary of any para (its
   * interlude ends, its sale closes), and records that reading even if the
   * chain shows nothing new, so the rules judge the new window on time.
   */
  private scheduleBoundary(signals: readonly BlockspaceSignal[], nowMs: number): void {
    clearTimeout(this.boundaryTimer);
    this.boundaryTimer = undefined;
    const boundaries = signals.flatMap((signal) => (signal.kind === 'bulk' && signal.interlude && !signal.interlude.renewed
      ? [signal.interlude.endsAtMs, signal.interlude.renewalClosesAtMs ?? signal.interlude.endsAtMs]
      : [])).filter((atMs) => atMs > nowMs);
    if (boundaries.length === 0 || this.timer === undefined) return;
    const delayMs = Math.min(...boundaries) - nowMs + BOUNDARY_MARGIN_MS;
    // Past the interval, the regular reading comes first anyway.
    if (delayMs >= (this.deps.intervalMs ?? 60_000)) return;
    this.boundaryTimer = setTimeout(() => {
      this.boundaryTimer = undefined;
      this.last.clear();
      void this.refresh();
    }, delayMs).unref();
  }

  /** Records a signal only when it says something new, so a steady chain does not re-judge every minute for nothing. */
  private record(paraId: number, signal: BlockspaceSignal): void {
    const key = JSON.stringify(signal, (_name, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
    if (this.last.get(paraId) === key) return;
    this.last.set(paraId, key);
    this.deps.monitor.recordBlockspace(paraId, signal);
  }

  private async connectedChains(): Promise<BlockspaceChains> {
    const connected = new Set(this.deps.connections.states().filter((state) => state.status === 'connected').map((state) => state.role));
    const api = (role: ConnectionStateEvent['role']): Promise<ApiPromise | undefined> =>
      connected.has(role) ? this.deps.connections.api(role, 30_000).catch(() => undefined) : Promise.resolve(undefined);
    const [relay, coretime] = await Promise.all([api('relay'), api('coretime')]);
    return { ...(relay ? { relay } : {}), ...(coretime ? { coretime } : {}) };
  }
}

/** A boundary is a relay block reckoned in wall-clock time: read a moment after it, once the block is there. */
const BOUNDARY_MARGIN_MS = 1_000;

/**
 * The account that pays the para's on-demand orders: the wizard's signer for
 * the operator's own para when it chose on-demand or turned auto-ordering on.
 * `ordering` mirrors when the auto-order driver acts: policy on and a console-held key.
 */
export function orderingAccountOf(paraId: number, config: Pick<ParachainConfig, 'paraId' | 'signer' | 'blockspace' | 'orderPolicy'>): OrderingAccount | undefined {
  if (config.paraId !== paraId || !config.signer) return undefined;
  const autoOrdering = config.orderPolicy?.enabled === true;
  if (config.blockspace !== 'on-demand' && !autoOrdering) return undefined;
  return { address: config.signer.address, ordering: autoOrdering && config.signer.kind === 'vault' };
}
