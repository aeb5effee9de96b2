import { WsProvider } from '@polkadot/api';

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
  private stopped = false;

  constructor(
    readonly url: string,
    private readonly listener: RpcProbeListener,
    options: { reconnectMs: number; requestTimeoutMs: number },
  ) {
    this.provider = new WsProvider(url, options.reconnectMs, {}, options.requestTimeoutMs);
    this.provider.on('connected', () => {
      this.setReachable(true);
      // The provider re-creates subscriptions itself after a reconnect.
      if (!this.subscribed) void this.subscribe();
    });
    this.provider.on('disconnected', () => this.setReachable(false, `the node's RPC at ${url} closed the connection`));
    this.provider.on('error', () => this.setReachable(false, `the node's RPC at ${url} cannot be reached`));
  }

  async poll(): Promise<RpcPollResult> {
    if (!this.provider.isConnected) return { ok: false, reason: `not connected to ${this.url}` };
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

  private setReachable(reachable: boolean, reason?: string): void {
    if (this.stopped || this.reachable === reachable) return;
    this.reachable = reachable;
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
