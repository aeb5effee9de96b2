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
  /** What the code is for: a para's registration (`onboarding`) or its code upgrade. */
  readonly causes: ReadonlyArray<{ readonly kind: 'onboarding' | 'upgrade'; readonly paraId: number }>;
}

export const parasPvfActiveVote = storageItem<[codeHash: string], PvfVote>(PALLET_NAMES.paras, 'pvfActiveVoteMap', (value) => {
  const accept = field(value, 'votesAccept');
  return {
    votesAccept: countSetBits(accept),
    votesReject: countSetBits(field(value, 'votesReject')),
    validatorCount: bitLengthOf(accept),
    ageSessions: numberOf(field(value, 'age')),
    createdAtBlock: numberOf(field(value, 'createdAt')),
    causes: itemsOf(field(value, 'causes')).flatMap(causeOf),
  };
});

/** `Onboarding(id)` or `Upgrade { id, … }`, as JSON: `{ onboarding: 2000 }`, `{ upgrade: { id: 2000, … } }`. */
function causeOf(value: { toJSON(): unknown }): Array<PvfVote['causes'][number]> {
  const json = value.toJSON() as Record<string, unknown> | null;
  if (json === null || typeof json !== 'object') return [];
  const onboarding = json['onboarding'] ?? json['Onboarding'];
  if (onboarding !== undefined) return [{ kind: 'onboarding', paraId: Number(onboarding) }];
  const upgrade = (json['upgrade'] ?? json['Upgrade']) as { id?: unknown } | undefined;
  if (upgrade?.id !== undefined) return [{ kind: 'upgrade', paraId: Number(upgrade.id) }];
  return [];
}

/** The code hashes whose pre-check vote runs now. */
export const parasPvfActiveVoteList = storageItem<[], Array<`0x${string}`>>(PALLET_NAMES.paras, 'pvfActiveVoteList', (value) => itemsOf(value).map(hexOf));

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
