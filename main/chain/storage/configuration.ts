import type { Codec } from '@polkadot/types-codec/types';
import { PALLET_NAMES } from '../capabilities/pallet-names';
import { bigintOf, field, hasField, numberOf } from './codec-values';
import { storageItem } from './storage-item';

/** The relay's limits and on-demand pricing parameters, from `configuration.activeConfig`. */
export interface RelayConfiguration {
  readonly maxCodeSize: number;
  readonly maxHeadDataSize: number;
  readonly pvfVotingTtlSessions: number;
  /** Undefined on runtimes that predate on-demand coretime. */
  readonly onDemand?: OnDemandParameters;
}

export interface OnDemandParameters {
  readonly baseFeePlanck: bigint;
  /** Perbill parts (1,000,000,000 = 100%). */
  readonly feeVariabilityPerbill: number;
  readonly targetQueueUtilizationPerbill: number;
  readonly queueMaxSize: number;
}

export const relayConfiguration = storageItem<[], RelayConfiguration>(PALLET_NAMES.configuration, 'activeConfig', (value) => {
  const onDemand = onDemandParameters(value);
  return {
    maxCodeSize: numberOf(field(value, 'maxCodeSize')),
    maxHeadDataSize: numberOf(field(value, 'maxHeadDataSize')),
    pvfVotingTtlSessions: numberOf(field(value, 'pvfVotingTtl')),
    ...(onDemand === undefined ? {} : { onDemand }),
  };
});

/** Newer runtimes group them under `schedulerParams`; older ones kept them at the top level. */
function onDemandParameters(config: Codec): OnDemandParameters | undefined {
  const holder = hasField(config, 'schedulerParams') ? field(config, 'schedulerParams') : config;
  if (!hasField(holder, 'onDemandBaseFee')) return undefined;
  return {
    baseFeePlanck: bigintOf(field(holder, 'onDemandBaseFee')),
    feeVariabilityPerbill: numberOf(field(holder, 'onDemandFeeVariability')),
    targetQueueUtilizationPerbill: numberOf(field(holder, 'onDemandTargetQueueUtilization')),
    queueMaxSize: numberOf(field(holder, 'onDemandQueueMaxSize')),
  };
}
