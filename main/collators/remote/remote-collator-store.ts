import { existsSync, readFileSync, renameSync } from 'node:fs';
import { z } from 'zod';
import { remoteCollatorSchema, type RemoteCollator } from '../../../shared/contract/remote-collators';
import { writeFileAtomicSync } from '../../fs/write-file-atomic';
import type { Logger } from '../../logging/logger';

const fileSchema = z.object({ version: z.literal(1), collators: z.array(z.unknown()) });

/**
 * Remote collators as one JSON file (`<data>/collators/remote-collators.json`),
 * replaced atomically on each change. An entry that no longer validates is
 * reported in the log and left out, never rewritten into something else; an
 * unreadable file is moved aside, not overwritten.
 */
export class RemoteCollatorStore {
  private collators: RemoteCollator[];

  constructor(
    private readonly filePath: string,
    private readonly log: Logger,
  ) {
    this.collators = this.load();
  }

  list(): RemoteCollator[] {
    return [...this.collators];
  }

  get(id: string): RemoteCollator | undefined {
    return this.collators.find((collator) => collator.id === id);
  }

  put(collator: RemoteCollator): void {
    const index = this.collators.findIndex((existing) => existing.id === collator.id);
    const next = [...this.collators];
    if (index === -1) next.push(collator);
    else next[index] = collator;
    this.save(next);
  }

  delete(id: string): boolean {
    const next = this.collators.filter((collator) => collator.id !== id);
    if (next.length === this.collators.length) return false;
    this.save(next);
    return true;
  }

  private save(collators: RemoteCollator[]): void {
    writeFileAtomicSync(this.filePath, JSON.stringify({ version: 1, collators }, null, 2));
    this.collators = collators;
  }

  private load(): RemoteCollator[] {
    if (!existsSync(this.filePath)) return [];
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.filePath, 'utf8'));
    } catch (error) {
      const aside = `${this.filePath}.unreadable-${Date.now()}`;
      renameSync(this.filePath, aside);
      this.log.error(`collators: the remote collators file was not valid JSON, moved to ${aside}`, error);
      return [];
    }
    const file = fileSchema.safeParse(raw);
    if (!file.success) {
      // Kept as it is: a newer console may have written it, and saving over it would lose its entries.
      const aside = `${this.filePath}.unknown-shape-${Date.now()}`;
      renameSync(this.filePath, aside);
      this.log.error(`collators: the remote collators file has an unknown shape, moved to ${aside}`, file.error.issues);
      return [];
    }
    const collators: RemoteCollator[] = [];
    for (const entry of file.data.collators) {
      const parsed = remoteCollatorSchema.safeParse(entry);
      if (parsed.success) collators.push(parsed.data);
      else this.log.warn('collators: left out a remote collator that does not validate', entry, parsed.error.issues);
    }
    return collators;
  }
}
