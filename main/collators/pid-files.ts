import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/write-file-atomic';

export const pidRecordSchema = z.object({
  profileId: z.string(),
  pid: z.number().int().positive(),
  startedAt: z.number().int(),
  binaryPath: z.string(),
  args: z.array(z.string()),
  logFile: z.string(),
  /**
   * The OS's start time of the process (`readStartTime`), taken right after
   * the spawn. A pid is reused once its process ends; a command line can be
   * copied; the pair of pid and start time names one process only.
   */
  processStartTime: z.string().min(1).optional(),
});
export type PidRecord = z.infer<typeof pidRecordSchema>;

/**
 * One small JSON file per running node, so a later session of the console
 * can find the processes it left behind and never start a node twice.
 */
export class PidFiles {
  constructor(private readonly directory: string) {}

  async write(record: PidRecord): Promise<void> {
    await writeFileAtomic(this.fileOf(record.profileId), JSON.stringify(record));
  }

  async remove(profileId: string): Promise<void> {
    await rm(this.fileOf(profileId), { force: true });
  }

  /** Every readable record; unreadable files are removed, as nothing can be done with them. */
  async readAll(): Promise<PidRecord[]> {
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch {
      return [];
    }
    const records: PidRecord[] = [];
    for (const name of names.filter((n) => n.endsWith('.pid.json'))) {
      const file = join(this.directory, name);
      try {
        records.push(pidRecordSchema.parse(JSON.parse(await readFile(file, 'utf8'))));
      } catch {
        await rm(file, { force: true });
      }
    }
    return records;
  }

  private fileOf(profileId: string): string {
    return join(this.directory, `${encodeURIComponent(profileId)}.pid.json`);
  }
}
