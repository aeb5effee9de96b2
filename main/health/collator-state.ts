import type { MetricsReading } from './probes/prometheus-probe';
import type { NodeHealth, SyncState } from './probes/rpc-probe';
import type { CollatorTarget, LogEvent, ProcessEvent, ProcessSample } from './signals';

export type Reachability = 'unknown' | 'up' | 'down';

export interface Progress {
  number: number;
  /** When the number last went up (or the node restarted below it). */
  changedAtMs: number;
}

/** Everything known about one collator, folded from its probes and the supervisor's signals. */
export interface CollatorState {
  target: CollatorTarget;
  watchedSinceMs: number;
  /** `answeredSinceStart`: the RPC has answered since the process last started; until then a silent RPC is a node still starting. */
  rpc: { status: Reachability; sinceMs: number; reason: string | null; answeredSinceStart: boolean };
  health: NodeHealth | null;
  syncState: SyncState | null;
  metrics: { status: Reachability; sinceMs: number; reason: string | null; parachain: MetricsReading | null; relay: MetricsReading | null };
  best: Progress | null;
  finalized: Progress | null;
  lastBlockIntervalMs: number | null;
  authored: Progress | null;
  syncingSinceMs: number | null;
  process: {
    alive: boolean | null;
    sinceMs: number;
    pid: number | null;
    cpuPercent: number | null;
    memoryBytes: number | null;
    openFiles: number | null;
    /** Unexpected exits, newest last; pruned to the crash-loop window. */
    crashesAtMs: number[];
    gaveUp: boolean;
  };
  disk: { freeBytes: number; totalBytes: number } | null;
  lastLogError: string | null;
}

export function newCollatorState(target: CollatorTarget, nowMs: number): CollatorState {
  return {
    target,
    watchedSinceMs: nowMs,
    rpc: { status: 'unknown', sinceMs: nowMs, reason: null, answeredSinceStart: false },
    health: null,
    syncState: null,
    metrics: { status: 'unknown', sinceMs: nowMs, reason: null, parachain: null, relay: null },
    best: null,
    finalized: null,
    lastBlockIntervalMs: null,
    authored: null,
    syncingSinceMs: null,
    process: { alive: null, sinceMs: nowMs, pid: null, cpuPercent: null, memoryBytes: null, openFiles: null, crashesAtMs: [], gaveUp: false },
    disk: null,
    lastLogError: null,
  };
}

/**
 * Heights only go up: RPC, metrics and logs report the same node at slightly
 * different moments, and a late report must not look like a step back. A
 * restarted process starts over (see `applyProcessEvent`).
 */
export function observeBest(state: CollatorState, number: number, nowMs: number): void {
  const previous = state.best;
  if (previous !== null && number <= previous.number) return;
  if (previous !== null && previous.number > 0) state.lastBlockIntervalMs = (nowMs - previous.changedAtMs) / (number - previous.number);
  state.best = { number, changedAtMs: nowMs };
}

export function observeFinalized(state: CollatorState, number: number, nowMs: number): void {
  if (state.finalized !== null && number <= state.finalized.number) return;
  state.finalized = { number, changedAtMs: nowMs };
}

export function observeAuthored(state: CollatorState, count: number, nowMs: number): void {
  if (state.authored?.number === count) return;
  state.authored = { number: count, changedAtMs: nowMs };
}

export function observeSyncing(state: CollatorState, syncing: boolean, nowMs: number): void {
  if (!syncing) state.syncingSinceMs = null;
  else state.syncingSinceMs ??= nowMs;
}

export function setRpc(state: CollatorState, status: Reachability, nowMs: number, reason: string | null): void {
  const answeredSinceStart = state.rpc.answeredSinceStart || status === 'up';
  if (state.rpc.status !== status) state.rpc = { status, sinceMs: nowMs, reason, answeredSinceStart };
  else state.rpc = { ...state.rpc, reason, answeredSinceStart };
}

export function setMetrics(
  state: CollatorState,
  nowMs: number,
  result: { parachain: MetricsReading | null; relay: MetricsReading | null; reason: string | null },
): void {
  const status: Reachability = result.reason === null ? 'up' : 'down';
  if (state.metrics.status !== status) state.metrics.sinceMs = nowMs;
  state.metrics.status = status;
  state.metrics.reason = result.reason;
  if (result.parachain) state.metrics.parachain = result.parachain;
  if (result.relay) state.metrics.relay = result.relay;
  const para = result.parachain;
  if (para === null) return;
  if (para.best !== null) observeBest(state, para.best, nowMs);
  if (para.finalized !== null) observeFinalized(state, para.finalized, nowMs);
  if (para.blocksAuthored !== null) observeAuthored(state, para.blocksAuthored, nowMs);
  if (para.isMajorSyncing !== null && state.rpc.status !== 'up') observeSyncing(state, para.isMajorSyncing, nowMs);
}

export function applyProcessSample(state: CollatorState, sample: ProcessSample, nowMs: number): void {
  setAlive(state, sample.alive, nowMs);
  state.process.pid = sample.pid ?? state.process.pid;
  state.process.cpuPercent = sample.cpuPercent ?? null;
  state.process.memoryBytes = sample.memoryBytes ?? null;
  if (sample.openFiles !== undefined) state.process.openFiles = sample.openFiles;
}

export function applyProcessEvent(state: CollatorState, event: ProcessEvent, nowMs: number): void {
  switch (event.kind) {
    case 'started':
      setAlive(state, true, nowMs);
      state.process.pid = event.pid;
      state.rpc.answeredSinceStart = false;
      state.process.gaveUp = false;
      // A fresh process starts its count of authored blocks from zero, and may come back on a purged database.
      state.authored = null;
      // It gets the usual stall allowance from its start to show its first block.
      if (state.best !== null) state.best = { number: 0, changedAtMs: nowMs };
      state.finalized = null;
      return;
    case 'exited':
      setAlive(state, false, nowMs);
      if (!event.expected) state.process.crashesAtMs.push(nowMs);
      return;
    case 'restarting':
      return;
    case 'gave-up':
      state.process.gaveUp = true;
      return;
  }
}

export function applyLogEvent(state: CollatorState, event: LogEvent, nowMs: number): void {
  switch (event.kind) {
    case 'imported':
    case 'prepared-block':
      observeBest(state, event.number, nowMs);
      return;
    case 'idle':
      observeBest(state, event.best, nowMs);
      observeFinalized(state, event.finalized, nowMs);
      return;
    case 'error':
      state.lastLogError = event.message;
      return;
    default:
      return;
  }
}

export function currentPeers(state: CollatorState): number | null {
  if (state.rpc.status === 'up' && state.health) return state.health.peers;
  return state.metrics.parachain?.peers ?? state.health?.peers ?? null;
}

function setAlive(state: CollatorState, alive: boolean, nowMs: number): void {
  if (state.process.alive !== alive) state.process.sinceMs = nowMs;
  state.process.alive = alive;
}
