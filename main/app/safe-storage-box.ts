import { safeStorage } from 'electron';
import { createKeychainSecretBox } from '../keys/keychain-secret-box';
import type { Logger } from '../logging/logger';
import { PassphraseBox } from '../platform/passphrase-box';
import type { SecretBox } from '../platform/platform';

export interface DesktopSecretBoxOptions {
  dataDir: string;
  log: Logger;
}

/**
 * The secret box of the Electron shell: the OS keychain through safeStorage
 * when it is safe, the operator's passphrase otherwise (on Linux, Electron's
 * plain-text `basic_text` backend is refused). Call after the app's `ready`
 * event: before it, safeStorage cannot tell whether encryption works.
 */
export async function createDesktopSecretBox({ dataDir, log }: DesktopSecretBoxOptions): Promise<SecretBox> {
  return createKeychainSecretBox({
    safeStorage: {
      isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
      getSelectedStorageBackend: () => safeStorage.getSelectedStorageBackend(),
      encryptString: (plain) => safeStorage.encryptString(plain),
      decryptString: (sealed) => safeStorage.decryptString(sealed),
    },
    platform: process.platform,
    passphrase: await PassphraseBox.open(dataDir),
    log,
  });
}
