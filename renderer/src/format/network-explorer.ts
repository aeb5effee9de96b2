import { BUILT_IN_NETWORKS, isBuiltInNetworkId } from '../../../main/chain/networks';
import type { ChainRoleName } from '../../../shared/contract/chain';

/**
 * The explorer base URL of a built-in network's chain. The network list is
 * plain data shared with the main process; custom networks have no explorer.
 */
export function explorerBaseUrl(networkId: string | undefined, role: ChainRoleName): string | undefined {
  if (!networkId || !isBuiltInNetworkId(networkId) || role === 'parachain') return undefined;
  return BUILT_IN_NETWORKS[networkId].chains[role]?.explorerUrl;
}

/** The expected relay block time of a network, for countdowns (6 s when unknown). */
export function relayBlockTimeMs(networkId: string | undefined): number {
  return networkId && isBuiltInNetworkId(networkId) ? BUILT_IN_NETWORKS[networkId].relayBlockTimeMs : 6_000;
}
