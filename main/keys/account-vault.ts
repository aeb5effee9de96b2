import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Signer } from '@polkadot/api/types';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { Registry } from '@polkadot/types/types';
import { u8aToHex } from '@polkadot/util';
import { decodeAddress, mnemonicGenerate } from '@polkadot/util-crypto';
import { ServiceError } from '../errors/service-error';
import type { Logger } from '../logging/logger';
import type { NoticeBoard } from '../notices/notice-board';
import { canChangePassphrase } from '../platform/passphrase-box';
import type { SecretBox, SecretBoxState } from '../platform/platform';
import {
  pairFromJsonBackup,
  pairFromMnemonic,
  pairFromSealedJson,
  pairFromSeed,
  sealablePair,
  type AccountKeyType,
} from './key-material';
import { PendingCreations } from './pending-creations';
import type { AccountSigner, SigningRequest } from '../chain/tx/account-signer';
import type { SigningNotice } from './signing';
import { loadVaultFile, saveVaultFile, type VaultRecord } from './vault-file';
import { vaultSigner } from './vault-signer';

export const MIN_BACKUP_PASSWORD_LENGTH = 8;

/** One account as anyone outside the vault sees it: no secret, ever. */
export interface AccountSummary {
  address: string;
  publicKey: string;
  name: string;
  type: AccountKeyType;
  source: VaultRecord['source'];
  createdAt: number;
}

export type VaultState = SecretBoxState & { accounts: number; hasPassphrase: boolean };

export interface NewAccountWords {
  pendingId: string;
  /** Shown once for the operator to write down; never stored, never returned again. */
  mnemonic: string;
  address: string;
  confirmPositions: number[];
  expiresAt: number;
}

export interface AccountVaultDeps {
  dataDir: string;
  secrets: SecretBox;
  log: Logger;
  notices?: NoticeBoard;
  now?: () => number;
}

/**
 * The operator's account keys. Keys are sealed by the platform's SecretBox
 * and never leave this class: callers get addresses, and the chain layer gets
 * a polkadot-js `Signer` whose every signature is announced as it is made.
 */
export class AccountVault implements AccountSigner {
  private records: VaultRecord[] = [];
  private readonly pending: PendingCreations;
  private readonly signingListeners = new Set<(notice: SigningNotice) => void>();
  private writes: Promise<unknown> = Promise.resolve();
  private readonly now: () => number;

  private constructor(
    private readonly deps: AccountVaultDeps,
    private readonly filePath: string,
  ) {
    this.now = deps.now ?? Date.now;
    this.pending = new PendingCreations(this.now);
  }

  static async open(deps: AccountVaultDeps): Promise<AccountVault> {
    const vault = new AccountVault(deps, join(deps.dataDir, 'keys', 'accounts.json'));
    const loaded = await loadVaultFile(vault.filePath);
    vault.records = loaded.records;
    if (loaded.movedAside) {
      deps.log.error(`keys: the account file was damaged and moved to ${loaded.movedAside}`);
      deps.notices?.post({
        level: 'error',
        title: 'Account file damaged',
        message: `The account key file could not be read and was moved to ${loaded.movedAside}.`,
        hint: 'Re-import your accounts from their mnemonics or JSON backups, or restore the file from a backup.',
      });
    }
    return vault;
  }

  state(): VaultState {
    const secrets = this.deps.secrets;
    return { ...secrets.state(), accounts: this.records.length, hasPassphrase: canChangePassphrase(secrets) && secrets.hasPassphrase() };
  }

  async unlock(passphrase: string): Promise<VaultState> {
    await this.deps.secrets.unlock(passphrase);
    return this.state();
  }

  /** Needs the current passphrase even when unlocked: whoever sits at an unlocked console must not take the vault over. */
  async changePassphrase(current: string, next: string): Promise<VaultState> {
    const secrets = this.deps.secrets;
    if (!canChangePassphrase(secrets)) {
      throw new ServiceError('not_supported', 'The keys are not protected by a passphrase here, so there is none to change.');
    }
    await secrets.changePassphrase(current, next);
    this.deps.log.info('keys: the vault passphrase was changed');
    return this.state();
  }

  lock(): VaultState {
    this.pending.clear();
    this.deps.secrets.lock();
    return this.state();
  }

  list(): AccountSummary[] {
    return this.records.map(summarise);
  }

  /** Step one of creating an account: new words for the operator to write down. Nothing is saved yet. */
  async create(name: string, wordCount: 12 | 24 = 12): Promise<NewAccountWords> {
    this.requireReady();
    const mnemonic = mnemonicGenerate(wordCount);
    const pair = await pairFromMnemonic(mnemonic, '', 'sr25519');
    this.refuseDuplicate(pair);
    const creation = this.pending.add(name, mnemonic, pair.address);
    return { pendingId: creation.id, mnemonic, address: creation.address, confirmPositions: creation.confirmPositions, expiresAt: creation.expiresAt };
  }

  /** Step two: the operator re-types the asked words (in the order asked); only then is the key saved. */
  async confirmCreate(pendingId: string, words: readonly string[]): Promise<AccountSummary> {
    this.requireReady();
    const creation = this.pending.confirm(pendingId, words);
    const pair = await pairFromMnemonic(creation.mnemonic, '', 'sr25519');
    return this.save(pair, creation.name, 'generated');
  }

  cancelCreate(pendingId: string): boolean {
    return this.pending.cancel(pendingId);
  }

  async importMnemonic(input: { name: string; mnemonic: string; derivationPath?: string; keyType?: AccountKeyType }): Promise<AccountSummary> {
    this.requireReady();
    const pair = await pairFromMnemonic(input.mnemonic, input.derivationPath ?? '', input.keyType ?? 'sr25519');
    return this.save(pair, input.name, 'mnemonic');
  }

  async importSeed(input: { name: string; seed: string; keyType?: AccountKeyType }): Promise<AccountSummary> {
    this.requireReady();
    const pair = await pairFromSeed(input.seed, input.keyType ?? 'sr25519');
    return this.save(pair, input.name, 'seed');
  }

  async importJson(input: { name?: string; json: string; password: string }): Promise<AccountSummary> {
    this.requireReady();
    const { pair, name } = await pairFromJsonBackup(input.json, input.password);
    const fallbackName = name?.trim().slice(0, 64) || 'Imported account';
    return this.save(pair, input.name ?? fallbackName, 'json');
  }

  async rename(address: string, name: string): Promise<AccountSummary> {
    return this.mutate(async () => {
      const record = this.find(address);
      const renamed = { ...record, name };
      await this.persist(this.records.map((each) => (each === record ? renamed : each)));
      return summarise(renamed);
    });
  }

  async remove(address: string): Promise<{ removed: AccountSummary }> {
    return this.mutate(async () => {
      const record = this.find(address);
      await this.persist(this.records.filter((each) => each !== record));
      this.deps.log.info(`keys: account ${record.address} removed`);
      return { removed: summarise(record) };
    });
  }

  /**
   * A polkadot-js JSON backup encrypted with a password the operator chooses
   * (scrypt + xsalsa20-poly1305). The file holds the whole key, so the vault
   * passphrase is asked again, even when unlocked: whoever sits at an
   * unlocked console, or reaches a headless one unlocked at start, must not
   * walk away with every key under a password of their own.
   */
  async exportBackup(address: string, password: string, passphrase: string | undefined): Promise<{ json: string; fileName: string }> {
    this.requireReady();
    if (password.length < MIN_BACKUP_PASSWORD_LENGTH) {
      throw new ServiceError('invalid_input', `The backup password is too short: use at least ${MIN_BACKUP_PASSWORD_LENGTH} characters.`, 'Whoever has the file and the password has the account: choose one that is hard to guess.');
    }
    await this.confirmOwner(passphrase);
    const record = this.find(address);
    const pair = await this.#openPair(record);
    pair.setMeta({ name: record.name, whenCreated: record.createdAt });
    const json = JSON.stringify(pair.toJson(password));
    pair.lock();
    return { json, fileName: `${record.address}.json` };
  }

  async signerFor(address: string, request: SigningRequest, registry: Registry): Promise<Signer> {
    if (request.description.trim() === '') {
      throw new ServiceError('invalid_input', 'A signature was requested without saying what it signs.', 'This is a bug in the console: the log has the details.');
    }
    const record = this.find(address);
    this.requireReady();
    return vaultSigner(record.address, registry, (use) => this.#signWith(record.address, request, use));
  }

  /**
   * Opens the key for one signature, announces it, signs and locks the key
   * again. Runtime-private (`#`), unlike TypeScript's `private`: nothing
   * outside this class can reach a pair, even by casting.
   */
  async #signWith<T>(address: string, request: SigningRequest, use: (pair: KeyringPair) => T): Promise<T> {
    // Looked up again: the account may have been removed since the signer was made.
    const record = this.find(address);
    const pair = await this.#openPair(record);
    try {
      const notice: SigningNotice = { id: randomUUID(), address: record.address, accountName: record.name, description: request.description, at: this.now() };
      if (request.network !== undefined) notice.network = request.network;
      this.deps.log.info(`keys: ${record.address} signs: ${request.description}`);
      for (const listener of this.signingListeners) listener(notice);
      return use(pair);
    } finally {
      // The secret must not linger in memory once signed.
      pair.lock();
    }
  }

  onSigning(listener: (notice: SigningNotice) => void): () => void {
    this.signingListeners.add(listener);
    return () => this.signingListeners.delete(listener);
  }

  private async save(pair: KeyringPair, name: string, source: VaultRecord['source']): Promise<AccountSummary> {
    return this.mutate(async () => {
      this.refuseDuplicate(pair);
      const sealed = await this.deps.secrets.encrypt(sealablePair(pair));
      pair.lock();
      const record: VaultRecord = {
        address: pair.address,
        publicKey: u8aToHex(pair.publicKey),
        type: pair.type as AccountKeyType,
        name,
        source,
        createdAt: this.now(),
        sealed: Buffer.from(sealed).toString('base64'),
        sealedBy: this.deps.secrets.state().backend,
      };
      await this.persist([...this.records, record]);
      this.deps.log.info(`keys: account ${record.address} added (${source}, ${record.type})`);
      return summarise(record);
    });
  }

  async #openPair(record: VaultRecord): Promise<KeyringPair> {
    this.requireReady();
    const plain = await this.deps.secrets.decrypt(Buffer.from(record.sealed, 'base64'));
    try {
      const pair = await pairFromSealedJson(plain);
      if (pair.address !== record.address) throw new Error('address mismatch');
      return pair;
    } catch {
      throw new ServiceError('bad_file', `The stored key of "${record.name}" does not match its address.`, 'Remove the account and import it again from its mnemonic or backup.');
    } finally {
      plain.fill(0);
    }
  }

  private async confirmOwner(passphrase: string | undefined): Promise<void> {
    const secrets = this.deps.secrets;
    if (!canChangePassphrase(secrets) || !secrets.hasPassphrase()) return;
    if (passphrase === undefined || passphrase === '') {
      throw new ServiceError('invalid_input', 'Exporting a backup needs the vault passphrase.', 'Type the passphrase that unlocks the vault: the backup holds the whole key.');
    }
    await secrets.confirmPassphrase(passphrase);
  }

  private refuseDuplicate(pair: KeyringPair): void {
    const existing = this.records.find((record) => record.address === pair.address);
    if (existing) {
      throw new ServiceError('already_exists', `This account is already in the vault as "${existing.name}".`, 'Rename the existing account instead of importing it again.');
    }
  }

  private find(address: string): VaultRecord {
    const accountId = accountIdOf(address);
    const record = accountId && this.records.find((each) => accountIdOf(each.address) === accountId);
    if (!record) throw new ServiceError('not_found', 'There is no account with this address in the vault.', 'Pick one of the accounts listed under Keys.');
    return record;
  }

  private requireReady(): void {
    const state = this.deps.secrets.state();
    if (state.status === 'ready') return;
    throw new ServiceError('locked', 'The key vault is locked.', state.status === 'uninitialised' ? 'Choose a passphrase first: it protects the keys on this computer.' : 'Enter your passphrase to unlock it.');
  }

  /** Writes run one at a time, so two imports cannot both pass the duplicate check. */
  private mutate<T>(work: () => Promise<T>): Promise<T> {
    const next = this.writes.then(work, work);
    this.writes = next.catch(() => undefined);
    return next;
  }

  private async persist(records: VaultRecord[]): Promise<void> {
    await saveVaultFile(this.filePath, records);
    this.records = records;
  }
}

function summarise(record: VaultRecord): AccountSummary {
  return { address: record.address, publicKey: record.publicKey, name: record.name, type: record.type, source: record.source, createdAt: record.createdAt };
}

/** Addresses arrive in any network's SS58 format; the account id is what identifies the key. */
function accountIdOf(address: string): string | null {
  try {
    return u8aToHex(decodeAddress(address));
  } catch {
    return null;
  }
}
