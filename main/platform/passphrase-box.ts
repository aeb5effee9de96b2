import { createCipheriv, createDecipheriv, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ServiceError } from '../errors/service-error';
import { writeFileAtomically } from '../keys/write-file-atomically';
import type { SecretBox, SecretBoxState } from './platform';

/** Cost of deriving the key: N=2^17, r=8 takes ~0.5 s and 128 MiB, so guessing passphrases offline is slow. */
export const STRONG_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
export const MIN_PASSPHRASE_LENGTH = 8;

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

export interface PassphraseBoxOptions {
  /** The small file that keeps the salt, the KDF cost and the verifier (never the key). */
  filePath: string;
  /** Only for new passphrases; an existing file keeps the cost it was created with. */
  cost?: ScryptCost;
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
  createdAt: z.number().int(),
});
type BoxFile = z.infer<typeof boxFileSchema>;

/**
 * A SecretBox whose AES-256-GCM key is derived from the operator's passphrase
 * with scrypt. Used headless, and on a desktop whose OS keychain is not safe.
 * Only the salt and a sealed verifier are written down, so a wrong passphrase
 * is recognised before any secret is touched.
 */
export class PassphraseBox implements SecretBox {
  private key: Buffer | null = null;
  private file: BoxFile | null | undefined = undefined;
  private unlocking: Promise<void> | null = null;
  private readonly backend: string;

  constructor(private readonly options: PassphraseBoxOptions) {
    this.backend = options.backend ?? 'passphrase';
  }

  /** The box of a data folder, with its state read from disk. */
  static async open(dataDir: string, options: Omit<PassphraseBoxOptions, 'filePath'> = {}): Promise<PassphraseBox> {
    return new PassphraseBox({ ...options, filePath: join(dataDir, 'keys', 'passphrase-box.json') }).load();
  }

  /** Reads the box file so that `state()` can tell "locked" from "uninitialised"; call once before use. */
  async load(): Promise<this> {
    this.file = await readBoxFile(this.options.filePath);
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
    const key = await deriveKey(passphrase, Buffer.from(file.salt, 'base64'), file.cost);
    const verifier = open(key, Buffer.from(file.verifier, 'base64'));
    if (!verifier || verifier.length !== VERIFIER_PLAIN.length || !timingSafeEqual(verifier, VERIFIER_PLAIN)) {
      key.fill(0);
      throw new ServiceError('wrong_passphrase', 'That passphrase does not open the key vault.', 'Check the keyboard layout and Caps Lock, then try again. Nothing was changed.');
    }
    this.key?.fill(0);
    this.key = key;
  }

  private async choosePassphrase(passphrase: string): Promise<void> {
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
      throw new ServiceError('invalid_input', `The passphrase is too short: use at least ${MIN_PASSPHRASE_LENGTH} characters.`, 'A few unrelated words make a passphrase that is long and easy to remember.');
    }
    const cost = this.options.cost ?? STRONG_SCRYPT_COST;
    const salt = randomBytes(16);
    const key = await deriveKey(passphrase, salt, cost);
    const file: BoxFile = {
      version: FORMAT_VERSION,
      kdf: 'scrypt',
      cost,
      salt: salt.toString('base64'),
      verifier: Buffer.from(seal(key, VERIFIER_PLAIN)).toString('base64'),
      createdAt: Date.now(),
    };
    await writeFileAtomically(this.options.filePath, JSON.stringify(file, null, 2));
    this.file = file;
    this.key = key;
  }

  private requireKey(): Buffer {
    if (this.key) return this.key;
    throw new ServiceError('locked', 'The key vault is locked.', this.file === null ? 'Choose a passphrase first.' : 'Enter your passphrase to unlock it.');
  }
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

async function readBoxFile(filePath: string): Promise<BoxFile | null> {
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
  return checked.data;
}

function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
