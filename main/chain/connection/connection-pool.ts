import type { ApiPromise } from '@polkadot/api';
import type { ChainRoleName, ConnectionStateEvent } from '../../../shared/contract/chain';
import { ServiceError } from '../../errors/service-error';
import type { Logger } from '../../logging/logger';
import { ChainConnection } from './chain-connection';

export interface OpenChain {
  networkId: string;
  role: ChainRoleName;
  endpoints: readonly string[];
  rehearsal?: boolean;
}

export interface ConnectionPoolOptions {
  log: Logger;
  retryDelayMs?: number;
  maxFailedAttempts?: number;
  requestTimeoutMs?: number;
  stallAfterMs?: number;
}

type Listener = (state: ConnectionStateEvent) => void;

/**
 * The console's chain connections: at most one per chain role, shared by
 * every view and every service. Opening a role that is already open on the
 * same endpoints reuses it; different endpoints replace it.
 */
export class ConnectionPool {
  private readonly connections = new Map<ChainRoleName, ChainConnection>();
  private readonly detach = new Map<ChainRoleName, () => void>();
  private readonly listeners = new Set<Listener>();

  constructor(private readonly options: ConnectionPoolOptions) {}

  async open(chain: OpenChain): Promise<ChainConnection> {
    const existing = this.connections.get(chain.role);
    if (existing && sameChain(existing, chain) && existing.state.status !== 'failed') return existing;
    if (existing) await this.close(chain.role);
    const connection = new ChainConnection({
      ...chain,
      log: this.options.log,
      retryDelayMs: this.options.retryDelayMs,
      maxFailedAttempts: this.options.maxFailedAttempts,
      requestTimeoutMs: this.options.requestTimeoutMs,
      stallAfterMs: this.options.stallAfterMs,
    });
    this.connections.set(chain.role, connection);
    this.detach.set(chain.role, connection.onState((state) => this.emit(state)));
    this.emit(connection.state);
    return connection;
  }

  get(role: ChainRoleName): ChainConnection | undefined {
    return this.connections.get(role);
  }

  /** The connected API of a role; a clear `disconnected` error when the role is not open or cannot connect. */
  async api(role: ChainRoleName, timeoutMs?: number): Promise<ApiPromise> {
    const connection = this.connections.get(role);
    if (!connection) {
      throw new ServiceError('disconnected', `The console is not connected to the ${roleName(role)}.`, 'Choose a network and connect first.');
    }
    return connection.ready(timeoutMs);
  }

  states(): ConnectionStateEvent[] {
    return [...this.connections.values()].map((connection) => connection.state);
  }

  onState(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(role: ChainRoleName): Promise<void> {
    const connection = this.connections.get(role);
    if (!connection) return;
    this.connections.delete(role);
    await connection.close();
    this.detach.get(role)?.();
    this.detach.delete(role);
  }

  async closeAll(): Promise<number> {
    const roles = [...this.connections.keys()];
    await Promise.all(roles.map((role) => this.close(role)));
    return roles.length;
  }

  private emit(state: ConnectionStateEvent): void {
    for (const listener of this.listeners) listener(state);
  }
}

function sameChain(connection: ChainConnection, chain: OpenChain): boolean {
  return connection.networkId === chain.networkId
    && connection.rehearsal === (chain.rehearsal ?? false)
    && connection.endpoints.join('\n') === chain.endpoints.join('\n');
}

export function roleName(role: ChainRoleName): string {
  switch (role) {
    case 'relay': return 'relay chain';
    case 'coretime': return 'Coretime chain';
    case 'assetHub': return 'Asset Hub';
    case 'parachain': return 'parachain';
  }
}
