import type { BuiltInNetworkId, CustomChain, CustomNetwork } from '../../shared/contract/custom-network';

// The custom-network schema crosses the boundary, so it lives in shared/; re-exported for the chain layer.
export { BUILT_IN_NETWORK_IDS, customChainSchema, customNetworkSchema, isBuiltInNetworkId } from '../../shared/contract/custom-network';
export type { BuiltInNetworkId, CustomChain, CustomNetwork } from '../../shared/contract/custom-network';

/**
 * The networks the console knows out of the box, and the shape of a network
 * the operator adds (a local network, a private RPC).
 *
 * Only facts that metadata cannot tell us live here: where to connect, how to
 * show amounts and addresses, and where to link. Pallets, calls and limits are
 * always read from the connected runtime (see capabilities/).
 *
 * This module imports nothing from Node or Electron so the contract can reuse
 * its schema as is.
 */

/** The chains of one network the console talks to. */
export type ChainRole = 'relay' | 'coretime' | 'assetHub';

export const CHAIN_ROLES: readonly ChainRole[] = ['relay', 'coretime', 'assetHub'];

/** System parachain ids, the same on every network. */
export const ASSET_HUB_PARA_ID = 1000;
export const CORETIME_PARA_ID = 1005;

export interface ChainEndpoints {
  readonly role: ChainRole;
  readonly name: string;
  /** Undefined for the relay chain. */
  readonly paraId?: number;
  /** Public RPC endpoints, tried in this order. */
  readonly rpcEndpoints: readonly string[];
  /** Subscan base URL, without a trailing slash. */
  readonly explorerUrl?: string;
}

export interface TokenInfo {
  readonly symbol: string;
  readonly decimals: number;
}


export interface NetworkDefinition {
  readonly id: string;
  readonly name: string;
  readonly builtIn: boolean;
  readonly testnet: boolean;
  readonly token: TokenInfo;
  readonly ss58Prefix: number;
  /** The relay chain's expected block time; ETAs and timeslice lengths derive from it. */
  readonly relayBlockTimeMs: number;
  readonly chains: {
    readonly relay: ChainEndpoints;
    readonly coretime?: ChainEndpoints;
    readonly assetHub?: ChainEndpoints;
  };
}

const SIX_SECONDS_MS = 6_000;

export const POLKADOT: NetworkDefinition = {
  id: 'polkadot',
  name: 'Polkadot',
  builtIn: true,
  testnet: false,
  token: { symbol: 'DOT', decimals: 10 },
  ss58Prefix: 0,
  relayBlockTimeMs: SIX_SECONDS_MS,
  chains: {
    relay: {
      role: 'relay',
      name: 'Polkadot',
      rpcEndpoints: [
        'wss://rpc.polkadot.io',
        'wss://polkadot-rpc.dwellir.com',
        'wss://rpc.ibp.network/polkadot',
        'wss://polkadot.dotters.network',
        'wss://polkadot-rpc.publicnode.com',
        'wss://polkadot.api.onfinality.io/public-ws',
      ],
      explorerUrl: 'https://polkadot.subscan.io',
    },
    coretime: {
      role: 'coretime',
      name: 'Polkadot Coretime',
      paraId: CORETIME_PARA_ID,
      rpcEndpoints: [
        'wss://polkadot-coretime-rpc.polkadot.io',
        'wss://sys.ibp.network/coretime-polkadot',
        'wss://coretime-polkadot.dotters.network',
      ],
      explorerUrl: 'https://coretime-polkadot.subscan.io',
    },
    assetHub: {
      role: 'assetHub',
      name: 'Polkadot Asset Hub',
      paraId: ASSET_HUB_PARA_ID,
      rpcEndpoints: [
        'wss://polkadot-asset-hub-rpc.polkadot.io',
        'wss://asset-hub-polkadot-rpc.dwellir.com',
        'wss://sys.ibp.network/asset-hub-polkadot',
        'wss://asset-hub-polkadot.dotters.network',
      ],
      explorerUrl: 'https://assethub-polkadot.subscan.io',
    },
  },
};

export const KUSAMA: NetworkDefinition = {
  id: 'kusama',
  name: 'Kusama',
  builtIn: true,
  testnet: false,
  token: { symbol: 'KSM', decimals: 12 },
  ss58Prefix: 2,
  relayBlockTimeMs: SIX_SECONDS_MS,
  chains: {
    relay: {
      role: 'relay',
      name: 'Kusama',
      rpcEndpoints: [
        'wss://kusama-rpc.polkadot.io',
        'wss://kusama-rpc.dwellir.com',
        'wss://rpc.ibp.network/kusama',
        'wss://kusama.dotters.network',
        'wss://kusama-rpc.publicnode.com',
        'wss://kusama.api.onfinality.io/public-ws',
      ],
      explorerUrl: 'https://kusama.subscan.io',
    },
    coretime: {
      role: 'coretime',
      name: 'Kusama Coretime',
      paraId: CORETIME_PARA_ID,
      rpcEndpoints: [
        'wss://kusama-coretime-rpc.polkadot.io',
        'wss://sys.ibp.network/coretime-kusama',
        'wss://coretime-kusama.dotters.network',
      ],
      explorerUrl: 'https://coretime-kusama.subscan.io',
    },
    assetHub: {
      role: 'assetHub',
      name: 'Kusama Asset Hub',
      paraId: ASSET_HUB_PARA_ID,
      rpcEndpoints: [
        'wss://kusama-asset-hub-rpc.polkadot.io',
        'wss://asset-hub-kusama-rpc.dwellir.com',
        'wss://sys.ibp.network/asset-hub-kusama',
        'wss://asset-hub-kusama.dotters.network',
      ],
      explorerUrl: 'https://assethub-kusama.subscan.io',
    },
  },
};

export const PASEO: NetworkDefinition = {
  id: 'paseo',
  name: 'Paseo',
  builtIn: true,
  testnet: true,
  token: { symbol: 'PAS', decimals: 10 },
  ss58Prefix: 0,
  relayBlockTimeMs: SIX_SECONDS_MS,
  chains: {
    relay: {
      role: 'relay',
      name: 'Paseo',
      rpcEndpoints: [
        'wss://paseo.rpc.amforc.com',
        'wss://paseo-rpc.dwellir.com',
        'wss://rpc.ibp.network/paseo',
        'wss://paseo.dotters.network',
        'wss://pas-rpc.stakeworld.io',
      ],
      explorerUrl: 'https://paseo.subscan.io',
    },
    coretime: {
      role: 'coretime',
      name: 'Paseo Coretime',
      paraId: CORETIME_PARA_ID,
      rpcEndpoints: [
        'wss://sys.ibp.network/coretime-paseo',
        'wss://coretime-paseo.dotters.network',
      ],
      explorerUrl: 'https://coretime-paseo.subscan.io',
    },
    assetHub: {
      role: 'assetHub',
      name: 'Paseo Asset Hub',
      paraId: ASSET_HUB_PARA_ID,
      rpcEndpoints: [
        'wss://asset-hub-paseo-rpc.dwellir.com',
        'wss://sys.ibp.network/asset-hub-paseo',
        'wss://asset-hub-paseo.dotters.network',
        'wss://pas-rpc.stakeworld.io/assethub',
      ],
      explorerUrl: 'https://assethub-paseo.subscan.io',
    },
  },
};

export const WESTEND: NetworkDefinition = {
  id: 'westend',
  name: 'Westend',
  builtIn: true,
  testnet: true,
  token: { symbol: 'WND', decimals: 12 },
  ss58Prefix: 42,
  relayBlockTimeMs: SIX_SECONDS_MS,
  chains: {
    relay: {
      role: 'relay',
      name: 'Westend',
      rpcEndpoints: [
        'wss://westend-rpc.polkadot.io',
        'wss://westend-rpc.dwellir.com',
        'wss://rpc.ibp.network/westend',
        'wss://westend.dotters.network',
      ],
      explorerUrl: 'https://westend.subscan.io',
    },
    coretime: {
      role: 'coretime',
      name: 'Westend Coretime',
      paraId: CORETIME_PARA_ID,
      rpcEndpoints: [
        'wss://westend-coretime-rpc.polkadot.io',
        'wss://sys.ibp.network/coretime-westend',
        'wss://coretime-westend.dotters.network',
      ],
      explorerUrl: 'https://coretime-westend.subscan.io',
    },
    assetHub: {
      role: 'assetHub',
      name: 'Westend Asset Hub',
      paraId: ASSET_HUB_PARA_ID,
      rpcEndpoints: [
        'wss://westend-asset-hub-rpc.polkadot.io',
        'wss://asset-hub-westend-rpc.dwellir.com',
        'wss://sys.ibp.network/asset-hub-westend',
        'wss://asset-hub-westend.dotters.network',
      ],
      explorerUrl: 'https://assethub-westend.subscan.io',
    },
  },
};

export const BUILT_IN_NETWORKS: Readonly<Record<BuiltInNetworkId, NetworkDefinition>> = {
  polkadot: POLKADOT,
  kusama: KUSAMA,
  paseo: PASEO,
  westend: WESTEND,
};


/** A custom network in the same shape as a built-in one, so the rest of the chain layer sees one type. */
export function toNetworkDefinition(custom: CustomNetwork): NetworkDefinition {
  const { relay, coretime, assetHub } = custom.chains;
  return {
    id: custom.id,
    name: custom.name,
    builtIn: false,
    testnet: custom.testnet,
    token: custom.token,
    ss58Prefix: custom.ss58Prefix,
    relayBlockTimeMs: custom.relayBlockTimeMs,
    chains: {
      relay: toChainEndpoints('relay', relay),
      ...(coretime === undefined ? {} : { coretime: toChainEndpoints('coretime', coretime) }),
      ...(assetHub === undefined ? {} : { assetHub: toChainEndpoints('assetHub', assetHub) }),
    },
  };
}

function toChainEndpoints(role: ChainRole, input: CustomChain): ChainEndpoints {
  return {
    role,
    name: input.name,
    ...(input.paraId === undefined ? {} : { paraId: input.paraId }),
    rpcEndpoints: input.rpcEndpoints,
    ...(input.explorerUrl === undefined ? {} : { explorerUrl: input.explorerUrl }),
  };
}
