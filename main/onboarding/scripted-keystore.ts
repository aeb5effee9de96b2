import { u8aConcat, u8aToHex, stringToU8a } from '@polkadot/util';
import { cryptoWaitReady, decodeAddress, randomAsU8a, sr25519PairFromSeed, sr25519Sign } from '@polkadot/util-crypto';
import type { ApiOverride } from '../api/bind';
import type { CallHandlers } from '../api/router';
import { ServiceError } from '../errors/service-error';
import { requireLocalEndpoint } from '../keys/local-endpoint';
import { callNodeRpc } from '../keys/node-rpc-client';

/**
 * TEST ONLY: a session-key keystore for the fixture collators, which run no
 * runtime and so have none (nothing that runs here implements
 * `author_rotateKeysWithOwner` or `author_hasSessionKeys`). Each running node,
 * known by its local RPC endpoint, gets a scripted keystore: rotation makes a
 * real sr25519 aura key and signs a proof over the owner's account id, and
 * `hasSessionKeys` answers from what that node was given. The node itself must
 * answer on its RPC, so a stopped collator fails as a real one would.
 *
 * Enabled only by `PARACHAIN_CONSOLE_SCRIPTED_KEYSTORE=1` on the headless
 * server; it layers over the scripted relay when both are on.
 */
export function scriptedKeystore(below?: ApiOverride): ApiOverride {
  return (real) => {
    const layer = below?.(real) ?? {};
    const keystores = new Map<string, Set<string>>();
    const keystoreOf = (endpoint: string): Set<string> => {
      const key = requireLocalEndpoint(endpoint).host;
      const found = keystores.get(key) ?? new Set<string>();
      keystores.set(key, found);
      return found;
    };

    const handlers: Partial<CallHandlers> = {
      'keys.rotateSessionKeys': async ({ endpoint, owner }) => {
        await requireNodeAnswers(endpoint);
        await cryptoWaitReady();
        const pair = sr25519PairFromSeed(randomAsU8a(32));
        const publicKey = u8aToHex(pair.publicKey);
        keystoreOf(endpoint).add(publicKey);
        // Shaped like a node's proof of possession: the new key signs over the account that will set it.
        const proof = owner ? u8aToHex(sr25519Sign(u8aConcat(stringToU8a('POP_'), decodeAddress(owner)), pair)) : null;
        return { keys: publicKey, proof, decoded: [{ keyType: 'aura', publicKey }] };
      },
      'keys.hasSessionKeys': async ({ endpoint, keys }) => {
        await requireNodeAnswers(endpoint);
        return { present: keystoreOf(endpoint).has(keys.toLowerCase()) };
      },
    };
    return { handlers: { ...layer.handlers, ...handlers }, ...(layer.sources ? { sources: layer.sources } : {}) };
  };
}

async function requireNodeAnswers(endpoint: string): Promise<void> {
  const url = requireLocalEndpoint(endpoint);
  try {
    await callNodeRpc(url, 'system_health', [], 10_000);
  } catch {
    throw new ServiceError('unavailable', `No node answers at ${url.host}.`, 'Start the collator first; its keystore is reached over its own RPC.');
  }
}
