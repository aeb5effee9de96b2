import { ApiPromise, WsProvider } from '@polkadot/api';
import { Metadata, TypeRegistry } from '@polkadot/types';
import { compactStripLength, hexToU8a } from '@polkadot/util';
import { MetadataIndex } from '../../../../main/chain/capabilities/metadata-index';

/**
 * Real runtime metadata shipped in @polkadot/types-support, and a real
 * ApiPromise decorated from it without any connection, so `api.tx`,
 * `api.query` and `api.consts` behave exactly as on a live chain of that
 * runtime.
 */
export const SHIPPED_METADATA = {
  /** polkadot 2,000,000 */
  polkadot: () => import('@polkadot/types-support/metadata/v15/polkadot-hex'),
  /** kusama 1,009,002 */
  kusama: () => import('@polkadot/types-support/metadata/v15/kusama-hex'),
  /** statemint (Polkadot Asset Hub) 2,000,000 */
  assetHubPolkadot: () => import('@polkadot/types-support/metadata/v15/asset-hub-polkadot-hex'),
  /** statemine (Kusama Asset Hub) 1,009,003 */
  assetHubKusama: () => import('@polkadot/types-support/metadata/v15/asset-hub-kusama-hex'),
  /** Older relay runtimes, metadata v14: polkadot 1,002,005 and kusama 1,003,000. */
  polkadotV14: () => import('@polkadot/types-support/metadata/static-polkadot'),
  kusamaV14: () => import('@polkadot/types-support/metadata/static-kusama'),
  /** The Substrate kitchensink node 268: the only shipped runtime carrying the real `pallet_broker`. */
  substrate: () => import('@polkadot/types-support/metadata/v15/substrate-hex'),
} as const satisfies Record<string, () => Promise<{ default: string }>>;

export type ShippedRuntime = keyof typeof SHIPPED_METADATA;

export interface LoadedRuntime {
  readonly registry: TypeRegistry;
  readonly metadata: Metadata;
  readonly index: MetadataIndex;
}

const cache = new Map<ShippedRuntime, Promise<LoadedRuntime>>();

export function loadRuntime(name: ShippedRuntime): Promise<LoadedRuntime> {
  let loaded = cache.get(name);
  if (loaded === undefined) {
    loaded = (async () => {
      const module = await SHIPPED_METADATA[name]();
      const registry = new TypeRegistry();
      const metadata = new Metadata(registry, metadataBytes(module.default));
      registry.setMetadata(metadata);
      return { registry, metadata, index: new MetadataIndex(metadata, registry) };
    })();
    cache.set(name, loaded);
  }
  return loaded;
}

/** The v15 files hold the `Metadata_metadata_at_version` answer: `Option<OpaqueMetadata>`; strip the wrapping. */
function metadataBytes(hex: string): Uint8Array {
  const bytes = hexToU8a(hex);
  const startsWithMagic = bytes[0] === 0x6d && bytes[1] === 0x65 && bytes[2] === 0x74 && bytes[3] === 0x61;
  if (startsWithMagic) return bytes;
  const [, inner] = compactStripLength(bytes.subarray(1));
  return inner;
}

/** An ApiPromise of that runtime that never connects: disconnect it in afterAll. */
export async function offlineApi(name: ShippedRuntime): Promise<ApiPromise> {
  const { registry, metadata } = await loadRuntime(name);
  const api = new ApiPromise({ provider: new WsProvider('ws://127.0.0.1:9', false), registry, noInitWarn: true });
  api.injectMetadata(metadata, true, registry);
  return api;
}
