/**
 * Frame costs read from a Chromium performance trace (the JSON that
 * `browser.stopTracing()` returns), for the UI benchmark. Two views of a frame:
 *
 * - presented: the interval between consecutive frames the renderer began
 *   (`BeginMainThreadFrame` on its main thread). On a 60 Hz display these
 *   come in whole vsyncs, so a late frame shows as 33 ms.
 * - main-thread time: how much of each such interval the renderer's main
 *   thread spent running tasks (top-level `RunTask` slices, clipped to the
 *   interval). Under 16 ms means the page itself never cost a frame; a
 *   presented frame can still be late when the machine gave the browser no CPU.
 * - main-thread CPU time: the same slices' thread time (`tdur`), which leaves
 *   out the time the thread was runnable but the operating system ran another
 *   process (here, the 20 nodes on the same 2 cores). The gap between the two
 *   is the machine's contention, not the page's work.
 */
interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of a complete event, where the trace has thread clocks. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

export interface TraceFrames {
  presentedMs: number[];
  mainThreadMs: number[];
  mainThreadCpuMs: number[];
}

export function framesFromTrace(traceJson: string): TraceFrames {
  const parsed = JSON.parse(traceJson) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  // The page's renderer is the main thread that began the most frames (others are idle helpers or extensions).
  const frameStarts = new Map<string, number[]>();
  for (const event of events) {
    if (event.name !== 'BeginMainThreadFrame') continue;
    const thread = `${event.pid}:${event.tid}`;
    if (!mainThreads.has(thread)) continue;
    frameStarts.set(thread, [...(frameStarts.get(thread) ?? []), event.ts]);
  }
  const [thread, starts] = [...frameStarts].sort((a, b) => b[1].length - a[1].length)[0] ?? ['', []];
  const sortedStarts = [...starts].sort((a, b) => a - b);
  const tasks = events
    .filter((e) => `${e.pid}:${e.tid}` === thread && e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur !== undefined)
    .map((e) => ({ start: e.ts, end: e.ts + (e.dur ?? 0), cpu: e.tdur ?? e.dur ?? 0 }))
    .sort((a, b) => a.start - b.start);
  const presentedMs: number[] = [];
  const mainThreadMs: number[] = [];
  const mainThreadCpuMs: number[] = [];
  let first = 0;
  for (let i = 1; i < sortedStarts.length; i++) {
    const from = sortedStarts[i - 1] ?? 0;
    const to = sortedStarts[i] ?? 0;
    presentedMs.push((to - from) / 1000);
    while (first < tasks.length && (tasks[first]?.end ?? 0) <= from) first++;
    let busyUs = 0;
    let cpuUs = 0;
    let coveredTo = from;
    for (let j = first; j < tasks.length; j++) {
      const task = tasks[j];
      if (!task || task.start >= to) break;
      // Nested RunTask slices overlap their parent: count each microsecond once.
      const start = Math.max(task.start, coveredTo);
      const end = Math.min(task.end, to);
      if (end > start) {
        busyUs += end - start;
        // A slice's thread time, in the share of its wall time that falls in this frame.
        cpuUs += task.end > task.start ? (task.cpu * (end - start)) / (task.end - task.start) : 0;
        coveredTo = end;
      }
    }
    mainThreadMs.push(busyUs / 1000);
    mainThreadCpuMs.push(cpuUs / 1000);
  }
  return { presentedMs, mainThreadMs, mainThreadCpuMs };
}
