import { z } from 'zod';
import { customNetworkSchema } from './custom-network';
import { call, noInput, stream } from './define';

/**
 * The chain domain: connections, the read model, the transaction pipeline and
 * rehearsal forks. Balances cross the boundary as decimal strings of planck
 * (JSON has no bigint); both sides turn them into `bigint` at once.
 */

export const planckSchema = z.string().regex(/^\d{1,40}$/, 'An amount in planck: digits only');
export const hexSchema = z.string().regex(/^0x([0-9a-fA-F]{2})*$/, 'Hex bytes starting with 0x');
/** SS58 (any prefix) or 0x-hex public key; the main process checks it properly. */
export const addressSchema = z.string().min(40).max(70);
export const paraIdSchema = z.number().int().min(0).max(4_294_967_295);

/** The chains of one network the console talks to; `parachain` is the team's own chain (its collator's RPC or a custom endpoint). */
export const chainRoleSchema = z.enum(['relay', 'coretime', 'assetHub', 'parachain']);
export type ChainRoleName = z.infer<typeof chainRoleSchema>;

const wsEndpointSchema = z.string().regex(/^wss?:\/\/.{1,500}$/, 'An RPC endpoint starts with ws:// or wss://');

// ---------------------------------------------------------------------------
// Connections

export const connectionStateSchema = z.object({
  role: chainRoleSchema,
  networkId: z.string(),
  status: z.enum(['idle', 'connecting', 'connected', 'reconnecting', 'failed']),
  /** The endpoint in use (connected) or being tried (connecting, reconnecting). */
  endpoint: z.string().optional(),
  /** Plain words: why the last endpoint dropped or why the connection gave up. */
  reason: z.string().optional(),
  /** True while a rehearsal fork stands in for the real chain. */
  rehearsal: z.boolean(),
  /** Set while connected but the chain has made no new block for longer than expected (a stuck node or a halted chain). */
  stalled: z.object({ lastBlockNumber: z.number().int(), lastBlockAt: z.number().int(), forMs: z.number().int() }).optional(),
  at: z.number().int(),
});
export type ConnectionStateEvent = z.infer<typeof connectionStateSchema>;

export const networkSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  builtIn: z.boolean(),
  testnet: z.boolean(),
  token: z.object({ symbol: z.string(), decimals: z.number().int() }),
  ss58Prefix: z.number().int(),
  chains: z.array(z.object({ role: chainRoleSchema, name: z.string(), paraId: z.number().int().optional(), endpoints: z.array(z.string()) })),
});
export type NetworkSummary = z.infer<typeof networkSummarySchema>;

export const connectInputSchema = z.object({
  networkId: z.string().min(1).max(40),
  /** Which chains to open; default: every chain the network has. */
  roles: z.array(chainRoleSchema).max(4).optional(),
  /** Endpoints that replace the network's list for a chain (a private RPC, a local node); `parachain` needs one. */
  endpoints: z.object({
    relay: z.array(wsEndpointSchema).min(1).max(16).optional(),
    coretime: z.array(wsEndpointSchema).min(1).max(16).optional(),
    assetHub: z.array(wsEndpointSchema).min(1).max(16).optional(),
    parachain: z.array(wsEndpointSchema).min(1).max(16).optional(),
  }).strict().optional(),
}).strict();
export type ConnectInput = z.infer<typeof connectInputSchema>;

// ---------------------------------------------------------------------------
// Capabilities

export const callPermissionSchema = z.object({
  /** `unchecked`: the call exists in metadata; only a dry-run can tell whether a call filter lets it through. */
  state: z.enum(['absent', 'unchecked', 'allowed', 'filtered']),
  reason: z.string().optional(),
});

/** One flow the console may offer (registrar, auctions, on-demand, broker, ...), and why not when it is missing. */
export const capabilitySchema = z.object({
  role: chainRoleSchema,
  flow: z.string(),
  available: z.boolean(),
  reason: z.string().optional(),
  pallet: z.string().optional(),
  calls: z.record(z.string(), callPermissionSchema).optional(),
  note: z.string().optional(),
});
export type Capability = z.infer<typeof capabilitySchema>;

// ---------------------------------------------------------------------------
// Read model

export const readQuerySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('balance'), role: chainRoleSchema, address: addressSchema }).strict(),
  z.object({ kind: z.literal('head'), role: chainRoleSchema }).strict(),
  z.object({ kind: z.literal('nextFreeParaId') }).strict(),
  /** Para ids this account manages (reserved or registered), kept fresh on registrar events. */
  z.object({ kind: z.literal('managedParas'), address: addressSchema }).strict(),
  z.object({ kind: z.literal('para'), paraId: paraIdSchema }).strict(),
  z.object({ kind: z.literal('onDemandQueue') }).strict(),
  z.object({ kind: z.literal('coretimeSale') }).strict(),
  /** Regions the account owns, and the renewals open to the given paras; refreshed on broker events. */
  z.object({ kind: z.literal('coretimeHoldings'), address: addressSchema, paraIds: z.array(paraIdSchema).max(50) }).strict(),
  /** Code and head limits and the deposits; the register deposit when the genesis head size (and, where the runtime charges on it, the code size) is given. */
  z.object({ kind: z.literal('relayLimits'), genesisHeadBytes: z.number().int().min(0).max(10_000_000).optional(), validationCodeBytes: z.number().int().min(0).max(100_000_000).optional() }).strict(),
  z.object({ kind: z.literal('pvfVote'), codeHash: hexSchema }).strict(),
  /**
   * Where a para stands in its life and when its next change lands: the registration's PVF vote, queued for a session,
   * onboarded, offboarding, a lifecycle change, and a code upgrade's pre-check. The vote is found by the para (its
   * causes), so `codeHash` is only a hint kept for older callers.
   */
  z.object({ kind: z.literal('onboardingEta'), paraId: paraIdSchema, codeHash: hexSchema.optional() }).strict(),
  z.object({ kind: z.literal('leases'), paraId: paraIdSchema }).strict(),
  z.object({ kind: z.literal('auction') }).strict(),
  z.object({ kind: z.literal('crowdloan'), paraId: paraIdSchema }).strict(),
  /** The parachain's collator selection: the candidacy bond, shown before anyone signs up as a candidate. */
  z.object({ kind: z.literal('candidacy') }).strict(),
  /** A para's leases and its bids winning the running auction (relay `slots.leases`, `auctions.winning`). */
  z.object({ kind: z.literal('paraLeasesAndBids'), paraId: paraIdSchema }).strict(),
  /** A para's bulk coretime as the broker holds it: cores now, planned regions, renewal rights; regions held by `holder`. */
  z.object({ kind: z.literal('paraCoretime'), paraId: paraIdSchema, holder: addressSchema.optional() }).strict(),
  /** `broker.enableAutoRenew` as call data for the para's governance: only the para's sovereign account may send it. */
  z.object({ kind: z.literal('autoRenewCall'), core: z.number().int().min(0).max(65_535), paraId: paraIdSchema, workloadEndHint: z.number().int().min(0).optional() }).strict(),
  /** The para's HRMP channels on the relay, the requests waiting on either side, its system-para channels and what a channel costs. */
  z.object({ kind: z.literal('hrmpChannels'), paraId: paraIdSchema }).strict(),
]);
export type ReadQuery = z.infer<typeof readQuerySchema>;

/** One direction of a channel as the para sees it: `outbound` (the para sends) or `inbound` (it receives). */
const hrmpDirectionSchema = z.enum(['outbound', 'inbound']);

const hrmpChannelsValueSchema = z.object({
  kind: z.literal('hrmpChannels'),
  paraId: z.number().int(),
  currentSession: z.number().int().optional(),
  /** From `configuration.activeConfig`: what the next channel costs each side, and the limits a request must stay within. */
  senderDepositPlanck: planckSchema,
  recipientDepositPlanck: planckSchema,
  maxCapacity: z.number().int(),
  maxMessageSize: z.number().int(),
  maxTotalSize: z.number().int(),
  maxOutboundChannels: z.number().int(),
  maxInboundChannels: z.number().int(),
  channels: z.array(z.object({
    direction: hrmpDirectionSchema,
    /** The para at the other end. */
    counterpart: z.number().int(),
    maxCapacity: z.number().int(),
    maxMessageSize: z.number().int(),
    maxTotalSize: z.number().int(),
    msgCount: z.number().int(),
    totalSize: z.number().int(),
    senderDepositPlanck: planckSchema,
    recipientDepositPlanck: planckSchema,
    /** A close was requested: the channel goes at the next session change. */
    closing: z.boolean(),
  })),
  requests: z.array(z.object({
    direction: hrmpDirectionSchema,
    counterpart: z.number().int(),
    /** Accepted by the recipient: the next session change opens it. */
    confirmed: z.boolean(),
    /**
     * Where the console saw the relay take the request (its `hrmp.OpenChannelRequested` event): the relay
     * block and the session it fell in. Absent when the request came before the console watched: the relay
     * keeps no age (its `_age` field stays 0) and no block number with a request.
     */
    requestedAt: z.object({ blockNumber: z.number().int(), session: z.number().int().optional() }).optional(),
    senderDepositPlanck: planckSchema,
    maxCapacity: z.number().int(),
    maxMessageSize: z.number().int(),
    /** Plain words: who or what must act next. */
    waitingFor: z.string(),
  })),
  /** System paras registered on the relay and the para's channels with each (no deposit; one call opens both directions). */
  systemParas: z.array(z.object({
    paraId: z.number().int(),
    outbound: z.enum(['open', 'requested', 'none']),
    inbound: z.enum(['open', 'requested', 'none']),
  })),
});

/** Where a para stands in its life and when its next change lands (read model `onboardingEta`, `onboarding.status`). */
export const onboardingEtaValueSchema = z.object({
  kind: z.literal('onboardingEta'),
  paraId: z.number().int(),
  /**
   * `pvf-check`: validators pre-check the registered code (earliest ETA once it passes); `queued`: accepted, a parathread
   * at `targetSession`; `onboarded`: a parathread or parachain; `offboarding`: leaves at `targetSession`;
   * `lifecycle-change`: turns parathread ↔ parachain at `targetSession`; `not-registered`: no lifecycle;
   * `unknown`: onboarding, and no pre-check vote or queue entry is visible.
   */
  stage: z.enum(['queued', 'pvf-check', 'onboarded', 'offboarding', 'lifecycle-change', 'not-registered', 'unknown']),
  lifecycle: z.string().optional(),
  currentSession: z.number().int(),
  targetSession: z.number().int().optional(),
  sessionsToGo: z.number().int().optional(),
  /** Earliest and latest wall-clock wait; equal when the session start is known. */
  minMs: z.number().int().optional(),
  maxMs: z.number().int().optional(),
  votesAccept: z.number().int().optional(),
  votesReject: z.number().int().optional(),
  validatorCount: z.number().int().optional(),
  ageSessions: z.number().int().optional(),
  votesNeeded: z.number().int().optional(),
  verdict: z.enum(['accepting', 'rejecting', 'pending']).optional(),
  /** A code upgrade in flight: its pre-check vote, or scheduled to apply at a relay block, or the cooldown after one. */
  upgrade: z.object({
    stage: z.enum(['pvf-check', 'scheduled', 'cooldown']),
    codeHash: hexSchema.optional(),
    votesAccept: z.number().int().optional(),
    votesReject: z.number().int().optional(),
    validatorCount: z.number().int().optional(),
    ageSessions: z.number().int().optional(),
    votesNeeded: z.number().int().optional(),
    verdict: z.enum(['accepting', 'rejecting', 'pending']).optional(),
    /** The relay block from which the para's next block switches to the new code. */
    applyAtBlock: z.number().int().optional(),
    cooldownUntilBlock: z.number().int().optional(),
  }).optional(),
});

export const readValueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('balance'), freePlanck: planckSchema, reservedPlanck: planckSchema, frozenPlanck: planckSchema, nonce: z.number().int() }),
  z.object({ kind: z.literal('head'), number: z.number().int(), hash: hexSchema }),
  z.object({ kind: z.literal('nextFreeParaId'), paraId: z.number().int() }),
  z.object({ kind: z.literal('managedParas'), paras: z.array(z.object({ paraId: z.number().int(), depositPlanck: planckSchema, locked: z.boolean().optional() })) }),
  z.object({
    kind: z.literal('para'),
    paraId: z.number().int(),
    /** Absent when the id is not reserved. */
    manager: z.string().optional(),
    depositPlanck: planckSchema.optional(),
    locked: z.boolean().optional(),
    /** `Onboarding`, `Parathread`, `Parachain`, ...; absent before registration. */
    lifecycle: z.string().optional(),
    currentCodeHash: hexSchema.optional(),
  }),
  z.object({
    kind: z.literal('onDemandQueue'),
    /** FixedU128 inner value (10^18 = 1.0): spot price = traffic × base fee. */
    trafficFixed: planckSchema,
    queueSize: z.number().int().optional(),
    /**
     * What the next order pays if it lands in the next block, as the relay computes it then (traffic updated at the
     * block's start and again by the order, for the queue left after the scheduler serves the cores); absent when the
     * runtime has no base fee.
     */
    spotPricePlanck: planckSchema.optional(),
  }),
  z.object({
    kind: z.literal('coretimeSale'),
    /** Null before the first sale. */
    sale: z.object({
      saleStartBlock: z.number().int(),
      leadinLengthBlocks: z.number().int(),
      endPricePlanck: planckSchema,
      selloutPricePlanck: planckSchema.optional(),
      regionBeginTimeslice: z.number().int(),
      regionEndTimeslice: z.number().int(),
      idealCoresSold: z.number().int(),
      coresOffered: z.number().int(),
      coresSold: z.number().int(),
      firstCore: z.number().int(),
      /** `broker.configuration.advanceNotice`: the broker closes the sale (purchases and renewals) this many relay blocks before the region begins. */
      advanceNoticeBlocks: z.number().int().optional(),
      /** Relay blocks per timeslice (`broker.timeslicePeriod`). */
      timeslicePeriodBlocks: z.number().int().optional(),
    }).nullable(),
  }),
  z.object({
    kind: z.literal('coretimeHoldings'),
    regions: z.array(z.object({ begin: z.number().int(), core: z.number().int(), mask: hexSchema, endTimeslice: z.number().int(), paidPlanck: planckSchema.optional() })),
    renewals: z.array(z.object({ core: z.number().int(), when: z.number().int(), pricePlanck: planckSchema, paraIds: z.array(z.number().int()) })),
  }),
  z.object({
    kind: z.literal('relayLimits'),
    maxCodeSize: z.number().int(),
    maxHeadDataSize: z.number().int(),
    paraDepositPlanck: planckSchema.optional(),
    dataDepositPerBytePlanck: planckSchema.optional(),
    /**
     * The console's computed register deposit for this runtime's generation: paraDeposit + dataDepositPerByte ×
     * (head + maxCodeSize), or × (head + code length) on runtimes before polkadot-sdk #3020 (see `registerDepositBasis`).
     */
    registerDepositPlanck: planckSchema.optional(),
    registerDepositBasis: z.enum(['code-size', 'max-code-size', 'unknown']).optional(),
  }),
  z.object({
    kind: z.literal('pvfVote'),
    /** Null when no pre-check vote runs for this code (not submitted yet, or already decided). */
    vote: z.object({ votesAccept: z.number().int(), votesReject: z.number().int(), validatorCount: z.number().int(), ageSessions: z.number().int(), verdict: z.enum(['accepting', 'rejecting', 'pending']) }).nullable(),
  }),
  onboardingEtaValueSchema,
  z.object({ kind: z.literal('leases'), paraId: z.number().int(), periods: z.array(z.object({ account: z.string(), depositPlanck: planckSchema }).nullable()) }),
  z.object({
    kind: z.literal('auction'),
    current: z.object({
      firstLeasePeriod: z.number().int(),
      endingPeriodStartBlock: z.number().int(),
      /** The running auction's number, what a bid names (`auctions.auctionCounter`). */
      auctionIndex: z.number().int().optional(),
      /** Length of the candle ending in relay blocks (`auctions.endingPeriod`). */
      endingPeriodBlocks: z.number().int().optional(),
      leasePeriodBlocks: z.number().int().optional(),
      /** How many consecutive lease periods the auction sells, a bid or a crowdloan at most covers (`auctions.leasePeriodsPerSlot`). */
      leasePeriodsPerSlot: z.number().int().optional(),
    }).nullable(),
  }),
  z.object({ kind: z.literal('candidacy'), bondPlanck: planckSchema, desiredCandidates: z.number().int().optional(), candidates: z.number().int().optional() }),
  z.object({
    kind: z.literal('paraLeasesAndBids'),
    paraId: z.number().int(),
    /** Absent on a relay without slots. */
    currentLeasePeriod: z.number().int().optional(),
    /** One entry per lease period from the current one: who put the deposit up and how much. */
    leases: z.array(z.object({ period: z.number().int(), account: z.string(), depositPlanck: planckSchema })),
    /** Bids naming this para that win the running auction now, by lease-period range. */
    winningBids: z.array(z.object({ firstPeriod: z.number().int(), lastPeriod: z.number().int(), bidder: z.string(), amountPlanck: planckSchema })),
    auctionRunning: z.boolean(),
  }),
  z.object({
    kind: z.literal('paraCoretime'),
    paraId: z.number().int(),
    /** The relay block the Coretime chain last built on, and relay blocks per timeslice. */
    relayBlock: z.number().int(),
    timeslicePeriodBlocks: z.number().int(),
    /** Cores (or parts, by mask) running the para now (`broker.workload`). */
    now: z.array(z.object({ core: z.number().int(), mask: hexSchema })),
    /** Regions planned for the para from a timeslice on (`broker.workplan`). */
    planned: z.array(z.object({ timeslice: z.number().int(), core: z.number().int(), mask: hexSchema })),
    /** Rights to renew a core running the para (`broker.potentialRenewals`), with the broker's window for each. */
    renewals: z.array(z.object({ core: z.number().int(), when: z.number().int(), pricePlanck: planckSchema, window: z.string(), renewableNow: z.boolean() })),
    /** Regions owned by `holder` (`broker.regions`). */
    held: z.array(z.object({ begin: z.number().int(), core: z.number().int(), mask: hexSchema, endTimeslice: z.number().int() })),
  }),
  z.object({ kind: z.literal('autoRenewCall'), callHex: hexSchema, why: z.string() }),
  z.object({
    kind: z.literal('crowdloan'),
    paraId: z.number().int(),
    fund: z.object({ depositor: z.string(), depositPlanck: planckSchema, raisedPlanck: planckSchema, capPlanck: planckSchema, endBlock: z.number().int(), firstPeriod: z.number().int(), lastPeriod: z.number().int() }).nullable(),
  }),
  hrmpChannelsValueSchema,
]);
export type ReadValue = z.infer<typeof readValueSchema>;

// ---------------------------------------------------------------------------
// Transactions

/** A bulk coretime region on the Coretime chain: its first timeslice, its core and the parts of the core it covers (an 80-bit mask, 10 bytes of hex). */
export const brokerRegionSchema = z.object({
  begin: z.number().int().min(0),
  core: z.number().int().min(0).max(65_535),
  mask: z.string().regex(/^0x[0-9a-fA-F]{20}$/, 'A core mask is 10 bytes of hex (0xffffffffffffffffffff for a whole core)'),
}).strict();

/** What the operator wants done, with its arguments. The main process builds the call from it against the connected runtime's metadata. */
export const txIntentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('transfer'), role: chainRoleSchema, dest: addressSchema, amountPlanck: planckSchema }).strict(),
  z.object({ kind: z.literal('remark'), role: chainRoleSchema, text: z.string().max(1_000) }).strict(),
  z.object({ kind: z.literal('reserveParaId') }).strict(),
  z.object({ kind: z.literal('registerPara'), paraId: paraIdSchema, genesisHeadHex: hexSchema, validationCodeHex: hexSchema }).strict(),
  z.object({ kind: z.literal('deregisterPara'), paraId: paraIdSchema }).strict(),
  z.object({ kind: z.literal('addParaLock'), paraId: paraIdSchema }).strict(),
  z.object({ kind: z.literal('scheduleCodeUpgrade'), paraId: paraIdSchema, validationCodeHex: hexSchema }).strict(),
  z.object({ kind: z.literal('placeOnDemandOrder'), paraId: paraIdSchema, maxAmountPlanck: planckSchema, keepAlive: z.boolean() }).strict(),
  /** `onDemand.placeOrderWithCredits`: the price comes out of the account's on-demand credits (bought on the Coretime chain), the fee out of its balance. */
  z.object({ kind: z.literal('placeOnDemandOrderWithCredits'), paraId: paraIdSchema, maxAmountPlanck: planckSchema }).strict(),
  z.object({ kind: z.literal('purchaseCoretime'), priceLimitPlanck: planckSchema }).strict(),
  /**
   * `broker.renew(core)` takes no price limit: the console reads the renewal price when it signs and
   * refuses to sign when it is above `priceCapPlanck`.
   */
  z.object({ kind: z.literal('renewCoretime'), core: z.number().int().min(0).max(65_535), priceCapPlanck: planckSchema.optional() }).strict(),
  /** Splits a region in time: the first part ends `pivotTimeslices` after its begin, the second runs to its end. */
  z.object({ kind: z.literal('partitionRegion'), region: brokerRegionSchema, pivotTimeslices: z.number().int().min(1).max(4_294_967_295) }).strict(),
  /** Splits a region by core parts: `pivotMask` becomes one region, the rest of its mask the other. */
  z.object({ kind: z.literal('interlaceRegion'), region: brokerRegionSchema, pivotMask: brokerRegionSchema.shape.mask }).strict(),
  /** Puts a region in the instantaneous pool; its share of on-demand revenue goes to `payee`. */
  z.object({ kind: z.literal('poolRegion'), region: brokerRegionSchema, payee: addressSchema, finality: z.enum(['Provisional', 'Final']) }).strict(),
  /** Collects the pool revenue a pooled region earned, over at most `maxTimeslices` timeslices. */
  z.object({ kind: z.literal('claimRevenue'), region: brokerRegionSchema, maxTimeslices: z.number().int().min(1).max(100_000) }).strict(),
  /** Removes a region that has ended from storage (anyone may; it pays no refund). */
  z.object({ kind: z.literal('dropRegion'), region: brokerRegionSchema }).strict(),
  /** Buys on-demand credits on the Coretime chain for `beneficiary` on the relay (spent with `onDemand.placeOrderWithCredits`). */
  z.object({ kind: z.literal('purchaseCredit'), amountPlanck: planckSchema, beneficiary: addressSchema }).strict(),
  z.object({
    kind: z.literal('assignRegion'),
    region: z.object({ begin: z.number().int().min(0), core: z.number().int().min(0).max(65_535), mask: hexSchema }).strict(),
    paraId: paraIdSchema,
    finality: z.enum(['Provisional', 'Final']),
  }).strict(),
  z.object({
    kind: z.literal('transferRegion'),
    region: z.object({ begin: z.number().int().min(0), core: z.number().int().min(0).max(65_535), mask: hexSchema }).strict(),
    dest: addressSchema,
  }).strict(),
  z.object({ kind: z.literal('setSessionKeys'), keysHex: hexSchema, proofHex: hexSchema }).strict(),
  z.object({ kind: z.literal('registerAsCandidate') }).strict(),
  /**
   * Sends a channel message the console prepared (`hrmp.prepare`) from the parachain up to the relay, as
   * `sudo.sudo(polkadotXcm.send(relay, message))` signed by the para's sudo key. Only a message this console
   * prepared for `paraId` is taken: the review shows what the relay then reserves and charges.
   */
  z.object({ kind: z.literal('sendHrmpMessage'), paraId: paraIdSchema, xcmHex: hexSchema }).strict(),
  // Slot auctions and crowdloans: offered only where the runtime still runs them (see chain.capabilities).
  z.object({
    kind: z.literal('auctionBid'),
    paraId: paraIdSchema,
    auctionIndex: z.number().int().min(0),
    firstSlot: z.number().int().min(0),
    lastSlot: z.number().int().min(0),
    amountPlanck: planckSchema,
  }).strict(),
  z.object({
    kind: z.literal('createCrowdloan'),
    paraId: paraIdSchema,
    capPlanck: planckSchema,
    firstPeriod: z.number().int().min(0),
    lastPeriod: z.number().int().min(0),
    endBlock: z.number().int().min(0),
  }).strict(),
  z.object({ kind: z.literal('contributeCrowdloan'), paraId: paraIdSchema, amountPlanck: planckSchema }).strict(),
  z.object({ kind: z.literal('withdrawCrowdloan'), paraId: paraIdSchema, contributor: addressSchema }).strict(),
  z.object({ kind: z.literal('refundCrowdloan'), paraId: paraIdSchema }).strict(),
  z.object({ kind: z.literal('dissolveCrowdloan'), paraId: paraIdSchema }).strict(),
  /** After the Asset Hub migration, contributions and deposits come back on Asset Hub. */
  z.object({
    kind: z.literal('reclaimOnAssetHub'),
    what: z.enum(['contribution', 'leaseDeposit', 'crowdloanReserve']),
    unlockBlock: z.number().int().min(0),
    paraId: paraIdSchema,
    depositor: addressSchema.optional(),
  }).strict(),
]);
export type TxIntent = z.infer<typeof txIntentSchema>;

/** Who signs: a key the main process holds (vault), or the browser extension in the renderer. */
export const txSignerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('vault'), address: addressSchema }).strict(),
  z.object({ kind: z.literal('extension'), address: addressSchema }).strict(),
]);
export type TxSignerChoice = z.infer<typeof txSignerSchema>;

export const dispatchErrorSchema = z.object({
  /** `balances.InsufficientBalance`, `CallFiltered`, `token.FundsUnavailable`, ... */
  code: z.string(),
  /** A short heading: "Not enough funds". */
  title: z.string().optional(),
  message: z.string(),
  hint: z.string().optional(),
});
export type DispatchErrorData = z.infer<typeof dispatchErrorSchema>;

export const dryRunSchema = z.object({
  /**
   * `not-offered` when the runtime has neither the dry-run API nor `system_dryRun`;
   * `when-signed` (estimates only) when the runtime can only dry-run signed bytes (`system_dryRun`):
   * the pipeline runs it on the signed transaction before sending, and sends nothing if it fails;
   * `inconclusive` when it cannot judge yet (an earlier transaction of the account is still pending).
   */
  outcome: z.enum(['success', 'would-fail', 'invalid', 'inconclusive', 'not-offered', 'when-signed']),
  method: z.enum(['dryRunApi', 'system_dryRun', 'none']),
  error: dispatchErrorSchema.optional(),
});
export type DryRunResult = z.infer<typeof dryRunSchema>;

/**
 * One movement of the signer's funds the transaction makes, besides the fee:
 * `held` (reserved or put on hold: a deposit), `paid` (withdrawn or burned: an
 * order, a purchase), `transferred` (sent to another account), `released`
 * (a hold or reserve given back).
 */
export const balanceEffectSchema = z.object({
  kind: z.enum(['held', 'paid', 'transferred', 'released']),
  amountPlanck: planckSchema,
  /**
   * `dry-run`: read from the events of the runtime's own dry run; `local-dry-run`: from the events of a run
   * on a local copy of the chain (runtimes without a dry-run API); `estimate`: the console's calculation.
   */
  source: z.enum(['dry-run', 'local-dry-run', 'estimate']),
  /** Plain words: "Deposit for para 2000", "To 5Grw…", "balances.Reserved". */
  label: z.string(),
});
export type BalanceEffect = z.infer<typeof balanceEffectSchema>;

export const txEstimateSchema = z.object({
  role: chainRoleSchema,
  /** `registrar.reserve()` and friends, as the runtime names them. */
  call: z.string(),
  description: z.string(),
  feePlanck: planckSchema,
  dryRun: dryRunSchema,
  /** What the signer's balance will see besides the fee; empty when it moves nothing (or nothing is known). */
  effects: z.array(balanceEffectSchema),
  /**
   * Where `effects` come from: the runtime's dry run (exact on the current state), the console's
   * estimate (the runtime offers no dry run that reports events), or `none` (nothing to say).
   */
  effectsSource: z.enum(['dry-run', 'local-dry-run', 'estimate', 'none']),
  /** Where the effects and fee were read, in plain words ("Run on a local copy of the chain at block 41"), or why no run could be made. */
  effectsNote: z.string().optional(),
  /**
   * `as-charged`: `feePlanck` is what the chain takes once the call has run, if it lands in the next block (a run
   * reported the fee paid, or the weight used on a runtime that weighs no transaction extensions); `up-to`: the
   * chain takes at most `feePlanck` (less by weight the call or, on newer runtimes, its extensions give back).
   * A later block may differ slightly either way: the fee multiplier moves from block to block.
   */
  feeBasis: z.enum(['as-charged', 'up-to']).optional(),
  /** The pre-dispatch fee (what the signer must hold), when `feePlanck` is a lower figure. */
  feeUpToPlanck: planckSchema.optional(),
});
export type TxEstimate = z.infer<typeof txEstimateSchema>;

export const txPhaseSchema = z.enum([
  'queued', 'checking-chain', 'awaiting-signature', 'signed', 'submitted', 'ready', 'in-block', 'finalized',
  /** Nothing to do: the chain already shows the intent done (an unregistered para id already reserved, an order already included). */
  'already-done',
  'failed', 'dropped', 'invalid', 'usurped', 'timed-out',
  /** The connection went away mid-flight: the transaction may or may not be on chain; `tx.retry` reads the chain and finishes the job. */
  'unknown',
]);
export type TxPhase = z.infer<typeof txPhaseSchema>;

export const txRecordSchema = z.object({
  txId: z.string(),
  intentKey: z.string(),
  intent: txIntentSchema,
  role: chainRoleSchema,
  networkId: z.string(),
  signer: txSignerSchema,
  /** Made on a rehearsal fork: no real tokens moved. */
  rehearsal: z.boolean().optional(),
  phase: txPhaseSchema,
  call: z.string().optional(),
  nonce: z.number().int().optional(),
  hash: hexSchema.optional(),
  blockHash: hexSchema.optional(),
  blockNumber: z.number().int().optional(),
  /** `section.Method` of every event the transaction emitted. */
  events: z.array(z.string()).optional(),
  error: dispatchErrorSchema.optional(),
  dryRun: dryRunSchema.optional(),
  /** Plain words for the operator about the latest step. */
  note: z.string().optional(),
  attempts: z.number().int(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type TxRecord = z.infer<typeof txRecordSchema>;

/** A payload the renderer's extension signer must sign (polkadot-js `SignerPayloadJSON`). */
export const signerPayloadSchema = z.object({
  address: z.string(),
  blockHash: hexSchema,
  blockNumber: hexSchema,
  era: hexSchema,
  genesisHash: hexSchema,
  method: hexSchema,
  nonce: hexSchema,
  specVersion: hexSchema,
  tip: hexSchema,
  transactionVersion: hexSchema,
  signedExtensions: z.array(z.string()),
  version: z.number().int(),
  assetId: z.unknown().optional(),
  /** Null unless the runtime checks the metadata hash (CheckMetadataHash). */
  metadataHash: hexSchema.nullable().optional(),
  mode: z.number().int().optional(),
  withSignedTransaction: z.boolean().optional(),
}).passthrough();

export const signRequestSchema = z.object({
  requestId: z.string(),
  txId: z.string(),
  description: z.string(),
  payload: signerPayloadSchema,
  expiresAt: z.number().int(),
});
export type SignRequest = z.infer<typeof signRequestSchema>;

const intentKeySchema = z.string().min(1).max(200);

// ---------------------------------------------------------------------------
// Rehearsal

export const rehearsalStateSchema = z.object({
  status: z.enum(['stopped', 'starting', 'running', 'failed']),
  networkId: z.string().optional(),
  role: chainRoleSchema.optional(),
  endpoint: z.string().optional(),
  funded: z.array(z.object({ address: z.string(), freePlanck: planckSchema })),
  reason: z.string().optional(),
});
export type RehearsalState = z.infer<typeof rehearsalStateSchema>;

// ---------------------------------------------------------------------------

export const chainCalls = {
  'chain.networks': call({ input: noInput, output: z.array(networkSummarySchema), summary: 'Built-in and custom networks with their chains and endpoints.' }),
  'chain.addNetwork': call({ input: z.object({ network: customNetworkSchema }).strict(), output: networkSummarySchema, summary: 'Add (or replace) a custom network: a local network or a private RPC.' }),
  'chain.connect': call({ input: connectInputSchema, output: z.array(connectionStateSchema), summary: 'Open the chosen network\'s chains (one shared connection each); answers once each is connected or has failed.' }),
  'chain.disconnect': call({ input: noInput, output: z.object({ closed: z.number().int() }), summary: 'Close every chain connection.' }),
  'chain.connections': call({ input: noInput, output: z.array(connectionStateSchema), summary: 'The state of each chain connection now.' }),
  'chain.capabilities': call({ input: noInput, output: z.array(capabilitySchema), summary: 'Which flows the connected runtimes offer, from their metadata, and why the others are missing.' }),
  'chain.read': call({ input: z.object({ query: readQuerySchema }).strict(), output: readValueSchema, summary: 'One read-model value now (shared with any open subscription).' }),
  'tx.estimate': call({
    input: z.object({ intent: txIntentSchema, signer: txSignerSchema }).strict(),
    output: txEstimateSchema,
    summary: 'Fee and dry-run result of an intent, before anything is signed.',
  }),
  'tx.submit': call({
    input: z.object({ intent: txIntentSchema, signer: txSignerSchema, intentKey: intentKeySchema }).strict(),
    output: txRecordSchema,
    summary: 'Sign and submit an intent; the same intentKey never submits twice. Progress follows on tx.status.',
  }),
  'tx.retry': call({ input: z.object({ txId: z.string().min(1).max(100) }).strict(), output: txRecordSchema, summary: 'Finish an interrupted transaction: reads the chain first, resubmits only what did not land.' }),
  'tx.pending': call({ input: noInput, output: z.array(txRecordSchema), summary: 'Transactions not yet final, kept across restarts.' }),
  'tx.get': call({ input: z.object({ txId: z.string().min(1).max(100) }).strict(), output: txRecordSchema, summary: 'One transaction record.' }),
  'tx.signResponse': call({
    input: z.object({
      requestId: z.string().min(1).max(100),
      outcome: z.enum(['signed', 'refused']),
      /** The extension's signature when signed. */
      signature: hexSchema.optional(),
      reason: z.string().max(500).optional(),
    }).strict(),
    output: z.object({ accepted: z.boolean() }),
    summary: 'The renderer\'s answer to a tx.signRequest: the extension\'s signature, or a refusal.',
  }),
  'rehearsal.start': call({
    input: z.object({
      networkId: z.string().min(1).max(40),
      role: chainRoleSchema,
      fund: z.array(z.object({ address: addressSchema, freePlanck: planckSchema }).strict()).max(20),
    }).strict(),
    output: rehearsalStateSchema,
    summary: 'Start a local fork of a chain and point the console at it, with funded test accounts.',
  }),
  'rehearsal.stop': call({ input: noInput, output: rehearsalStateSchema, summary: 'Stop the fork and go back to the real chain.' }),
  'rehearsal.state': call({ input: noInput, output: rehearsalStateSchema, summary: 'Whether a rehearsal fork runs.' }),
};

export const chainStreams = {
  'chain.connection': stream({ params: z.object({}).strict(), event: connectionStateSchema, summary: 'Each chain connection\'s state as it changes.' }),
  'chain.readModel': stream({ params: z.object({ query: readQuerySchema }).strict(), event: readValueSchema, summary: 'A read-model value, now and whenever the chain changes it.' }),
  'tx.status': stream({ params: z.object({ txId: z.string().max(100).optional() }).strict(), event: txRecordSchema, summary: 'Every step of one transaction (or all, without txId).' }),
  'tx.signRequest': stream({ params: z.object({}).strict(), event: signRequestSchema, summary: 'Payloads for the renderer\'s extension signer; answer with tx.signResponse.' }),
};
