import { stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, decodeAddress, randomAsU8a, sr25519PairFromSeed, sr25519Sign } from '@polkadot/util-crypto';
import type { CallHandlers } from '../../../main/api/router';
import { ServiceError } from '../../../main/errors/service-error';
import { requireLocalEndpoint } from '../../../main/keys/local-endpoint';
import { callNodeRpc } from '../../../main/keys/node-rpc-client';

/**
 * A test double for the session-key keystore of the fixture collators, which
 * run no runtime and so have none (nothing that runs here implements
 * `author_rotateKeysWithOwner` or `author_hasSessionKeys`). Each running node,
 * known by its local RPC endpoint, gets a keystore of its own: rotation makes a
 * real sr25519 aura key and signs a proof over the owner's account id, and
 * `hasSessionKeys` answers from what that node was given. The node itself must
 * answer on its RPC, so a stopped collator fails as a real one would.
 */
export function keystoreDouble(): Pick<CallHandlers, 'keys.rotateSessionKeys' | 'keys.hasSessionKeys'> {
  const keystores = new Map<string, Set<string>>();
  const keystoreOf = (endpoint: string): Set<string> => {
    const key = requireLocalEndpoint(endpoint).host;
    const found = keystores.get(key) ?? new Set<string>();
    keystores.set(key, found);
    return found;
  };
  return {
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
}

async function requireNodeAnswers(endpoint: string): Promise<void> {
  const url = requireLocalEndpoint(endpoint);
  try {
    await callNodeRpc(url, 'system_health', [], 10_000);
  } catch {
    throw new ServiceError('unavailable', `No node answers at ${url.host}.`, 'Start the collator first; its keystore is reached over its own RPC.');
  }
}
