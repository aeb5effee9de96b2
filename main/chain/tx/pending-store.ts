import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { hexSchema, txRecordSchema, type TxRecord } from '../../../shared/contract/chain';
import type { Logger } from '../../logging/logger';
import { writeFileAtomic } from '../../fs/write-file-atomic';

/**
 * What the pipeline must remember to finish a transaction after a crash or
 * a lost connection: the signed bytes (resubmitting the same bytes can never
 * pay twice: the nonce allows one inclusion), the nonce and the block it was
 * sent at (where a retry starts looking for it).
 */
export const storedTxSchema = txRecordSchema.extend({
  address: z.string(),
  genesisHash: hexSchema.optional(),
  signedHex: hexSchema.optional(),
  sentAtBlock: z.number().int().optional(),
});
export type StoredTx = z.infer<typeof storedTxSchema>;

const fileSchema = z.object({ version: z.literal(1), transactions: z.array(z.unknown()) });

/** `in-block` is not final: finality may still fail to follow, and a retry then finishes the job. */
const FINAL_PHASES = new Set<TxRecord['phase']>(['finalized', 'already-done', 'failed', 'invalid', 'usurped', 'dropped']);
const KEEP_FINISHED = 200;

export function isFinalPhase(phase: TxRecord['phase']): boolean {
  return FINAL_PHASES.has(phase);
}

/** Strips what stays in the main process (signed bytes) from a stored transaction. */
export function publicRecord(stored: StoredTx): TxRecord {
  const { address: _address, genesisHash: _genesisHash, signedHex: _signedHex, sentAtBlock: _sentAtBlock, ...record } = stored;
  return record;
}

/** Pending (and recent) transactions on disk under the data folder, written atomically after each step. */
export class PendingStore {
  private readonly byId = new Map<string, StoredTx>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly filePath: string, private readonly log: Logger) {}

  static async open(filePath: string, log: Logger): Promise<PendingStore> {
    const store = new PendingStore(filePath, log);
    try {
      const parsed = fileSchema.safeParse(JSON.parse(await readFile(filePath, 'utf8')));
      if (!parsed.success) log.warn(`chain: ignoring unreadable transaction file ${filePath}`);
      // One unreadable record must not hide the others: each is checked on its own.
      for (const raw of parsed.success ? parsed.data.transactions : []) {
        const tx = storedTxSchema.safeParse(raw);
        if (tx.success) store.byId.set(tx.data.txId, tx.data);
        else log.warn(`chain: skipping an unreadable pending transaction in ${filePath}`);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn(`chain: could not read ${filePath}`, error);
    }
    return store;
  }

  get(txId: string): StoredTx | undefined {
    return this.byId.get(txId);
  }

  /** The newest transaction for an intent key. */
  byIntentKey(intentKey: string): StoredTx | undefined {
    let newest: StoredTx | undefined;
    for (const tx of this.byId.values()) if (tx.intentKey === intentKey && (!newest || tx.createdAt >= newest.createdAt)) newest = tx;
    return newest;
  }

  pending(): StoredTx[] {
    return [...this.byId.values()].filter((tx) => !isFinalPhase(tx.phase)).sort((a, b) => a.createdAt - b.createdAt);
  }

  all(): StoredTx[] {
    return [...this.byId.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Saves a new version of a transaction; resolves once it is on disk. */
  save(tx: StoredTx): Promise<void> {
    this.byId.set(tx.txId, tx);
    this.trimFinished();
    const text = JSON.stringify({ version: 1, transactions: this.all() }, null, 1);
    this.writing = this.writing.then(() => writeFileAtomic(this.filePath, text)).catch((error: unknown) => {
      this.log.error(`chain: could not save ${this.filePath}`, error);
    });
    return this.writing;
  }

  /** Waits for the writes queued so far. */
  flush(): Promise<void> {
    return this.writing;
  }

  private trimFinished(): void {
    const finished = this.all().filter((tx) => isFinalPhase(tx.phase));
    for (const tx of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.byId.delete(tx.txId);
  }
}
