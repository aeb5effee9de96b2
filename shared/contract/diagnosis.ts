import { z } from 'zod';
import { call } from './define';
import { hexSchema, paraIdSchema } from './chain';

/**
 * "Why is my parachain not advancing?" The console gathers what the chains,
 * the collator's node and its Prometheus exporters say about one parachain
 * or one collator, and names the most likely cause with its evidence and the
 * next step. Every figure in the evidence was read, not guessed: a part the
 * console could not read says so (`read: false`) with the reason.
 */

const blockNumber = z.number().int().min(0);
const count = z.number().min(0);

/** A part of the evidence the console could not read, and why (not connected, method refused, …). */
const notRead = z.object({ read: z.literal(false), why: z.string() }).strict();

function readable<T extends z.ZodRawShape>(shape: T) {
  return z.discriminatedUnion('read', [z.object({ read: z.literal(true), ...shape }).strict(), notRead]);
}

export const diagnosisSubjectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('parachain'), paraId: paraIdSchema }).strict(),
  /** A collator profile (its para id from its chain spec, its ports from the profile), or a remote collator (its para id and addresses as added). */
  z.object({ kind: z.literal('collator'), id: z.string().min(1).max(200) }).strict(),
]);
export type DiagnosisSubject = z.infer<typeof diagnosisSubjectSchema>;

/** `paras.paraLifecycles(id)` on the relay; `lifecycle: null` when the relay has no such para. */
export const registrationEvidenceSchema = readable({ lifecycle: z.string().nullable() });

/**
 * Whether the para holds a core now, from the relay's own scheduling state:
 * its claim queue, the cores' assignments, its lease, the on-demand queue,
 * and (when the Coretime chain is connected) the broker's renewal rights.
 */
export const blockspaceEvidenceSchema = readable({
  relayBlock: blockNumber,
  /** Cores whose claim queue holds an assignment for this para now (bulk or on-demand). */
  claimedCores: z.array(z.number().int().min(0)),
  /** Cores whose current or queued coretime assignment names this para as its task. */
  assignedCores: z.array(z.number().int().min(0)),
  /** `slots.leases(id)`: lease periods held from the current one on; null on a relay without slots. */
  leasePeriodsHeld: z.number().int().min(0).nullable(),
  /** The relay block where the last held lease period ends, when the relay tells its lease timing. */
  leaseEndsAtRelayBlock: blockNumber.nullable(),
  /** On a relay before coretime, every lease-holding Parachain has a core of its own. */
  legacyDedicatedCore: z.boolean(),
  /** Cores that take from the on-demand pool now; null on a relay without on-demand coretime. */
  onDemandPoolCores: z.number().int().min(0).nullable(),
  /** Orders for this para waiting in the on-demand queue; null when the relay's queue layout does not tell. */
  onDemandOrdersQueued: z.number().int().min(0).nullable(),
  /** The account paying this para's orders, when the console knows it, and what it can spend (planck). */
  orderingAccount: z.object({ address: z.string(), spendablePlanck: z.string().regex(/^\d+$/), orderPricePlanck: z.string().regex(/^\d+$/).nullable() }).strict().nullable(),
  /** A bulk region of this para that ended (a renewal right at its end), from the Coretime chain; null when none or not read. */
  regionEndedAtRelayBlock: blockNumber.nullable(),
});
export type BlockspaceEvidence = z.infer<typeof blockspaceEvidenceSchema>;

/** `paraInclusion` events of the relay blocks looked back over. */
export const inclusionEvidenceSchema = readable({
  fromRelayBlock: blockNumber,
  toRelayBlock: blockNumber,
  backed: z.number().int().min(0),
  included: z.number().int().min(0),
  timedOut: z.number().int().min(0),
  lastBackedRelayBlock: blockNumber.nullable(),
  lastIncludedRelayBlock: blockNumber.nullable(),
  lastTimedOutRelayBlock: blockNumber.nullable(),
});
export type InclusionEvidence = z.infer<typeof inclusionEvidenceSchema>;

/**
 * The collator's relay-side collation funnel, from its embedded relay node's
 * Prometheus exporter (the `polkadot_parachain_collation*` families). Counts
 * are since the node started; null when the node does not export that family.
 */
export const collationEvidenceSchema = readable({
  generated: count.nullable(),
  advertised: count.nullable(),
  sendRequested: count.nullable(),
  sent: count.nullable(),
  /** The count of `polkadot_parachain_collation_backing_latency`: collations backed. */
  backed: count.nullable(),
  /** The count of `polkadot_parachain_collation_inclusion_latency`: collations included. */
  included: count.nullable(),
  /** Mean relay blocks from backed to included (1 is normal). */
  meanInclusionLatencyBlocks: z.number().min(0).nullable(),
  /** `polkadot_parachain_collation_expired_count` by the last state each reached: advertised, fetched, backed. */
  expiredByState: z.record(z.string(), count),
});
export type CollationEvidence = z.infer<typeof collationEvidenceSchema>;

/** One half of the collator node (the parachain node or its embedded relay node), from its Prometheus exporter. */
export const nodeSyncEvidenceSchema = readable({
  best: blockNumber.nullable(),
  finalized: blockNumber.nullable(),
  syncTarget: blockNumber.nullable(),
  peers: count.nullable(),
  majorSyncing: z.boolean().nullable(),
  /** The chain's own best block, to compare with: the relay's head for the relay half. */
  chainBest: blockNumber.nullable(),
});
export type NodeSyncEvidence = z.infer<typeof nodeSyncEvidenceSchema>;

/**
 * The collator's keys: which accounts' session keys on the parachain its
 * keystore holds (`author_hasSessionKeys`), whether it holds a key of the
 * current Aura authority set (`author_hasKey`), and its standing in
 * collator selection.
 */
export const keysEvidenceSchema = readable({
  /** Accounts whose `session.nextKeys` this node's keystore holds. */
  accountsWithKeysInKeystore: z.array(z.string()),
  /** Accounts with session keys set on chain at all (`session.nextKeys` entries). */
  accountsWithKeysOnChain: z.number().int().min(0),
  authorityCount: z.number().int().min(0),
  /** The Aura authority this node holds the key of, if any. */
  authorityKeyHeld: hexSchema.nullable(),
  /** Of the accounts above: whether one is queued to become an authority at the next session. */
  queuedForNextSession: z.boolean(),
  /** Null on a chain without collator selection. */
  collatorSelection: z.object({ invulnerable: z.boolean(), candidate: z.boolean() }).strict().nullable(),
});
export type KeysEvidence = z.infer<typeof keysEvidenceSchema>;

/** The para's code and head as the relay holds them, against the collator's own chain. */
export const codeEvidenceSchema = readable({
  /** The relay block a scheduled upgrade applies at (`paras.futureCodeUpgrades(id)`, or the para's entry in `futureCodeUpgradesAt`). */
  upgradeAppliesAtRelayBlock: blockNumber.nullable(),
  /** `paras.futureCodeHash(id)`: the code an upgrade under way switches to (set from scheduling, through the pre-check, until it applies). */
  upgradeCodeHash: hexSchema.nullable(),
  /** The head the relay holds for the para (`paras.heads`). */
  relayHeadNumber: blockNumber.nullable(),
  relayHeadHash: hexSchema.nullable(),
  /** The collator's own block hash at that number; null when not asked (no collator) or it does not have it. */
  nodeHashAtRelayHead: hexSchema.nullable(),
});
export type CodeEvidence = z.infer<typeof codeEvidenceSchema>;

export const diagnosisEvidenceSchema = z.object({
  paraId: paraIdSchema,
  /** The collator diagnosed, when the subject is a collator. */
  collatorId: z.string().optional(),
  /** The para's expected block time, and the relay's; a stall is counted in them. */
  blockTimeMs: z.number().int().positive(),
  relayBlockTimeMs: z.number().int().positive(),
  registration: registrationEvidenceSchema,
  blockspace: blockspaceEvidenceSchema,
  inclusion: inclusionEvidenceSchema,
  collations: collationEvidenceSchema,
  relayNode: nodeSyncEvidenceSchema,
  paraNode: nodeSyncEvidenceSchema,
  keys: keysEvidenceSchema,
  code: codeEvidenceSchema,
});
export type DiagnosisEvidence = z.infer<typeof diagnosisEvidenceSchema>;

/** The causes the console can name, most likely first when several fail. */
export const diagnosisCauseSchema = z.enum([
  'advancing',
  'not-registered',
  'onboarding',
  'offboarding',
  'no-core',
  'region-ended',
  'lease-ended',
  'on-demand-no-order',
  'on-demand-no-funds',
  'relay-node-no-peers',
  'relay-node-syncing',
  'para-node-syncing',
  'keys-not-in-keystore',
  'keys-not-set',
  'not-in-authority-set',
  'collations-not-generated',
  'collations-not-advertised',
  'collations-not-fetched',
  'not-backed',
  'backed-not-included',
  'head-mismatch',
  'code-upgrade-pending',
  'unknown',
]);
export type DiagnosisCause = z.infer<typeof diagnosisCauseSchema>;

export const checkStatusSchema = z.enum(['pass', 'fail', 'not-read']);
export type CheckStatus = z.infer<typeof checkStatusSchema>;

export const diagnosisCheckIdSchema = z.enum(['registration', 'blockspace', 'inclusion', 'relay-node', 'para-node', 'keys', 'collations', 'head', 'code']);
export type DiagnosisCheckId = z.infer<typeof diagnosisCheckIdSchema>;

/** One link in the chain of checks, in the order the console weighs them. */
export const diagnosisCheckSchema = z.object({
  id: diagnosisCheckIdSchema,
  title: z.string(),
  status: checkStatusSchema,
  /** What was read, in plain words with its figures. */
  evidence: z.string(),
}).strict();
export type DiagnosisCheck = z.infer<typeof diagnosisCheckSchema>;

export const diagnosisSchema = z.object({
  subject: diagnosisSubjectSchema,
  paraId: paraIdSchema,
  cause: diagnosisCauseSchema,
  /** `ok`: advancing; `idle`: holds no core, so nothing is broken; `problem`: something to fix; `unknown`: too little could be read. */
  verdict: z.enum(['ok', 'idle', 'problem', 'unknown']),
  /** The cause in plain words, with its evidence: "No core assigned: the region ended at relay block 1,200." */
  words: z.string(),
  /** What to do next, and who can: "Renew, or order on demand." */
  nextStep: z.string(),
  /** False when the fix lies with others (the validators, the relay): nothing to do on the operator's side. */
  operatorCanFix: z.boolean(),
  checks: z.array(diagnosisCheckSchema),
  evidence: diagnosisEvidenceSchema,
  readAtMs: z.number().int(),
}).strict();
export type Diagnosis = z.infer<typeof diagnosisSchema>;

export const diagnosisReadInputSchema = z.object({ subject: diagnosisSubjectSchema }).strict();

export const diagnosisCalls = {
  'diagnosis.read': call({
    input: diagnosisReadInputSchema,
    output: diagnosisSchema,
    summary: 'Why a parachain is not advancing, or a collator not authoring: each check with its evidence read from the chains and the node, the most likely cause and the next step.',
  }),
};
