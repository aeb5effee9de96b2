import { readdir } from 'node:fs/promises';
import {
  newCollatorState,
  observeBest,
  observeFinalized,
  observeSyncing,
  setMetrics,
  setRpc,
  type CollatorState,
} from './collator-state';
import type { Clock } from './clock';
import { probeDisk } from './probes/disk-probe';
import { probeMetrics, type MetricsReading } from './probes/prometheus-probe';
import { RpcProbe } from './probes/rpc-probe';
import type { CollatorTarget } from './signals';

/** A node that could not say which Aura key it holds is asked again after this long, not every probe round. */
const AURA_KEY_RETRY_MS = 60_000;

export interface ProbeTimings {
  metricsTimeoutMs: number;
  rpcReconnectMs: number;
  rpcRequestTimeoutMs: number;
}

/**
 * Probes one collator: its RPC (pushed heads, polled health), the Prometheus
 * exporters of both halves and the free disk on its base path, folding every
 * answer into its state. `onPush` fires when a pushed signal arrives between
 * probe rounds, so the monitor can judge it at once.
 */
export class CollatorWatch {
  readonly state: CollatorState;
  private rpc: RpcProbe | null = null;
  /** The Aura key found in the node's keystore, and the authority set it was looked up in. */
  private discoveredAuraKey: string | undefined;
  private authoritiesAsked: string | null = null;
  /** After an unclear answer (node unreachable, or it refuses the unsafe method), ask again no sooner than this. */
  private askAgainAtMs = 0;

  constructor(
    target: CollatorTarget,
    private readonly clock: Clock,
    private readonly timings: ProbeTimings,
    private readonly onPush: () => void,
  ) {
    this.state = newCollatorState(target, clock.now());
    this.syncRpc();
  }

  /** The operator started or stopped the node: a stopped node's RPC is not dialled over and over. */
  setTarget(target: CollatorTarget): void {
    this.state.target = { ...target, auraKey: target.auraKey ?? this.discoveredAuraKey };
    this.syncRpc();
  }

  /**
   * Finds which of the parachain's Aura authorities is this collator, by
   * asking its own keystore: the operator never has to type the key, and a
   * rotation is picked up when the authority set changes at the next session.
   * Asked once per authority set, and again after an unclear answer.
   */
  async discoverAuraKey(authorities: readonly string[]): Promise<void> {
    if (this.rpc === null || authorities.length === 0) return;
    const asked = authorities.join(',');
    if (asked === this.authoritiesAsked || this.clock.now() < this.askAgainAtMs) return;
    let unclear = false;
    for (const key of authorities) {
      const has = await this.rpc.hasAuraKey(key);
      if (has === null) unclear = true;
      if (has !== true) continue;
      this.discoveredAuraKey = key;
      if (this.state.target.auraKey === undefined || this.state.target.auraKey !== key) this.state.target = { ...this.state.target, auraKey: key };
      this.authoritiesAsked = asked;
      return;
    }
    if (unclear) this.askAgainAtMs = this.clock.now() + AURA_KEY_RETRY_MS;
    else this.authoritiesAsked = asked;
  }

  private syncRpc(): void {
    const { rpcUrl, expectedRunning } = this.state.target;
    if (rpcUrl && expectedRunning && this.rpc === null) {
      this.rpc = new RpcProbe(rpcUrl, {
        onReachable: (reachable, reason) => {
          setRpc(this.state, reachable ? 'up' : 'down', this.clock.now(), reason ?? null);
          this.onPush();
        },
        onBest: (number) => {
          observeBest(this.state, number, this.clock.now());
          this.onPush();
        },
        onFinalized: (number) => {
          observeFinalized(this.state, number, this.clock.now());
          this.onPush();
        },
      }, { reconnectMs: this.timings.rpcReconnectMs, requestTimeoutMs: this.timings.rpcRequestTimeoutMs });
    } else if (!expectedRunning && this.rpc !== null) {
      void this.rpc.stop();
      this.rpc = null;
      setRpc(this.state, 'unknown', this.clock.now(), null);
    }
  }

  /** One round of polling; the caller awaits it before judging the rules. */
  async probe(): Promise<void> {
    await Promise.all([this.probeRpc(), this.probeMetrics(), this.probeDisk(), this.probeOpenFiles()]);
  }

  async stop(): Promise<void> {
    await this.rpc?.stop();
  }

  private async probeRpc(): Promise<void> {
    if (this.rpc === null) return;
    const result = await this.rpc.poll();
    const nowMs = this.clock.now();
    if (!result.ok) {
      // A refused poll while the socket is still open is the node being overloaded; a closed socket is reported by the probe itself.
      if (this.state.rpc.status === 'up' && !result.reason.startsWith('not connected')) setRpc(this.state, 'down', nowMs, result.reason);
      return;
    }
    setRpc(this.state, 'up', nowMs, null);
    this.state.health = result.health;
    this.state.syncState = result.syncState;
    if (result.health) observeSyncing(this.state, result.health.isSyncing, nowMs);
  }

  private async probeMetrics(): Promise<void> {
    const { parachainMetricsUrl, relayMetricsUrl, expectedRunning } = this.state.target;
    if (!expectedRunning || (parachainMetricsUrl === undefined && relayMetricsUrl === undefined)) return;
    const [parachain, relay] = await Promise.all([
      parachainMetricsUrl === undefined ? null : probeMetrics(parachainMetricsUrl, this.timings.metricsTimeoutMs),
      relayMetricsUrl === undefined ? null : probeMetrics(relayMetricsUrl, this.timings.metricsTimeoutMs),
    ]);
    const reasons = [parachain, relay].flatMap((result) => (result !== null && !result.ok ? [result.reason] : []));
    setMetrics(this.state, this.clock.now(), {
      parachain: readingOf(parachain),
      relay: readingOf(relay),
      reason: reasons.length === 0 ? null : reasons.join('; '),
    });
  }

  /** Nodes warn under 10,000 file descriptors; on Linux the count in use is the entries of /proc/<pid>/fd. */
  private async probeOpenFiles(): Promise<void> {
    const { pid, alive } = this.state.process;
    if (pid === null || alive !== true || process.platform !== 'linux') return;
    try {
      this.state.process.openFiles = (await readdir(`/proc/${pid}/fd`)).length;
    } catch {
      // Not ours to read (another user's process) or already gone.
    }
  }

  private async probeDisk(): Promise<void> {
    const { basePath } = this.state.target;
    if (basePath === undefined) return;
    const result = await probeDisk(basePath);
    this.state.disk = result.ok ? { freeBytes: result.freeBytes, totalBytes: result.totalBytes } : null;
  }
}

function readingOf(result: Awaited<ReturnType<typeof probeMetrics>> | null): MetricsReading | null {
  return result !== null && result.ok ? result.reading : null;
}
