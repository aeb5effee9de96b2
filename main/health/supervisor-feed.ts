import type { CollatorProfile, CollatorState as NodeState } from '../../shared/contract/collators';
import type { HealthMonitor } from './health-monitor';
import type { CollatorTarget } from './signals';

/** What the feed needs of the collator supervisor and the profiles. */
export interface SupervisorSignals {
  onState(listener: (state: NodeState) => void): () => void;
}
export interface ProfileSource {
  list(): Array<{ profile: CollatorProfile; state: NodeState }>;
}

const RUNNING = new Set<NodeState['status']>(['starting', 'running', 'backoff', 'crash-loop']);

/**
 * Feeds health monitoring from the supervisor: every profile becomes a
 * watched collator (its RPC and Prometheus ports on 127.0.0.1, its base
 * path), and each state change becomes process events, samples and progress.
 * `paraIdOf` names the parachain of a profile when known (0 otherwise).
 */
export function feedHealthFromSupervisor(
  monitor: HealthMonitor,
  supervisor: SupervisorSignals,
  profiles: ProfileSource,
  paraIdOf: (profile: CollatorProfile) => number = () => 0,
): () => void {
  const seen = new Map<string, NodeState>();
  const profileById = new Map<string, CollatorProfile>();

  const follow = (profile: CollatorProfile, state: NodeState) => {
    profileById.set(profile.id, profile);
    monitor.watchCollator(targetOf(profile, state, paraIdOf(profile)));
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
  };

  for (const { profile, state } of profiles.list()) follow(profile, state);
  return supervisor.onState((state) => {
    if (!profileById.has(state.profileId)) {
      const entry = profiles.list().find((candidate) => candidate.profile.id === state.profileId);
      if (entry) {
        follow(entry.profile, state);
        return;
      }
    }
    apply(state);
  });
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
