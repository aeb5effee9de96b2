import type { CollatorRuleId, CollatorThresholds, ParachainRuleId, ParachainThresholds } from '../../../../shared/contract/health';

/** Each editable threshold in the operator's words, with its unit. */
export interface ThresholdField<K extends string> {
  key: K;
  label: string;
  unit: string;
  integer: boolean;
  /** Stored value per shown unit (60,000 to show milliseconds as minutes). */
  scale?: number;
}

type NumericKeys<T> = { [K in keyof T]: T[K] extends number ? K : never }[keyof T] & string;

export const collatorThresholdFields: ThresholdField<NumericKeys<CollatorThresholds>>[] = [
  { key: 'stallWarnBlockTimes', label: 'Best block not advancing: warn after', unit: 'block times', integer: false },
  { key: 'stallCritBlockTimes', label: 'Best block not advancing: critical after', unit: 'block times', integer: false },
  { key: 'finalityLagWarnBlocks', label: 'Finality lag: warn at', unit: 'blocks', integer: true },
  { key: 'finalityLagCritBlocks', label: 'Finality lag: critical at', unit: 'blocks', integer: true },
  { key: 'minPeersWarn', label: 'Peers: warn below', unit: 'peers', integer: true },
  { key: 'minPeersCrit', label: 'Peers: critical below', unit: 'peers', integer: true },
  { key: 'syncingWarnBlockTimes', label: 'Syncing: warn after', unit: 'block times', integer: false },
  { key: 'syncingCritBlockTimes', label: 'Syncing: critical after', unit: 'block times', integer: false },
  { key: 'crashLoopRestarts', label: 'Crash loop: restarts', unit: 'restarts', integer: true },
  { key: 'crashLoopWindowMs', label: 'Crash loop: within', unit: 'minutes', integer: false, scale: 60_000 },
  { key: 'rpcDownCritBlockTimes', label: 'RPC unreachable: critical after', unit: 'block times', integer: false },
  { key: 'notAuthoringMargin', label: 'Not authoring: missed turns', unit: 'turns', integer: false },
  { key: 'diskWarnFreePercent', label: 'Disk: warn below', unit: '% free', integer: false },
  { key: 'diskCritFreePercent', label: 'Disk: critical below', unit: '% free', integer: false },
  { key: 'clearDwellBlockTimes', label: 'Clear only after healthy for', unit: 'block times', integer: false },
];

export const parachainThresholdFields: ThresholdField<NumericKeys<ParachainThresholds>>[] = [
  { key: 'blockTimeMs', label: 'Expected parachain block time', unit: 'seconds', integer: false, scale: 1_000 },
  { key: 'relayBlockTimeMs', label: 'Expected relay block time', unit: 'seconds', integer: false, scale: 1_000 },
  { key: 'notIncludedWarnBlockTimes', label: 'Not included: warn after', unit: 'block times', integer: false },
  { key: 'notIncludedCritBlockTimes', label: 'Not included: critical after', unit: 'block times', integer: false },
  { key: 'blockspaceEndingWarnDays', label: 'Coretime or lease ending: warn within', unit: 'days', integer: false },
  { key: 'blockspaceEndingCritDays', label: 'Coretime or lease ending: critical within', unit: 'days', integer: false },
  { key: 'renewalCritHours', label: 'Renewal not done: critical within', unit: 'hours', integer: false },
  { key: 'onDemandWarnOrders', label: 'On-demand account: warn below', unit: 'orders', integer: true },
  { key: 'onDemandCritOrders', label: 'On-demand account: critical below', unit: 'orders', integer: true },
  { key: 'clearDwellBlockTimes', label: 'Clear only after healthy for', unit: 'block times', integer: false },
];

export const ruleWords: Record<CollatorRuleId | ParachainRuleId, string> = {
  'process-down': 'Process down',
  'crash-loop': 'Crash loop',
  'rpc-unreachable': 'RPC unreachable',
  'metrics-unreachable': 'Metrics unreachable while RPC works',
  'best-stalled': 'Best block not advancing',
  'finality-lag': 'Finality lag',
  'peers-low': 'Too few peers',
  'no-collator-peers': 'No other collator in sight',
  'syncing-too-long': 'Syncing too long',
  'not-authoring': 'In the author set but not authoring',
  'disk-low': 'Disk nearly full',
  'not-included': 'Parachain not included',
  'blockspace-ending': 'Coretime or lease ending',
  'renewal-due': 'Core renewable, not renewed',
  'on-demand-low': 'On-demand account running low',
};

/**
 * The fields the operator changed, as a patch: a value equal to what applies
 * now is left out, so saving an untouched form changes nothing. Returns an
 * error in words for a value that is not a number.
 */
/** The value as the operator reads it, in the field's unit. */
export function shownValue(field: ThresholdField<string>, stored: number): string {
  return String(stored / (field.scale ?? 1));
}

export function thresholdPatch<K extends string>(
  fields: readonly ThresholdField<K>[],
  effective: Record<K, number>,
  typed: Partial<Record<K, string>>,
): { patch: Partial<Record<K, number>>; errors: Partial<Record<K, string>> } {
  const patch: Partial<Record<K, number>> = {};
  const errors: Partial<Record<K, string>> = {};
  for (const field of fields) {
    const raw = typed[field.key];
    if (raw === undefined) continue;
    const text = raw.trim();
    const value = Number(text);
    if (text === '' || !Number.isFinite(value) || value < 0 || (field.integer && !Number.isInteger(value))) {
      errors[field.key] = field.integer ? 'A whole number, 0 or more.' : 'A number, 0 or more.';
      continue;
    }
    const stored = Math.round(value * (field.scale ?? 1) * 1e6) / 1e6;
    if (stored !== effective[field.key]) patch[field.key] = stored;
  }
  return { patch, errors };
}
