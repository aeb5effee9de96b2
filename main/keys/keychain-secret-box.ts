import { ServiceError } from '../errors/service-error';
import type { Logger } from '../logging/logger';
import { PASSPHRASE_BOX_FORMAT_VERSION, type ChangesPassphrase, type PassphraseBox } from '../platform/passphrase-box';
import type { SecretBox, SecretBoxState } from '../platform/platform';

/** What the vault needs of Electron's safeStorage; `main/app/safe-storage-box.ts` hands in the real one. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only in Electron; other platforms never call it. */
  getSelectedStorageBackend(): string;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

/**
 * Every sealed secret starts with one byte naming the backend that sealed it,
 * so a secret written with the passphrase (keychain unsafe at the time) still
 * opens after the keychain becomes usable, and the other way round.
 */
const SEALED_BY_KEYCHAIN = 0x4b; // 'K'
const SEALED_BY_PASSPHRASE = 0x50; // 'P'

/** Linux backends that keep secrets readable by anyone who can read the profile folder. */
const UNSAFE_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

export type KeychainVerdict = { safe: true; backend: string } | { safe: false; reason: string };

/** Whether the OS keychain may hold account keys; on Linux its plain-text fallback is refused. */
export function inspectKeychain(safeStorage: SafeStorageLike, platform: NodeJS.Platform): KeychainVerdict {
  if (!safeStorage.isEncryptionAvailable()) {
    return { safe: false, reason: 'The operating system offers no keychain to this app.' };
  }
  if (platform !== 'linux') {
    return { safe: true, backend: platform === 'darwin' ? 'macos_keychain' : platform === 'win32' ? 'windows_dpapi' : platform };
  }
  const backend = safeStorage.getSelectedStorageBackend();
  if (UNSAFE_LINUX_BACKENDS.has(backend)) {
    return {
      safe: false,
      reason: `This desktop has no secret service (Electron's backend is "${backend}"), which would keep keys as plain text: a passphrase protects them instead.`,
    };
  }
  return { safe: true, backend };
}

/**
 * The desktop's secret box: the OS keychain when it is safe, the operator's
 * passphrase otherwise, with the reason in `state()` for the UI to explain.
 */
export function createKeychainSecretBox(options: { safeStorage: SafeStorageLike; platform: NodeJS.Platform; passphrase: PassphraseBox; log: Logger }): SecretBox {
  const verdict = inspectKeychain(options.safeStorage, options.platform);
  if (verdict.safe) {
    options.log.info(`keys: secrets are encrypted by the OS keychain (${verdict.backend})`);
    return new KeychainBox(options.safeStorage, verdict.backend, options.passphrase);
  }
  options.log.warn(`keys: OS keychain refused (${verdict.reason}); the operator's passphrase encrypts secrets instead`);
  return new PassphraseFallbackBox(options.passphrase, verdict.reason);
}

/** Keychain first; the passphrase box only opens secrets sealed while the keychain was unsafe. */
class KeychainBox implements SecretBox, ChangesPassphrase {
  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly backend: string,
    private readonly passphrase: PassphraseBox,
  ) {}

  state(): SecretBoxState {
    return { status: 'ready', backend: this.backend };
  }

  async unlock(passphrase: string): Promise<void> {
    // A passphrase here only opens keys saved while the keychain was unsafe; never start one by accident.
    if (this.passphrase.state().status === 'uninitialised') {
      throw new ServiceError('conflict', 'The OS keychain protects the keys on this computer: there is no passphrase to enter.', 'Nothing to unlock; the vault is ready.');
    }
    await this.passphrase.unlock(passphrase);
  }

  /** Only the passphrase of keys saved while the keychain was unsafe. */
  async changePassphrase(current: string, next: string): Promise<void> {
    if (this.passphrase.state().status === 'uninitialised') {
      throw new ServiceError('conflict', 'The OS keychain protects the keys on this computer: there is no passphrase to change.');
    }
    await this.passphrase.changePassphrase(current, next);
  }

  hasPassphrase(): boolean {
    return this.passphrase.hasPassphrase();
  }

  /** With no passphrase ever chosen, the OS login that opens the keychain is the only gate there is. */
  async confirmPassphrase(passphrase: string): Promise<void> {
    if (this.passphrase.hasPassphrase()) await this.passphrase.confirmPassphrase(passphrase);
  }

  lock(): void {
    this.passphrase.lock();
  }

  async encrypt(plain: Uint8Array): Promise<Uint8Array> {
    const sealed = this.safeStorage.encryptString(Buffer.from(plain).toString('base64'));
    return Buffer.concat([Buffer.of(SEALED_BY_KEYCHAIN), sealed]);
  }

  async decrypt(sealed: Uint8Array): Promise<Uint8Array> {
    const bytes = Buffer.from(sealed);
    const byPassphrase = passphrasePart(bytes);
    if (byPassphrase) {
      if (this.passphrase.state().status !== 'ready') {
        throw new ServiceError('locked', 'This key was saved while the OS keychain was unavailable, so it needs your passphrase.', 'Unlock the vault with the passphrase you chose then.');
      }
      return this.passphrase.decrypt(byPassphrase);
    }
    if (bytes[0] !== SEALED_BY_KEYCHAIN) throw unreadable();
    try {
      return Uint8Array.from(Buffer.from(this.safeStorage.decryptString(bytes.subarray(1)), 'base64'));
    } catch {
      throw unreadable();
    }
  }
}

/** The passphrase box with the reason the keychain was refused. */
class PassphraseFallbackBox implements SecretBox, ChangesPassphrase {
  constructor(
    private readonly passphrase: PassphraseBox,
    private readonly reason: string,
  ) {}

  state(): SecretBoxState {
    const inner = this.passphrase.state();
    return inner.status === 'ready' ? inner : { ...inner, reason: `${this.reason} ${inner.reason}` };
  }

  unlock(passphrase: string): Promise<void> {
    return this.passphrase.unlock(passphrase);
  }

  changePassphrase(current: string, next: string): Promise<void> {
    return this.passphrase.changePassphrase(current, next);
  }

  hasPassphrase(): boolean {
    return this.passphrase.hasPassphrase();
  }

  confirmPassphrase(passphrase: string): Promise<void> {
    return this.passphrase.confirmPassphrase(passphrase);
  }

  lock(): void {
    this.passphrase.lock();
  }

  async encrypt(plain: Uint8Array): Promise<Uint8Array> {
    return Buffer.concat([Buffer.of(SEALED_BY_PASSPHRASE), await this.passphrase.encrypt(plain)]);
  }

  async decrypt(sealed: Uint8Array): Promise<Uint8Array> {
    const bytes = Buffer.from(sealed);
    if (bytes[0] === SEALED_BY_KEYCHAIN) {
      throw new ServiceError('unavailable', 'This key was saved with the OS keychain, which is not usable now.', 'Log in to a desktop session whose keychain (GNOME Keyring or KWallet) is running, then restart the console.');
    }
    const byPassphrase = passphrasePart(bytes);
    if (!byPassphrase) throw unreadable();
    return this.passphrase.decrypt(byPassphrase);
  }
}

/** Secrets sealed by the headless console carry no backend byte: they start with the passphrase box's own format version. */
function passphrasePart(bytes: Buffer): Buffer | null {
  if (bytes[0] === SEALED_BY_PASSPHRASE) return bytes.subarray(1);
  if (bytes[0] === PASSPHRASE_BOX_FORMAT_VERSION) return bytes;
  return null;
}

function unreadable(): ServiceError {
  return new ServiceError('bad_file', 'A stored secret could not be decrypted by the OS keychain.', 'Re-import the account from its mnemonic or JSON backup.');
}
