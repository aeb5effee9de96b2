import { ServiceError } from '../errors/service-error';
import type { SecretBox } from '../platform/platform';

/** Interim: replaced by the passphrase box once the key vault lands. */
export function createHeadlessSecretBox(_dataDir: string): SecretBox {
  const unavailable = (): never => {
    throw new ServiceError('unavailable', 'The key vault is not available in this build.');
  };
  return {
    state: () => ({ status: 'uninitialised', backend: 'passphrase', reason: 'Choose a passphrase to protect account keys.' }),
    unlock: async () => unavailable(),
    lock: () => undefined,
    encrypt: async () => unavailable(),
    decrypt: async () => unavailable(),
  };
}
