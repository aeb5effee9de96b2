import { Keyring } from '@polkadot/keyring';
import { TypeRegistry } from '@polkadot/types';
import { compactAddLength, hexToU8a, isHex, u8aToHex, u8aToString } from '@polkadot/util';
import { cryptoWaitReady, decodeAddress } from '@polkadot/util-crypto';
import { ServiceError } from '../errors/service-error';
import type { Logger } from '../logging/logger';
import { requireLocalEndpoint } from './local-endpoint';
import { callNodeRpc, DEFAULT_NODE_RPC_TIMEOUT_MS, NodeRpcError } from './node-rpc-client';

/** One key of a session-key set, as the runtime's SessionKeys API decodes it. */
export interface SessionKeyPart {
  /** The four-letter key type: aura, gran, babe, imon, para, asgn, audi, beef… */
  keyType: string;
  publicKey: `0x${string}`;
}

export interface RotatedSessionKeys {
  /** The concatenated public keys, as `session.setKeys` takes them. */
  keys: `0x${string}`;
  /**
   * The proof of possession for `session.setKeys(keys, proof)`: each new key's
   * signature over the owner account. Null when no owner was given or the node
   * predates `author_rotateKeysWithOwner` (older runtimes accept an empty proof).
   */
  proof: `0x${string}` | null;
  /** Per key type, when the node's runtime can decode them; null otherwise (the raw keys are still right). */
  decoded: SessionKeyPart[] | null;
}

export interface InsertSessionKey {
  keyType: string;
  /** A mnemonic, seed or derivation URI: secret, never logged or echoed. */
  suri: string;
  publicKey: string;
}

export interface SessionKeysDeps {
  log: Logger;
  timeoutMs?: number;
}

const decodedKeysType = 'Option<Vec<(Bytes, [u8; 4])>>';

/**
 * Session-key operations on a collator's own keystore, through its local RPC
 * only. The public keys go to the chain layer, which submits `session.setKeys`.
 */
export class SessionKeys {
  private readonly registry = new TypeRegistry();
  private readonly timeoutMs: number;

  constructor(private readonly deps: SessionKeysDeps) {
    this.timeoutMs = deps.timeoutMs ?? DEFAULT_NODE_RPC_TIMEOUT_MS;
  }

  /**
   * Asks the node to generate a new key of every session type into its
   * keystore. With `owner` (the account that will submit `session.setKeys`),
   * the node also proves possession of the keys for that account, which
   * runtimes from polkadot-sdk stable2606 on require; nodes without
   * `author_rotateKeysWithOwner` fall back to `author_rotateKeys`.
   */
  async rotate(endpoint: string, options: { owner?: string } = {}): Promise<RotatedSessionKeys> {
    const url = requireLocalEndpoint(endpoint);
    const owner = options.owner === undefined ? undefined : accountIdHex(options.owner);
    const rotated = owner ? await this.rotateWithOwner(url, owner) : { keys: await this.rotateWithoutOwner(url), proof: null };
    this.deps.log.info(`keys: rotated session keys on ${url.host}: ${rotated.keys}${rotated.proof ? ' (with proof of possession)' : ''}`);
    return { ...rotated, decoded: await this.decode(endpoint, rotated.keys) };
  }

  /** True when the node's keystore holds the private half of every key in `keys`. */
  async hasKeys(endpoint: string, keys: string): Promise<boolean> {
    const url = requireLocalEndpoint(endpoint);
    const result = await this.rpc(url, 'author_hasSessionKeys', [requireHex(keys, 'session keys')]);
    if (typeof result !== 'boolean') throw new ServiceError('chain_error', 'The node answered author_hasSessionKeys without a yes or no.');
    return result;
  }

  /**
   * Puts a known key into the node's keystore. The secret is checked against
   * the public key first: a mismatch would leave a collator that never authors.
   */
  async insertKey(endpoint: string, key: InsertSessionKey): Promise<void> {
    const url = requireLocalEndpoint(endpoint);
    if (!/^[a-z0-9]{4}$/.test(key.keyType)) {
      throw new ServiceError('invalid_input', 'A session key type is four lowercase letters or digits, such as aura or gran.');
    }
    const publicKey = requireHex(key.publicKey, 'public key');
    await requireSecretMatches(key.suri, publicKey);
    await this.rpc(url, 'author_insertKey', [key.keyType, key.suri, publicKey]);
    this.deps.log.info(`keys: inserted a ${key.keyType} key ${publicKey} into ${url.host}`);
  }

  /**
   * Splits concatenated session keys by type with the runtime's own
   * `SessionKeys_decode_session_keys`; null when the runtime lacks it or
   * says the bytes are not its session keys.
   */
  async decode(endpoint: string, keys: string): Promise<SessionKeyPart[] | null> {
    const url = requireLocalEndpoint(endpoint);
    const argument = u8aToHex(compactAddLength(hexToU8a(requireHex(keys, 'session keys'))));
    let result: unknown;
    try {
      result = await callNodeRpc(url, 'state_call', ['SessionKeys_decode_session_keys', argument], this.timeoutMs);
    } catch (error) {
      this.deps.log.info(`keys: ${url.host} cannot decode session keys (${error instanceof Error ? error.message : String(error)})`);
      return null;
    }
    if (typeof result !== 'string' || !isHex(result)) return null;
    try {
      const decoded = this.registry.createType(decodedKeysType, hexToU8a(result)).toJSON();
      if (!Array.isArray(decoded)) return null;
      const parts = decoded.map((entry) => {
        const [publicKey, keyType] = entry as [string, string];
        return { keyType: u8aToString(hexToU8a(keyType)), publicKey: publicKey as `0x${string}` };
      });
      // Runtimes ignore trailing bytes when decoding: keys of another chain could split "successfully".
      const decodedLength = parts.reduce((sum, part) => sum + hexToU8a(part.publicKey).length, 0);
      return decodedLength === hexToU8a(keys).length ? parts : null;
    } catch {
      return null;
    }
  }

  private async rotateWithOwner(url: URL, owner: `0x${string}`): Promise<{ keys: `0x${string}`; proof: `0x${string}` | null }> {
    let result: unknown;
    try {
      result = await callNodeRpc(url, 'author_rotateKeysWithOwner', [owner], this.timeoutMs);
    } catch (error) {
      if (error instanceof NodeRpcError && error.rpcCode === -32601 && !/unsafe/i.test(error.message)) {
        this.deps.log.info(`keys: ${url.host} has no author_rotateKeysWithOwner; rotating without a proof`);
        return { keys: await this.rotateWithoutOwner(url), proof: null };
      }
      return this.rpcFailure(url, 'author_rotateKeysWithOwner', error);
    }
    const answer = typeof result === 'object' && result !== null ? (result as { keys?: unknown; proof?: unknown }) : {};
    return { keys: requireKeysAnswer(answer.keys, 'author_rotateKeysWithOwner'), proof: typeof answer.proof === 'string' && isHex(answer.proof) ? (answer.proof.toLowerCase() as `0x${string}`) : null };
  }

  private async rotateWithoutOwner(url: URL): Promise<`0x${string}`> {
    return requireKeysAnswer(await this.rpc(url, 'author_rotateKeys', []), 'author_rotateKeys');
  }

  private async rpc(url: URL, method: string, params: unknown[]): Promise<unknown> {
    try {
      return await callNodeRpc(url, method, params, this.timeoutMs);
    } catch (error) {
      return this.rpcFailure(url, method, error);
    }
  }

  private rpcFailure(url: URL, method: string, error: unknown): never {
    if (!(error instanceof NodeRpcError)) throw error;
    if (/unsafe/i.test(error.message)) {
      throw new ServiceError(
        'not_supported',
        `The node at ${url.host} refuses ${method}: its unsafe RPC methods are off.`,
        'Start the node with --rpc-methods=unsafe, or keep the default (auto) with the RPC listening on localhost only.',
      );
    }
    if (error.rpcCode === -32601) {
      throw new ServiceError('not_supported', `The node at ${url.host} does not offer ${method}.`, "Session keys need a collator node with a keystore: check that this is the collator's own RPC port.");
    }
    throw new ServiceError('chain_error', `The node refused ${method}: ${error.message.slice(0, 200)}`);
  }

}

function requireKeysAnswer(result: unknown, method: string): `0x${string}` {
  if (typeof result !== 'string' || !isHex(result) || result.length <= 2) {
    throw new ServiceError('chain_error', `The node answered ${method} without keys.`, 'Check the node log; its keystore may not be writable (--base-path).');
  }
  return result.toLowerCase() as `0x${string}`;
}

/** The owner as the node wants it: the SCALE-encoded 32-byte account id, from an SS58 address or hex. */
function accountIdHex(owner: string): `0x${string}` {
  try {
    return u8aToHex(decodeAddress(owner.trim()));
  } catch {
    throw new ServiceError('invalid_input', 'The owner is not an account address.', 'Use the SS58 address of the account that will submit session.setKeys.');
  }
}

function requireHex(value: string, what: string): `0x${string}` {
  const trimmed = value.trim().toLowerCase();
  if (!isHex(trimmed) || trimmed.length <= 2) {
    throw new ServiceError('invalid_input', `The ${what} must be hex starting with 0x.`, 'Copy them as the node or the chain shows them.');
  }
  return trimmed as `0x${string}`;
}

async function requireSecretMatches(suri: string, publicKey: `0x${string}`): Promise<void> {
  await cryptoWaitReady();
  let parsedOnce = false;
  for (const type of ['sr25519', 'ed25519', 'ecdsa'] as const) {
    try {
      const pair = new Keyring({ type }).createFromUri(suri.trim());
      parsedOnce = true;
      if (u8aToHex(pair.publicKey) === publicKey) return;
    } catch {
      // Tried as the next key type; the secret itself is never reported.
    }
  }
  throw new ServiceError(
    'invalid_input',
    parsedOnce ? 'The secret does not produce this public key (tried sr25519, ed25519 and ecdsa).' : 'The secret is not a mnemonic, a 0x seed or a derivation URI.',
    'Check that the secret and the public key belong to the same key; inserting a mismatched pair would leave the collator unable to author.',
  );
}
