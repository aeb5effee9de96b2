import { numberOf } from './codec-values';
import { storageItem } from './storage-item';

/** `system.number`: the chain's own block number at the block read. */
export const systemNumber = storageItem<[], number>(['system'], 'number', numberOf);

/** `parachainSystem.lastRelayChainBlockNumber`: on a parachain (the Coretime chain), the relay block it last built on. */
export const lastRelayChainBlockNumber = storageItem<[], number>(['parachainSystem'], 'lastRelayChainBlockNumber', numberOf);
