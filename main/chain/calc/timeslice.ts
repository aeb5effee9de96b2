/**
 * Coretime units. The broker counts time in timeslices of 80 relay blocks
 * (`broker.timeslicePeriod` on the live Coretime chains); a bulk region is
 * 5,040 timeslices (about 28 days at 6 s blocks).
 */
export const TIMESLICE_PERIOD_BLOCKS = 80;
export const REGION_LENGTH_TIMESLICES = 5_040;

export function timesliceStartBlock(timeslice: number, periodBlocks: number = TIMESLICE_PERIOD_BLOCKS): number {
  return timeslice * periodBlocks;
}

/** The timeslice a relay block falls in. */
export function timesliceAt(relayBlock: number, periodBlocks: number = TIMESLICE_PERIOD_BLOCKS): number {
  return Math.floor(relayBlock / periodBlocks);
}

export function timeslicesToBlocks(timeslices: number, periodBlocks: number = TIMESLICE_PERIOD_BLOCKS): number {
  return timeslices * periodBlocks;
}

export function timeslicesToMs(timeslices: number, blockTimeMs: number, periodBlocks: number = TIMESLICE_PERIOD_BLOCKS): number {
  return timeslices * periodBlocks * blockTimeMs;
}

/** A region [begin, end) in relay blocks and wall-clock length. */
export function regionSpan(
  region: { readonly beginTimeslice: number; readonly endTimeslice: number },
  blockTimeMs: number,
  periodBlocks: number = TIMESLICE_PERIOD_BLOCKS,
): { readonly beginBlock: number; readonly endBlock: number; readonly durationMs: number } {
  return {
    beginBlock: timesliceStartBlock(region.beginTimeslice, periodBlocks),
    endBlock: timesliceStartBlock(region.endTimeslice, periodBlocks),
    durationMs: timeslicesToMs(region.endTimeslice - region.beginTimeslice, blockTimeMs, periodBlocks),
  };
}

/** Wall-clock time until a relay block, from the current one. Zero when it has passed. */
export function msUntilBlock(targetBlock: number, currentBlock: number, blockTimeMs: number): number {
  return Math.max(0, targetBlock - currentBlock) * blockTimeMs;
}
