import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../main/health/clock';
import { CollatorWatch } from '../../../main/health/collator-watch';
import type { ParachainWatch } from '../../../main/health/parachain-watch';
import { RuleLatches, type WatchedSubjects } from '../../../main/health/rule-latches';
import { RuleSettings } from '../../../main/health/rule-settings';

const BLOCK_MS = 6_000;
const dir = mkdtempSync(join(tmpdir(), 'rule-latches-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.useRealTimers());
let files = 0;

/**
 * One running collator the latches judge from its state alone: no RPC or
 * metrics address, so nothing is dialled and the test sets what it saw.
 */
function oneCollator() {
  const clock = new ManualClock();
  const watch = new CollatorWatch({ id: 'alice', name: 'Alice', paraId: 2000, expectedRunning: true }, clock, { metricsTimeoutMs: 1, rpcReconnectMs: 1, rpcRequestTimeoutMs: 1 }, () => undefined);
  watch.state.process.alive = true;
  watch.state.best = { number: 100, changedAtMs: clock.now() };
  const watched: WatchedSubjects = { collators: () => [watch], parachains: () => [] as ParachainWatch[], parachain: () => undefined };
  const settings = new RuleSettings(join(dir, `settings-${(files += 1)}.json`));
  settings.updateRules({ scope: 'parachain-defaults', patch: { blockTimeMs: BLOCK_MS } });
  const dwellMs = settings.forCollator('alice').clearDwellBlockTimes * BLOCK_MS;
  return { clock, watch, watched, settings, dwellMs };
}

const alice = { kind: 'collator', id: 'alice' } as const;

describe('the rule latches', () => {
  it('raises a fault at once, keeps its words while it is held, and says "recovered" once it has settled', () => {
    const { clock, watch, watched, settings, dwellMs } = oneCollator();
    const latches = new RuleLatches({ settings, onStallThresholdDue: () => undefined });
    expect(latches.judge(watched, clock.now(), false)).toEqual([]);
    expect(latches.findings(alice)).toEqual({ level: 'ok', findings: [] });

    watch.state.process.alive = false;
    const down = latches.judge(watched, clock.advance(1_000), false);
    expect(down).toEqual([expect.objectContaining({ subject: alice, subjectName: 'Alice', rule: 'process-down', from: 'ok', to: 'crit', message: 'Alice is not running.' })]);
    expect(down[0]?.hint).toBeDefined();

    watch.state.process.alive = true;
    watch.state.best = { number: 101, changedAtMs: clock.advance(1_000) };
    expect(latches.judge(watched, clock.now(), false)).toEqual([]);
    expect(latches.findings(alice)).toEqual({ level: 'crit', findings: [expect.objectContaining({ rule: 'process-down', level: 'crit', message: 'Alice is not running.' })] });

    watch.state.best = { number: 102, changedAtMs: clock.advance(dwellMs) };
    const recovered = latches.judge(watched, clock.now(), false);
    expect(recovered).toEqual([expect.objectContaining({ rule: 'process-down', from: 'crit', to: 'ok', message: 'Alice recovered (process-down).' })]);
    expect(recovered[0]).not.toHaveProperty('hint');
    expect(latches.findings(alice).level).toBe('ok');
  });

  it('lists findings worst first, and forgets a subject that is no longer watched', () => {
    const { clock, watch, watched, settings } = oneCollator();
    const latches = new RuleLatches({ settings, onStallThresholdDue: () => undefined });
    // A disk below its CRIT threshold, and a stall just past WARN: the CRIT is listed first though the stall rule is judged first.
    const { diskCritFreePercent, stallWarnBlockTimes, stallCritBlockTimes } = settings.forCollator('alice');
    watch.state.disk = { freeBytes: diskCritFreePercent / 2, totalBytes: 100 };
    watch.state.best = { number: 100, changedAtMs: clock.now() - ((stallWarnBlockTimes + stallCritBlockTimes) / 2) * BLOCK_MS };
    latches.judge(watched, clock.now(), false);
    const { level, findings } = latches.findings(alice);
    expect(level).toBe('crit');
    expect(findings.map((finding) => [finding.rule, finding.level])).toEqual([
      ['disk-low', 'crit'],
      ['best-stalled', 'warn'],
    ]);

    latches.forget(alice);
    expect(latches.findings(alice)).toEqual({ level: 'ok', findings: [] });
    // Watched again with the same fault: a fresh latch, so the fault is raised again.
    expect(latches.judge(watched, clock.now(), false).map((alert) => alert.rule)).toEqual(expect.arrayContaining(['best-stalled', 'disk-low']));
  });

  it('wakes the monitor when a stall threshold is crossed between probe rounds, and not after it stopped', () => {
    vi.useFakeTimers();
    const { clock, watched, settings } = oneCollator();
    const due = vi.fn();
    const latches = new RuleLatches({ settings, onStallThresholdDue: due });
    latches.judge(watched, clock.now(), false);
    vi.runAllTimers();
    expect(due).not.toHaveBeenCalled(); // judged by hand: no timer left behind

    latches.judge(watched, clock.now(), true);
    vi.runAllTimers();
    expect(due).toHaveBeenCalledTimes(1);

    latches.judge(watched, clock.now(), true);
    latches.stop();
    vi.runAllTimers();
    expect(due).toHaveBeenCalledTimes(1);
  });
});
