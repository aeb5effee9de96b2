import { rmSync } from 'node:fs';
import { z } from 'zod';
import { ServiceError } from '../errors/service-error';
import type { SecretBox } from '../platform/platform';
import { readJsonFile, writeJsonFile } from '../health/json-file';

const sealedFileSchema = z.object({ version: z.literal(1), sealedBy: z.string(), sealed: z.string().min(1) }).strict();

/**
 * The webhook address, sealed with the platform's secret box (the one the
 * key vault uses): a Slack or pager URL carries the token that lets anyone
 * post to the team's channel, so it is never written down in the clear.
 */
export class WebhookAddress {
  constructor(
    private readonly filePath: string,
    private readonly secrets: SecretBox | undefined,
  ) {}

  /** Seals and stores the address. Throws `locked` while the box cannot encrypt. */
  async store(url: string): Promise<void> {
    const box = this.readyBox();
    const sealed = await box.encrypt(new TextEncoder().encode(url));
    writeJsonFile(this.filePath, { version: 1, sealedBy: box.state().backend, sealed: Buffer.from(sealed).toString('base64') });
  }

  /** The stored address; null when none is stored. Throws `locked` while the box cannot decrypt. */
  async read(): Promise<string | null> {
    const file = sealedFileSchema.safeParse(readJsonFile(this.filePath));
    if (!file.success) return null;
    const plain = await this.readyBox().decrypt(Buffer.from(file.data.sealed, 'base64'));
    return new TextDecoder().decode(plain);
  }

  clear(): void {
    rmSync(this.filePath, { force: true });
  }

  private readyBox(): SecretBox {
    if (!this.secrets) throw new ServiceError('not_supported', 'This console has no secret box to keep the webhook address in.', 'Run the console as the desktop app or the headless server.');
    if (this.secrets.state().status !== 'ready') {
      throw new ServiceError('locked', 'The webhook address is kept encrypted, and the secret box is locked.', 'Unlock the key vault with your passphrase, then try again.');
    }
    return this.secrets;
  }
}

/** What of an address may be shown: its host only (no path, query or credentials, where tokens live). */
export function redactedHost(url: string): string | null {
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}
