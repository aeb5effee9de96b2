import type { ApiPromise } from '@polkadot/api';
import { PALLET_NAMES } from '../capabilities/pallet-names';
import { itemsOf, numberOf } from './codec-values';
import { constantBigint, storageItem } from './storage-item';

export const sessionCurrentIndex = storageItem<[], number>(PALLET_NAMES.session, 'currentIndex', numberOf);

/** `babe.epochStart`: the blocks at which the previous and the current epoch (session) started. */
export const babeEpochStart = storageItem<[], { previousStartBlock: number; currentStartBlock: number }>(
  PALLET_NAMES.babe,
  'epochStart',
  (value) => {
    const [previous, current] = itemsOf(value);
    if (previous === undefined || current === undefined) throw new Error('babe.epochStart is a pair');
    return { previousStartBlock: numberOf(previous), currentStartBlock: numberOf(current) };
  },
);

export interface EpochTiming {
  /** Blocks (slots) per epoch; on the relay chains one epoch is one session. */
  readonly epochLengthBlocks: number;
  readonly expectedBlockTimeMs: number;
}

/** From the BABE constants; undefined on a chain without BABE (parachains). */
export function readEpochTiming(api: ApiPromise): EpochTiming | undefined {
  const epochLength = constantBigint(api, PALLET_NAMES.babe, 'epochDuration');
  const blockTime = constantBigint(api, PALLET_NAMES.babe, 'expectedBlockTime');
  if (epochLength === undefined || blockTime === undefined) return undefined;
  return { epochLengthBlocks: Number(epochLength), expectedBlockTimeMs: Number(blockTime) };
}
