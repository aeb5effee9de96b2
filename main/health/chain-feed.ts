import type { ApiPromise } from '@polkadot/api';
import type { ConnectionStateEvent } from '../../shared/contract/chain';
import type { Logger } from '../logging/logger';
import type { HealthMonitor } from './health-monitor';
import { feedAuraAuthorities, feedRelayEvents } from './relay-feed';

/** What the feed needs of the chain layer's connection pool. */
export interface ChainConnections {
  states(): ConnectionStateEvent[];
  onState(listener: (state: ConnectionStateEvent) => void): () => void;
  api(role: ConnectionStateEvent['role'], timeoutMs?: number): Promise<ApiPromise>;
}

type FedRole = 'relay' | 'parachain';

/**
 * Follows the chain layer's connections: while the relay chain is connected,
 * its blocks' events go to health monitoring (inclusion of every watched
 * parachain); while the operator's parachain is connected, it is watched
 * under its own para id and its Aura authorities name the author set.
 */
export function feedHealthFromChain(monitor: HealthMonitor, connections: ChainConnections, log: Logger): () => void {
  const stops = new Map<FedRole, () => void>();
  const generation = new Map<FedRole, number>();

  const stop = (role: FedRole) => {
    stops.get(role)?.();
    stops.delete(role);
  };

  const start = async (role: FedRole, mine: number) => {
    const api = await connections.api(role, 30_000);
    const unsubscribe = role === 'relay' ? await feedRelayEvents(monitor, api, (error) => log.warn('health: reading relay events failed', error)) : await followParachain(monitor, api);
    // A newer connection event came while this one was starting: it wins.
    if (generation.get(role) !== mine) unsubscribe();
    else stops.set(role, unsubscribe);
  };

  const onState = (state: ConnectionStateEvent) => {
    if (state.role !== 'relay' && state.role !== 'parachain') return;
    const role: FedRole = state.role;
    if (state.status !== 'connected' && state.status !== 'idle' && state.status !== 'failed') return;
    const mine = (generation.get(role) ?? 0) + 1;
    generation.set(role, mine);
    stop(role);
    if (state.status === 'connected') start(role, mine).catch((error: unknown) => log.warn(`health: following the ${role} chain failed`, error));
  };

  for (const state of connections.states()) onState(state);
  const off = connections.onState(onState);
  return () => {
    off();
    for (const role of [...stops.keys()]) stop(role);
  };
}

/** Reads the parachain's own para id (`parachainInfo.parachainId`), watches it and follows its Aura authorities. */
async function followParachain(monitor: HealthMonitor, api: ApiPromise): Promise<() => void> {
  const readParaId = api.query.parachainInfo?.parachainId;
  if (!readParaId) return () => undefined;
  const paraId = Number((await readParaId()).toString());
  if (!Number.isInteger(paraId) || paraId <= 0) return () => undefined;
  const chainName = (await api.rpc.system.chain()).toString();
  monitor.watchParachain({ paraId, name: chainName || `Parachain ${paraId}` });
  return feedAuraAuthorities(monitor, paraId, api);
}
