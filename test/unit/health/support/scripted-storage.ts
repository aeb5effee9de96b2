import { ApiPromise } from '@polkadot/api';
import type { ProviderInterface, ProviderInterfaceEmitCb, ProviderInterfaceEmitted, ProviderStats } from '@polkadot/rpc-provider/types';
import { unwrapStorageType } from '@polkadot/types/util';
import { u8aToHex } from '@polkadot/util';
import { loadRuntime, type ShippedRuntime } from '../../chain/support/real-metadata';
import { resolveEntry, storageKey, type StorageItem } from '../../../../main/chain/storage/storage-item';

/**
 * TEST ONLY: a chain's state as a key-value map behind a real ApiPromise.
 * No relay chain with `slots`, `onDemand` and `configuration`, nor a Coretime
 * chain with `pallet_broker`, can run here (chopsticks runs Asset Hub, which
 * has neither), so the storage answers are scripted while everything else is
 * real: the runtime's shipped metadata decorates `api.query`, keys are hashed
 * by polkadot-js, and every value is encoded with the metadata's own type.
 * Answers `state_getStorage`, `state_getKeysPaged` and `state_queryStorageAt`.
 */
export class ScriptedStorageProvider implements ProviderInterface {
  readonly storage = new Map<string, string>();
  readonly hasSubscriptions = false;
  readonly isClonable = false;
  // Never "connected": ApiPromise then skips its start-up RPCs and keeps the injected metadata.
  readonly isConnected = false;
  readonly stats: ProviderStats = {
    active: { requests: 0, subscriptions: 0 },
    total: { bytesRecv: 0, bytesSent: 0, cached: 0, errors: 0, requests: 0, subscriptions: 0, timeout: 0 },
  };

  send<T>(method: string, params: unknown[]): Promise<T> {
    return Promise.resolve(this.answer(method, params) as T);
  }

  private answer(method: string, params: unknown[]): unknown {
    switch (method) {
      case 'state_getStorage':
        return this.storage.get(String(params[0])) ?? null;
      case 'state_getKeysPaged': {
        const [prefix, count, startKey] = params as [string, number, string | undefined];
        return [...this.storage.keys()].filter((key) => key.startsWith(prefix) && (startKey === undefined || key > startKey)).sort().slice(0, count);
      }
      case 'state_queryStorageAt': {
        const keys = params[0] as string[];
        return [{ block: `0x${'00'.repeat(32)}`, changes: keys.map((key) => [key, this.storage.get(key) ?? null]) }];
      }
      default:
        throw new Error(`the scripted storage does not answer ${method}`);
    }
  }

  clone(): ProviderInterface {
    throw new Error('not clonable');
  }
  connect(): Promise<void> {
    return Promise.resolve();
  }
  disconnect(): Promise<void> {
    return Promise.resolve();
  }
  on(_type: ProviderInterfaceEmitted, _sub: ProviderInterfaceEmitCb): () => void {
    return () => undefined;
  }
  subscribe(): Promise<number | string> {
    return Promise.reject(new Error('the scripted storage has no subscriptions'));
  }
  unsubscribe(): Promise<boolean> {
    return Promise.resolve(false);
  }
}

export interface ScriptedChain {
  readonly api: ApiPromise;
  /** Stores `value` under the item's key, encoded with the item's type from the metadata. */
  set<Args extends readonly unknown[]>(item: StorageItem<Args, unknown>, args: Args, value: unknown): void;
  remove<Args extends readonly unknown[]>(item: StorageItem<Args, unknown>, args: Args): void;
}

/** A real ApiPromise of a shipped runtime whose storage the test writes. Disconnect it in afterAll. */
export async function scriptedChain(runtime: ShippedRuntime): Promise<ScriptedChain> {
  const { registry, metadata } = await loadRuntime(runtime);
  const provider = new ScriptedStorageProvider();
  const api = new ApiPromise({ provider, registry, noInitWarn: true });
  api.injectMetadata(metadata, true, registry);
  return {
    api,
    set: (item, args, value) => {
      const type = unwrapStorageType(api.registry, resolveEntry(api, item).creator.meta.type);
      provider.storage.set(storageKey(api, item, ...args), u8aToHex(api.registry.createType(type, value).toU8a()));
    },
    remove: (item, args) => void provider.storage.delete(storageKey(api, item, ...args)),
  };
}
