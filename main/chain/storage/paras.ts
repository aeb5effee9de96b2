import { PALLET_NAMES } from '../capabilities/pallet-names';
import { bitLengthOf, countSetBits, enumKind, field, hexOf, itemsOf, numberOf } from './codec-values';
import { storageItem } from './storage-item';

/** Where a para is in its life on the relay chain. */
export type ParaLifecycle =
  | 'Onboarding'
  | 'Parathread'
  | 'Parachain'
  | 'UpgradingParathread'
  | 'DowngradingParachain'
  | 'OffboardingParathread'
  | 'OffboardingParachain';

export const parasLifecycle = storageItem<[paraId: number], ParaLifecycle>(
  PALLET_NAMES.paras,
  'paraLifecycles',
  (value) => enumKind(value) as ParaLifecycle,
);

/** For a Cumulus para, the SCALE-encoded parachain header. */
export const parasHead = storageItem<[paraId: number], `0x${string}`>(PALLET_NAMES.paras, 'heads', hexOf);

export const parasCurrentCodeHash = storageItem<[paraId: number], `0x${string}`>(PALLET_NAMES.paras, 'currentCodeHash', hexOf);

/** The relay block at which a scheduled code upgrade applies. */
export const parasFutureCodeUpgrade = storageItem<[paraId: number], number>(PALLET_NAMES.paras, 'futureCodeUpgrades', numberOf);

export const parasUpgradeGoAhead = storageItem<[paraId: number], 'Abort' | 'GoAhead'>(
  PALLET_NAMES.paras,
  'upgradeGoAheadSignal',
  (value) => enumKind(value) as 'Abort' | 'GoAhead',
);

/** Validators' pre-check of a validation code: votes for and against, and for how many sessions it has run. */
export interface PvfVote {
  readonly votesAccept: number;
  readonly votesReject: number;
  /** Validators in the voting set (the length of the vote bit field). */
  readonly validatorCount: number;
  /** Sessions the vote has been running. */
  readonly ageSessions: number;
  /** Relay block at which the vote started. */
  readonly createdAtBlock: number;
}

export const parasPvfActiveVote = storageItem<[codeHash: string], PvfVote>(PALLET_NAMES.paras, 'pvfActiveVoteMap', (value) => {
  const accept = field(value, 'votesAccept');
  return {
    votesAccept: countSetBits(accept),
    votesReject: countSetBits(field(value, 'votesReject')),
    validatorCount: bitLengthOf(accept),
    ageSessions: numberOf(field(value, 'age')),
    createdAtBlock: numberOf(field(value, 'createdAt')),
  };
});

/** Paras whose lifecycle changes at the start of that session (onboarding, offboarding, upgrades). */
export const parasActionsQueue = storageItem<[session: number], number[]>(PALLET_NAMES.paras, 'actionsQueue', (value) =>
  itemsOf(value).map(numberOf),
);

/** The code a scheduled upgrade will switch to (set while its pre-check runs and until it applies). */
export const parasFutureCodeHash = storageItem<[paraId: number], `0x${string}`>(PALLET_NAMES.paras, 'futureCodeHash', hexOf);

/** `Present` while the para may not schedule another upgrade (the cooldown after the last one). */
export const parasUpgradeRestriction = storageItem<[paraId: number], 'Present'>(PALLET_NAMES.paras, 'upgradeRestrictionSignal', (value) => enumKind(value) as 'Present');

/** `(para, block)` pairs: when each para's upgrade cooldown ends. */
export const parasUpgradeCooldowns = storageItem<[], Array<{ paraId: number; untilBlock: number }>>(PALLET_NAMES.paras, 'upgradeCooldowns', (value) =>
  itemsOf(value).map((pair) => {
    const [paraId, block] = itemsOf(pair);
    return { paraId: paraId === undefined ? -1 : numberOf(paraId), untilBlock: block === undefined ? 0 : numberOf(block) };
  }),
);
