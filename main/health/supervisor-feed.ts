import type { CollatorProfile, CollatorState as NodeState, LogBatch } from '../../shared/contract/collators';
import { paraIdFromChainSpec } from '../collators/chain-spec';
import type { HealthMonitor } from './health-monitor';
import type { CollatorTarget } from './signals';

/** What the feed needs of the collator supervisor and the profiles. */
export interface SupervisorSignals {
  onState(listener: (state: NodeState) => void): () => void;
  onLog(id: string, listener: (batch: LogBatch) => void): () => void;
}
export interface ProfileSource {
  list(): Array<{ profile: CollatorProfile; state: NodeState }>;
}

const RUNNING = new Set<NodeState['status']>(['starting', 'running', 'backoff', 'crash-loop']);

/**
 * Feeds health monitoring from the supervisor: every profile becomes a
 * watched collator (its RPC and Prometheus ports on 127.0.0.1, its base
 * path), and each state change becomes process events, samples and progress.
 * Each parachain met this way is watched too. `paraIdOf` names the parachain
 * of a profile; by default it is read from the chain spec (0 when absent).
 */
export function feedHealthFromSupervisor(
  monitor: HealthMonitor,
  supervisor: SupervisorSignals,
  profiles: ProfileSource,
  paraIdOf: (profile: CollatorProfile) => number = paraIdFromChainSpec,
): () => void {
  const seen = new Map<string, NodeState>();
  const profileById = new Map<string, CollatorProfile>();
  const stopLogs: Array<() => void> = [];

  const follow = (profile: CollatorProfile, state: NodeState) => {
    profileById.set(profile.id, profile);
    const paraId = paraIdOf(profile);
    if (paraId > 0 && !monitor.watchesParachain(paraId)) monitor.watchParachain({ paraId, name: `Parachain ${paraId}` });
    monitor.watchCollator(targetOf(profile, state, paraId));
    // Errors in its log explain a crash loop to the operator.
    stopLogs.push(
      supervisor.onLog(profile.id, (batch) => {
        for (const line of batch.lines) if (line.level === 'error') monitor.recordLogEvent(profile.id, { kind: 'error', message: line.text });
      }),
    );
    apply(state);
  };

  const apply = (state: NodeState) => {
    const id = state.profileId;
    const previous = seen.get(id);
    seen.set(id, state);
    const profile = profileById.get(id);
    if (profile && previous?.status !== state.status) monitor.watchCollator(targetOf(profile, state, paraIdOf(profile)));
    if (state.pid !== null && state.pid !== previous?.pid) monitor.recordProcessEvent(id, { kind: 'started', pid: state.pid });
    if (state.lastExit && state.lastExit.at !== previous?.lastExit?.at) {
      monitor.recordProcessEvent(id, { kind: 'exited', code: state.lastExit.code, signal: state.lastExit.signal, expected: !state.lastExit.crashed });
    }
    if (state.status === 'crash-loop' && previous?.status !== 'crash-loop') monitor.recordProcessEvent(id, { kind: 'gave-up' });
    if (state.cpuPercent !== null || state.memoryBytes !== null) {
      monitor.recordProcessSample(id, {
        alive: state.pid !== null,
        ...(state.pid !== null ? { pid: state.pid } : {}),
        ...(state.cpuPercent !== null ? { cpuPercent: state.cpuPercent } : {}),
        ...(state.memoryBytes !== null ? { memoryBytes: state.memoryBytes } : {}),
      });
    }
    const { best, finalized, peers } = state.para;
    if (best !== null && finalized !== null) monitor.recordLogEvent(id, { kind: 'idle', peers: peers ?? 0, best, finalized });
    // A new "Prepared block for proposing" in its log: a block it authored (counted when its metrics do not count them).
    if (state.lastAuthored !== null && previous !== undefined && state.lastAuthored !== previous.lastAuthored) monitor.recordLogEvent(id, { kind: 'prepared-block', number: state.lastAuthored });
  };

  for (const { profile, state } of profiles.list()) follow(profile, state);
  const stopState = supervisor.onState((state) => {
    if (!profileById.has(state.profileId)) {
      const entry = profiles.list().find((candidate) => candidate.profile.id === state.profileId);
      if (entry) {
        follow(entry.profile, state);
        return;
      }
    }
    apply(state);
  });
  return () => {
    stopState();
    for (const stop of stopLogs) stop();
  };
}

function targetOf(profile: CollatorProfile, state: NodeState, paraId: number): CollatorTarget {
  return {
    id: profile.id,
    name: profile.name,
    paraId,
    rpcUrl: `ws://127.0.0.1:${profile.ports.para.rpc}`,
    parachainMetricsUrl: `http://127.0.0.1:${profile.ports.para.prometheus}/metrics`,
    ...(profile.relay.mode === 'embedded' ? { relayMetricsUrl: `http://127.0.0.1:${profile.ports.relay.prometheus}/metrics` } : {}),
    basePath: profile.basePath,
    expectedRunning: RUNNING.has(state.status),
  };
}
