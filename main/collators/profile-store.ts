import { existsSync, readFileSync, renameSync } from 'node:fs';
import { z } from 'zod';
import { profileSchema, type CollatorProfile } from '../../shared/contract/collators';
import { writeFileAtomicSync } from '../fs/write-file-atomic';
import type { Logger } from '../logging/logger';

const fileSchema = z.object({ version: z.literal(1), profiles: z.array(z.unknown()) });

/**
 * Profiles as one JSON file, replaced atomically on each save. A profile
 * that no longer validates is kept aside in the log, never silently changed.
 */
export class ProfileStore {
  private profiles: CollatorProfile[];

  constructor(private readonly filePath: string, private readonly log: Logger) {
    this.profiles = this.load();
  }

  list(): CollatorProfile[] {
    return [...this.profiles];
  }

  get(id: string): CollatorProfile | undefined {
    return this.profiles.find((p) => p.id === id);
  }

  put(profile: CollatorProfile): void {
    const index = this.profiles.findIndex((p) => p.id === profile.id);
    const next = [...this.profiles];
    if (index === -1) next.push(profile);
    else next[index] = profile;
    this.save(next);
  }

  delete(id: string): boolean {
    const next = this.profiles.filter((p) => p.id !== id);
    if (next.length === this.profiles.length) return false;
    this.save(next);
    return true;
  }

  private save(profiles: CollatorProfile[]): void {
    writeFileAtomicSync(this.filePath, JSON.stringify({ version: 1, profiles }, null, 2));
    this.profiles = profiles;
  }

  private load(): CollatorProfile[] {
    if (!existsSync(this.filePath)) return [];
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.filePath, 'utf8'));
    } catch (error) {
      const aside = `${this.filePath}.unreadable-${Date.now()}`;
      renameSync(this.filePath, aside);
      this.log.error(`collators: profiles file was not valid JSON, moved to ${aside}`, error);
      return [];
    }
    const file = fileSchema.safeParse(raw);
    if (!file.success) {
      this.log.error('collators: profiles file has an unknown shape; starting with none', file.error.issues);
      return [];
    }
    const profiles: CollatorProfile[] = [];
    for (const entry of file.data.profiles) {
      const parsed = profileSchema.safeParse(entry);
      if (parsed.success) profiles.push(parsed.data);
      else this.log.warn('collators: skipped a profile that does not validate', entry, parsed.error.issues);
    }
    return profiles;
  }
}
