import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/write-file-atomic';

export const vaultRecordSchema = z.object({
  /** SS58 with the generic prefix 42; the UI re-encodes for each network. */
  address: z.string().min(1),
  publicKey: z.string().regex(/^0x[0-9a-f]+$/),
  type: z.enum(['sr25519', 'ed25519', 'ecdsa']),
  name: z.string(),
  source: z.enum(['generated', 'mnemonic', 'seed', 'json']),
  createdAt: z.number().int(),
  /** The pair, sealed by the platform's SecretBox, base64. */
  sealed: z.string().min(1),
  /** The SecretBox backend that sealed it (passphrase, gnome_libsecret, macos_keychain…), for support. */
  sealedBy: z.string().optional(),
});
export type VaultRecord = z.infer<typeof vaultRecordSchema>;

const vaultFileSchema = z.object({
  version: z.literal(1),
  accounts: z.array(vaultRecordSchema),
});

export type VaultLoad = { records: VaultRecord[]; movedAside?: string };

/**
 * The vault's file: addresses in the clear (so the list shows while locked),
 * each key sealed. A damaged file is moved aside, never deleted: it may still
 * hold the only copy of a key.
 */
export async function loadVaultFile(filePath: string): Promise<VaultLoad> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') return { records: [] };
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  const parsed = vaultFileSchema.safeParse(raw);
  if (parsed.success) return { records: parsed.data.accounts };
  const movedAside = `${filePath}.damaged-${Date.now()}`;
  await rename(filePath, movedAside);
  return { records: [], movedAside };
}

export async function saveVaultFile(filePath: string, records: readonly VaultRecord[]): Promise<void> {
  await writeFileAtomic(filePath, JSON.stringify({ version: 1, accounts: records }, null, 2));
}
