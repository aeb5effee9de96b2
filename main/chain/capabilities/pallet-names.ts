/**
 * The names a pallet has had across runtime generations, newest first.
 * Detection and the call builders both pick the first one the runtime has.
 */
export const PALLET_NAMES = {
  registrar: ['registrar'],
  paras: ['paras'],
  configuration: ['configuration'],
  slots: ['slots'],
  auctions: ['auctions'],
  crowdloan: ['crowdloan'],
  onDemand: ['onDemand', 'onDemandAssignmentProvider'],
  broker: ['broker'],
  collatorSelection: ['collatorSelection'],
  session: ['session'],
  ahOps: ['ahOps'],
  babe: ['babe'],
} as const satisfies Record<string, readonly string[]>;

export type Flow = keyof typeof PALLET_NAMES;

/** On-demand queue state storage: newer runtimes call it `orderStatus`, older ones `queueStatus`. */
export const ON_DEMAND_QUEUE_ITEMS = ['orderStatus', 'queueStatus'] as const;
export type OnDemandQueueItem = (typeof ON_DEMAND_QUEUE_ITEMS)[number];
