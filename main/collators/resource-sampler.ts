import pidusage from 'pidusage';

export interface Usage {
  cpuPercent: number;
  memoryBytes: number;
}

/** CPU (percent of one core since the last sample) and resident memory of each pid; a pid that is gone is left out. */
export async function sampleUsage(pids: number[]): Promise<Map<number, Usage>> {
  const results = await Promise.allSettled(pids.map(async (pid) => [pid, await pidusage(pid)] as const));
  const usage = new Map<number, Usage>();
  for (const result of results) {
    if (result.status !== 'fulfilled') continue;
    const [pid, stats] = result.value;
    usage.set(pid, { cpuPercent: Math.round(stats.cpu * 10) / 10, memoryBytes: stats.memory });
  }
  return usage;
}

/** Drops pidusage's per-pid history and its timers, so the process can exit. */
export function stopSampling(): void {
  pidusage.clear();
}
