import { describe, expect, it } from 'vitest';
import type { CollatorHealth } from '../../../../shared/contract/health';
import { collatorsHash, parseCollatorsHash } from '../../../../renderer/src/features/collators/collators-route';
import { describeRemote } from '../../../../renderer/src/features/collators/use-remote-collators';

const healthy: CollatorHealth = {
  id: 'remote-1',
  name: 'prod-1',
  paraId: 2000,
  level: 'ok',
  findings: [],
  rpc: 'up',
  metrics: 'up',
  alive: null,
  best: 10,
  finalized: 8,
  peers: 3,
  syncPeers: null,
  isSyncing: false,
  blocksAuthored: null,
  readyTransactions: null,
  collationsGenerated: null,
  collationsExpired: null,
  relayBest: null,
  relayPeers: null,
  openFiles: null,
  cpuPercent: null,
  memoryBytes: null,
  diskFreeBytes: null,
  restartsInWindow: 0,
};

describe('a remote collator in the fleet table', () => {
  it('is connecting until health has heard its RPC, reachable when it answers with no finding', () => {
    expect(describeRemote(undefined)).toMatchObject({ label: 'Connecting', tone: 'idle' });
    expect(describeRemote({ ...healthy, rpc: 'unknown' })).toMatchObject({ label: 'Connecting' });
    expect(describeRemote(healthy)).toEqual({ label: 'Reachable', tone: 'ok', detail: null });
  });

  it('is unreachable, with the cause, when its RPC is down: the crash of a remote', () => {
    const message = "prod-1's RPC has not answered for 4 s: connection refused by 10.0.0.5:9944.";
    const down: CollatorHealth = { ...healthy, rpc: 'down', level: 'crit', findings: [{ rule: 'rpc-unreachable', level: 'crit', message, hint: 'Check it.', sinceMs: 0 }] };
    expect(describeRemote(down)).toEqual({ label: 'Unreachable', tone: 'crit', detail: message });
  });

  it('shows its worst finding when it answers but something is wrong', () => {
    const stalled: CollatorHealth = { ...healthy, level: 'warn', findings: [{ rule: 'best-stalled', level: 'warn', message: 'prod-1 has not imported a block for 14 s.', hint: '', sinceMs: 0 }] };
    expect(describeRemote(stalled)).toEqual({ label: 'Warning', tone: 'warn', detail: 'prod-1 has not imported a block for 14 s.' });
  });

  it('has its own address for the add form', () => {
    expect(parseCollatorsHash('#/collators/new-remote')).toEqual({ kind: 'new-remote' });
    expect(collatorsHash({ kind: 'new-remote' })).toBe('#/collators/new-remote');
  });
});
