import { describe, expect, it } from 'vitest';
import type { Subject } from '../../../shared/contract/health';
import { ManualClock } from '../../../main/health/clock';
import { HealthWatcher } from '../../../main/health/health-watcher';
import { PendingWork } from '../../../main/health/pending-work';
import type { SubjectFindings } from '../../../main/health/rule-latches';
import type { CollatorTarget } from '../../../main/health/signals';
import { polkadotRelay } from './support/relay-events';

/** A collator with no RPC or metrics address: the watcher dials nothing, and the test feeds what it would have seen. */
function collator(id: string, overrides: Partial<CollatorTarget> = {}): CollatorTarget {
  return { id, name: id.toUpperCase(), paraId: 2000, expectedRunning: true, ...overrides };
}

function watcherForTest() {
  const clock = new ManualClock();
  const work = new PendingWork();
  const events: string[] = [];
  const watcher = new HealthWatcher({
    clock,
    timings: { metricsTimeoutMs: 1, rpcReconnectMs: 1, rpcRequestTimeoutMs: 1 },
    work,
    onPush: () => events.push('push'),
    onUnwatched: (subject) => events.push(`unwatched ${subject.kind === 'collator' ? subject.id : subject.paraId}`),
    onWatchedChanged: () => events.push('changed'),
  });
  return { clock, work, events, watcher };
}

const allOk = (): SubjectFindings => ({ level: 'ok', findings: [] });

describe('the health watcher', () => {
  it('says what changed when collators come, change intent, change endpoints and go', async () => {
    const { watcher, events, work } = watcherForTest();
    watcher.watchCollator(collator('a'));
    watcher.watchCollator(collator('a', { expectedRunning: false }));
    watcher.watchCollator(collator('a', { basePath: '/elsewhere' }));
    watcher.unwatchCollator('a');
    watcher.unwatchCollator('a');
    await work.idle();
    expect(events).toEqual(['changed', 'push', 'unwatched a', 'changed', 'changed', 'unwatched a', 'changed']);
    expect([...watcher.collators()]).toEqual([]);
  });

  it('renames a parachain it already watches rather than watching it twice, and forgets it once', () => {
    const { watcher, events } = watcherForTest();
    watcher.watchParachain({ paraId: 2000, name: 'Parachain 2000' });
    watcher.watchParachain({ paraId: 2000, name: 'Rococo Asset Hub' });
    expect([...watcher.parachains()].map((watch) => watch.target.name)).toEqual(['Rococo Asset Hub']);
    expect(watcher.watchesParachain(2000)).toBe(true);
    watcher.unwatchParachain(2000);
    watcher.unwatchParachain(2000);
    expect(watcher.watchesParachain(2000)).toBe(false);
    expect(events).toEqual(['changed', 'changed', 'unwatched 2000', 'changed']);
  });

  it('folds signals into the subject they name, and says so; a subject not watched is left alone', () => {
    const { watcher, clock } = watcherForTest();
    watcher.watchCollator(collator('a'));
    watcher.watchParachain({ paraId: 2000, name: 'P' });
    expect(watcher.recordProcessSample('a', { alive: true, pid: 42, cpuPercent: 12 }, clock.now())).toBe(true);
    expect(watcher.recordProcessSample('nobody', { alive: true }, clock.now())).toBe(false);
    expect(watcher.recordProcessEvent('nobody', { kind: 'gave-up' }, clock.now())).toBe(false);
    expect(watcher.recordLogEvent('nobody', { kind: 'error', message: 'x' }, clock.now())).toBe(false);
    expect(watcher.setAuthorities(2001, ['0x01'])).toBe(false);
    expect(watcher.recordBlockspace(2000, { kind: 'none' })).toBe(true);
    expect(watcher.recordBlockspace(2001, { kind: 'none' })).toBe(false);

    const status = watcher.status(allOk, clock.now());
    expect(status.collators[0]).toMatchObject({ id: 'a', alive: true, cpuPercent: 12 });
    expect(status.parachains[0]).toMatchObject({ paraId: 2000, blockspace: 'none' });
  });

  it('lets every watched parachain read a relay block, and names the collator that authored the included one', () => {
    const relay = polkadotRelay();
    const { watcher, clock } = watcherForTest();
    const key = '0x' + 'ab'.repeat(32);
    watcher.watchCollator(collator('a', { auraKey: key }));
    watcher.watchParachain({ paraId: 2000, name: 'P' });
    watcher.watchParachain({ paraId: 2001, name: 'Q' });
    watcher.setAuthorities(2000, [key]);

    const readings = watcher.readRelayBlock({ number: 7, events: relay.events([{ kind: 'CandidateIncluded', paraId: 2000, headNumber: 3, slot: 0n }]) }, clock.now());
    expect(readings.map((reading) => [reading.paraId, reading.found.map((event) => event.kind)])).toEqual([
      [2000, ['included']],
      [2001, []],
    ]);
    expect(watcher.status(allOk, clock.now()).parachains[0]).toMatchObject({ headNumber: 3, lastIncludedRelayBlock: 7, authorSetSize: 1, lastAuthorIndex: 0, lastAuthorCollatorId: 'a' });
  });

  it('shows each subject at the level its findings hold, and sums up with the worst problem first', () => {
    const { watcher, clock } = watcherForTest();
    expect(watcher.status(allOk, clock.now())).toMatchObject({ level: 'idle', summary: 'nothing watched' });
    watcher.watchCollator(collator('a'));
    watcher.watchParachain({ paraId: 2000, name: 'P' });
    const findingsOf = (subject: Subject): SubjectFindings =>
      subject.kind === 'collator'
        ? { level: 'warn', findings: [{ rule: 'peers-low', level: 'warn', message: 'few peers', sinceMs: 1 }] }
        : { level: 'crit', findings: [{ rule: 'not-included', level: 'crit', message: 'stuck', sinceMs: 1 }] };
    const status = watcher.status(findingsOf, clock.now());
    expect(status).toMatchObject({ level: 'crit', summary: '1 collator, 1 parachain: 1 CRIT, 1 WARN (P: not-included)', atMs: clock.now() });
    expect(status.collators[0]?.level).toBe('warn');
  });
});
