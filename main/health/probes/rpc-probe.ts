import { WsProvider } from '@polkadot/api';
import { diagnoseUnreachable } from './endpoint-diagnosis';

export interface NodeHealth {
  peers: number;
  isSyncing: boolean;
  shouldHavePeers: boolean;
}

export interface SyncState {
  startingBlock: number;
  currentBlock: number;
  highestBlock: number | null;
}

export interface RpcProbeListener {
  onReachable(reachable: boolean, reason?: string): void;
  onBest(number: number): void;
  onFinalized(number: number): void;
}

export type RpcPollResult = { ok: true; health: NodeHealth | null; syncState: SyncState | null } | { ok: false; reason: string };

interface HeaderJson {
  number: string | number;
}

/**
 * Watches one node's RPC: best and finalized heads by subscription (pushed,
 * so a stall or a new block is seen without polling), health and sync state
 * by polling. Reconnects on its own; the listener hears when it is lost.
 */
export class RpcProbe {
  private readonly provider: WsProvider;
  private subscribed = false;
  private reachable: boolean | null = null;
  private reason: string | undefined;
  private stopped = false;
  /** A dial to find why the node cannot be reached is under way (one at a time). */
  private diagnosing = false;
  private readonly diagnoseTimeoutMs: number;

  constructor(
    readonly url: string,
    private readonly listener: RpcProbeListener,
    options: { reconnectMs: number; requestTimeoutMs: number },
  ) {
    this.provider = new WsProvider(url, options.reconnectMs, {}, options.requestTimeoutMs);
    this.diagnoseTimeoutMs = options.requestTimeoutMs;
    this.provider.on('connected', () => {
      this.setReachable(true);
      // The provider re-creates subscriptions itself after a reconnect.
      if (!this.subscribed) void this.subscribe();
    });
    this.provider.on('disconnected', () => this.setReachable(false, `the node's RPC at ${url} closed the connection`));
    this.provider.on('error', () => this.setReachable(false, `the node's RPC at ${url} cannot be reached`));
  }

  async poll(): Promise<RpcPollResult> {
    if (!this.provider.isConnected) {
      this.diagnose();
      return { ok: false, reason: `not connected to ${this.url}` };
    }
    const [health, syncState] = await Promise.allSettled([
      this.provider.send<{ peers: number; isSyncing: boolean; shouldHavePeers: boolean }>('system_health', []),
      this.provider.send<{ startingBlock: number; currentBlock: number; highestBlock?: number | null }>('system_syncState', []),
    ]);
    // A method the node does not offer is an answer; silence or a dropped socket is not.
    const failure = [health, syncState].find((result) => result.status === 'rejected' && !isRpcError(result.reason));
    if (failure?.status === 'rejected') return { ok: false, reason: failure.reason instanceof Error ? failure.reason.message : String(failure.reason) };
    return {
      ok: true,
      health: health.status === 'fulfilled' ? { peers: health.value.peers, isSyncing: health.value.isSyncing, shouldHavePeers: health.value.shouldHavePeers } : null,
      syncState:
        syncState.status === 'fulfilled'
          ? { startingBlock: syncState.value.startingBlock, currentBlock: syncState.value.currentBlock, highestBlock: syncState.value.highestBlock ?? null }
          : null,
    };
  }

  /**
   * Whether the node's keystore holds this Aura public key (`author_hasKey`,
   * an unsafe method the node answers on its local RPC). Null when it cannot
   * tell: not connected, or the method is refused.
   */
  async hasAuraKey(publicKeyHex: string): Promise<boolean | null> {
    if (!this.provider.isConnected) return null;
    try {
      return await this.provider.send<boolean>('author_hasKey', [publicKeyHex, 'aura']);
    } catch {
      return null;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.provider.disconnect().catch(() => undefined);
  }

  private async subscribe(): Promise<void> {
    this.subscribed = true;
    try {
      await this.provider.subscribe('chain_newHead', 'chain_subscribeNewHeads', [], (error: Error | null, header: HeaderJson) => {
        if (!error && !this.stopped) this.listener.onBest(headerNumber(header));
      });
      await this.provider.subscribe('chain_finalizedHead', 'chain_subscribeFinalizedHeads', [], (error: Error | null, header: HeaderJson) => {
        if (!error && !this.stopped) this.listener.onFinalized(headerNumber(header));
      });
    } catch {
      // Lost the connection while subscribing: try again on the next connect.
      this.subscribed = false;
    }
  }

  /**
   * The WebSocket client only says that it failed (and a host that drops the
   * packets never even fails): dial the address to name the real cause, such
   * as connection refused, a TLS failure or a timeout. Not awaited, so one
   * silent host does not hold back the probe round of the others.
   */
  private diagnose(): void {
    if (this.diagnosing || this.stopped) return;
    this.diagnosing = true;
    void diagnoseUnreachable(this.url, this.diagnoseTimeoutMs)
      .then((cause) => {
        if (cause !== null && !this.provider.isConnected) this.setReachable(false, cause, true);
      })
      .finally(() => (this.diagnosing = false));
  }

  /** A diagnosed cause replaces the client's words while still unreachable; the client's own reports only mark the change. */
  private setReachable(reachable: boolean, reason?: string, diagnosed = false): void {
    if (this.stopped) return;
    if (this.reachable === reachable && !(diagnosed && reason !== this.reason)) return;
    this.reachable = reachable;
    this.reason = reason;
    this.listener.onReachable(reachable, reason);
  }
}

/** A JSON-RPC error object from the node (e.g. -32601 method not found), as the provider reports it: "<code>: <message>". */
function isRpcError(reason: unknown): boolean {
  return reason instanceof Error && /^-?\d+: /.test(reason.message);
}

function headerNumber(header: HeaderJson): number {
  return typeof header.number === 'number' ? header.number : Number.parseInt(header.number, 16);
}
