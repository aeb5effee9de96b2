import { describe, expect, it } from 'vitest';
import type { CollatorState } from '../../../../shared/contract/collators';
import { appendPoint, blockTimesFromBest, type Point } from '../../../../renderer/src/components/charts/series-points';
import { formatBytes, formatCountdown, formatDuration, formatPercent } from '../../../../renderer/src/components/charts/units';
import { collatorThresholdFields, thresholdPatch } from '../../../../renderer/src/features/alerts/rule-fields';
import { collatorStatusRows } from '../../../../renderer/src/features/alerts/subject-status';
import { parseCollatorsHash } from '../../../../renderer/src/features/collators/collators-route';
import { availableActions, describeStatus } from '../../../../renderer/src/features/collators/node-status';
import { emptyForm, formFromProfile, joinArgs, splitArgs, toProfileInput } from '../../../../renderer/src/features/collators/profile-form-model';
import { recordState, emptySeries } from '../../../../renderer/src/features/health/live-series';

function state(patch: Partial<CollatorState> = {}): CollatorState {
  return {
    profileId: 'c1',
    status: 'running',
    pid: 4242,
    adopted: false,
    startedAt: 1_000,
    restarts: 0,
    nextRestartAt: null,
    backoffMs: null,
    lastExit: null,
    cpuPercent: 3.2,
    memoryBytes: 120 * 1024 * 1024,
    para: { best: 10, finalized: 8, peers: 3 },
    relay: { best: 20, finalized: 18, peers: 8 },
    lastAuthored: 10,
    warnings: 0,
    errors: 0,
    logFile: null,
    ...patch,
  };
}

describe('the add/edit form turns what the operator typed into a profile, or says what is wrong', () => {
  it('requires the four paths and names, in words', () => {
    const result = toProfileInput(emptyForm());
    expect(result.input).toBeNull();
    expect(result.errors).toMatchObject({ name: 'Give the collator a name.', binaryPath: expect.any(String), chainSpecPath: expect.any(String), basePath: expect.any(String) });
  });

  it('leaves empty ports to the main process and refuses a port used twice', () => {
    const values = { ...emptyForm(), name: 'c', binaryPath: '/bin/node', chainSpecPath: '/spec.json', basePath: '/data' };
    const auto = toProfileInput(values);
    expect(auto.input?.ports).toEqual({ para: {}, relay: {} });
    const twice = toProfileInput({ ...values, ports: { ...values.ports, 'para.rpc': '9944', 'relay.rpc': '9944' } });
    expect(twice.errors?.['relay.rpc']).toBe("Port 9944 is already used for the parachain node's RPC port.");
    const bad = toProfileInput({ ...values, ports: { ...values.ports, 'para.p2p': '70000' } });
    expect(bad.errors?.['para.p2p']).toMatch(/1 to 65535/);
  });

  it('builds external relay RPC mode and checks each address', () => {
    const values = { ...emptyForm(), name: 'c', binaryPath: '/b', chainSpecPath: '/s', basePath: '/d', relayMode: 'rpc' as const };
    expect(toProfileInput({ ...values, relayRpcUrls: 'https://nope' }).errors?.relayRpcUrls).toBe('"https://nope" is not a ws:// or wss:// address.');
    expect(toProfileInput({ ...values, relayRpcUrls: 'wss://a.example\nws://127.0.0.1:9944' }).input?.relay).toEqual({ mode: 'rpc', rpcUrls: ['wss://a.example', 'ws://127.0.0.1:9944'] });
  });

  it('splits extra arguments like a shell would, without ever using one, and round-trips them', () => {
    expect(splitArgs('--name "my collator" --pruning=archive  --x \'\'')).toEqual(['--name', 'my collator', '--pruning=archive', '--x', '']);
    expect(splitArgs('--name "open')).toBe('A double quote is not closed.');
    expect(splitArgs(joinArgs(['--name', 'my collator', '']))).toEqual(['--name', 'my collator', '']);
  });

  it('fills the form from a saved profile with its chosen ports', () => {
    const values = formFromProfile({
      id: 'p', name: 'c', binaryPath: '/b', chainSpecPath: '/s', basePath: '/d', collator: true,
      relay: { mode: 'embedded', chain: 'paseo', syncMode: 'warp' }, extraArgs: ['--name', 'a b'], relayExtraArgs: [],
      ports: { para: { p2p: 30333, rpc: 9944, prometheus: 9615 }, relay: { p2p: 30334, rpc: 9945, prometheus: 9616 } }, createdAt: 0, updatedAt: 0,
    });
    expect(values.ports['relay.prometheus']).toBe('9616');
    expect(values.extraArgs).toBe('--name "a b"');
    expect(toProfileInput(values).input?.relay).toEqual({ mode: 'embedded', chain: 'paseo', syncMode: 'warp' });
  });
});

describe('a node’s state in the operator’s words', () => {
  it('calls a backoff a crash with its restart countdown, and a crash loop what it is', () => {
    expect(describeStatus(state({ status: 'backoff', restarts: 1, nextRestartAt: 15_000 }), 10_000)).toEqual({ label: 'Crashed, restarting', tone: 'crit', detail: 'restart 2 in 5 s' });
    expect(describeStatus(state({ status: 'crash-loop', restarts: 5 }), 0).label).toBe('Crash loop');
    expect(describeStatus(state({ status: 'stopped', lastExit: { code: 1, signal: null, at: 0, crashed: true } }), 0)).toMatchObject({ label: 'Crashed', detail: 'exited with code 1' });
    expect(describeStatus(state({ adopted: true }), 61_000)).toMatchObject({ label: 'Running (adopted)', detail: 'up 1 min 0 s' });
  });

  it('offers only the actions that make sense now', () => {
    expect(availableActions(state())).toEqual({ start: false, stop: true, restart: true, remove: false });
    expect(availableActions(state({ status: 'crash-loop' }))).toMatchObject({ start: true, remove: true });
    expect(availableActions(state({ status: 'stopping' }))).toMatchObject({ start: false, stop: false });
  });

  it('keeps the selected node in the address', () => {
    expect(parseCollatorsHash('#/collators/abc%2Fd/edit')).toEqual({ kind: 'edit', id: 'abc/d' });
    expect(parseCollatorsHash('#/collators/new')).toEqual({ kind: 'new' });
    expect(parseCollatorsHash('#/collators')).toEqual({ kind: 'list' });
  });
});

describe('chart series', () => {
  it('adds one point per second, drops late ones, and stays bounded', () => {
    let points: Point[] = [];
    for (let i = 0; i < 700; i++) points = appendPoint(points, [i * 1000, i], 600);
    expect(points).toHaveLength(600);
    expect(appendPoint(points, [5, 1], 600)).toBe(points);
    expect(appendPoint([[1000, 1]], [1000, 2], 10)).toEqual([[1000, 2]]);
  });

  it('derives block time from the best block, ignoring a reset after a restart', () => {
    expect(blockTimesFromBest([[0, 10], [6000, 11], [12000, 11], [18000, 13], [19000, 0], [25000, 1]])).toEqual([[6000, 6000], [18000, 6000], [25000, 6000]]);
  });

  it('records a running node’s figures on whole seconds and nothing for a stopped one', () => {
    const series = recordState(emptySeries(), state(), 12_345);
    expect(series.best).toEqual([[12_000, 10]]);
    expect(series.memoryBytes).toEqual([[12_000, 120 * 1024 * 1024]]);
    expect(recordState(series, state({ status: 'stopped' }), 20_000)).toBe(series);
  });

  it('formats operational figures', () => {
    expect(formatBytes(120 * 1024 * 1024)).toBe('120 MiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatPercent(3.25)).toBe('3.3 %');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 d 4 h');
    expect(formatCountdown(10_000, 4_000)).toBe('in 6 s');
    expect(formatCountdown(0, 120_000)).toBe('2 min 0 s ago');
  });
});

describe('alerts', () => {
  it('shows the supervisor’s crash loop for a collator health does not watch, and health’s verdict when it does', () => {
    const profiles = [{ profile: { id: 'a', name: 'alpha' }, state: state({ profileId: 'a', status: 'crash-loop', restarts: 5 }) }];
    expect(collatorStatusRows(profiles, [])[0]).toMatchObject({ level: 'crit', source: 'supervisor' });
    const watched = collatorStatusRows(profiles, [
      { id: 'a', name: 'alpha', paraId: 1000, level: 'warn', findings: [], rpc: 'up', metrics: 'up', alive: true, best: 1, finalized: 1, peers: 1, syncPeers: 0, isSyncing: false, blocksAuthored: 0, cpuPercent: 1, memoryBytes: 1, diskFreeBytes: 1, restartsInWindow: 0 },
    ]);
    expect(watched[0]).toMatchObject({ level: 'warn', source: 'health' });
  });

  it('sends only the thresholds the operator changed, in stored units, and refuses what is not a number', () => {
    const effective = { ...Object.fromEntries(collatorThresholdFields.map((f) => [f.key, 1])), crashLoopWindowMs: 600_000, minPeersWarn: 2 } as Record<string, number>;
    const { patch, errors } = thresholdPatch(collatorThresholdFields, effective, { minPeersWarn: '2', crashLoopWindowMs: '5', minPeersCrit: 'x', finalityLagWarnBlocks: '1.5' });
    expect(patch).toEqual({ crashLoopWindowMs: 300_000 });
    expect(errors).toEqual({ minPeersCrit: 'A whole number, 0 or more.', finalityLagWarnBlocks: 'A whole number, 0 or more.' });
  });
});
