import { describe, expect, it } from 'vitest';
import { blockEtaMs, formatBlockNumber, formatBytes, formatCountdown, formatDuration } from '../../../../renderer/src/format/time';
import { explorerLinks } from '../../../../renderer/src/format/explorer';
import { canRetry, happyPathIndex, phaseWords } from '../../../../renderer/src/format/tx-phase';

describe('durations and countdowns', () => {
  it('shows the two largest units', () => {
    expect(formatDuration(90_061_000)).toBe('1 d 1 h');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(2 * 3_600_000)).toBe('2 h');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(300)).toBe('less than a second');
  });

  it('counts down to a future block and back from a past one', () => {
    const now = 1_700_000_000_000;
    // Two sessions of 600 blocks at 6 s: the onboarding wait of a new para.
    expect(formatCountdown(blockEtaMs(1_200, 0, 6_000, now), now)).toBe('in about 2 h');
    expect(formatCountdown(now - 5 * 60_000, now)).toBe('about 5 min ago');
    expect(formatCountdown(now, now)).toBe('now');
  });

  it('groups block numbers and sizes code', () => {
    expect(formatBlockNumber(1_234_567)).toBe('#1,234,567');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1_572_864)).toBe('1.5 MiB');
  });
});

describe('explorer links', () => {
  it('builds block, extrinsic and parachain links from a network explorer base', () => {
    const links = explorerLinks('https://polkadot.subscan.io/');
    expect(links?.block(123)).toBe('https://polkadot.subscan.io/block/123');
    expect(links?.extrinsic('0xabc')).toBe('https://polkadot.subscan.io/extrinsic/0xabc');
    expect(links?.parachain(2000)).toBe('https://polkadot.subscan.io/parachain/2000');
  });

  it('offers no link where the network has no explorer', () => {
    expect(explorerLinks(undefined)).toBeNull();
    expect(explorerLinks('javascript:alert(1)')).toBeNull();
  });
});

describe('transaction steps in plain words', () => {
  it('places each phase on the happy path and says when a retry can finish it', () => {
    expect(happyPathIndex('ready')).toBe(1);
    expect(happyPathIndex('in-block')).toBe(2);
    expect(happyPathIndex('failed')).toBe(-1);
    expect(phaseWords('finalized')).toMatchObject({ tone: 'ok', settled: true });
    expect(phaseWords('failed')).toMatchObject({ tone: 'crit', settled: true });
    expect(canRetry('unknown')).toBe(true);
    expect(canRetry('failed')).toBe(false);
  });
});
