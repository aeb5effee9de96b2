import { Keyring } from '@polkadot/keyring';
import type { KeyringPair, KeyringPair$Json } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import type { KeypairType } from '@polkadot/util-crypto/types';
import { z } from 'zod';
import { ServiceError } from '../errors/service-error';
import { checkMnemonic } from './mnemonic-check';

/** The key types the vault signs with; sr25519 unless the operator picks another. */
export type AccountKeyType = 'sr25519' | 'ed25519' | 'ecdsa';

/**
 * Turns what the operator typed or picked (mnemonic, raw seed, polkadot-js
 * backup) into an unlocked key pair, or a ServiceError that says what is wrong
 * without repeating any part of the secret. Library errors are replaced, not
 * wrapped: their messages could quote the input.
 */
export async function pairFromMnemonic(mnemonic: string, derivationPath: string, type: AccountKeyType): Promise<KeyringPair> {
  const phrase = checkMnemonic(mnemonic);
  const path = checkDerivationPath(derivationPath);
  return fromUri(`${phrase}${path}`, type, 'The key could not be derived from this mnemonic and path.');
}

export async function pairFromSeed(seed: string, type: AccountKeyType): Promise<KeyringPair> {
  const hex = seed.trim().replace(/^0x/i, '');
  if (!/^[0-9a-f]*$/i.test(hex)) {
    throw new ServiceError('invalid_input', 'The seed has characters that are not hexadecimal.', 'A raw seed is 0x followed by 64 characters from 0-9 and a-f.');
  }
  if (hex.length !== 64) {
    throw new ServiceError('invalid_input', `A raw seed is 32 bytes (64 hex characters); this one has ${hex.length} hex characters.`, 'If you have 12 or 24 words instead, import them as a mnemonic.');
  }
  return fromUri(`0x${hex.toLowerCase()}`, type, 'The key could not be made from this seed.');
}

/** A polkadot-js account backup; the fields the keyring needs, anything else is kept as is. */
const jsonBackupSchema = z.looseObject({
  address: z.string().min(1),
  encoded: z.string().min(1),
  encoding: z.looseObject({
    content: z.array(z.string()).min(2),
    type: z.array(z.string()).min(1),
    version: z.string(),
  }),
  meta: z.looseObject({ name: z.string().optional() }).optional(),
});

export interface DecodedBackup {
  pair: KeyringPair;
  /** The name the backup carried, if any. */
  name: string | undefined;
}

export async function pairFromJsonBackup(jsonText: string, password: string): Promise<DecodedBackup> {
  let raw: unknown;
  try {
    raw = JSON.parse(jsonText);
  } catch {
    throw new ServiceError('bad_file', 'The backup is not valid JSON.', 'Pick the .json file exported by polkadot-js, Talisman, SubWallet or this console, unchanged.');
  }
  const parsed = jsonBackupSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ServiceError('bad_file', 'This JSON is not a polkadot-js account backup: it has no encoded key, encoding or address.', 'Export the account again from the wallet that holds it, as a JSON file.');
  }
  const backup = parsed.data as unknown as KeyringPair$Json;
  const contentType = backup.encoding.content[1];
  if (!isAccountKeyType(contentType)) {
    throw new ServiceError('bad_file', `The backup holds a key of a type this console cannot sign with (${String(contentType).slice(0, 20)}).`, 'Use an sr25519, ed25519 or ecdsa account.');
  }
  await cryptoWaitReady();
  let pair: KeyringPair;
  try {
    pair = new Keyring({ type: contentType }).createFromJson(backup);
  } catch {
    throw new ServiceError('bad_file', 'The backup could not be read: its address or encoding is damaged.', 'Export the account again from the wallet that holds it.');
  }
  try {
    pair.decodePkcs8(password);
  } catch (error) {
    if (error instanceof Error && /supplied passphrase/i.test(error.message)) {
      throw new ServiceError('wrong_passphrase', 'That password does not open this backup.', 'Use the password chosen when the backup was exported. If you are sure it is right, the file may be damaged.');
    }
    throw new ServiceError('bad_file', 'The key inside the backup is damaged.', 'Export the account again from the wallet that holds it.');
  }
  return { pair, name: typeof backup.meta?.name === 'string' ? backup.meta.name : undefined };
}

/** What the vault seals: the pair as an unencrypted polkadot-js JSON, opened again by `pairFromSealedJson`. */
export function sealablePair(pair: KeyringPair): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(pair.toJson()));
}

export async function pairFromSealedJson(plain: Uint8Array): Promise<KeyringPair> {
  await cryptoWaitReady();
  const json = JSON.parse(new TextDecoder().decode(plain)) as KeyringPair$Json;
  const pair = new Keyring({ type: json.encoding.content[1] as KeypairType }).createFromJson(json);
  pair.unlock();
  return pair;
}

export async function newKeyring(type: AccountKeyType): Promise<Keyring> {
  await cryptoWaitReady();
  return new Keyring({ type });
}

function checkDerivationPath(path: string): string {
  const trimmed = path.trim();
  if (trimmed === '') return '';
  if (trimmed.includes('///')) {
    throw new ServiceError('invalid_input', 'Derivation paths with a password (///) are not supported.', 'Use hard (//name) and soft (/name) junctions only.');
  }
  if (!/^(\/\/?[^/\s]+)+$/.test(trimmed)) {
    throw new ServiceError('invalid_input', 'The derivation path is not valid.', 'Write it as junctions such as //collator//1 or /0, without spaces.');
  }
  return trimmed;
}

async function fromUri(suri: string, type: AccountKeyType, failure: string): Promise<KeyringPair> {
  const keyring = await newKeyring(type);
  try {
    return keyring.createFromUri(suri, {}, type);
  } catch {
    throw new ServiceError('invalid_input', failure, type === 'ecdsa' ? 'ecdsa keys allow hard junctions (//name) only.' : undefined);
  }
}

function isAccountKeyType(value: unknown): value is AccountKeyType {
  return value === 'sr25519' || value === 'ed25519' || value === 'ecdsa';
}
