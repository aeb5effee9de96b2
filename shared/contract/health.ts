import { z } from 'zod';
import { call, noInput, patchOf, stream } from './define';
import { diagnosisSchema } from './diagnosis';

export const healthLevelSchema = z.enum(['ok', 'warn', 'crit']);
export type HealthLevel = z.infer<typeof healthLevelSchema>;

export const collatorRuleIds = [
  'process-down',
  'crash-loop',
  'rpc-unreachable',
  'metrics-unreachable',
  'best-stalled',
  'finality-lag',
  'peers-low',
  'no-collator-peers',
  'syncing-too-long',
  'not-authoring',
  'disk-low',
] as const;
export const parachainRuleIds = ['not-included', 'blockspace-ending', 'renewal-due', 'on-demand-low'] as const;
export const ruleIdSchema = z.enum([...collatorRuleIds, ...parachainRuleIds]);
export type RuleId = z.infer<typeof ruleIdSchema>;
export type CollatorRuleId = (typeof collatorRuleIds)[number];
export type ParachainRuleId = (typeof parachainRuleIds)[number];

export const subjectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('collator'), id: z.string().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('parachain'), paraId: z.number().int().min(0).max(0xffff_ffff) }).strict(),
]);
export type Subject = z.infer<typeof subjectSchema>;

/** Balances cross the wire as decimal strings of planck, never as floating point. */
const planckString = z.string().regex(/^\d+$/);

/**
 * Thresholds for one collator. Times are in units of the parachain's expected
 * block time so the same defaults fit a 6 s and a 12 s chain.
 */
const collatorThresholdsShape = {
  stallWarnBlockTimes: z.number().positive().max(10_000),
  stallCritBlockTimes: z.number().positive().max(10_000),
  finalityLagWarnBlocks: z.number().int().positive(),
  finalityLagCritBlocks: z.number().int().positive(),
  minPeersWarn: z.number().int().min(0),
  minPeersCrit: z.number().int().min(0),
  syncingWarnBlockTimes: z.number().positive(),
  syncingCritBlockTimes: z.number().positive(),
  crashLoopRestarts: z.number().int().min(2),
  crashLoopWindowMs: z.number().int().min(10_000),
  rpcDownCritBlockTimes: z.number().positive(),
  /** How long a freshly started node may take before its RPC first answers. */
  startupGraceBlockTimes: z.number().min(0),
  notAuthoringMargin: z.number().min(1).max(100),
  diskWarnFreePercent: z.number().min(0).max(100),
  diskCritFreePercent: z.number().min(0).max(100),
  /** A disk alarm clears only this many percent above its raise threshold. */
  diskClearMarginPercent: z.number().min(0).max(50),
  /** A raised rule must see its signal healthy this long before it clears: the guard against flapping. */
  clearDwellBlockTimes: z.number().min(0).max(1_000),
  disabledRules: z.array(ruleIdSchema),
};
export const collatorThresholdsSchema = z.object(collatorThresholdsShape).strict();
export const collatorThresholdDefaults: z.infer<typeof collatorThresholdsSchema> = {
  stallWarnBlockTimes: 2,
  stallCritBlockTimes: 5,
  finalityLagWarnBlocks: 10,
  finalityLagCritBlocks: 30,
  minPeersWarn: 2,
  minPeersCrit: 1,
  syncingWarnBlockTimes: 600,
  syncingCritBlockTimes: 3_600,
  crashLoopRestarts: 5,
  crashLoopWindowMs: 600_000,
  rpcDownCritBlockTimes: 2,
  startupGraceBlockTimes: 20,
  notAuthoringMargin: 2,
  diskWarnFreePercent: 10,
  diskCritFreePercent: 5,
  diskClearMarginPercent: 2,
  clearDwellBlockTimes: 3,
  disabledRules: [],
};
export type CollatorThresholds = z.infer<typeof collatorThresholdsSchema>;

const parachainThresholdsShape = {
  /** The parachain's expected block time: the unit of every time threshold. */
  blockTimeMs: z.number().int().min(500).max(600_000),
  relayBlockTimeMs: z.number().int().min(500).max(600_000),
  notIncludedWarnBlockTimes: z.number().positive(),
  notIncludedCritBlockTimes: z.number().positive(),
  blockspaceEndingWarnDays: z.number().positive(),
  blockspaceEndingCritDays: z.number().positive(),
  renewalCritHours: z.number().positive(),
  onDemandWarnOrders: z.number().int().min(0),
  onDemandCritOrders: z.number().int().min(0),
  clearDwellBlockTimes: z.number().min(0).max(1_000),
  disabledRules: z.array(ruleIdSchema),
};
export const parachainThresholdsSchema = z.object(parachainThresholdsShape).strict();
export const parachainThresholdDefaults: z.infer<typeof parachainThresholdsSchema> = {
  blockTimeMs: 6_000,
  relayBlockTimeMs: 6_000,
  notIncludedWarnBlockTimes: 2,
  notIncludedCritBlockTimes: 5,
  blockspaceEndingWarnDays: 14,
  blockspaceEndingCritDays: 3,
  renewalCritHours: 24,
  onDemandWarnOrders: 100,
  onDemandCritOrders: 10,
  clearDwellBlockTimes: 3,
  disabledRules: [],
};
export type ParachainThresholds = z.infer<typeof parachainThresholdsSchema>;

export const collatorThresholdsPatchSchema = collatorThresholdsSchema.partial().strict();
export const parachainThresholdsPatchSchema = parachainThresholdsSchema.partial().strict();
export type CollatorThresholdsPatch = z.infer<typeof collatorThresholdsPatchSchema>;
export type ParachainThresholdsPatch = z.infer<typeof parachainThresholdsPatchSchema>;

/** Defaults for every collator and parachain, plus the operator's overrides per collator and per parachain. */
export const healthRulesSchema = z.object({
  // A file written before a threshold existed still loads: missing fields take their default.
  collatorDefaults: collatorThresholdsPatchSchema.default({}).transform((patch) => ({ ...collatorThresholdDefaults, ...patch })),
  parachainDefaults: parachainThresholdsPatchSchema.default({}).transform((patch) => ({ ...parachainThresholdDefaults, ...patch })),
  collators: z.record(z.string(), collatorThresholdsPatchSchema).default({}),
  /** Keyed by para id as a decimal string. */
  parachains: z.record(z.string().regex(/^\d+$/), parachainThresholdsPatchSchema).default({}),
});
export type HealthRules = z.infer<typeof healthRulesSchema>;

export const rulesUpdateSchema = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('collator-defaults'), patch: collatorThresholdsPatchSchema }).strict(),
  z.object({ scope: z.literal('parachain-defaults'), patch: parachainThresholdsPatchSchema }).strict(),
  z.object({ scope: z.literal('collator'), id: z.string().min(1).max(200), patch: collatorThresholdsPatchSchema }).strict(),
  z.object({ scope: z.literal('parachain'), paraId: z.number().int().min(0), patch: parachainThresholdsPatchSchema }).strict(),
  z.object({ scope: z.literal('reset-collator'), id: z.string().min(1).max(200) }).strict(),
  z.object({ scope: z.literal('reset-parachain'), paraId: z.number().int().min(0) }).strict(),
]);
export type RulesUpdate = z.infer<typeof rulesUpdateSchema>;

/**
 * The diagnosis read when a stall or inclusion alert was raised (and again
 * when it escalated): why the parachain is not advancing, in plain words, and
 * the next step. Verdict `idle` means the para holds no core: nothing is
 * broken, so the alert is information, not a page.
 */
export const alertDiagnosisSchema = diagnosisSchema.pick({ cause: true, verdict: true, words: true, nextStep: true });
export type AlertDiagnosis = z.infer<typeof alertDiagnosisSchema>;

export const findingSchema = z.object({
  rule: ruleIdSchema,
  level: healthLevelSchema,
  message: z.string(),
  hint: z.string().optional(),
  /** When the rule entered its current level. */
  sinceMs: z.number(),
  /** Why, when the rule's alert carried a diagnosis. */
  diagnosis: alertDiagnosisSchema.optional(),
});
export type Finding = z.infer<typeof findingSchema>;

const reachabilitySchema = z.enum(['unknown', 'up', 'down']);

export const collatorHealthSchema = z.object({
  id: z.string(),
  name: z.string(),
  paraId: z.number().int(),
  level: healthLevelSchema,
  findings: z.array(findingSchema),
  rpc: reachabilitySchema,
  metrics: reachabilitySchema,
  alive: z.boolean().nullable(),
  best: z.number().int().nullable(),
  finalized: z.number().int().nullable(),
  peers: z.number().int().nullable(),
  syncPeers: z.number().int().nullable(),
  isSyncing: z.boolean().nullable(),
  blocksAuthored: z.number().nullable(),
  // The figures below came after the first screens were built on this shape: optional, so those keep working.
  readyTransactions: z.number().nullable().optional(),
  collationsGenerated: z.number().nullable().optional(),
  collationsExpired: z.number().nullable().optional(),
  /** The embedded relay node's view: its best block and peers. */
  relayBest: z.number().int().nullable().optional(),
  relayPeers: z.number().int().nullable().optional(),
  openFiles: z.number().int().nullable().optional(),
  cpuPercent: z.number().nullable(),
  memoryBytes: z.number().nullable(),
  diskFreeBytes: z.number().nullable(),
  restartsInWindow: z.number().int(),
});
export type CollatorHealth = z.infer<typeof collatorHealthSchema>;

export const parachainHealthSchema = z.object({
  paraId: z.number().int(),
  name: z.string(),
  level: healthLevelSchema,
  findings: z.array(findingSchema),
  /** The newest relay block read: shows the relay chain is being followed. */
  latestRelayBlock: z.number().int().nullable().optional(),
  lastIncludedRelayBlock: z.number().int().nullable(),
  lastBackedRelayBlock: z.number().int().nullable(),
  timedOutCount: z.number().int(),
  headNumber: z.number().int().nullable(),
  authorSetSize: z.number().int().optional(),
  lastAuthorIndex: z.number().int().nullable(),
  lastAuthorCollatorId: z.string().nullable(),
  blockspace: z.enum(['unknown', 'none', 'lease', 'bulk', 'on-demand']),
  blockspaceEndsAtMs: z.number().nullable(),
  ordersLeft: planckString.nullable(),
});
export type ParachainHealth = z.infer<typeof parachainHealthSchema>;

export const healthStatusSchema = z.object({
  level: healthLevelSchema.or(z.literal('idle')),
  summary: z.string(),
  collators: z.array(collatorHealthSchema),
  parachains: z.array(parachainHealthSchema),
  atMs: z.number(),
});
export type HealthStatus = z.infer<typeof healthStatusSchema>;

export const alertSchema = z.object({
  id: z.string(),
  atMs: z.number(),
  subject: subjectSchema,
  subjectName: z.string(),
  rule: ruleIdSchema,
  from: healthLevelSchema,
  to: healthLevelSchema,
  message: z.string(),
  hint: z.string().optional(),
  /** Why, for a parachain not included or a collator not authoring or stalled: read from the chains when the alert was raised. */
  diagnosis: alertDiagnosisSchema.optional(),
  acknowledged: z.boolean(),
});
export type Alert = z.infer<typeof alertSchema>;

export const seriesMetricSchema = z.enum([
  'best',
  'finalized',
  'peers',
  'blockTimeMs',
  'cpuPercent',
  'memoryBytes',
  'headNumber',
  'includedRelayBlock',
  'inclusionGapRelayBlocks',
  /** Per collator: blocks it authored in each bucket (from its Prometheus counter, else its log). */
  'authoredBlocks',
  /** Per parachain: its candidates included on the relay chain in each bucket. */
  'includedBlocks',
  /** Per parachain: the Aura authority index of the author of each included block (1 s points only). */
  'includedAuthorIndex',
  /** Per parachain: planck spent on on-demand orders in each bucket (exact while a bucket stays under 2^53 planck). */
  'onDemandSpentPlanck',
]);
export type SeriesMetric = z.infer<typeof seriesMetricSchema>;

export const seriesPointSchema = z.tuple([z.number(), z.number()]);
export const seriesSchema = z.object({
  subject: subjectSchema,
  metric: seriesMetricSchema,
  resolutionMs: z.number().int(),
  points: z.array(seriesPointSchema),
});
export type Series = z.infer<typeof seriesSchema>;

export const webhookSettingsSchema = z
  .object({
    enabled: z.boolean().default(false),
    url: z.url({ protocol: /^https?$/ }).or(z.literal('')).default(''),
    /** Alerts below this level are not sent (recoveries to OK are sent when their raise was). */
    minLevel: healthLevelSchema.default('warn'),
    maxAttempts: z.number().int().min(1).max(10).default(4),
    firstRetryDelayMs: z.number().int().min(1).max(60_000).default(1_000),
  })
  .strict();
export type WebhookSettings = z.infer<typeof webhookSettingsSchema>;

/**
 * The webhook as it leaves the main process: a chat or pager URL usually
 * carries its token, so it is kept in the secret box and only whether one is
 * set and its host are shown. The URL itself is write-only (`health.updateWebhook`).
 */
export const webhookViewSchema = z
  .object({
    enabled: z.boolean().default(false),
    configured: z.boolean().default(false),
    /** The address's host (e.g. `hooks.slack.com`), never its path, query or credentials; null when none is set. */
    host: z.string().max(300).nullable().default(null),
    minLevel: healthLevelSchema.default('warn'),
    maxAttempts: z.number().int().min(1).max(10).default(4),
    firstRetryDelayMs: z.number().int().min(1).max(60_000).default(1_000),
  })
  .strict();
export type WebhookView = z.infer<typeof webhookViewSchema>;

export const webhookResultSchema = z.object({
  delivered: z.boolean(),
  attempts: z.number().int(),
  status: z.number().int().nullable(),
  error: z.string().nullable(),
});
export type WebhookResult = z.infer<typeof webhookResultSchema>;

export const healthCalls = {
  'health.status': call({ input: noInput, output: healthStatusSchema, summary: 'Current health of every watched collator and parachain.' }),
  'health.alerts': call({
    input: z
      .object({
        limit: z.number().int().min(1).max(5_000).default(200),
        subject: subjectSchema.optional(),
        unacknowledgedOnly: z.boolean().default(false),
      })
      .strict(),
    output: z.array(alertSchema),
    summary: 'Alert history, newest first.',
  }),
  'health.acknowledge': call({
    input: z.object({ ids: z.array(z.string().min(1).max(100)).min(1).max(5_000) }).strict(),
    output: z.object({ acknowledged: z.number().int() }),
    summary: 'Mark alerts as seen.',
  }),
  'health.getRules': call({ input: noInput, output: healthRulesSchema, summary: 'Rule thresholds: defaults and per-collator and per-parachain overrides.' }),
  'health.updateRules': call({
    input: z.object({ update: rulesUpdateSchema }).strict(),
    output: healthRulesSchema,
    summary: 'Change rule thresholds; returns all of them.',
  }),
  'health.series': call({
    input: z
      .object({
        subject: subjectSchema,
        metric: seriesMetricSchema,
        fromMs: z.number().optional(),
        toMs: z.number().optional(),
        resolution: z.enum(['auto', 'second', 'minute']).default('auto'),
      })
      .strict(),
    output: seriesSchema,
    summary: 'A time series for charts: 1 s points for the last hour, 1 min points for the last week.',
  }),
  'health.getWebhook': call({ input: noInput, output: webhookViewSchema, summary: 'The outgoing alert webhook settings (the address redacted to its host).' }),
  'health.updateWebhook': call({
    input: z.object({ patch: patchOf(webhookSettingsSchema) }).strict(),
    output: webhookViewSchema,
    summary: 'Change the outgoing alert webhook; the address is stored encrypted and never read back.',
  }),
  'health.testWebhook': call({ input: noInput, output: webhookResultSchema, summary: 'Send a test alert to the webhook, with retries.' }),
};

export const healthStreams = {
  'health.changed': stream({ params: z.object({}).strict(), event: healthStatusSchema, summary: 'The health status after any level change.' }),
  'health.alert': stream({ params: z.object({}).strict(), event: alertSchema, summary: 'A rule changed level.' }),
};
