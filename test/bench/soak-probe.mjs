// Loaded into the console's own process by the soak benchmark (`node --import`),
// so the figures come from inside the process the shells run, not from a copy of it.
// Answers { kind: 'probe' } over the IPC channel the benchmark forked it with:
// memory (heap after two full collections, when --expose-gc is on), the active
// handles by type, and the process's CPU time so far. Plain JavaScript: the
// built console runs under plain Node, without the TypeScript loader.
process.on('message', (message) => {
  if (message?.kind !== 'probe') return;
  // Twice: the first collection can leave garbage that only the second frees (weak references, finalizers).
  globalThis.gc?.();
  globalThis.gc?.();
  const memory = process.memoryUsage();
  const resources = process.getActiveResourcesInfo();
  const byType = {};
  for (const type of resources) byType[type] = (byType[type] ?? 0) + 1;
  const cpu = process.cpuUsage();
  process.send?.({
    kind: 'probe',
    atMs: Date.now(),
    uptimeS: process.uptime(),
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    heapTotalBytes: memory.heapTotal,
    externalBytes: memory.external,
    arrayBuffersBytes: memory.arrayBuffers,
    gcForced: typeof globalThis.gc === 'function',
    handlesByType: byType,
    cpuUserMicros: cpu.user,
    cpuSystemMicros: cpu.system,
  });
});
