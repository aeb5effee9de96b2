export const PASSPHRASE_VARIABLE = 'PARACHAIN_CONSOLE_PASSPHRASE';

/**
 * Takes the vault passphrase out of the environment: read once, then deleted,
 * so no child process the console starts (collators outlive it) inherits it
 * and nothing that dumps the environment later finds it.
 */
export function takePassphraseFromEnvironment(env: NodeJS.ProcessEnv): string | undefined {
  const passphrase = env[PASSPHRASE_VARIABLE];
  delete env[PASSPHRASE_VARIABLE];
  return passphrase === '' ? undefined : passphrase;
}
