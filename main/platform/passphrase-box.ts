import { createCipheriv, createDecipheriv, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ServiceError } from '../errors/service-error';
import { AttemptBackoff } from './attempt-backoff';
import { writeFileAtomic } from '../fs/write-file-atomic';
import type { SecretBox, SecretBoxState } from './platform';

/** Cost of deriving the key: N=2^17, r=8 takes ~0.5 s and 128 MiB, so guessing passphrases offline is slow. */
export const STRONG_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
/**
 * The weakest cost a passphrase file may name: a file whose cost was lowered
 * (N=3 makes each guess free) would let the passphrase be guessed offline at
 * full speed, so it is refused rather than used.
 */
export const MIN_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };
/** The costliest one: beyond this, deriving the key would take minutes and gigabytes, which is an attack on memory, not protection. */
const MAX_SCRYPT_COST: ScryptCost = { N: 2 ** 20, r: 16, p: 4 };
export const MIN_PASSPHRASE_LENGTH = 8;

/** A SecretBox whose passphrase the operator can change (the passphrase box and the desktop boxes around it). */
export interface ChangesPassphrase {
  changePassphrase(current: string, next: string): Promise<void>;
  /** Whether a passphrase has been chosen (a keychain-only desktop has none). */
  hasPassphrase(): boolean;
  /** Resolves when the passphrase is the vault's, changing nothing; throws `wrong_passphrase` (and counts the attempt) otherwise. */
  confirmPassphrase(passphrase: string): Promise<void>;
}

export function canChangePassphrase(box: SecretBox): box is SecretBox & ChangesPassphrase {
  return 'changePassphrase' in box && typeof box.changePassphrase === 'function';
}

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

export interface PassphraseBoxOptions {
  /** The small file that keeps the salt, the KDF cost and the verifier (never the key). */
  filePath: string;
  /**
   * Only for new passphrases; an existing file keeps the cost it was created
   * with. Also the floor an existing file must meet (MIN_SCRYPT_COST when not given).
   */
  cost?: ScryptCost;
  /** Waits after wrong passphrases; given by tests to use their own clock. */
  backoff?: AttemptBackoff;
  backend?: string;
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** First byte of every sealed secret; the desktop box tells passphrase-sealed secrets apart by it. */
export const PASSPHRASE_BOX_FORMAT_VERSION = 1;
const FORMAT_VERSION = PASSPHRASE_BOX_FORMAT_VERSION;
/** Sealed with the derived key: if it opens, the passphrase is the one that sealed every secret. */
const VERIFIER_PLAIN = Buffer.from('parachain-console passphrase verifier v1', 'utf8');

const boxFileSchema = z.object({
  version: z.literal(1),
  kdf: z.literal('scrypt'),
  cost: z.object({ N: z.number().int().positive(), r: z.number().int().positive(), p: z.number().int().positive() }),
  salt: z.string().min(1),
  verifier: z.string().min(1),
  /**
   * The random data key that seals the secrets, sealed with the passphrase's
   * key: changing the passphrase rewrites this one file, never the secrets.
   */
  wrappedKey: z.string().min(1),
  createdAt: z.number().int(),
});
type BoxFile = z.infer<typeof boxFileSchema>;

/**
 * A SecretBox whose AES-256-GCM data key is opened by the operator's
 * passphrase (scrypt). Used headless, and on a desktop whose OS keychain is
 * not safe. Only the salt, a sealed verifier and the sealed data key are
 * written down, so a wrong passphrase is recognised before any secret is touched.
 */
export class PassphraseBox implements SecretBox, ChangesPassphrase {
  private key: Buffer | null = null;
  private file: BoxFile | null | undefined = undefined;
  private unlocking: Promise<void> | null = null;
  private readonly backend: string;
  private readonly backoff: AttemptBackoff;

  constructor(private readonly options: PassphraseBoxOptions) {
    this.backend = options.backend ?? 'passphrase';
    this.backoff = options.backoff ?? new AttemptBackoff();
  }

  /** The box of a data folder, with its state read from disk. */
  static async open(dataDir: string, options: Omit<PassphraseBoxOptions, 'filePath'> = {}): Promise<PassphraseBox> {
    return new PassphraseBox({ ...options, filePath: join(dataDir, 'keys', 'passphrase-box.json') }).load();
  }

  /** Reads the box file so that `state()` can tell "locked" from "uninitialised"; call once before use. */
  async load(): Promise<this> {
    this.file = await readBoxFile(this.options.filePath, this.options.cost ?? MIN_SCRYPT_COST);
    return this;
  }

  state(): SecretBoxState {
    if (this.key) return { status: 'ready', backend: this.backend };
    if (this.file === null) {
      return { status: 'uninitialised', backend: this.backend, reason: 'Choose a passphrase: it encrypts the account keys on this computer.' };
    }
    return { status: 'locked', backend: this.backend, reason: 'Enter your passphrase to use the account keys.' };
  }

  async unlock(passphrase: string): Promise<void> {
    // Two unlocks racing on a fresh box must not write two different salts.
    while (this.unlocking) await this.unlocking.catch(() => undefined);
    this.unlocking = this.unlockOnce(passphrase);
    try {
      await this.unlocking;
    } finally {
      this.unlocking = null;
    }
  }

  hasPassphrase(): boolean {
    return this.file !== null && this.file !== undefined;
  }

  lock(): void {
    this.key?.fill(0);
    this.key = null;
  }

  async encrypt(plain: Uint8Array): Promise<Uint8Array> {
    return seal(this.requireKey(), plain);
  }

  async decrypt(sealed: Uint8Array): Promise<Uint8Array> {
    const opened = open(this.requireKey(), sealed);
    if (!opened) {
      throw new ServiceError(
        'bad_file',
        'A stored secret could not be decrypted: it was changed on disk or sealed with another passphrase.',
        'Restore the keys folder from a backup, or re-import the account from its mnemonic or JSON backup.',
      );
    }
    const plain = Uint8Array.from(opened);
    opened.fill(0);
    return plain;
  }

  private async unlockOnce(passphrase: string): Promise<void> {
    if (this.file === undefined) await this.load();
    const file = this.file;
    if (!file) {
      await this.choosePassphrase(passphrase);
      return;
    }
    const dataKey = await this.openDataKey(file, passphrase);
    this.key?.fill(0);
    this.key = dataKey;
  }

  /**
   * Checks the passphrase without changing anything: asked before the
   * console hands out something that holds every key (a backup export), so
   * that whoever sits at an unlocked console cannot take the keys away.
   */
  async confirmPassphrase(passphrase: string): Promise<void> {
    // One derivation at a time, like unlock: a burst of checks must neither skip the wait
    // after a wrong passphrase nor run many 128 MiB derivations at once.
    while (this.unlocking) await this.unlocking.catch(() => undefined);
    this.unlocking = this.confirmOnce(passphrase);
    try {
      await this.unlocking;
    } finally {
      this.unlocking = null;
    }
  }

  private async confirmOnce(passphrase: string): Promise<void> {
    if (this.file === undefined) await this.load();
    if (!this.file) throw new ServiceError('conflict', 'No passphrase has been chosen yet.', 'Unlock once to choose one.');
    const dataKey = await this.openDataKey(this.file, passphrase);
    dataKey.fill(0);
  }

  /** The data key behind a passphrase; a wrong one counts toward the wait before the next attempt. */
  private async openDataKey(file: BoxFile, passphrase: string): Promise<Buffer> {
    this.backoff.check();
    try {
      const dataKey = await openDataKey(file, passphrase);
      this.backoff.succeeded();
      return dataKey;
    } catch (error) {
      if (error instanceof ServiceError && error.code === 'wrong_passphrase') this.backoff.failed();
      throw error;
    }
  }

  /** Replaces the passphrase; the secrets stay sealed by the same data key, so nothing else is rewritten. */
  async changePassphrase(current: string, next: string): Promise<void> {
    while (this.unlocking) await this.unlocking.catch(() => undefined);
    this.unlocking = this.changeOnce(current, next);
    try {
      await this.unlocking;
    } finally {
      this.unlocking = null;
    }
  }

  private async changeOnce(current: string, next: string): Promise<void> {
    if (this.file === undefined) await this.load();
    if (!this.file) throw new ServiceError('conflict', 'No passphrase has been chosen yet.', 'Unlock once to choose one.');
    const dataKey = await this.openDataKey(this.file, current);
    try {
      await this.writeBoxFile(next, dataKey);
    } catch (error) {
      dataKey.fill(0);
      throw error;
    }
    this.key?.fill(0);
    this.key = dataKey;
  }

  private async choosePassphrase(passphrase: string): Promise<void> {
    const dataKey = randomBytes(KEY_BYTES);
    await this.writeBoxFile(passphrase, dataKey);
    this.key = dataKey;
  }

  /** One atomic write: a crash leaves either the old passphrase working or the new one, never neither. */
  private async writeBoxFile(passphrase: string, dataKey: Buffer): Promise<void> {
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
      throw new ServiceError('invalid_input', `The passphrase is too short: use at least ${MIN_PASSPHRASE_LENGTH} characters.`, 'A few unrelated words make a passphrase that is long and easy to remember.');
    }
    const cost = this.options.cost ?? this.file?.cost ?? STRONG_SCRYPT_COST;
    const salt = randomBytes(16);
    const passphraseKey = await deriveKey(passphrase, salt, cost);
    const file: BoxFile = {
      version: FORMAT_VERSION,
      kdf: 'scrypt',
      cost,
      salt: salt.toString('base64'),
      verifier: Buffer.from(seal(passphraseKey, VERIFIER_PLAIN)).toString('base64'),
      wrappedKey: Buffer.from(seal(passphraseKey, dataKey)).toString('base64'),
      createdAt: this.file?.createdAt ?? Date.now(),
    };
    passphraseKey.fill(0);
    await writeFileAtomic(this.options.filePath, JSON.stringify(file, null, 2));
    this.file = file;
  }

  private requireKey(): Buffer {
    if (this.key) return this.key;
    throw new ServiceError('locked', 'The key vault is locked.', this.file === null ? 'Choose a passphrase first.' : 'Enter your passphrase to unlock it.');
  }
}

/** The data key behind a passphrase, or ServiceError('wrong_passphrase') before anything is touched. */
async function openDataKey(file: BoxFile, passphrase: string): Promise<Buffer> {
  const passphraseKey = await deriveKey(passphrase, Buffer.from(file.salt, 'base64'), file.cost);
  const verifier = open(passphraseKey, Buffer.from(file.verifier, 'base64'));
  if (!verifier || verifier.length !== VERIFIER_PLAIN.length || !timingSafeEqual(verifier, VERIFIER_PLAIN)) {
    passphraseKey.fill(0);
    throw new ServiceError('wrong_passphrase', 'That passphrase does not open the key vault.', 'Check the keyboard layout and Caps Lock, then try again. Nothing was changed.');
  }
  const dataKey = open(passphraseKey, Buffer.from(file.wrappedKey, 'base64'));
  passphraseKey.fill(0);
  if (!dataKey || dataKey.length !== KEY_BYTES) {
    throw new ServiceError('bad_file', 'The passphrase file is damaged: its data key does not open.', 'Restore it from a backup of the data folder.');
  }
  return dataKey;
}

function deriveKey(passphrase: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFKC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** version (1) | iv (12) | tag (16) | ciphertext */
function seal(key: Buffer, plain: Uint8Array): Uint8Array {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.of(FORMAT_VERSION), iv, cipher.getAuthTag(), body]);
}

/** Null when the data was altered or sealed with another key: GCM's tag answers both. */
function open(key: Buffer, sealed: Uint8Array): Buffer | null {
  const bytes = Buffer.from(sealed);
  if (bytes.length < 1 + IV_BYTES + TAG_BYTES || bytes[0] !== FORMAT_VERSION) return null;
  const iv = bytes.subarray(1, 1 + IV_BYTES);
  const tag = bytes.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}

async function readBoxFile(filePath: string, floor: ScryptCost): Promise<BoxFile | null> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const checked = boxFileSchema.safeParse(parsed);
  if (!checked.success) {
    // Starting over would silently orphan every sealed secret: refuse instead.
    throw new ServiceError('bad_file', `The passphrase file ${filePath} is damaged.`, 'Restore it from a backup of the data folder; the account keys cannot be opened without it.');
  }
  const { N, r, p } = checked.data.cost;
  const powerOfTwo = (N & (N - 1)) === 0;
  if (!powerOfTwo || N < floor.N || r < floor.r || p < floor.p || N > MAX_SCRYPT_COST.N || r > MAX_SCRYPT_COST.r || p > MAX_SCRYPT_COST.p) {
    throw new ServiceError(
      'bad_file',
      `The passphrase file ${filePath} names a key-derivation cost the console refuses (scrypt N=${N}, r=${r}, p=${p}; it needs N a power of two from ${floor.N} to ${MAX_SCRYPT_COST.N}, r from ${floor.r} to ${MAX_SCRYPT_COST.r}, p from ${floor.p} to ${MAX_SCRYPT_COST.p}).`,
      'The file was changed by something other than the console. Restore it from a backup of the data folder.',
    );
  }
  return checked.data;
}

function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
