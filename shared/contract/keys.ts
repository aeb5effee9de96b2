import { z } from 'zod';
import { call, noInput, stream } from './define';

/*
 * Keys: account keys live in the main process and never come back out. Inputs
 * may carry secrets (passphrase, mnemonic, seed, passwords, a session-key URI);
 * outputs carry addresses and public keys only, with one exception the
 * operator needs: the words of a brand-new account, shown once by keys.create.
 * Secret inputs are plain bounded strings on purpose: the services check them
 * and word their errors without ever quoting the input.
 */

export const secretBoxStatusSchema = z.enum(['ready', 'locked', 'uninitialised']);

export const vaultStateSchema = z.object({
  status: secretBoxStatusSchema,
  /** Which backend encrypts the keys: passphrase, gnome_libsecret, kwallet, macos_keychain, windows_dpapi… */
  backend: z.string(),
  /** Why a passphrase is needed (e.g. the OS keychain was refused); absent when ready. */
  reason: z.string().optional(),
  accounts: z.number().int().nonnegative(),
  /** Whether a vault passphrase exists; when it does, a backup export asks for it again. */
  hasPassphrase: z.boolean(),
});
export type VaultStateView = z.infer<typeof vaultStateSchema>;

export const accountKeyTypeSchema = z.enum(['sr25519', 'ed25519', 'ecdsa']);

export const accountSchema = z.object({
  /** SS58 with the generic prefix 42; format for a network with its own prefix. */
  address: z.string(),
  publicKey: z.string(),
  name: z.string(),
  type: accountKeyTypeSchema,
  source: z.enum(['generated', 'mnemonic', 'seed', 'json']),
  createdAt: z.number().int(),
});
export type Account = z.infer<typeof accountSchema>;

export const newAccountWordsSchema = z.object({
  pendingId: z.string(),
  /** Shown once for the operator to write down; no other call ever returns it. */
  mnemonic: z.string(),
  address: z.string(),
  /** 1-based positions of the words keys.confirmCreate asks for, ascending. */
  confirmPositions: z.array(z.number().int().positive()),
  expiresAt: z.number().int(),
});
export type NewAccountWords = z.infer<typeof newAccountWordsSchema>;

export const signingNoticeSchema = z.object({
  id: z.string(),
  address: z.string(),
  accountName: z.string(),
  /** What is being signed, in plain words, as the transaction pipeline described it. */
  description: z.string(),
  network: z.string().optional(),
  at: z.number().int(),
});
export type SigningNoticeView = z.infer<typeof signingNoticeSchema>;

export const sessionKeyPartSchema = z.object({
  keyType: z.string(),
  publicKey: z.string(),
});

const accountName = z.string().trim().min(1).max(64);
const address = z.string().min(1).max(128);
const secret = (maxLength: number) => z.string().min(1).max(maxLength);
const hex = z.string().regex(/^0x[0-9a-fA-F]+$/, 'must be hex starting with 0x').max(4_000);
/** The node's own RPC, e.g. ws://127.0.0.1:9944; anything not on this computer is refused by the service. */
const nodeEndpoint = z.string().min(1).max(500);

export const keysCalls = {
  'keys.vaultState': call({ input: noInput, output: vaultStateSchema, summary: 'Whether the key vault is ready, locked or waiting for a first passphrase, and by which backend.' }),
  'keys.unlock': call({
    input: z.object({ passphrase: secret(1_000) }).strict(),
    output: vaultStateSchema,
    summary: 'Unlock the vault with the passphrase; the first unlock chooses it.',
  }),
  'keys.changePassphrase': call({
    input: z.object({ current: secret(1_000), next: secret(1_000) }).strict(),
    output: vaultStateSchema,
    summary: 'Replace the vault passphrase (the current one is required); the keys stay as they are.',
  }),
  'keys.lock': call({ input: noInput, output: vaultStateSchema, summary: 'Lock the vault and forget any new account still waiting for confirmation.' }),
  'keys.list': call({ input: noInput, output: z.array(accountSchema), summary: 'The accounts in the vault (addresses only; works while locked).' }),
  'keys.create': call({
    input: z.object({ name: accountName, words: z.union([z.literal(12), z.literal(24)]).optional() }).strict(),
    output: newAccountWordsSchema,
    summary: 'Step one of a new account: its words, shown once. Nothing is saved until keys.confirmCreate.',
  }),
  'keys.confirmCreate': call({
    input: z.object({ pendingId: z.string().min(1).max(100), words: z.array(z.string().max(50)).min(1).max(24) }).strict(),
    output: accountSchema,
    summary: 'Step two: the operator re-types the asked words (in the order of confirmPositions); the account is saved.',
  }),
  'keys.cancelCreate': call({
    input: z.object({ pendingId: z.string().min(1).max(100) }).strict(),
    output: z.object({ cancelled: z.boolean() }),
    summary: 'Forget a new account that was not confirmed.',
  }),
  'keys.importMnemonic': call({
    input: z
      .object({ name: accountName, mnemonic: secret(1_000), derivationPath: z.string().max(200).optional(), keyType: accountKeyTypeSchema.optional() })
      .strict(),
    output: accountSchema,
    summary: 'Import an account from its 12–24 words, optionally with a derivation path such as //collator.',
  }),
  'keys.importSeed': call({
    input: z.object({ name: accountName, seed: secret(200), keyType: accountKeyTypeSchema.optional() }).strict(),
    output: accountSchema,
    summary: 'Import an account from its raw 32-byte hex seed.',
  }),
  'keys.importJson': call({
    input: z.object({ name: accountName.optional(), json: secret(100_000), password: secret(1_000) }).strict(),
    output: accountSchema,
    summary: 'Import a polkadot-js JSON account backup with its password.',
  }),
  'keys.rename': call({ input: z.object({ address, name: accountName }).strict(), output: accountSchema, summary: 'Rename an account.' }),
  'keys.remove': call({
    input: z.object({ address }).strict(),
    output: z.object({ removed: accountSchema }),
    summary: 'Delete an account key from the vault. Export a backup first: this cannot be undone.',
  }),
  'keys.exportBackup': call({
    /** `passphrase`: the vault's own, asked again (when one exists) because the backup holds the whole key. */
    input: z.object({ address, password: secret(1_000), passphrase: secret(1_000).optional() }).strict(),
    output: z.object({ json: z.string(), fileName: z.string() }),
    summary: 'A polkadot-js JSON backup of an account, encrypted with the password the operator chooses.',
  }),
  'keys.rotateSessionKeys': call({
    input: z.object({ endpoint: nodeEndpoint, owner: address.optional() }).strict(),
    output: z.object({
      keys: hex,
      /** Proof of possession for session.setKeys(keys, proof); null without an owner or on nodes that predate it (then pass 0x). */
      proof: hex.nullable(),
      decoded: z.array(sessionKeyPartSchema).nullable(),
    }),
    summary:
      "Generate new session keys in a collator's keystore over its local RPC (author_rotateKeysWithOwner for the account that will call session.setKeys, else author_rotateKeys).",
  }),
  'keys.hasSessionKeys': call({
    input: z.object({ endpoint: nodeEndpoint, keys: hex }).strict(),
    output: z.object({ present: z.boolean() }),
    summary: "Whether a collator's keystore holds the private keys of these session keys (author_hasSessionKeys).",
  }),
  'keys.insertSessionKey': call({
    input: z.object({ endpoint: nodeEndpoint, keyType: z.string().min(1).max(8), suri: secret(1_000), publicKey: hex }).strict(),
    output: z.object({ inserted: z.literal(true) }),
    summary: "Put a known key into a collator's keystore (author_insertKey); the secret must produce the public key.",
  }),
};

export const keysStreams = {
  'keys.signing': stream({
    params: z.object({}).strict(),
    event: signingNoticeSchema,
    summary: 'Each signature the main process makes, with what it signs, as it happens.',
  }),
};
