import { afterEach, describe, expect, it } from 'vitest';
import { BLOCK_TIME_MS, monitorForTest } from './support/monitor';
import { polkadotRelay } from './support/relay-events';

const relay = polkadotRelay();
const PARA = 2000;
const DAY_MS = 86_400_000;
let cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups) await cleanup();
  cleanups = [];
});

function parachainMonitor() {
  const t = monitorForTest();
  cleanups.push(t.cleanup);
  t.monitor.watchParachain({ paraId: PARA, name: 'Para 2000' });
  let relayNumber = 1_000;
  let head = 10;
  /** One relay block (6 s): with or without an inclusion of our parachain. */
  const relayBlock = (included: boolean) => {
    t.clock.advance(BLOCK_TIME_MS);
    relayNumber += 1;
    if (included) head += 1;
    t.monitor.recordRelayBlock({ number: relayNumber, events: relay.events(included ? [{ kind: 'CandidateIncluded', paraId: PARA, headNumber: head, slot: BigInt(head) }] : [{ kind: 'CandidateIncluded', paraId: 3000 }]) });
    return t.monitor.evaluate();
  };
  return { ...t, relayBlock };
}

describe('parachain rules, from real relay events', () => {
  it('flags a parachain not included for two block times, and clears once it is included again', () => {
    const t = parachainMonitor();
    t.relayBlock(true);
    t.relayBlock(false);
    expect(t.levelOf('parachain', 'not-included')).toBe('ok');
    t.relayBlock(false);
    expect(t.levelOf('parachain', 'not-included')).toBe('warn');
    expect(t.monitor.status().parachains[0]?.findings[0]?.message).toMatch(/no block included for 2 relay blocks/);
    for (let i = 0; i < 3; i += 1) t.relayBlock(false);
    expect(t.levelOf('parachain', 'not-included')).toBe('crit');
    for (let i = 0; i < 4; i += 1) t.relayBlock(true);
    expect(t.changes('not-included')).toEqual(['ok→warn', 'warn→crit', 'crit→ok']);
  });

  it('does not flap when inclusions come and go at the threshold', () => {
    const t = parachainMonitor();
    t.relayBlock(true);
    for (let i = 0; i < 10; i += 1) {
      t.relayBlock(false);
      t.relayBlock(false);
      t.relayBlock(true);
    }
    expect(t.changes('not-included')).toEqual(['ok→warn']);
    for (let i = 0; i < 4; i += 1) t.relayBlock(true);
    expect(t.changes('not-included')).toEqual(['ok→warn', 'warn→ok']);
  });

  it('expects no inclusion from an on-demand parachain that placed no order', () => {
    const t = parachainMonitor();
    t.monitor.recordBlockspace(PARA, { kind: 'on-demand', balancePlanck: 10n ** 15n, spotPricePlanck: 10n ** 10n, orderFeePlanck: 0n, ordering: false });
    for (let i = 0; i < 10; i += 1) t.relayBlock(false);
    expect(t.changes('not-included')).toEqual([]);
  });

  it('warns when the lease or coretime region ends within the days set, and when the renewal interlude is open', () => {
    const t = parachainMonitor();
    const now = t.clock.now();
    t.monitor.recordBlockspace(PARA, { kind: 'lease', endsAtMs: now + 20 * DAY_MS });
    t.monitor.evaluate();
    expect(t.levelOf('parachain', 'blockspace-ending')).toBe('ok');
    t.monitor.recordBlockspace(PARA, { kind: 'lease', endsAtMs: now + 10 * DAY_MS });
    t.monitor.evaluate();
    expect(t.levelOf('parachain', 'blockspace-ending')).toBe('warn');
    t.monitor.recordBlockspace(PARA, { kind: 'bulk', endsAtMs: now + 2 * DAY_MS, interlude: { open: true, endsAtMs: now + 3 * DAY_MS, renewed: false } });
    t.monitor.evaluate();
    expect(t.levelOf('parachain', 'blockspace-ending')).toBe('crit');
    expect(t.levelOf('parachain', 'renewal-due')).toBe('warn');
    t.clock.advance(2.5 * DAY_MS);
    t.monitor.recordBlockspace(PARA, { kind: 'bulk', endsAtMs: now + 2 * DAY_MS, interlude: { open: true, endsAtMs: now + 3 * DAY_MS, renewed: false } });
    t.monitor.evaluate();
    expect(t.levelOf('parachain', 'renewal-due')).toBe('crit');
    // Renewed: the region continues, both alarms clear after their dwell.
    t.monitor.recordBlockspace(PARA, { kind: 'bulk', endsAtMs: now + 30 * DAY_MS, interlude: { open: true, endsAtMs: now + 3 * DAY_MS, renewed: true } });
    t.monitor.evaluate();
    t.clock.advance(3 * BLOCK_TIME_MS);
    t.monitor.evaluate();
    expect(t.changes('renewal-due')).toEqual(['ok→warn', 'warn→crit', 'crit→ok']);
    expect(t.changes('blockspace-ending').at(-1)).toBe('crit→ok');
  });

  it('counts the on-demand account in orders left at the spot price', () => {
    const t = parachainMonitor();
    const spot = 3_000_000_000n;
    t.monitor.recordBlockspace(PARA, { kind: 'on-demand', balancePlanck: spot * 500n, spotPricePlanck: spot, orderFeePlanck: 0n, ordering: true });
    t.monitor.evaluate();
    expect(t.monitor.status().parachains[0]?.ordersLeft).toBe('500');
    t.monitor.recordBlockspace(PARA, { kind: 'on-demand', balancePlanck: spot * 99n + 1n, spotPricePlanck: spot, orderFeePlanck: 0n, ordering: true });
    t.monitor.evaluate();
    expect(t.levelOf('parachain', 'on-demand-low')).toBe('warn');
    t.monitor.recordBlockspace(PARA, { kind: 'on-demand', balancePlanck: spot * 9n, spotPricePlanck: spot, orderFeePlanck: 0n, ordering: true });
    t.monitor.evaluate();
    expect(t.levelOf('parachain', 'on-demand-low')).toBe('crit');
    expect(t.monitor.status().parachains[0]?.findings.find((f) => f.rule === 'on-demand-low')?.message).toMatch(/9 more orders/);
  });

  it('counts each order\'s transaction fee in the runway, not the price alone', () => {
    // As measured on the Paseo relay: 10,000,000 planck in price, about 204,000,000 in fees per order.
    const t = parachainMonitor();
    t.monitor.recordBlockspace(PARA, { kind: 'on-demand', balancePlanck: 48n * 10_000_000n + 5n * 204_000_000n, spotPricePlanck: 10_000_000n, orderFeePlanck: 204_000_000n, ordering: true });
    t.monitor.evaluate();
    expect(t.monitor.status().parachains[0]?.ordersLeft).toBe('7');
    expect(t.monitor.status().parachains[0]?.findings.find((f) => f.rule === 'on-demand-low')?.message).toMatch(/7 more orders at the current spot price and transaction fee/);
  });

  it('takes the operator\'s per-parachain thresholds: a 12 s chain tolerates four relay blocks', () => {
    const t = parachainMonitor();
    t.monitor.updateRules({ scope: 'parachain', paraId: PARA, patch: { blockTimeMs: 12_000 } });
    t.relayBlock(true);
    for (let i = 0; i < 3; i += 1) t.relayBlock(false);
    expect(t.levelOf('parachain', 'not-included')).toBe('ok');
    t.relayBlock(false);
    expect(t.levelOf('parachain', 'not-included')).toBe('warn');
  });
});
