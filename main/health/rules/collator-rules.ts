import type { CollatorThresholds, HealthLevel } from '../../../shared/contract/health';
import { currentPeers, type CollatorState } from '../collator-state';
import { levelAbove, levelBelow, ok, seconds, type Verdict } from './verdict';

export interface CollatorRuleContext {
  nowMs: number;
  /** The parachain's expected block time: every time threshold is a multiple of it. */
  blockTimeMs: number;
  thresholds: CollatorThresholds;
  /** Size of the parachain's Aura author set, 0 when unknown. */
  authorSetSize: number;
  /** This collator's Aura key is in the author set. */
  inAuthorSet: boolean;
  /** When the relay chain last included a block this collator authored, if known. */
  lastAuthoredIncludedAtMs: number | null;
  /** The level each rule holds now, for rules whose clear threshold differs from their raise threshold. */
  current: (rule: Verdict['rule']) => HealthLevel;
}

type CollatorRule = (state: CollatorState, ctx: CollatorRuleContext) => Verdict;

export const collatorRules: CollatorRule[] = [
  processDown,
  crashLoop,
  rpcUnreachable,
  metricsUnreachable,
  bestStalled,
  finalityLag,
  peersLow,
  noCollatorPeers,
  syncingTooLong,
  notAuthoring,
  diskLow,
];

export function evaluateCollator(state: CollatorState, ctx: CollatorRuleContext): Verdict[] {
  return collatorRules.map((rule) => rule(state, ctx)).map((verdict) => (ctx.thresholds.disabledRules.includes(verdict.rule) ? ok(verdict.rule, 'Rule turned off.') : verdict));
}

function processDown(state: CollatorState): Verdict {
  if (!state.target.expectedRunning || state.process.alive !== false) return ok('process-down');
  return {
    rule: 'process-down',
    level: 'crit',
    message: `${state.target.name} is not running.`,
    hint: state.process.gaveUp ? 'It kept crashing and is no longer restarted: read its log, fix the cause, then start it.' : 'It is being restarted; read its log if this repeats.',
  };
}

function crashLoop(state: CollatorState, ctx: CollatorRuleContext): Verdict {
  const { crashLoopRestarts, crashLoopWindowMs } = ctx.thresholds;
  const crashes = state.process.crashesAtMs.filter((at) => ctx.nowMs - at <= crashLoopWindowMs);
  state.process.crashesAtMs = crashes;
  const level: HealthLevel = state.process.gaveUp || crashes.length >= crashLoopRestarts ? 'crit' : crashes.length >= 2 ? 'warn' : 'ok';
  if (level === 'ok') return ok('crash-loop');
  return {
    rule: 'crash-loop',
    level,
    message: `${state.target.name} crashed ${crashes.length} times in the last ${seconds(crashLoopWindowMs)}.`,
    hint: state.lastLogError ? `Last error in its log: ${state.lastLogError}` : 'Read its log for the error that stops it.',
  };
}

function rpcUnreachable(state: CollatorState, ctx: CollatorRuleContext): Verdict {
  if (!state.target.rpcUrl || !state.target.expectedRunning || state.process.alive === false) return ok('rpc-unreachable');
  if (state.rpc.status !== 'down') return ok('rpc-unreachable');
  // A node that has not answered yet since it started is still opening its database, up to the grace allowed.
  const startedAtMs = state.process.alive === true ? state.process.sinceMs : state.watchedSinceMs;
  const graceMs = ctx.thresholds.startupGraceBlockTimes * ctx.blockTimeMs;
  if (!state.rpc.answeredSinceStart && ctx.nowMs - startedAtMs < graceMs) return ok('rpc-unreachable', 'Starting.');
  const downMs = ctx.nowMs - state.rpc.sinceMs;
  return {
    rule: 'rpc-unreachable',
    level: downMs >= ctx.thresholds.rpcDownCritBlockTimes * ctx.blockTimeMs ? 'crit' : 'warn',
    message: `${state.target.name}'s RPC has not answered for ${seconds(downMs)}${state.rpc.reason ? `: ${state.rpc.reason}` : ''}.`,
    hint: 'Check that the node is running with its RPC on this port and is not overloaded.',
  };
}

function metricsUnreachable(state: CollatorState): Verdict {
  const hasMetrics = state.target.parachainMetricsUrl !== undefined || state.target.relayMetricsUrl !== undefined;
  if (!hasMetrics || state.metrics.status !== 'down' || state.rpc.status !== 'up') return ok('metrics-unreachable');
  return {
    rule: 'metrics-unreachable',
    level: 'warn',
    message: `${state.target.name} answers on RPC but its metrics cannot be read: ${state.metrics.reason ?? 'no answer'}.`,
    hint: 'Another program may hold the Prometheus port, so the node runs without an exporter. Give each node its own --prometheus-port.',
  };
}

function bestStalled(state: CollatorState, ctx: CollatorRuleContext): Verdict {
  if (!state.target.expectedRunning || state.process.alive === false) return ok('best-stalled');
  // Without RPC, metrics or a height in its log, nothing tells whether it advances.
  const hasHeightSource = state.target.rpcUrl !== undefined || state.target.parachainMetricsUrl !== undefined || state.best !== null;
  if (!hasHeightSource) return ok('best-stalled');
  const sinceMs = state.best?.changedAtMs ?? state.watchedSinceMs;
  const stalledMs = ctx.nowMs - sinceMs;
  const blockTimes = stalledMs / ctx.blockTimeMs;
  const level = levelAbove(blockTimes, ctx.thresholds.stallWarnBlockTimes, ctx.thresholds.stallCritBlockTimes);
  if (level === 'ok') return ok('best-stalled');
  const at = state.best === null ? 'no block seen yet' : `best block #${state.best.number}`;
  return {
    rule: 'best-stalled',
    level,
    message: `${state.target.name} has not imported a block for ${seconds(stalledMs)} (${blockTimes.toFixed(1)} block times; ${at}).`,
    hint: 'Check its peers and log; if every collator stalls, check that the parachain still has coretime.',
  };
}

function finalityLag(state: CollatorState, ctx: CollatorRuleContext): Verdict {
  if (state.best === null || state.finalized === null) return ok('finality-lag');
  const lag = state.best.number - state.finalized.number;
  const level = levelAbove(lag, ctx.thresholds.finalityLagWarnBlocks, ctx.thresholds.finalityLagCritBlocks);
  if (level === 'ok') return ok('finality-lag');
  return {
    rule: 'finality-lag',
    level,
    message: `${state.target.name}'s finalized block is ${lag} blocks behind its best (#${state.finalized.number} vs #${state.best.number}).`,
    hint: 'Finality follows the relay chain: check the embedded relay node is synced and has peers.',
  };
}

function peersLow(state: CollatorState, ctx: CollatorRuleContext): Verdict {
  const peers = currentPeers(state);
  if (peers === null || state.rpc.status === 'down' && state.metrics.status !== 'up') return ok('peers-low');
  const level = levelBelow(peers, ctx.thresholds.minPeersWarn, ctx.thresholds.minPeersCrit);
  if (level === 'ok') return ok('peers-low');
  return {
    rule: 'peers-low',
    level,
    message: `${state.target.name} has ${peers} peer${peers === 1 ? '' : 's'} (minimum ${ctx.thresholds.minPeersWarn}).`,
    hint: 'Check its p2p port is reachable from outside and its bootnodes are right.',
  };
}

function noCollatorPeers(state: CollatorState, ctx: CollatorRuleContext): Verdict {
  const syncPeers = state.metrics.status === 'up' ? (state.metrics.parachain?.syncPeers ?? null) : null;
  if (syncPeers !== 0 || ctx.authorSetSize === 1) return ok('no-collator-peers');
  return {
    rule: 'no-collator-peers',
    level: 'warn',
    message: `${state.target.name} sees no other node of its parachain (substrate_sync_peers is 0).`,
    hint: 'Its blocks cannot reach the other collators: check the parachain bootnodes and p2p port.',
  };
}

function syncingTooLong(state: CollatorState, ctx: CollatorRuleContext): Verdict {
  if (state.syncingSinceMs === null) return ok('syncing-too-long');
  const syncingMs = ctx.nowMs - state.syncingSinceMs;
  const level = levelAbove(syncingMs / ctx.blockTimeMs, ctx.thresholds.syncingWarnBlockTimes, ctx.thresholds.syncingCritBlockTimes);
  if (level === 'ok') return ok('syncing-too-long');
  const target = state.syncState?.highestBlock ?? state.metrics.parachain?.syncTarget ?? null;
  return {
    rule: 'syncing-too-long',
    level,
    message: `${state.target.name} has been syncing for ${seconds(syncingMs)}${target !== null && state.best ? ` (#${state.best.number} of #${target})` : ''}.`,
    hint: 'A collator cannot author while it syncs. Check its disk speed and peers, or start it from a snapshot.',
  };
}

function notAuthoring(state: CollatorState, ctx: CollatorRuleContext): Verdict {
  if (!ctx.inAuthorSet || ctx.authorSetSize === 0 || !state.target.expectedRunning) return ok('not-authoring');
  const windowMs = ctx.authorSetSize * ctx.blockTimeMs * ctx.thresholds.notAuthoringMargin;
  // The chain must be moving: a halted parachain is the stall rule's business.
  const chainMoving = state.best !== null && ctx.nowMs - state.best.changedAtMs < windowMs;
  if (!chainMoving) return ok('not-authoring');
  const lastAuthoredMs = Math.max(state.authored?.changedAtMs ?? state.watchedSinceMs, ctx.lastAuthoredIncludedAtMs ?? 0, state.watchedSinceMs);
  const silentMs = ctx.nowMs - lastAuthoredMs;
  const level = levelAbove(silentMs, windowMs, 2 * windowMs);
  if (level === 'ok') return ok('not-authoring');
  return {
    rule: 'not-authoring',
    level,
    message: `${state.target.name} is in the author set of ${ctx.authorSetSize} but authored no block for ${seconds(silentMs)} while the chain moved on.`,
    hint: 'Check its session keys are in its keystore (author_hasSessionKeys) and match the ones registered on chain.',
  };
}

function diskLow(state: CollatorState, ctx: CollatorRuleContext): Verdict {
  if (state.disk === null || state.disk.totalBytes === 0) return ok('disk-low');
  const freePercent = (100 * state.disk.freeBytes) / state.disk.totalBytes;
  const { diskWarnFreePercent, diskCritFreePercent, diskClearMarginPercent } = ctx.thresholds;
  // Once raised, the alarm clears only with some margin above its threshold.
  const margin = ctx.current('disk-low') === 'ok' ? 0 : diskClearMarginPercent;
  const level = levelBelow(freePercent, diskWarnFreePercent + margin, diskCritFreePercent);
  if (level === 'ok') return ok('disk-low');
  return {
    rule: 'disk-low',
    level,
    message: `${state.target.name}'s disk has ${freePercent.toFixed(1)} % free (${(state.disk.freeBytes / 2 ** 30).toFixed(1)} GiB).`,
    hint: 'The node stops itself when its database disk fills: free space or move its base path.',
  };
}
