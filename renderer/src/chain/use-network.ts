import { useState } from 'react';
import type { ConnectionStateEvent, NetworkSummary } from '../../../shared/contract/chain';
import { useApiQuery, useStream } from '../api/hooks';
import type { TokenFormat } from '../format/amount';

export interface CurrentNetwork {
  /** The network the wizard chose, else the one in settings. */
  networkId: string;
  network?: NetworkSummary;
  token?: TokenFormat;
  ss58Prefix: number;
  relay?: ConnectionStateEvent;
  connected: boolean;
}

/**
 * The network every amount and address is shown for: the wizard's choice
 * first (the operator made it deliberately), then the settings default.
 */
export function useCurrentNetwork(): CurrentNetwork {
  const progress = useApiQuery('onboarding.get', {});
  const settings = useApiQuery('settings.get', {});
  const networks = useApiQuery('chain.networks', {});
  const connections = useConnections();
  const networkId = progress.data?.networkId ?? settings.data?.network ?? 'paseo';
  const network = networks.data?.find((candidate) => candidate.id === networkId);
  const relay = connections.find((state) => state.role === 'relay' && state.networkId === networkId);
  return {
    networkId,
    network,
    token: network?.token,
    ss58Prefix: network?.ss58Prefix ?? 42,
    relay,
    connected: relay?.status === 'connected',
  };
}

/** Every chain connection's latest state, live. */
export function useConnections(): ConnectionStateEvent[] {
  const [states, setStates] = useState<Record<string, ConnectionStateEvent>>({});
  useStream('chain.connection', {}, (event) => setStates((previous) => ({ ...previous, [event.role]: event })));
  return Object.values(states);
}
