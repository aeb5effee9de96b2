import { z } from 'zod';
import { onboardingEtaValueSchema } from './chain';
import { call, noInput } from './define';

/**
 * The onboarding wizard's progress, kept by the main process so the wizard
 * resumes where the operator stopped. It records choices and the ids of the
 * transactions already submitted for a step; what is true on chain is always
 * re-read from the chain, never taken from here.
 */

export const onboardingStepSchema = z.enum(['network', 'prepare', 'register', 'blockspace', 'collators', 'done']);
export type OnboardingStep = z.infer<typeof onboardingStepSchema>;
export const onboardingSteps = onboardingStepSchema.options;

const addressText = z.string().min(40).max(70);
const planckText = z.string().regex(/^\d{1,40}$/, 'An amount in planck: digits only');

/** Who pays: a key in the console's vault, a browser-extension account, or an address only watched (it cannot sign). */
export const onboardingSignerSchema = z.object({
  kind: z.enum(['vault', 'extension', 'watch']),
  address: addressText,
  name: z.string().max(100).optional(),
}).strict();
export type OnboardingSigner = z.infer<typeof onboardingSignerSchema>;

/** Who signs one collator's `session.setKeys` and candidacy: a console key or an extension account (a watched address cannot sign). */
export const collatorSignerSchema = z.object({
  kind: z.enum(['vault', 'extension']),
  address: addressText,
  name: z.string().max(100).optional(),
}).strict();
export type CollatorSigner = z.infer<typeof collatorSignerSchema>;

const hexText = z.string().regex(/^0x[0-9a-fA-F]*$/, 'Hex starting with 0x').max(4_000);

/** Session keys generated on one collator, with the account their ownership proof was made for. */
export const rotatedSessionKeysSchema = z.object({
  keys: hexText,
  proof: hexText.nullable(),
  /** The `owner` of `author_rotateKeysWithOwner`: only this account can set these keys. */
  owner: addressText,
  decoded: z.array(z.object({ keyType: z.string().max(16), publicKey: hexText }).strict()).max(16).nullable(),
  at: z.number().int(),
}).strict();
export type RotatedSessionKeysRecord = z.infer<typeof rotatedSessionKeysSchema>;

/** What the wizard keeps per collator profile. */
export const collatorSetupSchema = z.object({
  /** Absent: the onboarding signer signs for this collator. */
  signer: collatorSignerSchema.optional(),
  rotated: rotatedSessionKeysSchema.optional(),
}).strict();
export type CollatorSetup = z.infer<typeof collatorSetupSchema>;

export const blockspacePathSchema = z.enum(['bulk', 'on-demand', 'auction']);
export type BlockspacePath = z.infer<typeof blockspacePathSchema>;

/** When the console orders an on-demand block by itself, and what it may spend. */
export const orderPolicySchema = z.object({
  enabled: z.boolean(),
  /** Order when a collator has a block ready, when transactions wait in its pool, or either. */
  trigger: z.enum(['block-ready', 'transactions-waiting', 'either']),
  maxPricePlanck: planckText,
  dailyBudgetPlanck: planckText,
}).strict();
export type OrderPolicy = z.infer<typeof orderPolicySchema>;

/**
 * On-demand orders the console placed for one para, as the chain charged them (the order's price from
 * `OnDemandOrderPlaced`, the fee from `TransactionFeePaid`): a total per UTC day for the last 31 days and the
 * last 50 orders. Kept in its own file, bounded, read in one call.
 */
export const onDemandSpendingSchema = z.object({
  networkId: z.string(),
  paraId: z.number().int(),
  /** Price and fee of today's automatic orders (and the most the ones on their way may cost): what the daily budget counts. */
  autoSpentTodayPlanck: planckText,
  days: z.array(z.object({
    day: z.string(),
    orders: z.number().int(),
    /** Orders the chain refused once in a block (price above the cap, queue full): only their fee was taken. */
    refused: z.number().int(),
    pricePlanck: planckText,
    feePlanck: planckText,
    autoSpentPlanck: planckText,
  })),
  recent: z.array(z.object({
    txId: z.string(),
    atMs: z.number().int(),
    by: z.enum(['auto', 'manual']),
    placed: z.boolean(),
    pricePlanck: planckText.optional(),
    feePlanck: planckText,
    blockNumber: z.number().int(),
    /** `credits`: the price came out of the account's on-demand credits, the fee out of its balance. */
    paidWith: z.enum(['balance', 'credits']),
  })),
  /** Automatic orders sent and not yet in a block. */
  inFlight: z.number().int(),
});
export type OnDemandSpending = z.infer<typeof onDemandSpendingSchema>;

export const onboardingProgressSchema = z.object({
  step: onboardingStepSchema,
  completed: z.array(onboardingStepSchema),
  networkId: z.string().max(40).optional(),
  rehearsal: z.boolean(),
  signer: onboardingSignerSchema.optional(),
  /** The collator profile whose binary and chain spec define the parachain. */
  profileId: z.string().max(100).optional(),
  /** Every collator profile the parachain runs (the first is `profileId`). */
  collatorProfileIds: z.array(z.string().max(100)).max(50),
  paraId: z.number().int().min(0).max(4_294_967_295).optional(),
  /** Other para ids the operator follows on the Parachains screen. */
  watchedParaIds: z.array(z.number().int().min(0).max(4_294_967_295)).max(100).default([]),
  blockspace: blockspacePathSchema.optional(),
  orderPolicy: orderPolicySchema.optional(),
  /** Per collator profile id: its signer and its rotated session keys (progress saved before this existed has none). */
  collators: z.record(z.string().max(100), collatorSetupSchema).default({}),
  /** The transaction submitted for each intent key (`reserve:paseo`, `register:paseo:4242`), to follow it after a restart instead of signing again. */
  txIds: z.record(z.string().max(200), z.string().max(100)),
  updatedAt: z.number().int(),
});
export type OnboardingProgress = z.infer<typeof onboardingProgressSchema>;

export const onboardingPatchSchema = z.object({
  step: onboardingStepSchema.optional(),
  /** Marks a step done (added to `completed`). */
  complete: onboardingStepSchema.optional(),
  networkId: z.string().min(1).max(40).optional(),
  rehearsal: z.boolean().optional(),
  signer: onboardingSignerSchema.nullable().optional(),
  profileId: z.string().min(1).max(100).nullable().optional(),
  collatorProfileIds: z.array(z.string().min(1).max(100)).max(50).optional(),
  paraId: z.number().int().min(0).max(4_294_967_295).nullable().optional(),
  watchedParaIds: z.array(z.number().int().min(0).max(4_294_967_295)).max(100).optional(),
  blockspace: blockspacePathSchema.nullable().optional(),
  orderPolicy: orderPolicySchema.nullable().optional(),
  /** Changes one collator's setup: null clears its signer (back to the onboarding signer) or its rotated keys. */
  collator: z.object({
    profileId: z.string().min(1).max(100),
    signer: collatorSignerSchema.nullable().optional(),
    rotated: rotatedSessionKeysSchema.nullable().optional(),
  }).strict().optional(),
  /** Records the transaction of one intent key (merged into `txIds`). */
  tx: z.object({ intentKey: z.string().min(1).max(200), txId: z.string().min(1).max(100) }).strict().optional(),
}).strict();
export type OnboardingPatch = z.infer<typeof onboardingPatchSchema>;

export const genesisPayloadSchema = z.object({
  paraId: z.number().int(),
  genesisHeadHex: z.string(),
  validationCodeHex: z.string(),
  headSizeBytes: z.number().int(),
  codeSizeBytes: z.number().int(),
  /** Wasm magic bytes (`\0asm`) or zstd-compressed Wasm, as the relay expects. */
  codeLooksLikeWasm: z.boolean(),
  createdAt: z.number().int(),
});
export type GenesisPayload = z.infer<typeof genesisPayloadSchema>;

export const coretimeSaleViewSchema = z.object({
  phase: z.enum(['interlude', 'lead-in', 'fixed-price', 'sold-out', 'ended']),
  nowBlock: z.number().int(),
  priceNowPlanck: planckText,
  endPricePlanck: planckText,
  saleStartBlock: z.number().int(),
  leadinEndBlock: z.number().int(),
  saleEndBlock: z.number().int(),
  regionBeginBlock: z.number().int(),
  regionEndBlock: z.number().int(),
  /**
   * Relay blocks per timeslice, as the Coretime chain's runtime sets it (`broker.timeslicePeriod`): regions and
   * renewal rights count in timeslices, this view in relay blocks.
   */
  timeslicePeriodBlocks: z.number().int().positive(),
  coresOffered: z.number().int(),
  coresSold: z.number().int(),
  /** The relay block from which the broker takes neither purchases nor renewals for this region (it moves to the next sale). */
  renewalsCloseBlock: z.number().int().optional(),
  /** The price over the sale, in relay blocks, for the chart. */
  curve: z.array(z.object({ block: z.number().int(), pricePlanck: planckText })),
});
export type CoretimeSaleView = z.infer<typeof coretimeSaleViewSchema>;

export const registrationFactsSchema = z.object({
  maxCodeSizeBytes: z.number().int(),
  maxHeadSizeBytes: z.number().int(),
  /** Held by `reserve`. */
  paraDepositPlanck: planckText,
  dataDepositPerBytePlanck: planckText,
  /** Held in total once registered (the reservation's deposit included). */
  registerDepositPlanck: planckText,
  /** What `register` holds on top of the reserve deposit. */
  registerAdditionalPlanck: planckText,
  /**
   * `dry-run`: the relay ran this register call for the para's manager and reported what it reserves (exact);
   * `computed`: the console's formula for this runtime's generation (an estimate: no dry run possible yet).
   */
  registerDepositSource: z.enum(['dry-run', 'computed']),
  /**
   * What the runtime charges the per-byte deposit on: the code's own length (`code-size`, runtimes before
   * polkadot-sdk #3020), the relay's maximum code size (`max-code-size`), or `unknown` (the runtime ships no
   * call docs to tell: a computed figure is then the max-code-size one, an upper bound).
   */
  registerDepositBasis: z.enum(['code-size', 'max-code-size', 'unknown']),
  /** The code bytes the deposit is charged for; absent when that depends on code not exported yet. */
  registerDepositCodeBytes: z.number().int().optional(),
  onDemandBaseFeePlanck: planckText.optional(),
  /** Present when a genesis is exported for the para id: whether it fits the relay's limits. */
  codeFits: z.boolean().optional(),
  headFits: z.boolean().optional(),
});
export type RegistrationFacts = z.infer<typeof registrationFactsSchema>;

/** A para's life on the relay: the same value the read model streams as `onboardingEta`, read once. */
export const onboardingStatusSchema = onboardingEtaValueSchema.omit({ kind: true });
export type OnboardingStatusView = z.infer<typeof onboardingStatusSchema>;

export const networkFactsSchema = z.object({
  networkId: z.string(),
  /** The relay's expected block time, for countdowns. */
  relayBlockTimeMs: z.number().int(),
  /** Block-explorer base URLs per chain, where the network has one. */
  explorers: z.object({ relay: z.string().optional(), coretime: z.string().optional(), assetHub: z.string().optional() }),
});
export type NetworkFacts = z.infer<typeof networkFactsSchema>;

export const onboardingCalls = {
  'onboarding.get': call({ input: noInput, output: onboardingProgressSchema, summary: 'Where the onboarding wizard stands and what the operator chose.' }),
  'onboarding.update': call({
    input: z.object({ patch: onboardingPatchSchema }).strict(),
    output: onboardingProgressSchema,
    summary: 'Record a choice or a step done; null clears a field.',
  }),
  'onboarding.reset': call({ input: noInput, output: onboardingProgressSchema, summary: 'Start the wizard over (nothing on chain is touched).' }),
  'onboarding.genesis': call({
    input: z.object({ paraId: z.number().int().min(0).max(4_294_967_295) }).strict(),
    output: genesisPayloadSchema,
    summary: 'The exported genesis head and validation code for a para id, read from the artifacts folder, for the register transaction.',
  }),
  'onboarding.registrationFacts': call({
    input: z.object({ paraId: z.number().int().min(0).max(4_294_967_295).optional() }).strict(),
    output: registrationFactsSchema,
    summary: 'The relay\'s size limits and every registration deposit, checked against the genesis exported for the para id when there is one.',
  }),
  'onboarding.status': call({
    input: z.object({ paraId: z.number().int().min(0).max(4_294_967_295) }).strict(),
    output: onboardingStatusSchema,
    summary: 'A para\'s life on the relay, read once (the wizard follows the read model\'s onboardingEta stream): the pre-check vote of its registration or code upgrade, the session (with an ETA) of its next lifecycle change.',
  }),
  'onboarding.networkFacts': call({
    input: noInput,
    output: z.array(networkFactsSchema),
    summary: 'Per network, built-in and custom: the relay block time and the block-explorer links the wizard and transaction views use.',
  }),
  'onboarding.orderSpending': call({
    input: z.object({ paraId: z.number().int().min(0).max(4_294_967_295) }).strict(),
    output: onDemandSpendingSchema,
    summary: 'What the on-demand orders placed from this console cost the para on the current network, price and fee as charged: per day and the latest orders.',
  }),
  'onboarding.coretimeSale': call({
    input: noInput,
    output: z.object({ sale: coretimeSaleViewSchema.nullable() }),
    summary: 'The current bulk coretime sale: phase, price now and the price curve (null between sales). Needs the Coretime chain and the relay connected.',
  }),
};
