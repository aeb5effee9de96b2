import type { keysCalls, keysStreams } from '../../../shared/contract/keys';
import { isServiceError, ServiceError } from '../../errors/service-error';
import type { Logger } from '../../logging/logger';
import type { Services } from '../services';
import type { CallHandlers, StreamSources } from '../router';

export function keysHandlers(services: Services): Pick<CallHandlers, keyof typeof keysCalls> {
  const { vault, sessionKeys, log } = services;
  const secretSafe = withSecretSafeErrors(log);
  return {
    'keys.vaultState': () => vault.state(),
    'keys.unlock': secretSafe('keys.unlock', ({ passphrase }) => vault.unlock(passphrase)),
    'keys.changePassphrase': secretSafe('keys.changePassphrase', ({ current, next }) => vault.changePassphrase(current, next)),
    'keys.lock': () => vault.lock(),
    'keys.list': () => vault.list(),
    'keys.create': ({ name, words }) => vault.create(name, words),
    'keys.confirmCreate': secretSafe('keys.confirmCreate', ({ pendingId, words }) => vault.confirmCreate(pendingId, words)),
    'keys.cancelCreate': ({ pendingId }) => ({ cancelled: vault.cancelCreate(pendingId) }),
    'keys.importMnemonic': secretSafe('keys.importMnemonic', (input) => vault.importMnemonic(input)),
    'keys.importSeed': secretSafe('keys.importSeed', (input) => vault.importSeed(input)),
    'keys.importJson': secretSafe('keys.importJson', (input) => vault.importJson(input)),
    'keys.rename': ({ address, name }) => vault.rename(address, name),
    'keys.remove': ({ address }) => vault.remove(address),
    'keys.exportBackup': secretSafe('keys.exportBackup', ({ address, password, passphrase }) => vault.exportBackup(address, password, passphrase)),
    'keys.rotateSessionKeys': ({ endpoint, owner }) => sessionKeys.rotate(endpoint, { owner }),
    'keys.hasSessionKeys': async ({ endpoint, keys }) => ({ present: await sessionKeys.hasKeys(endpoint, keys) }),
    'keys.insertSessionKey': secretSafe('keys.insertSessionKey', async ({ endpoint, keyType, suri, publicKey }) => {
      await sessionKeys.insertKey(endpoint, { keyType, suri, publicKey });
      return { inserted: true as const };
    }),
  };
}

export function keysSources(services: Services): Pick<StreamSources, keyof typeof keysStreams> {
  return {
    'keys.signing': (_params, emit) => services.vault.onSigning(emit),
  };
}

/**
 * For calls whose input carries a secret: an unexpected exception could quote
 * that input in its message or stack, and the router logs unexpected
 * exceptions whole. Replace it by a ServiceError and log only its kind.
 */
function withSecretSafeErrors(log: Logger) {
  return <I, O>(name: string, handler: (input: I) => Promise<O>) =>
    async (input: I): Promise<O> => {
      try {
        return await handler(input);
      } catch (error) {
        if (isServiceError(error)) throw error;
        log.error(`api: ${name} failed with ${error instanceof Error ? error.name : typeof error} (details withheld: the input holds a secret)`);
        throw new ServiceError('internal', `Something went wrong while handling ${name}.`, 'Try again; if it keeps failing, report it (the log says where, without your secrets).');
      }
    };
}
