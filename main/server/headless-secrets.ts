import { PassphraseBox } from '../platform/passphrase-box';
import type { SecretBox } from '../platform/platform';

/** Headless, account keys are sealed with a key derived from the operator's passphrase. */
export function createHeadlessSecretBox(dataDir: string): Promise<SecretBox> {
  return PassphraseBox.open(dataDir);
}
