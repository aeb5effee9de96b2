import { statfs } from 'node:fs/promises';

export type DiskProbeResult = { ok: true; freeBytes: number; totalBytes: number } | { ok: false; reason: string };

/** Free space for an unprivileged process on the file system holding `path` (what the node itself can use). */
export async function probeDisk(path: string): Promise<DiskProbeResult> {
  try {
    const stats = await statfs(path);
    return { ok: true, freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
