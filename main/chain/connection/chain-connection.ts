import { ApiPromise, WsProvider } from '@polkadot/api';
import type { ChainRoleName, ConnectionStateEvent } from '../../../shared/contract/chain';
import { ServiceError } from '../../errors/service-error';
import type { Logger } from '../../logging/logger';
import { HeadWatch } from './head-watch';

export interface ChainConnectionOptions {
  networkId: string;
  role: ChainRoleName;
  /** Tried in this order; after a drop the provider moves on to the next one. */
  endpoints: readonly string[];
  rehearsal?: boolean;
  /** Pause between two connection attempts. */
  retryDelayMs?: number;
  /** Give up (state `failed`) after this many failed attempts in a row without one success. */
  maxFailedAttempts?: number;
  /** How long one RPC request may wait for its answer. */
  requestTimeoutMs?: number;
  /** No new block for this long while connected is reported as a stall (`state.stalled`). */
  stallAfterMs?: number;
  log: Logger;
}

type StateListener = (state: ConnectionStateEvent) => void;

/**
 * One `ApiPromise` for one chain, shared by every view. The polkadot-js
 * WsProvider already rotates through the endpoint list on each reconnect; this
 * class turns its events into a state the operator can read (connecting,
 * connected to X, reconnecting after "reason", failed) and makes sure nobody
 * waits forever on a chain that cannot be reached.
 */
export class ChainConnection {
  readonly networkId: string;
  readonly role: ChainRoleName;
  readonly endpoints: readonly string[];
  readonly rehearsal: boolean;
  readonly provider: WsProvider;
  readonly api: ApiPromise;
  private current: ConnectionStateEvent;
  private readonly listeners = new Set<StateListener>();
  private failedAttempts = 0;
  private lastError: string | undefined;
  private closed = false;
  private readonly maxFailedAttempts: number;
  private readonly heads: HeadWatch;
  private readonly stallTimer: ReturnType<typeof setInterval>;

  constructor(private readonly options: ChainConnectionOptions) {
    this.networkId = options.networkId;
    this.role = options.role;
    this.endpoints = options.endpoints;
    this.rehearsal = options.rehearsal ?? false;
    this.maxFailedAttempts = options.maxFailedAttempts ?? Math.max(3, options.endpoints.length * 2);
    this.current = this.stateOf('connecting', { endpoint: options.endpoints[0] });
    this.provider = new WsProvider([...options.endpoints], options.retryDelayMs ?? 2_000, {}, options.requestTimeoutMs ?? 60_000);
    this.provider.on('connected', () => this.onConnected());
    this.provider.on('disconnected', () => this.onDisconnected());
    this.provider.on('error', (error: unknown) => {
      this.lastError = describeSocketError(error);
    });
    this.api = new ApiPromise({ provider: this.provider, throwOnConnect: false, noInitWarn: true });
    this.api.on('error', (error: unknown) => options.log.warn(`chain: ${this.label} API error`, error));
    const stallAfterMs = options.stallAfterMs ?? 30_000;
    this.heads = new HeadWatch(stallAfterMs, () => {
      if (this.current.status === 'connected') this.setState(this.stateOf('connected', { endpoint: this.current.endpoint }));
    });
    this.stallTimer = setInterval(() => {
      if (this.current.status === 'connected') this.heads.tick();
    }, Math.max(250, Math.min(5_000, Math.floor(stallAfterMs / 3))));
    this.stallTimer.unref?.();
    // Subscriptions survive reconnection (the provider subscribes again on each endpoint).
    void this.api.isReady.then((api) => api.rpc.chain.subscribeNewHeads((header) => this.heads.sawBlock(header.number.toNumber()))).catch(() => undefined);
    // Failures reach callers through ready() and the state; this promise must not surface as unhandled.
    this.api.isReadyOrError.catch(() => undefined);
  }

  get state(): ConnectionStateEvent {
    return this.current;
  }

  get label(): string {
    return `${this.networkId}/${this.role}`;
  }

  onState(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The API once it is connected and has loaded metadata. Rejects with a
   * `disconnected` error when the connection has failed or does not come up
   * within `timeoutMs`: a caller never hangs on a dead chain.
   */
  async ready(timeoutMs = 60_000): Promise<ApiPromise> {
    if (this.current.status === 'connected' && this.api.isConnected) {
      await this.api.isReady;
      return this.api;
    }
    this.throwIfFailed();
    return new Promise<ApiPromise>((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new ServiceError('disconnected', `${this.chainName()} did not answer within ${Math.round(timeoutMs / 1000)} s (${this.describeWhere()}).`,
          'Check the network connection or add another endpoint; the console keeps trying in the background.'));
      }, timeoutMs);
      const stopListening = this.onState((state) => {
        if (state.status === 'failed') {
          stop();
          try {
            this.throwIfFailed();
          } catch (error) {
            reject(error);
          }
        } else if (state.status === 'connected') {
          void this.api.isReady.then((api) => {
            stop();
            resolve(api);
          });
        }
      });
      const stop = (): void => {
        clearTimeout(timer);
        stopListening();
      };
      if (this.current.status === 'connected') {
        void this.api.isReady.then((api) => {
          stop();
          resolve(api);
        });
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.stallTimer);
    try {
      await this.api.disconnect();
    } catch (error) {
      this.options.log.debug(`chain: ${this.label} closed with`, error);
    }
    this.setState(this.stateOf('idle', {}));
    this.listeners.clear();
  }

  private onConnected(): void {
    this.failedAttempts = 0;
    this.lastError = undefined;
    this.heads.restart();
    this.setState(this.stateOf('connected', { endpoint: this.provider.endpoint }));
  }

  private onDisconnected(): void {
    if (this.closed) return;
    const endpoint = this.provider.endpoint;
    const reason = this.lastError ?? `the connection to ${endpoint ?? 'the endpoint'} closed`;
    this.failedAttempts += 1;
    if (this.failedAttempts >= this.maxFailedAttempts) {
      this.closed = true;
      clearInterval(this.stallTimer);
      void this.api.disconnect().catch(() => undefined);
      this.setState(this.stateOf('failed', { reason: `No endpoint answered after ${this.failedAttempts} attempts; last: ${reason}.` }));
      return;
    }
    const next = this.endpoints[this.endpointIndexAfter(endpoint)];
    this.setState(this.stateOf('reconnecting', { endpoint: next, reason }));
  }

  private endpointIndexAfter(endpoint: string | undefined): number {
    const index = endpoint === undefined ? -1 : this.endpoints.indexOf(endpoint);
    return (index + 1) % this.endpoints.length;
  }

  private throwIfFailed(): void {
    if (this.current.status === 'failed' || (this.closed && this.current.status === 'idle')) {
      throw new ServiceError('disconnected', `${this.chainName()} is not connected: ${this.current.reason ?? 'the connection was closed'}`,
        'Check the endpoints of this network (or add a working one) and connect again.');
    }
  }

  private chainName(): string {
    return `The ${this.role === 'assetHub' ? 'Asset Hub' : this.role} chain of ${this.networkId}`;
  }

  private describeWhere(): string {
    return this.current.endpoint ? `last tried ${this.current.endpoint}` : `endpoints: ${this.endpoints.join(', ')}`;
  }

  private stateOf(status: ConnectionStateEvent['status'], extra: { endpoint?: string | undefined; reason?: string }): ConnectionStateEvent {
    const stalled = status === 'connected' ? this.heads?.current : undefined;
    return {
      role: this.role,
      networkId: this.networkId,
      status,
      ...(extra.endpoint === undefined ? {} : { endpoint: extra.endpoint }),
      ...(extra.reason === undefined ? {} : { reason: extra.reason }),
      ...(stalled === undefined ? {} : { stalled: { ...stalled } }),
      rehearsal: this.rehearsal,
      at: Date.now(),
    };
  }

  private setState(state: ConnectionStateEvent): void {
    this.current = state;
    this.options.log.info(`chain: ${this.label} ${state.status}${state.endpoint ? ` ${state.endpoint}` : ''}${state.reason ? ` (${state.reason})` : ''}`);
    for (const listener of this.listeners) listener(state);
  }
}

function describeSocketError(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string' && error.message) return error.message;
  if (typeof error === 'object' && error !== null && 'error' in error && error.error instanceof Error) return error.error.message;
  return 'the endpoint refused the connection or is unreachable';
}
