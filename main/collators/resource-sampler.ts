import pidusage from 'pidusage';

export interface Usage {
  cpuPercent: number;
  memoryBytes: number;
}

/** CPU (percent of one core since the last sample) and resident memory of each pid; a pid that is gone is left out. */
export async function sampleUsage(pids: number[]): Promise<Map<number, Usage>> {
  const usage = new Map<number, Usage>();
  if (pids.length === 0) return usage;
  // One call for every pid: pidusage then reads the clock (/proc/uptime) once per sample instead of once per pid, and
  // its first call asks getconf for the clock tick and page size once, where a call per pid spawned two getconf per node.
  // With several pids a pid that is gone is left out of the answer; a single one rejects.
  let stats: Record<string, { cpu: number; memory: number } | undefined>;
  try {
    stats = await pidusage(pids);
  } catch {
    return usage;
  }
  for (const pid of pids) {
    const stat = stats[pid];
    if (stat) usage.set(pid, { cpuPercent: Math.round(stat.cpu * 10) / 10, memoryBytes: stat.memory });
  }
  return usage;
}

/** Drops pidusage's per-pid history and its timers, so the process can exit. */
export function stopSampling(): void {
  pidusage.clear();
}
