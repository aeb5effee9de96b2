import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_NETWORK_IDS,
  BUILT_IN_NETWORKS,
  CHAIN_ROLES,
  customNetworkSchema,
  toNetworkDefinition,
} from '../../../main/chain/networks';

describe('built-in networks', () => {
  it('offers Polkadot, Kusama, Paseo and Westend with a relay, Coretime and Asset Hub each, several endpoints per chain', () => {
    for (const id of BUILT_IN_NETWORK_IDS) {
      const network = BUILT_IN_NETWORKS[id];
      expect(network.id).toBe(id);
      for (const role of CHAIN_ROLES) {
        const chain = network.chains[role];
        expect(chain, `${id} ${role}`).toBeDefined();
        expect(chain?.role).toBe(role);
        expect(chain?.rpcEndpoints.length, `${id} ${role} endpoints`).toBeGreaterThanOrEqual(role === 'relay' ? 4 : 2);
        for (const url of chain?.rpcEndpoints ?? []) expect(url).toMatch(/^wss:\/\/[a-z0-9.-]+(\/[\w/-]*)?$/);
        expect(new Set(chain?.rpcEndpoints).size).toBe(chain?.rpcEndpoints.length);
      }
      expect(network.chains.coretime?.paraId).toBe(1005);
      expect(network.chains.assetHub?.paraId).toBe(1000);
    }
  });

  it('shows amounts in each token with its real decimals and addresses in its SS58 format', () => {
    expect(BUILT_IN_NETWORKS.polkadot).toMatchObject({ token: { symbol: 'DOT', decimals: 10 }, ss58Prefix: 0 });
    expect(BUILT_IN_NETWORKS.kusama).toMatchObject({ token: { symbol: 'KSM', decimals: 12 }, ss58Prefix: 2 });
    expect(BUILT_IN_NETWORKS.paseo).toMatchObject({ token: { symbol: 'PAS', decimals: 10 }, ss58Prefix: 0 });
    expect(BUILT_IN_NETWORKS.westend).toMatchObject({ token: { symbol: 'WND', decimals: 12 }, ss58Prefix: 42 });
  });
});

describe('a custom network the operator adds', () => {
  it('accepts a local network with only a relay chain and fills the defaults', () => {
    const parsed = customNetworkSchema.parse({
      id: 'local-zombienet',
      name: 'Local zombienet',
      token: { symbol: 'ROC', decimals: 12 },
      ss58Prefix: 42,
      chains: { relay: { name: 'Local relay', rpcEndpoints: ['ws://127.0.0.1:9944'], explorerUrl: 'http://localhost:4000/' } },
    });
    const network = toNetworkDefinition(parsed);
    expect(network).toMatchObject({ builtIn: false, testnet: true, relayBlockTimeMs: 6000 });
    expect(network.chains.relay).toEqual({
      role: 'relay',
      name: 'Local relay',
      rpcEndpoints: ['ws://127.0.0.1:9944'],
      explorerUrl: 'http://localhost:4000',
    });
    expect(network.chains.coretime).toBeUndefined();
  });

  it('refuses an http endpoint, a built-in id, an empty endpoint list and unknown fields', () => {
    const base = {
      id: 'private',
      name: 'Private',
      token: { symbol: 'DOT', decimals: 10 },
      ss58Prefix: 0,
      chains: { relay: { name: 'Relay', rpcEndpoints: ['wss://rpc.example.org'] } },
    };
    expect(customNetworkSchema.safeParse(base).success).toBe(true);
    expect(customNetworkSchema.safeParse({ ...base, id: 'polkadot' }).success).toBe(false);
    expect(customNetworkSchema.safeParse({ ...base, chains: { relay: { name: 'R', rpcEndpoints: ['https://x.org'] } } }).success).toBe(false);
    expect(customNetworkSchema.safeParse({ ...base, chains: { relay: { name: 'R', rpcEndpoints: [] } } }).success).toBe(false);
    expect(customNetworkSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
  });
});
