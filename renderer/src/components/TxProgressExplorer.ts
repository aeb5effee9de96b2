import type { ChainRoleName } from '../../../shared/contract/chain';
import { useApiQuery } from '../api/hooks';
import { explorerLinks, type ExplorerLinks } from '../format/explorer';

const DEFAULT_RELAY_BLOCK_TIME_MS = 6_000;

/** Explorer links for a network's chain, from the main process (none for custom networks or the team's own parachain). */
export function useExplorerLinks(networkId: string | undefined, role: ChainRoleName): ExplorerLinks | null {
  const facts = useApiQuery('onboarding.networkFacts', {}, { staleTime: Infinity });
  if (role === 'parachain') return null;
  return explorerLinks(facts.data?.find((entry) => entry.networkId === networkId)?.explorers[role]);
}

/** The relay's expected block time for countdowns (6 s until known). */
export function useRelayBlockTimeMs(networkId: string | undefined): number {
  const facts = useApiQuery('onboarding.networkFacts', {}, { staleTime: Infinity });
  return facts.data?.find((entry) => entry.networkId === networkId)?.relayBlockTimeMs ?? DEFAULT_RELAY_BLOCK_TIME_MS;
}
